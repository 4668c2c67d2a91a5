import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Db, inWorkspace } from '../src/server/db/client.ts';
import { registerImportJobs } from '../src/server/modules/imports/imports.runner.ts';
import { createWorkspace } from '../src/server/modules/workspaces/workspaces.service.ts';
import { createJobs, createLogger, openDatabase } from '../src/server/runtime.ts';
import type { BenchContext, Benchmark } from './context.ts';
import type { BenchResult } from './results.ts';

/**
 * CSV import end to end: a generated German Excel-style file (semicolons, umlauts, thousands
 * separators, country names) is uploaded over HTTP as multipart, started, and run by the import
 * job until it reports `completed`. Measured: rows/s from the first upload byte to completion,
 * and the process's resident memory sampled every 20 ms — once for a small file and once for the
 * full one, so a growing peak would show that something holds the file in memory.
 */

const BOUNDARY = '----tandem-bench-boundary';
const STREETS = ['Müller', 'Schäfer', 'Größe', 'Weiß', 'Köhler', 'Bäcker', 'Jäger', 'Krüger', 'Hoffmann', 'Schröder', 'Öztürk', 'Lührs'];
const KINDS = ['Maschinenbau', 'Logistik', 'Software', 'Bau', 'Handel', 'Elektrotechnik', 'Beratung', 'Medizintechnik', 'Druck', 'Energie'];
const FORMS = ['GmbH', 'AG', 'GmbH & Co. KG', 'KG', 'SE', 'e.K.'];
const COUNTRIES = ['Deutschland', 'Österreich', 'Schweiz', 'DE', 'AT', 'Frankreich', 'Niederlande'];
const STATUS = ['Kunde', 'Interessent', 'ehemalig', ''];

/** Writes `rows` accounts as a `;` CSV (UTF-8, CRLF) the way German Excel exports look; deterministic. */
async function writeCsv(file: string, rows: number, prefix: string): Promise<number> {
  const out = createWriteStream(file);
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  out.write('Firma;Webseite;Land;Mitarbeiter;Kundenstatus;Verlängerung;Notizen\r\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const name = `${STREETS[rnd(STREETS.length)]} ${KINDS[rnd(KINDS.length)]} ${prefix}${i} ${FORMS[rnd(FORMS.length)]}`;
    const employees = rnd(20_000);
    const renewal = rnd(3) === 0 ? `${1 + rnd(28)}.${1 + rnd(12)}.${2026 + rnd(3)}` : '';
    chunk += `${name};www.${prefix.toLowerCase()}-${i}.example;${COUNTRIES[rnd(COUNTRIES.length)]};${employees.toLocaleString('de-DE')};${STATUS[rnd(STATUS.length)]};${renewal};"Notiz ${i}; mit ""Zitat"""\r\n`;
    if (chunk.length > 65_536) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return statSync(file).size;
}

async function* multipartBody(file: string) {
  yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="entity"\r\n\r\naccounts\r\n`);
  yield Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
}

// A garbage collection on demand (without starting node with --expose-gc), for retained-heap samples.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * Samples memory until stopped: resident set size every 20 ms (its peak includes garbage not yet
 * collected), and every second the heap that survives a full collection — what the import holds.
 */
function memorySampler() {
  let rss = process.memoryUsage().rss;
  let retained = 0;
  const fast = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage().rss);
  }, 20);
  const slow = setInterval(() => {
    gc();
    retained = Math.max(retained, process.memoryUsage().heapUsed);
  }, 1_000);
  return () => {
    clearInterval(fast);
    clearInterval(slow);
    return { rssMb: Math.max(rss, process.memoryUsage().rss) / 1048576, retainedMb: retained / 1048576 };
  };
}

type Run = {
  rows: number;
  bytes: number;
  uploadSeconds: number;
  /** From the first upload byte until the last imported account has its duplicate-check keys. */
  keyedSeconds: number;
  totalSeconds: number;
  rowsPerSecond: number;
  baseMb: number;
  baseHeapMb: number;
  peakMb: number;
  retainedMb: number;
};

/** Waits until every live account of the workspace has its duplicate-check keys (the rekey pass after an import). */
async function keysComplete(db: Db, workspaceId: string): Promise<void> {
  for (;;) {
    const { rows } = await inWorkspace(db, workspaceId, (trx) =>
      sql<{ n: string }>`select count(*) as n from accounts a where a.deleted_at is null
        and not exists (select 1 from company_match_key_versions v where v.account_id = a.id)`.execute(trx),
    );
    if (Number(rows[0].n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function importOnce(
  url: string,
  apiKey: string,
  file: string,
  rows: number,
  bytes: number,
  log: BenchContext['log'],
  keys: () => Promise<void>,
): Promise<Run> {
  const auth = { authorization: `Bearer ${apiKey}` };
  gc();
  const baseMb = process.memoryUsage().rss / 1048576;
  const baseHeapMb = process.memoryUsage().heapUsed / 1048576;
  const stop = memorySampler();
  const t0 = performance.now();
  const up = await fetch(`${url}/api/v1/imports`, {
    method: 'POST',
    headers: { ...auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: multipartBody(file) as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
  const created = (await up.json()) as { id: string; progress: { total: number } };
  if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${JSON.stringify(created)}`);
  const uploadSeconds = (performance.now() - t0) / 1000;
  const start = await fetch(`${url}/api/v1/imports/${created.id}/start`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: '{}',
  });
  if (start.status !== 202) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const s = (await (await fetch(`${url}/api/v1/imports/${created.id}`, { headers: auth })).json()) as {
      status: string;
      error: string | null;
      progress: { processed: number; imported: number; rejected: number };
    };
    if (s.status === 'failed') throw new Error(`import failed: ${s.error}`);
    if (s.status === 'completed') {
      if (s.progress.imported !== rows) throw new Error(`imported ${s.progress.imported} of ${rows} rows (${s.progress.rejected} rejected)`);
      break;
    }
  }
  const totalSeconds = (performance.now() - t0) / 1000;
  await keys();
  const keyedSeconds = (performance.now() - t0) / 1000;
  const { rssMb: peakMb, retainedMb } = stop();
  const run = { rows, bytes, uploadSeconds, totalSeconds, rowsPerSecond: rows / totalSeconds, keyedSeconds, baseMb, baseHeapMb, peakMb, retainedMb };
  log(
    `  ${rows.toLocaleString('en-US')} rows: ${run.rowsPerSecond.toFixed(0)} rows/s end to end; duplicate-check keys complete ${(keyedSeconds - totalSeconds).toFixed(1)} s later; RSS ${baseMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB; heap after GC ${baseHeapMb.toFixed(0)} → max ${retainedMb.toFixed(0)} MB`,
  );
  return run;
}

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const rows = Math.max(1_000, Math.round(100_000 * ctx.scale));
  const small = Math.max(1_000, Math.round(rows / 10));
  const smallFile = path.join(ctx.dataDir, 'bench-small.csv');
  const bigFile = path.join(ctx.dataDir, 'bench-accounts.csv');
  const smallBytes = await writeCsv(smallFile, small, 'Warm');
  const bytes = await writeCsv(bigFile, rows, 'Bench');
  ctx.log(
    `generated ${rows.toLocaleString('en-US')} accounts (${(bytes / 1024 / 1024).toFixed(1)} MB) and ${small.toLocaleString('en-US')} for comparison`,
  );

  const config = loadConfig({
    DATABASE_URL: ctx.ownerUrl,
    SECRET_KEY: ctx.secretKey,
    TANDEM_DATA_DIR: ctx.dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const log = createLogger(config);
  const database = await openDatabase(config, log, { migrate: false });
  const jobs = createJobs(config, database, log);
  registerImportJobs(jobs, database.db, config); // harmless when createJobs registers it already
  await jobs.startWorkers();
  const app = await buildApp({ config, db: database.db, jobs, log });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const ws = await createWorkspace(database.db, {
      name: 'CSV bench',
      adminEmail: 'bench@example.com',
      adminPassword: 'correct horse battery',
      adminName: 'Bench',
    });
    const keys = () => keysComplete(database.db, ws.workspaceId);
    const warm = await importOnce(url, ws.apiKey, smallFile, small, smallBytes, ctx.log, keys);
    const full = await importOnce(url, ws.apiKey, bigFile, rows, bytes, ctx.log, keys);
    return [
      {
        name: 'csv-import',
        metrics: [
          { label: `${rows.toLocaleString('en-US')} accounts: end to end`, value: full.rowsPerSecond, unit: 'rows/s' },
          { label: 'upload (stream to disk, scan, preview)', value: full.uploadSeconds, unit: 's' },
          { label: 'upload + job until completed', value: full.totalSeconds, unit: 's' },
          { label: 'until every account has its duplicate-check keys (rekey pass after the import)', value: full.keyedSeconds, unit: 's' },
          { label: 'rows/s including the duplicate-check keys', value: rows / full.keyedSeconds, unit: 'rows/s' },
          { label: 'file size', value: full.bytes / 1024 / 1024, unit: 'MB' },
          { label: 'RSS before', value: full.baseMb, unit: 'MB' },
          { label: 'RSS peak (garbage included)', value: full.peakMb, unit: 'MB' },
          { label: 'heap after GC: before', value: full.baseHeapMb, unit: 'MB' },
          { label: 'heap after GC: max during import', value: full.retainedMb, unit: 'MB' },
          { label: `${small.toLocaleString('en-US')} accounts: end to end`, value: warm.rowsPerSecond, unit: 'rows/s' },
          { label: `${small.toLocaleString('en-US')} accounts: RSS peak`, value: warm.peakMb, unit: 'MB' },
          { label: `${small.toLocaleString('en-US')} accounts: heap after GC, max`, value: warm.retainedMb, unit: 'MB' },
        ],
        ratios: [
          { label: 'rows/s ÷ 5,000 (target)', value: full.rowsPerSecond / 5_000 },
          {
            label: `RSS peak growth ${rows / 1000}k ÷ ${small / 1000}k import (1 = flat)`,
            value: (full.peakMb - full.baseMb + 1) / (warm.peakMb - warm.baseMb + 1),
          },
          { label: `retained heap ${rows / 1000}k ÷ ${small / 1000}k import (1 = flat)`, value: full.retainedMb / warm.retainedMb },
        ],
        notes: [
          'server, job worker and upload client in one process (the numbers include all three); PostgreSQL beside it',
          'batches of 1,000 rows, each one transaction: domain look-up, multi-row INSERT … unnest() of accounts and domains, counters',
        ],
      },
    ];
  } finally {
    await app.close();
    await jobs.stop(5_000);
    await database.db.destroy();
    await database.ownerDb.destroy();
  }
}

export const csvImport: Benchmark = {
  name: 'csv-import',
  description: 'CSV import of 100 k accounts over HTTP and the import job: rows/s end to end and resident memory',
  run,
};
