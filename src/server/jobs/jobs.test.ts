import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { createEffectQueue, defineEffectJob, EFFECT_QUEUE } from '../../../tests/setup/jobs/effect-job.ts';
import { inWorkspace } from '../db/client.ts';
import { cronMatches } from './jobs.ts';

const WORKER = path.resolve(import.meta.dirname, '../../../tests/setup/jobs/crashing-worker.ts');

let h: Harness;
let ws: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  ws = await h.workspace('Jobs');
  await createEffectQueue(h.ownerUrl);
  defineEffectJob(h.jobs);
});
afterAll(() => h?.close(), 15_000);

async function enqueue(key: string, name: string) {
  return inWorkspace(h.db, ws.workspaceId, (trx) => h.jobs.send(trx, EFFECT_QUEUE, { workspaceId: ws.workspaceId, key, name }));
}

const partnersNamed = (name: string) =>
  inWorkspace(h.db, ws.workspaceId, (trx) => trx.selectFrom('partners').select('id').where('name', '=', name).execute()).then((r) => r.length);

function startCrashingWorker(mode: 'in-tx' | 'after-commit'): Promise<ChildProcess> {
  // One process (node --import tsx), so SIGKILL kills the worker itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, h.appUrl, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (/effect-written|committed/.test(String(d))) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

async function waitForState(id: string, state: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await h.jobs.boss.getJobById(EFFECT_QUEUE, id);
    if (job?.state === state) return job;
    if (Date.now() > until) throw new Error(`job ${id} is ${job?.state}, not ${state}: ${JSON.stringify(job)}`);
    await h.jobs.boss.expire?.();
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('jobs', () => {
  it('enqueues only when the enclosing transaction commits', async () => {
    await expect(
      inWorkspace(h.db, ws.workspaceId, async (trx) => {
        await h.jobs.send(trx, EFFECT_QUEUE, { workspaceId: ws.workspaceId, key: 'rolled-back', name: 'Never' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pgboss.job where name = ${EFFECT_QUEUE} and data->>'key' = 'rolled-back'`.execute(h.ownerDb);
    expect(rows[0].n).toBe(0);
  });

  it('applies an effect once when the worker is killed inside the job transaction', async () => {
    const id = await enqueue('kill-in-tx', 'Killed In Tx GmbH');
    const child = await startCrashingWorker('in-tx');
    child.kill('SIGKILL');
    expect(await partnersNamed('Killed In Tx GmbH')).toBe(0); // the open transaction died with the process
    await h.jobs.startWorkers();
    await waitForState(id as string, 'completed');
    expect(await partnersNamed('Killed In Tx GmbH')).toBe(1);
  });

  it('applies an effect once when the worker dies after committing but before acknowledging', async () => {
    const id = await enqueue('kill-after-commit', 'Killed After Commit AG');
    await h.jobs.stop(1000); // leave the job to the crashing worker
    const child = await startCrashingWorker('after-commit');
    child.kill('SIGKILL');
    expect(await partnersNamed('Killed After Commit AG')).toBe(1);
    await h.jobs.startWorkers();
    await waitForState(id as string, 'completed');
    expect(await partnersNamed('Killed After Commit AG')).toBe(1);
    const effects = await inWorkspace(h.db, ws.workspaceId, (trx) =>
      trx.selectFrom('jobEffects').select('effectKey').where('effectKey', '=', `${EFFECT_QUEUE}:kill-after-commit`).execute(),
    );
    expect(effects).toHaveLength(1);
  });

  it('drains an in-flight job on graceful shutdown', async () => {
    await h.jobs.startWorkers();
    const id = await inWorkspace(h.db, ws.workspaceId, (trx) =>
      h.jobs.send(trx, EFFECT_QUEUE, { workspaceId: ws.workspaceId, key: 'drain', name: 'Drained GmbH', delayMs: 1500 }, { expireInSeconds: 30 }),
    );
    await waitForState(id as string, 'active');
    await h.jobs.stop(10_000);
    expect(await partnersNamed('Drained GmbH')).toBe(1);
    const { rows } = await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(h.ownerDb);
    expect(rows[0].state).toBe('completed');
  });

  it('runs a handler that failed mid-way again without a half-applied effect', async () => {
    expect(await h.jobs.handle(EFFECT_QUEUE, 'j1', { workspaceId: ws.workspaceId, key: 'dup', name: 'Dup KG' })).toBe('done');
    expect(await h.jobs.handle(EFFECT_QUEUE, 'j2', { workspaceId: ws.workspaceId, key: 'dup', name: 'Dup KG' })).toBe('duplicate');
    expect(await partnersNamed('Dup KG')).toBe(1);
  });

  it('rejects a payload that fails its schema', async () => {
    await expect(h.jobs.handle(EFFECT_QUEUE, 'j3', { workspaceId: 'nope' })).rejects.toThrow();
  });

  it('matches cron expressions in UTC', () => {
    const d = new Date('2026-03-29T01:17:00Z');
    expect(cronMatches('* * * * *', d)).toBe(true);
    expect(cronMatches('17 * * * *', d)).toBe(true);
    expect(cronMatches('*/5 * * * *', d)).toBe(false);
    expect(cronMatches('17 1 29 3 0', d)).toBe(true);
    expect(cronMatches('0,17 2 * * *', d)).toBe(false);
  });
});
