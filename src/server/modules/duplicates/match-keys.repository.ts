import { sql } from 'kysely';
import type { Trx } from '../../db/client.ts';

/** An account as its blocking keys see it: name, domains, and whether it is deleted. */
export type KeyedAccount = { id: string; name: string; domains: string[]; deleted: boolean };

/**
 * The accounts with their names and domains, each row locked (`for no key update`) so that a
 * concurrent rename or domain change waits for these keys to commit and then writes its own: the
 * last writer computed its keys from the last state. Deleted accounts too (they lose their keys).
 */
export async function lockAccountsForKeys(trx: Trx, workspaceId: string, ids: readonly string[]): Promise<KeyedAccount[]> {
  if (!ids.length) return [];
  const { rows } = await sql<KeyedAccount>`
    select a.id, a.name, a.deleted_at is not null as deleted,
      array(select d.domain from account_domains d where d.account_id = a.id and d.workspace_id = ${workspaceId} order by d.domain) as domains
    from accounts a
    where a.workspace_id = ${workspaceId} and a.id = any(${ids}::uuid[])
    order by a.id
    for no key update of a`.execute(trx);
  return rows;
}

/** Replaces the keys of these accounts with `keys` (pairs of account id and key): one delete, one insert. */
export async function replaceKeys(trx: Trx, workspaceId: string, accountIds: readonly string[], keys: { accountId: string; key: string }[]) {
  if (!accountIds.length) return;
  await sql`delete from company_match_keys where workspace_id = ${workspaceId} and account_id = any(${accountIds}::uuid[])`.execute(trx);
  if (!keys.length) return;
  await sql`
    insert into company_match_keys (workspace_id, key, account_id)
    select ${workspaceId}, k.key, k.account_id
    from unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.accountId)}::uuid[]) as k(key, account_id)`.execute(trx);
}

/** Records that these accounts are keyed with `version` (upsert), with their number of keys. */
export async function setVersions(trx: Trx, workspaceId: string, version: number, accounts: { id: string; keyCount: number }[]) {
  if (!accounts.length) return;
  await sql`
    insert into company_match_key_versions (workspace_id, account_id, version, key_count)
    select ${workspaceId}, v.account_id, ${version}, v.key_count
    from unnest(${accounts.map((a) => a.id)}::uuid[], ${accounts.map((a) => a.keyCount)}::int[]) as v(account_id, key_count)
    on conflict (account_id) do update set version = excluded.version, key_count = excluded.key_count, keyed_at = now()`.execute(trx);
}

/** Forgets the key versions of these (deleted) accounts. */
export async function deleteVersions(trx: Trx, workspaceId: string, accountIds: readonly string[]) {
  if (!accountIds.length) return;
  await sql`delete from company_match_key_versions where workspace_id = ${workspaceId} and account_id = any(${accountIds}::uuid[])`.execute(trx);
}

/** Where a rekey pass stands: the last account it looked at, in `accounts_name_key_idx` order. */
export type RekeyCursor = { nameKey: string; id: string };

/**
 * Up to `limit` live accounts after the cursor (folded name, id) whose keys are missing or older
 * than `version`, locked; rows another transaction holds are skipped (it is writing their keys).
 * The order is `accounts_name_key_idx`'s, so a pass reads that index once, front to back.
 */
export async function staleAccounts(trx: Trx, workspaceId: string, version: number, limit: number, after?: RekeyCursor) {
  const { rows } = await sql<{ id: string; nameKey: string }>`
    select a.id, a.name_key from accounts a
    where a.workspace_id = ${workspaceId} and a.deleted_at is null
      ${after ? sql`and (a.name_key, a.id) > (${after.nameKey}, ${after.id}::uuid)` : sql``}
      and not exists (select 1 from company_match_key_versions v where v.account_id = a.id and v.version >= ${version})
    order by a.name_key, a.id
    limit ${limit}
    for no key update of a skip locked`.execute(trx);
  return rows;
}

/** Up to `limit` deleted accounts that still have keys (written by an older path), locked. */
export async function deletedWithKeys(trx: Trx, workspaceId: string, limit: number) {
  const { rows } = await sql<{ id: string }>`
    select a.id from accounts a
    where a.workspace_id = ${workspaceId} and a.deleted_at is not null
      and (exists (select 1 from company_match_key_versions v where v.account_id = a.id)
        or exists (select 1 from company_match_keys k where k.account_id = a.id))
    limit ${limit}
    for no key update of a skip locked`.execute(trx);
  return rows.map((r) => r.id);
}
