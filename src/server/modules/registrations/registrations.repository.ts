import { randomUUID } from 'node:crypto';
import { type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import { batched } from '../../db/batch.ts';
import { deferWrite, lockKey, pipelined, type Trx } from '../../db/client.ts';
import { COUNTERS } from '../../db/counters.ts';
import { afterCursor, sortKey } from '../../db/keyset.ts';
import type { RegistrationsTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';
import { rulesForPartnerJson, rulesFromJson } from '../safelists/safelists.repository.ts';

/** Registrations with their partner's facts and the names of approver and decider. */
const withNames = (trx: Trx, workspaceId: string) =>
  trx
    .selectFrom('registrations as r')
    .innerJoin('partners as p', 'p.id', 'r.partnerId')
    .leftJoin('users as ap', 'ap.id', 'r.approverUserId')
    .leftJoin('users as dc', 'dc.id', 'r.decidedByUserId')
    .selectAll('r')
    .select([
      'p.name as partnerName',
      'p.tier as partnerTier',
      'p.type as partnerType',
      'p.isEstablished as partnerEstablished',
      'p.certificationStatus as partnerCertification',
      'ap.name as approverName',
      'dc.name as decidedByName',
    ])
    .where('r.workspaceId', '=', workspaceId);

export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

/** One registration (of one partner, when given); `forUpdate` locks it until the transaction ends. */
export function findRegistration(trx: Trx, workspaceId: string, id: string, opts: { partnerId?: string; forUpdate?: boolean } = {}) {
  let q = withNames(trx, workspaceId).where('r.id', '=', id);
  if (opts.partnerId) q = q.where('r.partnerId', '=', opts.partnerId);
  if (opts.forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

export type RegistrationFilter = {
  status?: string[];
  type?: 'deal' | 'lead';
  partnerId?: string;
  approverUserId?: string;
  motion?: string;
  verdict?: string;
  q?: string;
  sort: 'createdAt' | 'decisionDueAt';
};

export const REGISTRATION_SORTS = { createdAt: sortKey.timestamp('r.createdAt'), decisionDueAt: sortKey.timestamp('r.decisionDueAt') };

/** A keyset page of registrations (limit+1 rows): newest first, or the most urgent decision first. */
export function listRegistrations(trx: Trx, workspaceId: string, f: RegistrationFilter, limit: number, after?: Cursor) {
  const sort = REGISTRATION_SORTS[f.sort];
  const desc = f.sort === 'createdAt';
  let q = withNames(trx, workspaceId).select(sql<string>`${sort.text}`.as('sortKey'));
  if (f.status?.length) q = q.where('r.status', 'in', f.status as never);
  if (f.type) q = q.where('r.type', '=', f.type);
  if (f.partnerId) q = q.where('r.partnerId', '=', f.partnerId);
  if (f.approverUserId) q = q.where('r.approverUserId', '=', f.approverUserId);
  if (f.motion) q = q.where('r.motion', '=', f.motion as never);
  if (f.verdict) q = q.where('r.verdict', '=', f.verdict as never);
  if (f.q) q = q.where(sql<boolean>`(strpos(lower(r.company_name), lower(${f.q})) > 0 or strpos(lower(r.number), lower(${f.q})) > 0)`);
  if (f.sort === 'decisionDueAt') q = q.where('r.decisionDueAt', 'is not', null);
  if (after) q = q.where(afterCursor(sort, 'r.id', after, desc));
  return q
    .orderBy(sort.key, desc ? 'desc' : 'asc')
    .orderBy('r.id', desc ? 'desc' : 'asc')
    .limit(limit + 1)
    .execute();
}

/**
 * The advisory lock that serialises submissions of one company (by its normalised key) until the
 * transaction ends: taken before the claims are read — at BEGIN by the grouped submit route, or
 * with the partner read (registration-submit.service.ts).
 */
export function companyLockKey(workspaceId: string, companyKey: string): bigint {
  return lockKey(`registration:${workspaceId}:${companyKey}`);
}

/** An open claim on a company (see openClaims). */
export type Claim = {
  id: string;
  number: string;
  partnerId: string;
  status: string;
  motion: string;
  createdAt: Date;
  decidedAt: Date | null;
  protectionExpiresAt: Date | null;
  tier: string | null;
  isEstablished: boolean;
  certificationStatus: string;
};

/**
 * Open claims on a company: registrations awaiting a decision or approved, first claim first — in
 * the order the company's lock let them in (the rank), not by created_at: that is when each
 * transaction began, and a transaction that began first may have waited for the lock longer.
 * As one JSON array, so that it can travel with another statement (partnerWithClaims).
 */
function claimsJson(workspaceId: string, companyKey: string) {
  return sql<Claim[]>`(select coalesce(json_agg(json_build_object(
      'id', r.id, 'number', r.number, 'partnerId', r.partner_id, 'status', r.status, 'motion', r.motion,
      'createdAt', r.created_at, 'decidedAt', r.decided_at, 'protectionExpiresAt', r.protection_expires_at,
      'tier', p.tier, 'isEstablished', p.is_established, 'certificationStatus', p.certification_status)
      order by r.claim_rank, r.created_at, r.id), '[]')
    from registrations r join partners p on p.id = r.partner_id
    where r.workspace_id = ${workspaceId} and r.company_key = ${companyKey} and r.status in ('submitted', 'in_review', 'approved'))`;
}

const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function claimsOf(json: unknown): Claim[] {
  return (json as Claim[]).map((c) => ({
    ...c,
    createdAt: new Date(c.createdAt),
    decidedAt: dateOrNull(c.decidedAt),
    protectionExpiresAt: dateOrNull(c.protectionExpiresAt),
  }));
}

export function openClaims(trx: Trx, workspaceId: string, companyKey: string): Promise<Claim[]> {
  return sql<{ claims: unknown }>`select ${claimsJson(workspaceId, companyKey)} as claims`.execute(trx).then(({ rows }) => claimsOf(rows[0].claims));
}

/**
 * A live partner of the workspace and the open claims on a company (and `extra`, a scalar the
 * caller needs anyway: the duplicate check's look-up), in one statement — which
 * sees every claim committed before it only when the company's lock was taken by an earlier
 * statement (at BEGIN). Without it (`lockHeld` false) the partner read takes the lock and the
 * claims are read after it.
 */
export async function partnerWithClaims(
  trx: Trx,
  workspaceId: string,
  partnerId: string,
  companyKey: string,
  opts: { lockHeld: boolean; safelists: boolean; extra?: RawBuilder<unknown> },
) {
  const { lockHeld } = opts;
  const lock = companyLockKey(workspaceId, companyKey);
  const [partner] = await batched(
    trx,
    trx
      .selectFrom('partners')
      .select(['id', 'name', 'type', 'tier', 'region', 'lifecycleState', 'managerUserId', 'isEstablished', 'certificationStatus'])
      .$if(lockHeld, (q) => q.select(claimsJson(workspaceId, companyKey).as('claims')))
      .$if(opts.safelists, (q) => q.select(rulesForPartnerJson(workspaceId).as('safelistRules')))
      .$if(opts.extra !== undefined, (q) => q.select((opts.extra as RawBuilder<unknown>).as('extra')))
      .$if(!lockHeld, (q) => q.select(sql<void>`pg_advisory_xact_lock(${lock.toString()}::bigint)`.as('companyLocked')))
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', partnerId)
      .where('deletedAt', 'is', null),
  );
  if (!partner) return null;
  const {
    claims,
    companyLocked: _,
    safelistRules,
    extra,
    ...facts
  } = partner as typeof partner & {
    claims?: unknown;
    companyLocked?: unknown;
    safelistRules?: unknown;
    extra?: unknown;
  };
  return {
    partner: facts,
    claims: lockHeld ? claimsOf(claims) : await openClaims(trx, workspaceId, companyKey),
    safelistRules: opts.safelists ? rulesFromJson(safelistRules) : null,
    extra,
  };
}

/** Who approves a new registration: a fixed user, or by the turn a queue's counter gives (see planRoute). */
export type ApproverByTurn = { approverId: string | null } | { counter: string; byTurn: readonly (string | null)[] };

/** A stored duplicate-check candidate of a registration. */
export type MatchInput = { kind: 'account' | 'opportunity' | 'registration'; id: string; name: string; score: number; reasons: unknown[] };

/**
 * Inserts a registration — numbered by the workspace's counter (REG-00042: unique, increasing; a
 * rolled-back insert leaves a gap), its approver taken by the routing queue's next turn — in one
 * statement (batched with the group's other inserts, db/batch.ts), and defers its blocking keys
 * and its duplicate-check candidates to the transaction's deferred writes; returns the row as
 * stored. `byTurn[0]` approves turn 1, `byTurn[1 + (t − 2) mod (n − 1)]` turn t > 1.
 */
export async function insertRegistration(
  trx: Trx,
  values: Omit<Insertable<RegistrationsTable>, 'id' | 'number' | 'approverUserId'>,
  approver: ApproverByTurn,
  matchKeys: readonly string[],
  matches: readonly MatchInput[],
) {
  const id = randomUUID();
  const number = sql<string>`(select 'REG-' || case when c.n < 100000 then lpad(c.n::text, 5, '0') else c.n::text end
    from next_workspace_counter(${COUNTERS.registrationNumber}) as c(n))`;
  const approverUserId =
    'counter' in approver
      ? sql<string>`(select (${approver.byTurn}::uuid[])[case when t.n = 1 or ${approver.byTurn.length}::int = 1 then 1
          else ((t.n - 2) % (${approver.byTurn.length}::int - 1))::int + 2 end] from next_workspace_counter(${approver.counter}) as t(n))`
      : approver.approverId;
  const [row] = await batched(
    trx,
    trx
      .insertInto('registrations')
      .values({ ...values, id, number, approverUserId })
      .returningAll(),
  );
  const { workspaceId } = values;
  const keys = [...new Set(matchKeys)];
  if (keys.length)
    await deferWrite(trx, (t) => t.insertInto('registrationMatchKeys').values(keys.map((key) => ({ workspaceId, key, registrationId: id }))));
  if (matches.length)
    await deferWrite(trx, (t) =>
      t.insertInto('registrationMatches').values(
        matches.map((m, position) => ({
          workspaceId,
          registrationId: id,
          position,
          kind: m.kind,
          candidateId: m.id,
          name: m.name,
          score: m.score,
          reasons: JSON.stringify(m.reasons),
        })),
      ),
    );
  return row;
}

export function updateRegistration(trx: Trx, workspaceId: string, id: string, values: Updateable<RegistrationsTable>) {
  return trx.updateTable('registrations').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

export function matchesOf(trx: Trx, workspaceId: string, registrationId: string) {
  return trx
    .selectFrom('registrationMatches')
    .select(['kind', 'candidateId', 'name', 'score', 'reasons'])
    .where('workspaceId', '=', workspaceId)
    .where('registrationId', '=', registrationId)
    .orderBy('position')
    .execute();
}

/** Replaces a registration's blocking keys (none: it is no candidate any more). */
export async function setMatchKeys(trx: Trx, workspaceId: string, registrationId: string, keys: readonly string[]) {
  await trx.deleteFrom('registrationMatchKeys').where('workspaceId', '=', workspaceId).where('registrationId', '=', registrationId).execute();
  if (keys.length) {
    await trx
      .insertInto('registrationMatchKeys')
      .values([...new Set(keys)].map((key) => ({ workspaceId, key, registrationId })))
      .execute();
  }
}

/**
 * Registrations under one blocking key beyond which the key is skipped as too frequent to tell
 * companies apart (`t:systemhaus`), as the account look-up skips them (company-candidate-index.ts).
 * The whole-core key (`n:…`) always counts, capped at the same number.
 */
export const MAX_KEY_REGISTRATIONS = 100;

/**
 * Open registrations sharing any of the keys, most shared keys first (at most `limit`). Each key
 * reads at most MAX_KEY_REGISTRATIONS + 1 rows of its index range, so a frequent key costs what a
 * rare one does: 100,000 registrations made the unbounded count of every shared key the
 * submission's slowest statement.
 */
export type RegistrationCandidateRow = {
  id: string;
  companyName: string;
  companyDomain: string | null;
  contactEmail: string | null;
  accountId: string | null;
  partnerId: string;
  status: string;
  protectionExpiresAt: Date | null;
  hits: number;
};

/** registrationsByKeys as a scalar SQL expression (a JSON array; parse with registrationCandidatesFromJson). */
export function registrationsByKeysJson(workspaceId: string, keys: readonly string[], limit: number) {
  return sql<unknown>`(select coalesce(json_agg(json_build_object('id', r.id, 'companyName', r.company_name,
      'companyDomain', r.company_domain, 'contactEmail', r.contact_email, 'accountId', r.account_id, 'partnerId', r.partner_id,
      'status', r.status, 'protectionExpiresAt', r.protection_expires_at, 'hits', t.hits) order by t.hits desc, r.id), '[]')
    from (
      select h.id, count(*)::int as hits
      from unnest(${[...new Set(keys)]}::text[]) as q(key)
      cross join lateral (
        select array_agg(k.registration_id) as ids from (
          select k.registration_id from registration_match_keys k
          where k.workspace_id = ${workspaceId} and k.key = q.key
          limit ${MAX_KEY_REGISTRATIONS + 1}
        ) k
      ) p
      cross join lateral unnest(case when starts_with(q.key, 'n:') then p.ids[1:${MAX_KEY_REGISTRATIONS}]
        when cardinality(p.ids) <= ${MAX_KEY_REGISTRATIONS} then p.ids end) as h(id)
      group by h.id
      order by count(*) desc, h.id
      limit ${limit}
    ) t
    join registrations r on r.id = t.id
    where r.workspace_id = ${workspaceId})`;
}

export function registrationCandidatesFromJson(json: unknown): RegistrationCandidateRow[] {
  return (json as (RegistrationCandidateRow & { protectionExpiresAt: string | null })[]).map((r) => ({
    ...r,
    protectionExpiresAt: r.protectionExpiresAt === null ? null : new Date(r.protectionExpiresAt),
  }));
}

export async function registrationsByKeys(trx: Trx, workspaceId: string, keys: readonly string[], limit: number) {
  if (!keys.length) return [];
  const { rows } = await sql<{ rows: unknown }>`select ${registrationsByKeysJson(workspaceId, keys, limit)} as rows`.execute(trx);
  return registrationCandidatesFromJson(rows[0].rows);
}

/** Active staff of the workspace with a role, and who is deactivated (not available to approve). */
export function staffMembers(trx: Trx, workspaceId: string) {
  return readStaff(trx, workspaceId);
}

// Pipelined: sent at once, even while another statement of the transaction runs.
function readStaff(trx: Trx, workspaceId: string) {
  return pipelined(
    trx,
    trx
      .selectFrom('workspaceMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['u.id', 'u.name', 'u.email', 'u.locale', 'm.role', 'm.status'])
      .where('m.workspaceId', '=', workspaceId)
      .orderBy('u.name')
      .orderBy('u.id')
      .compile(),
  );
}

type Staff = Awaited<ReturnType<typeof readStaff>>;
const staffPerTransaction = new WeakMap<Trx, Promise<Staff>>();

/** staffMembers, read once per transaction: the submissions of a group commit share it. Nothing that reads it changes staff. */
export function staffMembersOnce(trx: Trx, workspaceId: string): Promise<Staff> {
  let hit = staffPerTransaction.get(trx);
  if (!hit) {
    hit = readStaff(trx, workspaceId);
    staffPerTransaction.set(trx, hit);
    hit.catch(() => staffPerTransaction.delete(trx));
  }
  return hit;
}
