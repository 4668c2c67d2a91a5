import { sql } from 'kysely';
import type { Trx } from './client.ts';

/**
 * The next value of one of the transaction's workspace's counters (`registration-number`,
 * `routing:<queue>`): unique and increasing, taken without a lock held to commit, so concurrent
 * transactions do not wait for each other; a rolled-back transaction leaves a gap. See the
 * migration 202612051700_create_workspace_counters.
 */
/** The counter names in use: registration numbers and the round-robin turns of each routing queue. */
export const COUNTERS = {
  registrationNumber: 'registration-number',
  routingTurns: (queueId: string) => `routing:${queueId.toLowerCase()}`,
};

/** What every workspace counts from its start: registration numbers and the fallback queue of partner managers. */
export const WORKSPACE_COUNTERS = [COUNTERS.registrationNumber, COUNTERS.routingTurns('partner_managers')];

export async function nextCounter(trx: Trx, name: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select next_workspace_counter(${name}) as n`.execute(trx);
  return Number(rows[0].n);
}

/**
 * Creates the workspace's counters of these names if they do not exist yet. A counter's first use
 * creates it inside the using transaction, and a second transaction's first use then waits for
 * that one to commit; creating counters ahead (a new workspace, saved routing queues) in short
 * transactions of their own keeps that wait away from submissions.
 */
export async function ensureCounters(trx: Trx, names: readonly string[]): Promise<void> {
  if (names.length) await sql`select ensure_workspace_counter(n) from unnest(${[...names]}::text[]) n`.execute(trx);
}
