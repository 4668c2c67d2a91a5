import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Db, inWorkspace, type Trx } from '../../db/client.ts';
import { chainHash, GENESIS_HASH, type HashedEvent } from './audit.rules.ts';

/** Unsealed events chained per statement (and per read) by the sealer. */
export const SEAL_BATCH_SIZE = 1000;

/** The hashed fields of an audit event row as read from the database (what verify recomputes too). */
export function toHashedEvent(r: Record<string, unknown>, seq: number): HashedEvent {
  return {
    workspaceId: r.workspaceId as string,
    seq,
    occurredAt: (r.occurredAt as Date).toISOString(),
    actorKind: r.actorKind as string,
    actorId: (r.actorId as string) ?? null,
    actorLabel: (r.actorLabel as string) ?? null,
    action: r.action as string,
    entityType: r.entityType as string,
    entityId: (r.entityId as string) ?? null,
    changes: r.changes ?? null,
    reason: (r.reason as string) ?? null,
    requestId: (r.requestId as string) ?? null,
    ip: (r.ip as string) ?? null,
  };
}

/**
 * Seals a workspace's unsealed audit events inside trx (which must be scoped to that workspace):
 * takes the workspace's audit lock (the same key for every sealer, in every process, until trx
 * ends), then chains the events that committed so far in (occurred_at, id) order after the last
 * sealed one: seq = previous + 1, hash = sha256(prev_hash ‖ canonical JSON of the row as stored).
 * Returns how many it sealed.
 */
export async function sealPending(trx: Trx, workspaceId: string, batchSize = SEAL_BATCH_SIZE): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${workspaceId}`}, 0))`.execute(trx);
  const last = await trx
    .selectFrom('auditEvents')
    .select(['seq', 'hash'])
    .where('workspaceId', '=', workspaceId)
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last ? Number(last.seq) : 0;
  let prev = last?.hash ?? GENESIS_HASH;
  let sealed = 0;
  for (;;) {
    const rows = await trx
      .selectFrom('auditEvents')
      .selectAll()
      .where('workspaceId', '=', workspaceId)
      .where('seq', 'is', null)
      .orderBy('occurredAt')
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (!rows.length) return sealed;
    const ids: string[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows) {
      seq++;
      const hash = chainHash(prev, toHashedEvent(r as unknown as Record<string, unknown>, seq));
      ids.push(r.id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    const { rows: done } = await sql<{ n: number }>`
      select seal_audit_events(${ids}::uuid[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as n`.execute(trx);
    // Under the lock nothing else seals; a shortfall means the rows changed under us: roll back.
    if (done[0].n !== rows.length) throw new Error(`audit sealer: sealed ${done[0].n} of ${rows.length} events`);
    sealed += rows.length;
    if (rows.length < batchSize) return sealed;
  }
}

/** Seals a workspace's unsealed audit events in a transaction of its own; returns how many. */
export function sealAuditChain(db: Db, workspaceId: string): Promise<number> {
  return inWorkspace(db, workspaceId, (trx) => sealPending(trx, workspaceId));
}

type SealState = { running: Promise<void>; again: boolean };

/**
 * How long a requested seal waits for more requests: under load one seal then chains the events
 * of many transactions (its five statements and the audit lock shared by all of them) instead of
 * one seal per write.
 */
export const SEAL_DELAY_MS = 100;
const seals = new WeakMap<Db, Map<string, SealState>>();

/**
 * Asks for a workspace's chain to be sealed soon (after SEAL_DELAY_MS), without waiting. Per Db
 * and workspace at most one seal runs and at most one more is queued (it covers every request
 * made while the first ran). Never throws: a failed seal (e.g. the pool was closed) is left to the next request, the
 * listing, verify or the sweep, which all seal first.
 */
export function requestSeal(db: Db, workspaceId: string): void {
  let byWorkspace = seals.get(db);
  if (!byWorkspace) {
    byWorkspace = new Map();
    seals.set(db, byWorkspace);
  }
  const current = byWorkspace.get(workspaceId);
  if (current) {
    current.again = true;
    return;
  }
  const map = byWorkspace;
  const state: SealState = { running: Promise.resolve(), again: true };
  state.running = (async () => {
    try {
      while (state.again) {
        await new Promise((resolve) => setTimeout(resolve, SEAL_DELAY_MS));
        // Requests made until now are covered: their transactions committed before this seal reads.
        state.again = false;
        await sealAuditChain(db, workspaceId);
      }
    } catch {
      // Nothing to report that is safe and useful here; the sweep seals what is left.
    } finally {
      map.delete(workspaceId);
    }
  })();
  map.set(workspaceId, state);
}

/** Waits until no seal requested on db is running or queued (a graceful stop calls it before closing db). */
export async function drainAuditSeals(db: Db): Promise<void> {
  const byWorkspace = seals.get(db);
  while (byWorkspace?.size) await Promise.all([...byWorkspace.values()].map((s) => s.running));
}

/** Workspaces with events unsealed for longer than olderThanSeconds (a crash between commit and seal). */
export async function workspacesWithUnsealedAudit(db: Db, olderThanSeconds = 5): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select w as id from workspaces_with_unsealed_audit(make_interval(secs => ${olderThanSeconds})) as w`.execute(db);
  return rows.map((r) => r.id);
}

/** The sweep: seals every workspace that has events left unsealed; returns how many events it sealed. */
export async function sealLeftovers(db: Db, olderThanSeconds = 5): Promise<number> {
  let sealed = 0;
  for (const id of await workspacesWithUnsealedAudit(db, olderThanSeconds)) sealed += await sealAuditChain(db, id);
  return sealed;
}

let lastMs = 0;
let counter = 0;

/**
 * A UUID (version 7 layout) that sorts after every earlier one made by this process: the sealer
 * orders events with the same occurred_at by id, so events keep the order they were recorded in
 * (several in one transaction, or a test clock that stands still).
 */
export function orderedEventId(): string {
  let ms = Date.now();
  if (ms > lastMs) counter = 0;
  else {
    ms = lastMs;
    if (++counter > 0xfff) {
      ms++;
      counter = 0;
    }
  }
  lastMs = ms;
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
