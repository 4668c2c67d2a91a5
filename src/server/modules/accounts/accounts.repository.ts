import { type Insertable, sql, type Updateable } from 'kysely';
import type { Trx } from '../../db/client.ts';
import { afterCursor, sortKey } from '../../db/keyset.ts';
import { containsFilter } from '../../db/name-filter.ts';
import type { AccountsTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';

const withDomains = (trx: Trx) =>
  trx
    .selectFrom('accounts')
    .selectAll('accounts')
    .select(
      sql<string[]>`coalesce((select array_agg(d.domain order by d.domain) from account_domains d where d.account_id = accounts.id), '{}')`.as(
        'domains',
      ),
    );

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

/** One account of the workspace (deleted ones only when asked), with its domains. */
export function findAccount(trx: Trx, workspaceId: string, id: string, opts: { includeDeleted?: boolean } = {}) {
  let q = withDomains(trx).where('accounts.workspaceId', '=', workspaceId).where('accounts.id', '=', id);
  if (!opts.includeDeleted) q = q.where('accounts.deletedAt', 'is', null);
  return q.executeTakeFirst();
}

export type AccountFilter = {
  q?: string;
  domain?: string;
  ownerUserId?: string;
  customerStatus?: string;
  country?: string;
  segment?: string;
  deleted: 'exclude' | 'only';
  sort: 'name' | 'createdAt';
};

/** The list orders: the stored folded name (Ü sorts with U) and the creation time. */
export const ACCOUNT_SORTS = { name: sortKey.text('accounts.nameKey'), createdAt: sortKey.timestamp('accounts.createdAt') };

/** A keyset page of accounts (limit+1 rows), each with `sortKey` for the next cursor. */
export async function listAccounts(trx: Trx, workspaceId: string, f: AccountFilter, limit: number, after?: Cursor) {
  const sort = ACCOUNT_SORTS[f.sort];
  let q = withDomains(trx).select(sort.text.as('sortKey')).where('accounts.workspaceId', '=', workspaceId);
  q = f.deleted === 'only' ? q.where('accounts.deletedAt', 'is not', null) : q.where('accounts.deletedAt', 'is', null);
  if (f.q) {
    q = q.where(
      await containsFilter(trx, {
        lookup: 'account_ids_named_like',
        workspaceId,
        q: f.q,
        idColumn: 'accounts.id',
        scan: (folded) => sql<boolean>`strpos(accounts.name_key, ${folded}) > 0`,
      }),
    );
  }
  if (f.domain) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('accountDomains as d')
          .select('d.domain')
          .whereRef('d.accountId', '=', 'accounts.id')
          .where('d.workspaceId', '=', workspaceId)
          .where('d.domain', '=', f.domain as string),
      ),
    );
  }
  if (f.ownerUserId) q = q.where('accounts.ownerUserId', '=', f.ownerUserId);
  if (f.customerStatus) q = q.where('accounts.customerStatus', '=', f.customerStatus as never);
  if (f.country) q = q.where('accounts.country', '=', f.country);
  if (f.segment) q = q.where('accounts.segment', '=', f.segment);
  if (after) q = q.where(afterCursor(sort, 'accounts.id', after));
  return q
    .orderBy(sort.key)
    .orderBy('accounts.id')
    .limit(limit + 1)
    .execute();
}

export function insertAccount(trx: Trx, values: Insertable<AccountsTable>) {
  return trx.insertInto('accounts').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateAccount(trx: Trx, workspaceId: string, id: string, values: Updateable<AccountsTable>) {
  return trx.updateTable('accounts').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** Accounts (other than `exceptId`) that already hold any of these domains. */
export function domainOwners(trx: Trx, workspaceId: string, domains: string[], exceptId?: string) {
  let q = trx
    .selectFrom('accountDomains as d')
    .innerJoin('accounts as a', 'a.id', 'd.accountId')
    .select(['d.domain', 'a.id', 'a.name'])
    .where('d.workspaceId', '=', workspaceId)
    .where('d.domain', 'in', domains);
  if (exceptId) q = q.where('a.id', '!=', exceptId);
  return q.execute();
}

/** Replaces an account's domains. */
export async function setDomains(trx: Trx, workspaceId: string, accountId: string, domains: string[]) {
  await trx.deleteFrom('accountDomains').where('workspaceId', '=', workspaceId).where('accountId', '=', accountId).execute();
  if (domains.length)
    await trx
      .insertInto('accountDomains')
      .values(domains.map((domain) => ({ workspaceId, accountId, domain })))
      .execute();
}
