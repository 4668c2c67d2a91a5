import { type Insertable, sql, type Updateable } from 'kysely';
import type { Trx } from '../../db/client.ts';
import { afterCursor, sortKey } from '../../db/keyset.ts';
import { containsFilter } from '../../db/name-filter.ts';
import type { ContactsTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';

/** Contacts with their account's name. */
const withAccount = (trx: Trx, workspaceId: string) =>
  trx
    .selectFrom('contacts')
    .leftJoin('accounts', (j) => j.onRef('accounts.id', '=', 'contacts.accountId').on('accounts.workspaceId', '=', workspaceId))
    .selectAll('contacts')
    .select('accounts.name as accountName')
    .where('contacts.workspaceId', '=', workspaceId);

export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContact>>>;

/** One contact of the workspace (deleted ones only when asked), with its account's name. */
export function findContact(trx: Trx, workspaceId: string, id: string, opts: { includeDeleted?: boolean } = {}) {
  let q = withAccount(trx, workspaceId).where('contacts.id', '=', id);
  if (!opts.includeDeleted) q = q.where('contacts.deletedAt', 'is', null);
  return q.executeTakeFirst();
}

export type ContactFilter = {
  q?: string;
  accountId?: string;
  partnerId?: string;
  email?: string;
  ownerUserId?: string;
  deleted: 'exclude' | 'only';
  sort: 'name' | 'createdAt';
};

/** The list orders: last name then first name (a stored key), and the creation time. */
export const CONTACT_SORTS = { name: sortKey.text('contacts.nameKey'), createdAt: sortKey.timestamp('contacts.createdAt') };

/** A keyset page of contacts (limit+1 rows), each with `sortKey` for the next cursor. */
export async function listContacts(trx: Trx, workspaceId: string, f: ContactFilter, limit: number, after?: Cursor) {
  const sort = CONTACT_SORTS[f.sort];
  let q = withAccount(trx, workspaceId).select(sort.text.as('sortKey'));
  q = f.deleted === 'only' ? q.where('contacts.deletedAt', 'is not', null) : q.where('contacts.deletedAt', 'is', null);
  if (f.q) {
    q = q.where(
      await containsFilter(trx, {
        lookup: 'contact_ids_matching',
        workspaceId,
        q: f.q,
        idColumn: 'contacts.id',
        scan: (folded) => sql<boolean>`(strpos(immutable_unaccent_lower(contacts.first_name || ' ' || contacts.last_name), ${folded}) > 0
          or strpos(contact_email_text(contacts.emails), ${folded}) > 0)`,
      }),
    );
  }
  if (f.accountId) q = q.where('contacts.accountId', '=', f.accountId);
  if (f.partnerId) q = q.where('contacts.partnerId', '=', f.partnerId);
  if (f.ownerUserId) q = q.where('contacts.ownerUserId', '=', f.ownerUserId);
  // Through the GIN index on emails, which row-level security keeps from a plain `emails @> …`.
  if (f.email) q = q.where(sql<boolean>`contacts.id in (select contacts_with_email(${workspaceId}::uuid, ${f.email}))`);
  if (after) q = q.where(afterCursor(sort, 'contacts.id', after));
  return q
    .orderBy(sort.key)
    .orderBy('contacts.id')
    .limit(limit + 1)
    .execute();
}

export function insertContact(trx: Trx, values: Insertable<ContactsTable>) {
  return trx.insertInto('contacts').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateContact(trx: Trx, workspaceId: string, id: string, values: Updateable<ContactsTable>) {
  return trx.updateTable('contacts').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** Whether a live account with this id exists in the workspace. */
export async function accountExists(trx: Trx, workspaceId: string, id: string) {
  const row = await trx
    .selectFrom('accounts')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** Whether a live partner with this id exists in the workspace. */
export async function partnerExists(trx: Trx, workspaceId: string, id: string) {
  const row = await trx
    .selectFrom('partners')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** Whether the user is a staff member of the workspace. */
export async function isMember(trx: Trx, workspaceId: string, userId: string) {
  const row = await trx
    .selectFrom('workspaceMembers')
    .select('userId')
    .where('workspaceId', '=', workspaceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Boolean(row);
}
