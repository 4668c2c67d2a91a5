import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';
import { csvUpload, MULTIPART } from './fixtures/multipart.ts';
import { registerImportJobs, runImport } from './imports.runner.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  registerImportJobs(h.jobs, h.db, h.config);
});
afterAll(() => h?.close());

/** n generated accounts, each with a unique name and domain. */
function accountsCsv(n: number, prefix: string): string {
  const lines = ['Name;Domain;Employees;Land'];
  for (let i = 1; i <= n; i++) lines.push(`${prefix} Größe ${i} GmbH;${prefix.toLowerCase()}-${i}.example;${i % 500};Deutschland`);
  return `${lines.join('\r\n')}\r\n`;
}

/** Uploads and marks the import running without queuing its job: the test runs it itself. */
async function uploadRunning(ws: { apiKey: string; workspaceId: string }, csv: string) {
  const res = await h.http.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload: csvUpload('accounts', 'generated.csv', csv),
    headers: { 'content-type': MULTIPART, authorization: `Bearer ${ws.apiKey}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await inWorkspace(h.db, ws.workspaceId, (trx) =>
    trx
      .updateTable('imports' as never)
      .set({ status: 'running', mapping: JSON.stringify(res.json().suggestedMapping) } as never)
      .where('id' as never, '=', id as never)
      .execute(),
  );
  return id;
}

const state = (ws: { apiKey: string }, id: string) =>
  h
    .api(ws.apiKey)
    .get(`/api/v1/imports/${id}`)
    .then((r) => r.json());

/** Every imported account exactly once: as many rows as distinct names, and one domain each. */
async function assertExactlyOnce(workspaceId: string, prefix: string, n: number) {
  // Two plain counts rather than a join: right after a bulk load the planner has no statistics yet.
  const counts = await inWorkspace(h.db, workspaceId, async (trx) => ({
    ...(await trx
      .selectFrom('accounts')
      .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('name').distinct().as('names')])
      .where('name', 'like', `${prefix} %`)
      .executeTakeFirstOrThrow()),
    domains: (
      await trx
        .selectFrom('accountDomains')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('domain', 'like', `${prefix.toLowerCase()}-%`)
        .executeTakeFirstOrThrow()
    ).n,
  }));
  expect(counts).toEqual({ rows: n, names: n, domains: n });
}

describe('import runner', () => {
  it('resumes after a crash mid-batch: the open batch rolls back, committed ones are skipped, every row lands once', async () => {
    const ws = await h.workspace('Runner resume');
    const id = await uploadRunning(ws, accountsCsv(2_500, 'Resume'));
    const crash = new AbortController();
    const committed: number[] = [];
    const first = runImport(h.db, { dataDir: h.config.dataDir }, ws.workspaceId, id, {
      batchSize: 500,
      signal: crash.signal,
      onBatch: (n) => {
        committed.push(n);
        if (n === 1_000) crash.abort(new Error('simulated crash'));
      },
    });
    await expect(first).rejects.toThrow('simulated crash');
    expect(committed).toEqual([500, 1_000]);
    const halfway = await state(ws, id);
    // The third batch had written its accounts when the crash came; they were rolled back with it.
    expect(halfway).toMatchObject({ status: 'running', progress: { processed: 1_000, imported: 1_000 }, report: { landedRows: '2-1001' } });
    const { n } = await inWorkspace(h.db, ws.workspaceId, (trx) =>
      trx
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(n).toBe(1_000);

    // The job picks it up again (as pg-boss would after the crashed job expired).
    await h.jobs.handle('imports.run', 'retry-1', { workspaceId: ws.workspaceId, importId: id });
    const done = await state(ws, id);
    expect(done).toMatchObject({
      status: 'completed',
      progress: { total: 2_500, processed: 2_500, imported: 2_500, rejected: 0 },
      report: { landedRows: '2-2501', batches: 4 }, // two of 500 before the crash, then 1,000 and 500
    });
    await assertExactlyOnce(ws.workspaceId, 'Resume', 2_500);
  });

  it('survives SIGKILL of the process running it and finishes every row exactly once', async () => {
    const ws = await h.workspace('Runner kill');
    const total = 8_000;
    const id = await uploadRunning(ws, accountsCsv(total, 'Killed'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/run-import.child.ts'), h.appUrl, h.config.dataDir, ws.workspaceId, id, '200'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)));
    // Kill it as soon as it has committed a few batches.
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (/committed (6|8|10)00\b/.test(chunk.toString())) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exited).toBe(-9);
    const killed = await state(ws, id);
    expect(killed.status).toBe('running');
    expect(killed.progress.processed).toBeGreaterThanOrEqual(600);
    expect(killed.progress.processed).toBeLessThan(total);
    expect(killed.progress.processed % 200).toBe(0);

    expect(await runImport(h.db, { dataDir: h.config.dataDir }, ws.workspaceId, id, { batchSize: 1_000 })).toBe('completed');
    const done = await state(ws, id);
    expect(done.progress).toMatchObject({ total, processed: total, imported: total, rejected: 0, skipped: 0 });
    expect(done.report.landedRows).toBe(`2-${total + 1}`);
    await assertExactlyOnce(ws.workspaceId, 'Killed', total);
  }, 120_000);

  it('lets only one of two concurrent runners apply each batch', async () => {
    const ws = await h.workspace('Runner race');
    const id = await uploadRunning(ws, accountsCsv(3_000, 'Race'));
    const deps = { dataDir: h.config.dataDir };
    const results = await Promise.all([
      runImport(h.db, deps, ws.workspaceId, id, { batchSize: 250 }),
      runImport(h.db, deps, ws.workspaceId, id, { batchSize: 250 }),
    ]);
    expect(results.sort()).toEqual(['completed', 'stopped']);
    expect((await state(ws, id)).progress).toMatchObject({ processed: 3_000, imported: 3_000 });
    await assertExactlyOnce(ws.workspaceId, 'Race', 3_000);
  });

  it('stops at the next batch when the import is cancelled, keeping what was committed', async () => {
    const ws = await h.workspace('Runner cancel');
    const id = await uploadRunning(ws, accountsCsv(2_000, 'Cancel'));
    const result = await runImport(h.db, { dataDir: h.config.dataDir }, ws.workspaceId, id, {
      batchSize: 500,
      onBatch: (n) => {
        if (n === 500) void h.api(ws.apiKey).post(`/api/v1/imports/${id}/cancel`, {});
      },
    });
    expect(result).toBe('stopped');
    const cancelled = await state(ws, id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.processed).toBeLessThan(2_000);
    expect(cancelled.report.landedRows).toBe(`2-${cancelled.progress.processed + 1}`);
    expect((await h.api(ws.apiKey).post(`/api/v1/imports/${id}/start`, {})).statusCode).toBe(409);
  });

  it('hands over to a continuation job when its time is up', async () => {
    const ws = await h.workspace('Runner hand-over');
    const id = await uploadRunning(ws, accountsCsv(1_500, 'Handover'));
    const result = await runImport(h.db, { dataDir: h.config.dataDir, jobs: h.jobs }, ws.workspaceId, id, { batchSize: 500, maxSeconds: 0 });
    expect(result).toBe('continued');
    expect((await state(ws, id)).progress.processed).toBe(500);
    const queued = await h.jobs.boss.fetch('imports.run');
    expect(queued?.[0]?.data).toEqual({ workspaceId: ws.workspaceId, importId: id });
  });
});
