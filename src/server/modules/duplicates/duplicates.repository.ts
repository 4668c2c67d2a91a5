import { type RawBuilder, sql } from 'kysely';
import { OPEN_STAGES } from '../../../shared/opportunities.ts';
import { batched } from '../../db/batch.ts';
import type { Trx } from '../../db/client.ts';
import { CANDIDATE_BUDGET, MAX_CORE_KEY_ACCOUNTS, MAX_KEY_ACCOUNTS } from './company-blocking.rules.ts';
import type { KeyHit } from './company-candidate-index.ts';

/**
 * The query's keys that accounts of the workspace share, each with its number of accounts
 * (counted up to MAX_KEY_ACCOUNTS + 1: an index-only scan of `company_match_keys_pkey` with a
 * limit, so a key shared by 100,000 accounts costs what one shared by 501 does) and, where
 * `keyIdsNeeded` says the selection can take them, the accounts: whole-core keys (first
 * MAX_CORE_KEY_ACCOUNTS by id), keys within the candidate budget, and the first key in
 * priority order. One statement; the priority order (whole-core first, rarest up, then the
 * query's key order) is `selectCandidates`' own, so the two cannot disagree on what is needed.
 * As rows (key, n, ord, ids) of a subquery: keyHitsWith and keyHitsJson send it.
 */
function hitRows(workspaceId: string, keys: readonly string[]) {
  return sql`(select h.key, h.n, h.ord,
      case when h.core then h.ids[1:${MAX_CORE_KEY_ACCOUNTS}]
           when h.n <= ${MAX_KEY_ACCOUNTS} and (h.n <= ${CANDIDATE_BUDGET} or h.rank = 1) then h.ids end as ids
    from (
      select q.key, q.ord, p.n, p.ids, starts_with(q.key, 'n:') as core,
        row_number() over (order by starts_with(q.key, 'n:') desc, p.n, q.ord) as rank
      from unnest(${keys}::text[]) with ordinality as q(key, ord)
      cross join lateral (
        select count(*)::int as n, array_agg(s.account_id order by s.account_id) as ids
        from (
          select m.account_id from company_match_keys m
          where m.workspace_id = ${workspaceId} and m.key = q.key
          order by m.account_id
          limit ${MAX_KEY_ACCOUNTS + 1}
        ) s
      ) p
      where p.n > 0
    ) h)`;
}

/**
 * The key hits (see hitRows) and, in the same statement, `extra` — a scalar the caller needs from the same keys
 * (the registrations look-up, RegistrationSource.prefetch): one round trip instead of two.
 */
export async function keyHitsWith(
  trx: Trx,
  workspaceId: string,
  keys: readonly string[],
  extra?: RawBuilder<unknown>,
): Promise<{ hits: KeyHit<string>[]; extra: unknown }> {
  if (!keys.length) {
    if (!extra) return { hits: [], extra: undefined };
    const { rows } = await sql<{ extra: unknown }>`select ${extra} as extra`.execute(trx);
    return { hits: [], extra: rows[0].extra };
  }
  // The extra comes as one more row after the keys' (key null): computed once, sent once.
  const extraRow = extra ? sql`union all select null, null, null, null, ${extra}` : sql``;
  const { rows } = await sql<{ key: string | null; n: number; ids: string[] | null; extra: unknown }>`
    select * from (select h.key, h.n, h.ord, h.ids, null::json as extra from ${hitRows(workspaceId, keys)} h
    ${extraRow}) x
    order by x.ord nulls last`.execute(trx);
  const hits = rows.filter((r) => r.key !== null).map((r) => ({ key: r.key as string, count: r.n, ids: r.ids }));
  return { hits, extra: extra ? rows.find((r) => r.key === null)?.extra : undefined };
}

/**
 * keyHitsWith as one scalar (JSON) expression, for a statement that reads something else first
 * (registration submit's partner read): parse with keyHitsFromJson.
 */
export function keyHitsJson(workspaceId: string, keys: readonly string[], extra?: RawBuilder<unknown>) {
  const hits = keys.length
    ? sql`(select coalesce(json_agg(json_build_object('key', h.key, 'count', h.n, 'ids', h.ids) order by h.ord), '[]') from ${hitRows(workspaceId, keys)} h)`
    : sql`'[]'::json`;
  return sql<unknown>`json_build_object('hits', ${hits}, 'extra', ${extra ?? sql`null::json`})`;
}

export function keyHitsFromJson(json: unknown): { hits: KeyHit<string>[]; extra: unknown } {
  const j = json as { hits: KeyHit<string>[]; extra: unknown };
  return { hits: j.hits, extra: j.extra ?? undefined };
}

/** A candidate account as the scorer compares it: its name, and which of the query's domains it has. */
export type CandidateAccount = { id: string; name: string; domains: string[] };

/**
 * The live accounts among these ids with their names and, of the query's domain keys (`d:…`,
 * registrable domains), those the account holds too. Only shared domains are evidence
 * (`matchCompany`), so the account's other domains need not be read; with no domain in the
 * query, none are.
 */
export async function candidateAccounts(
  trx: Trx,
  workspaceId: string,
  ids: readonly string[],
  domainKeys: readonly string[],
): Promise<CandidateAccount[]> {
  if (!ids.length) return batched(trx, null); // in step with the group's requests that read some (db/batch.ts)
  const domains = domainKeys.length
    ? sql`array(select substr(k.key, 3) from company_match_keys k
        where k.workspace_id = ${workspaceId} and k.key = any(${domainKeys}::text[]) and k.account_id = a.id order by k.key)`
    : sql`'{}'::text[]`;
  return batched(
    trx,
    sql<CandidateAccount>`
    select a.id, a.name, ${domains} as domains
    from accounts a
    where a.workspace_id = ${workspaceId} and a.id = any(${ids}::uuid[]) and a.deleted_at is null`.compile(trx),
  );
}

/** An open opportunity on a matched account. */
export type OpenOpportunity = { id: string; name: string; accountId: string; stage: string };

/** Open (not closed, not deleted) opportunities of these accounts: at most `perAccount` each, soonest close first. */
export async function openOpportunities(
  trx: Trx,
  workspaceId: string,
  accountIds: readonly string[],
  perAccount: number,
): Promise<OpenOpportunity[]> {
  if (!accountIds.length) return batched(trx, null);
  return batched(
    trx,
    sql<OpenOpportunity>`
    select o.id, o.name, o.account_id, o.stage from unnest(${accountIds}::uuid[]) as q(account_id)
    cross join lateral (
      select o.id, o.name, o.account_id, o.stage from opportunities o
      where o.workspace_id = ${workspaceId} and o.account_id = q.account_id and o.deleted_at is null
        and o.stage = any(${[...OPEN_STAGES]}::text[])
      order by o.close_date, o.id
      limit ${perAccount}
    ) o`.compile(trx),
  );
}

/** The language of the caller's messages: the partner user's own, else the workspace's. */
export async function callerLocale(trx: Trx, workspaceId: string, partnerUserId: string | null): Promise<'en' | 'de'> {
  const { rows } = await sql<{ locale: 'en' | 'de' }>`
    select coalesce((select pu.locale from partner_users pu where pu.id = ${partnerUserId}::uuid and pu.workspace_id = ${workspaceId}), w.locale) as locale
    from workspaces w where w.id = ${workspaceId}`.execute(trx);
  return rows[0]?.locale ?? 'en';
}
