import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that the hash covers. */
export type HashedEvent = {
  workspaceId: string;
  seq: number;
  occurredAt: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: unknown;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
};

/** sha256(previous hash ‖ canonical JSON of the event). */
export function chainHash(prevHash: string, event: HashedEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(event)).digest('hex');
}

type Change = { from: unknown; to: unknown };

/** The changed fields between two snapshots of a record (only keys whose values differ). */
export function diff(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): Record<string, Change> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, Change> = {};
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'createdAt') continue;
    const from = before?.[k] ?? null;
    const to = after?.[k] ?? null;
    if (canonicalJson(from) !== canonicalJson(to)) out[k] = { from, to };
  }
  return out;
}

export type ChainRow = HashedEvent & { prevHash: string; hash: string };

/** Checks a chain one row at a time, in seq order; returns the first break, or undefined so far. */
export function chainChecker() {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  return (row: ChainRow): { seq: number; reason: string } | undefined => {
    if (row.seq !== expectedSeq) return { seq: row.seq, reason: `sequence gap: expected ${expectedSeq}` };
    if (row.prevHash !== prev) return { seq: row.seq, reason: 'previous hash does not match the chain' };
    const { prevHash: _p, hash, ...event } = row;
    if (chainHash(prev, event) !== hash) return { seq: row.seq, reason: 'content does not match its hash' };
    prev = hash;
    expectedSeq++;
    return undefined;
  };
}

/** Walks a workspace's events in order; returns the first broken one, or undefined when intact. */
export function findBreak(rows: Iterable<ChainRow>): { seq: number; reason: string } | undefined {
  const check = chainChecker();
  for (const row of rows) {
    const broken = check(row);
    if (broken) return broken;
  }
  return undefined;
}
