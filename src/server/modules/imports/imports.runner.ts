import { CsvError } from 'csv-parse';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Ctx } from '../../context.ts';
import { type Db, inWorkspace, type Trx } from '../../db/client.ts';
import { type Jobs, tenantJobData } from '../../jobs/jobs.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { EntityAdapter, ImportRow, RowOutcome } from './adapters/adapter.ts';
import { adapterFor } from './adapters/index.ts';
import { spreadsheetRow } from './csv-format.rules.ts';
import { applyBatch, missingColumnsMessage, type PreparedBatch, planMapping, prepareBatch } from './imports.batch.ts';
import { convertContext, csvProblem } from './imports.preview.ts';
import * as repo from './imports.repository.ts';
import { RUN_JOB } from './imports.service.ts';
import { importFilePath, readRecords, removeImportFile } from './imports.storage.ts';

/**
 * The import job. It streams the file, converts and validates rows, and commits them in batches:
 * each batch's records, its rejected and skipped rows, the counters and the resume cursor
 * (`processed_rows`) in ONE transaction. The batch transaction first locks the import row and
 * checks the cursor is where this runner left it, so two runners can never both apply a batch; a
 * crash rolls back the open batch and the next run skips the records already committed. A run
 * stops after `maxSeconds` and queues its continuation, which keeps every job short enough for
 * pg-boss's expiry to retry a crashed one soon.
 */

export type RunOptions = {
  batchSize?: number;
  /** Seconds of work before the run hands over to a continuation job (when jobs are given). */
  maxSeconds?: number;
  /** Aborting fails the open batch before it commits (tests use it to crash mid-import). */
  signal?: AbortSignal;
  /** Called after each committed batch with the rows committed so far. */
  onBatch?: (processedRows: number) => void;
  now?: () => Date;
};

export type RunResult = 'completed' | 'continued' | 'stopped' | 'failed';

export const BATCH_SIZE = 1_000;

/** Another runner moved the cursor, or the import was cancelled: this runner has nothing to do. */
class Stop extends Error {}

type Counts = { processed: number; imported: number; updated: number; skipped: number; rejected: number };

function systemCtx(trx: Trx, imp: repo.ImportRow, now: () => Date): Ctx {
  const onBehalfOf = imp.createdByKind === 'staff' && imp.createdById ? { kind: 'staff' as const, id: imp.createdById } : undefined;
  return {
    trx,
    workspaceId: imp.workspaceId,
    actor: { kind: 'system', workspaceId: imp.workspaceId, name: `CSV import by ${imp.createdByLabel ?? 'unknown'}`, onBehalfOf },
    now,
  };
}

/** Runs (or resumes) an import until it completes, fails, is cancelled, or its time is up. */
export async function runImport(
  db: Db,
  deps: { dataDir: string; jobs?: Jobs },
  workspaceId: string,
  importId: string,
  opts: RunOptions = {},
): Promise<RunResult> {
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const deadline = Date.now() + (opts.maxSeconds ?? 120) * 1000;
  const imp = await inWorkspace(db, workspaceId, (trx) => repo.findImport(trx, workspaceId, importId));
  if (imp?.status !== 'running') return 'stopped';
  const adapter = adapterFor(imp.entity);
  if (!adapter) return fail(db, imp, now, `Importing ${imp.entity} is not available.`);
  const { plan, errors, missing } = planMapping(adapter, imp.headers, imp.mapping ?? imp.suggestedMapping);
  if (errors.length || missing.length) {
    return fail(db, imp, now, errors.length ? `The mapping does not fit the file: ${errors[0].message}` : missingColumnsMessage(adapter, missing));
  }
  const cc = await inWorkspace(db, workspaceId, (trx) => convertContext(trx, workspaceId, imp.delimiter));
  const file = importFilePath(deps.dataDir, workspaceId, importId);
  const parser = readRecords(file, imp);

  let cursor = imp.processedRows;
  // One batch commits while the next is read and converted: the database and the event loop
  // work at the same time. Commits stay strictly in file order (each starts when the one before
  // committed), and at most two batches are in memory.
  let inFlight: Promise<void> | undefined;
  const start = (prepared: PreparedBatch) => {
    inFlight = commitBatch(db, imp, adapter, prepared, cursor, opts.signal, now).then((counts) => {
      cursor += counts.processed;
      opts.onBatch?.(cursor);
    });
    inFlight.catch(() => {}); // observed by the next await of inFlight
  };

  let batch: ImportRow[] = [];
  try {
    let header = imp.hasHeader;
    let index = 0;
    for await (const record of parser) {
      if (header) {
        header = false;
        continue;
      }
      if (index >= cursor) batch.push({ index, row: spreadsheetRow(index, imp.hasHeader), cells: record as string[] });
      index++;
      if (batch.length === batchSize) {
        const prepared = prepareBatch(plan, batch, cc);
        batch = [];
        await inFlight;
        start(prepared);
        if (deps.jobs && Date.now() > deadline) {
          await inFlight;
          parser.destroy();
          return await handOver(db, deps.jobs, imp, cursor);
        }
      }
    }
    if (batch.length) {
      const prepared = prepareBatch(plan, batch, cc);
      await inFlight;
      start(prepared);
    }
    await inFlight;
    return await complete(db, deps, imp, cursor, now);
  } catch (err) {
    parser.destroy();
    // Never leave a batch transaction behind; note whether the batch before the error committed.
    const settled = inFlight
      ? await inFlight.then(
          () => true,
          () => false,
        )
      : true;
    if (err instanceof Stop) return 'stopped';
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return fail(db, imp, now, 'The uploaded file is no longer stored. Upload it again as a new import.');
    if (err instanceof CsvError && settled) {
      // Every row before the broken record lands; the import fails naming the row it stopped at.
      const stoppedAt = batch.length ? batch[batch.length - 1].row + 1 : spreadsheetRow(cursor, imp.hasHeader);
      if (batch.length) {
        start(prepareBatch(plan, batch, cc));
        try {
          await inFlight;
        } catch (e) {
          if (e instanceof Stop) return 'stopped';
          throw e;
        }
      }
      return fail(db, imp, now, csvProblem(err, stoppedAt));
    }
    if (opts.signal?.aborted || isTransient(err)) throw err;
    return fail(
      db,
      imp,
      now,
      `The import stopped on an unexpected error (${(err as Error).message}). Committed batches stay; start the import again to resume.`,
    );
  }
}

async function commitBatch(
  db: Db,
  imp: repo.ImportRow,
  adapter: EntityAdapter<unknown>,
  batch: PreparedBatch,
  expectedCursor: number,
  signal: AbortSignal | undefined,
  now: () => Date,
): Promise<Counts> {
  const { rows } = batch;
  return inWorkspace(db, imp.workspaceId, async (trx) => {
    // A batch does not wait for its WAL flush: should the database crash right after, the batch
    // and the cursor that counts it are lost together and the resumed run applies it again.
    // The final status is committed synchronously, which flushes every batch before it.
    await sql`set local synchronous_commit = off`.execute(trx);
    const current = await repo.findImport(trx, imp.workspaceId, imp.id, { forUpdate: true });
    if (current?.status !== 'running' || current.processedRows !== expectedCursor) throw new Stop();
    const ctx = { ...systemCtx(trx, imp, now), onDuplicate: current.onDuplicate };
    const outcomes = await applyBatch(ctx, adapter, batch);
    const notLanded: repo.NotLanded[] = [];
    const counts: Counts = { processed: rows.length, imported: 0, updated: 0, skipped: 0, rejected: 0 };
    outcomes.forEach((o: RowOutcome, i) => {
      if (o.action === 'create') counts.imported++;
      else if (o.action === 'update') counts.updated++;
      else if (o.action === 'skip') {
        counts.skipped++;
        notLanded.push({ rowNumber: rows[i].row, action: 'skip', reason: o.reason, issues: [], cells: rows[i].cells });
      } else {
        counts.rejected++;
        const reason = o.issues.map((x) => (x.column ? `${x.column}: ${x.message}` : x.message)).join('; ');
        notLanded.push({ rowNumber: rows[i].row, action: 'reject', reason, issues: o.issues, cells: rows[i].cells });
      }
    });
    await repo.insertNotLanded(trx, imp.workspaceId, imp.id, notLanded);
    await repo.advanceImport(trx, imp.workspaceId, imp.id, counts);
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    return counts;
  });
}

/** Queues the next run in the same transaction that checks this runner still owns the import. */
async function handOver(db: Db, jobs: Jobs, imp: repo.ImportRow, cursor: number): Promise<RunResult> {
  return inWorkspace(db, imp.workspaceId, async (trx) => {
    const current = await repo.findImport(trx, imp.workspaceId, imp.id, { forUpdate: true });
    if (current?.status !== 'running' || current.processedRows !== cursor) return 'stopped';
    await jobs.send(trx, RUN_JOB, { workspaceId: imp.workspaceId, importId: imp.id });
    return 'continued';
  });
}

async function complete(db: Db, deps: { dataDir: string; jobs?: Jobs }, imp: repo.ImportRow, cursor: number, now: () => Date): Promise<RunResult> {
  const dataDir = deps.dataDir;
  const done = await inWorkspace(db, imp.workspaceId, async (trx) => {
    const current = await repo.findImport(trx, imp.workspaceId, imp.id, { forUpdate: true });
    if (current?.status !== 'running' || current.processedRows !== cursor) return false;
    await repo.updateImport(trx, imp.workspaceId, imp.id, { status: 'completed', completedAt: now(), totalRows: cursor });
    // Imported accounts get their duplicate-check keys from a rekey pass right after the import
    // (keying them in the batches halved the import's throughput); queued with the completion.
    if (imp.entity === 'accounts') await deps.jobs?.send(trx, 'duplicates.rekey', { workspaceId: imp.workspaceId });
    await recordAudit(systemCtx(trx, imp, now), {
      action: 'import.completed',
      entityType: 'import',
      entityId: imp.id,
      data: {
        entity: imp.entity,
        fileName: imp.fileName,
        rows: cursor,
        imported: current.importedRows,
        updated: current.updatedRows,
        skipped: current.skippedRows,
        rejected: current.rejectedRows,
        batches: current.batches,
      },
    });
    return true;
  });
  if (!done) return 'stopped';
  // The rows that did not land are in import_rows; the file is not needed any more.
  await removeImportFile(importFilePath(dataDir, imp.workspaceId, imp.id));
  return 'completed';
}

async function fail(db: Db, imp: repo.ImportRow, now: () => Date, message: string): Promise<RunResult> {
  await inWorkspace(db, imp.workspaceId, async (trx) => {
    const current = await repo.findImport(trx, imp.workspaceId, imp.id, { forUpdate: true });
    if (current?.status !== 'running') return;
    await repo.updateImport(trx, imp.workspaceId, imp.id, { status: 'failed', error: message });
    await recordAudit(systemCtx(trx, imp, now), {
      action: 'import.failed',
      entityType: 'import',
      entityId: imp.id,
      data: { error: message, processedRows: current.processedRows },
    });
  });
  return 'failed';
}

// Lost connections, shutdowns, serialisation failures and deadlocks: worth a retry by pg-boss.
function isTransient(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^(08|57P|40001|40P01|53)/.test(code) || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code);
}

/** Registers the import job; call it where the product's jobs are registered (runtime.ts createJobs). */
export function registerImportJobs(jobs: Jobs, db: Db, config: Pick<Config, 'dataDir'>): void {
  jobs.define({
    name: RUN_JOB,
    data: tenantJobData.extend({ importId: z.uuid() }),
    // Each run hands over after two minutes; a crashed run is retried once it expires.
    expireInSeconds: 10 * 60,
    retryLimit: 20,
    run: async (_ctx, data) => {
      await runImport(db, { dataDir: config.dataDir, jobs }, data.workspaceId, data.importId);
    },
  });
}
