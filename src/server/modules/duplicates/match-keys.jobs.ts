import { sql } from 'kysely';
import { z } from 'zod';
import { type Db, inWorkspace } from '../../db/client.ts';
import { type Jobs, tenantJobData } from '../../jobs/jobs.ts';
import { rekeyBatch } from './match-keys.service.ts';

/** Accounts per rekey batch: about 0.3 s of work on two cores. */
export const REKEY_BATCH_SIZE = 1000;
/**
 * How long one rekey job keeps taking batches (all in its one transaction) before it queues the
 * next: a job per batch would spend most of a pass waiting for the worker's next poll (1 s).
 */
export const REKEY_JOB_BUDGET_MS = 1500;

/** A rekey job: one batch of a workspace's pass, starting after `after` (the pass's start when absent). */
export const rekeyJobData = tenantJobData.extend({
  after: z.object({ nameKey: z.string(), id: z.uuid() }).optional(),
});

/**
 * Queues a rekey pass for every workspace: one `duplicates.rekey` job each, which then queues
 * its own next batch. A singleton per workspace for five minutes, so workers starting together
 * (or a sweep during a long pass) do not start a second pass.
 */
export async function startRekeyPasses(jobs: Jobs, db: Db): Promise<number> {
  const { rows } = await sql<{ id: string }>`select id from match_key_workspaces() as id`.execute(db);
  for (const { id } of rows) {
    await inWorkspace(db, id, (trx) =>
      jobs.send(trx, 'duplicates.rekey', { workspaceId: id }, { singletonKey: `duplicates.rekey:${id}`, singletonSeconds: 300 }),
    );
  }
  return rows.length;
}

/**
 * Registers the rekey: `duplicates.rekey` computes the blocking keys of accounts whose keys are
 * missing or older than the rules, batch after batch for about `budgetMs` in one transaction that
 * also queues the job for the rest (so a crash resumes where the last commit left off), and `duplicates.rekey-sweep`
 * starts a pass over every workspace when workers start and every hour (existing data, raw
 * inserts, a new rules version). Delivery is at-least-once; a repeated batch finds nothing to do.
 */
export function registerDuplicateJobs(jobs: Jobs, db: Db, opts: { batchSize?: number; budgetMs?: number } = {}): void {
  const size = opts.batchSize ?? REKEY_BATCH_SIZE;
  const budgetMs = opts.budgetMs ?? REKEY_JOB_BUDGET_MS;
  jobs.define({
    name: 'duplicates.rekey',
    data: rekeyJobData,
    expireInSeconds: 900,
    run: async (ctx, data) => {
      const started = performance.now();
      let after = data.after;
      for (;;) {
        const batch = await rekeyBatch(ctx, size, after);
        if (!batch.next) return;
        after = batch.next;
        if (performance.now() - started >= budgetMs) break;
      }
      await jobs.send(ctx.trx, 'duplicates.rekey', { workspaceId: ctx.workspaceId, after });
    },
  });
  jobs.schedule({
    name: 'duplicates.rekey-sweep',
    cron: '41 * * * *',
    atStart: true,
    run: async () => {
      await startRekeyPasses(jobs, db);
    },
  });
}
