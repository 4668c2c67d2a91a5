import { type Insertable, sql, type Updateable } from 'kysely';
import type { Trx } from '../../db/client.ts';
import { afterCursor, sortKey } from '../../db/keyset.ts';
import type { RegistrationsTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';

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
 * Serialises submissions of one company (by its normalised key) until the transaction ends: an
 * expression to select in the statement before the claims are read.
 */
export function companyLock(workspaceId: string, companyKey: string) {
  return sql<void>`pg_advisory_xact_lock(hashtextextended(${`registration:${workspaceId}:${companyKey}`}, 0))`;
}

/**
 * Open claims on a company: registrations awaiting a decision or approved, first claim first — in
 * the order the company's lock let them in (the rank), not by created_at: that is when each
 * transaction began, and a transaction that began first may have waited for the lock longer.
 */
export function openClaims(trx: Trx, workspaceId: string, companyKey: string) {
  return trx
    .selectFrom('registrations as r')
    .innerJoin('partners as p', 'p.id', 'r.partnerId')
    .select([
      'r.id',
      'r.number',
      'r.partnerId',
      'r.status',
      'r.motion',
      'r.createdAt',
      'r.decidedAt',
      'r.protectionExpiresAt',
      'p.tier',
      'p.isEstablished',
      'p.certificationStatus',
    ])
    .where('r.workspaceId', '=', workspaceId)
    .where('r.companyKey', '=', companyKey)
    .where('r.status', 'in', ['submitted', 'in_review', 'approved'])
    .orderBy('r.claimRank')
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();
}

/** Inserts a registration with its blocking keys (one statement) and returns the row as stored. */
export function insertRegistration(trx: Trx, values: Insertable<RegistrationsTable>, matchKeys: readonly string[]) {
  return trx
    .with('r', (db) => db.insertInto('registrations').values(values).returningAll())
    .with('k', (db) =>
      db
        .insertInto('registrationMatchKeys')
        .columns(['workspaceId', 'key', 'registrationId'])
        .expression((eb) => eb.selectFrom('r').select(['r.workspaceId', sql<string>`unnest(${[...new Set(matchKeys)]}::text[])`.as('key'), 'r.id'])),
    )
    .selectFrom('r')
    .selectAll()
    .executeTakeFirstOrThrow();
}

export function updateRegistration(trx: Trx, workspaceId: string, id: string, values: Updateable<RegistrationsTable>) {
  return trx.updateTable('registrations').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** Stores the duplicate check of a registration, candidate by candidate. */
export async function insertMatches(
  trx: Trx,
  workspaceId: string,
  registrationId: string,
  matches: { kind: 'account' | 'opportunity' | 'registration'; id: string; name: string; score: number; reasons: unknown[] }[],
) {
  if (!matches.length) return;
  await trx
    .insertInto('registrationMatches')
    .values(
      matches.map((m, i) => ({
        workspaceId,
        registrationId,
        position: i,
        kind: m.kind,
        candidateId: m.id,
        name: m.name,
        score: m.score,
        reasons: JSON.stringify(m.reasons),
      })),
    )
    .execute();
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

/** Open registrations sharing any of the keys, most shared keys first (at most `limit`). */
export async function registrationsByKeys(trx: Trx, workspaceId: string, keys: readonly string[], limit: number) {
  if (!keys.length) return [];
  // Count shared keys on the keys table alone and join only the best `limit`: a frequent key
  // (`t:systemhaus`) matches thousands of registrations, and joining them all first spilled to disk.
  const top = trx
    .selectFrom('registrationMatchKeys as k')
    .select(['k.registrationId', sql<number>`count(*)::int`.as('hits')])
    .where('k.workspaceId', '=', workspaceId)
    .where('k.key', 'in', [...keys])
    .groupBy('k.registrationId')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('k.registrationId')
    .limit(limit)
    .as('t');
  return trx
    .selectFrom(top)
    .innerJoin('registrations as r', 'r.id', 't.registrationId')
    .select([
      'r.id',
      'r.companyName',
      'r.companyDomain',
      'r.contactEmail',
      'r.accountId',
      'r.partnerId',
      'r.status',
      'r.protectionExpiresAt',
      't.hits',
    ])
    .where('r.workspaceId', '=', workspaceId)
    .orderBy('t.hits', 'desc')
    .orderBy('r.id')
    .execute();
}

/** Active staff of the workspace with a role, and who is deactivated (not available to approve). */
export function staffMembers(trx: Trx, workspaceId: string) {
  return trx
    .selectFrom('workspaceMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.name', 'u.email', 'u.locale', 'm.role', 'm.status'])
    .where('m.workspaceId', '=', workspaceId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}
