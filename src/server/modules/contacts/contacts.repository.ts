import { type Insertable, sql, type Updateable } from 'kysely';
import type { Trx } from '../../db/client.ts';
import type { ContactsTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';

/** Contacts with their account's name and the exact sort keys of both list orders. */
const withAccount = (trx: Trx, workspaceId: string) =>
  trx
    .selectFrom('contacts')
    .leftJoin('accounts', (j) => j.onRef('accounts.id', '=', 'contacts.accountId').on('accounts.workspaceId', '=', workspaceId))
    .selectAll('contacts')
    .select([
      'accounts.name as accountName',
      // Stored sort keys (migration 202612042000): plain columns keep the keyset inside the index.
      sql<string>`contacts.name_key`.as('nameKey'),
      // Text keeps the microseconds a JavaScript Date would lose, so a cursor never repeats a row.
      sql<string>`contacts.created_at::text`.as('createdKey'),
    ])
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

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/** A keyset page of contacts (limit+1 rows). */
export function listContacts(trx: Trx, workspaceId: string, f: ContactFilter, limit: number, after?: Cursor) {
  let q = withAccount(trx, workspaceId);
  q = f.deleted === 'only' ? q.where('contacts.deletedAt', 'is not', null) : q.where('contacts.deletedAt', 'is', null);
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    q = q.where(
      sql<boolean>`(immutable_unaccent_lower(contacts.first_name || ' ' || contacts.last_name) like immutable_unaccent_lower(${pattern})
        or contact_email_text(contacts.emails) like lower(${pattern}))`,
    );
  }
  if (f.accountId) q = q.where('contacts.accountId', '=', f.accountId);
  if (f.partnerId) q = q.where('contacts.partnerId', '=', f.partnerId);
  if (f.ownerUserId) q = q.where('contacts.ownerUserId', '=', f.ownerUserId);
  // Through the GIN index on emails, which row-level security keeps from a plain `emails @> …`.
  if (f.email) q = q.where(sql<boolean>`contacts.id in (select contacts_with_email(${workspaceId}::uuid, ${f.email}))`);
  if (f.sort === 'name') {
    if (after) q = q.where(sql<boolean>`(contacts.name_key, contacts.id) > (${String(after.k)}, ${after.id}::uuid)`);
    q = q.orderBy(sql`contacts.name_key`).orderBy('contacts.id');
  } else {
    if (after) q = q.where(sql<boolean>`(contacts.created_at, contacts.id) > (${String(after.k)}::timestamptz, ${after.id}::uuid)`);
    q = q.orderBy('contacts.createdAt').orderBy('contacts.id');
  }
  return q.limit(limit + 1).execute();
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
