import { sql } from 'kysely';
import type { Trx } from '../../db/client.ts';

/** An account as its blocking keys see it: name, domains, deleted or not, and the keys stored for it (null: none). */
export type KeyedAccount = { id: string; name: string; domains: string[]; deleted: boolean; keys: string[] | null };

/** One stored key of one account. */
export type KeyRow = { accountId: string; key: string };

/**
 * The accounts with their names, domains and stored keys, each account row locked (`for no key
 * update`) so that a concurrent rename or domain change waits for these keys to commit and then
 * writes its own: the last writer computed its keys from the last state. Deleted accounts too.
 */
export async function lockAccountsForKeys(trx: Trx, workspaceId: string, ids: readonly string[]): Promise<KeyedAccount[]> {
  if (!ids.length) return [];
  const { rows } = await sql<KeyedAccount>`
    select a.id, a.name, a.deleted_at is not null as deleted, v.keys,
      array(select d.domain from account_domains d where d.account_id = a.id and d.workspace_id = ${workspaceId} order by d.domain) as domains
    from accounts a
    left join company_match_key_versions v on v.account_id = a.id and v.workspace_id = ${workspaceId}
    where a.workspace_id = ${workspaceId} and a.id = any(${ids}::uuid[])
    order by a.id
    for no key update of a`.execute(trx);
  return rows;
}

// In key order: consecutive rows land on neighbouring pages of the primary key.
const byKey = (rows: readonly KeyRow[]) =>
  [...rows].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : 0));

/** Inserts keys in one statement. */
export async function insertKeys(trx: Trx, workspaceId: string, keys: readonly KeyRow[]) {
  if (!keys.length) return;
  const rows = byKey(keys);
  await sql`
    insert into company_match_keys (workspace_id, key, account_id)
    select ${workspaceId}, k.key, k.account_id
    from unnest(${rows.map((k) => k.key)}::text[], ${rows.map((k) => k.accountId)}::uuid[]) as k(key, account_id)`.execute(trx);
}

/** Deletes these keys (by primary key) in one statement. */
export async function deleteKeys(trx: Trx, workspaceId: string, keys: readonly KeyRow[]) {
  if (!keys.length) return;
  await sql`
    delete from company_match_keys k
    using unnest(${keys.map((x) => x.key)}::text[], ${keys.map((x) => x.accountId)}::uuid[]) as d(key, account_id)
    where k.workspace_id = ${workspaceId} and k.key = d.key and k.account_id = d.account_id`.execute(trx);
}

/** Records that these accounts are keyed with `version` and with which keys (upsert). */
export async function setVersions(trx: Trx, workspaceId: string, version: number, accounts: readonly { id: string; keys: readonly string[] }[]) {
  if (!accounts.length) return;
  // One JSON document of [id, keys] pairs: unnest() cannot take an array of arrays of varying length.
  const pairs = JSON.stringify(accounts.map((a) => [a.id, a.keys]));
  await sql`
    insert into company_match_key_versions (workspace_id, account_id, version, keys)
    select ${workspaceId}, (p->>0)::uuid, ${version}, array(select jsonb_array_elements_text(p->1))
    from jsonb_array_elements(${pairs}::jsonb) as p
    on conflict (account_id) do update set version = excluded.version, keys = excluded.keys, keyed_at = now()`.execute(trx);
}

/** Forgets these (deleted) accounts' version rows, and with them their keys (trigger `drop_company_match_keys`). */
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
      and exists (select 1 from company_match_key_versions v where v.account_id = a.id)
    limit ${limit}
    for no key update of a skip locked`.execute(trx);
  return rows.map((r) => r.id);
}
