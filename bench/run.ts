// `npm run bench [-- --only <name>] [--scale <n>] [--duration <s>]`: see bench/README.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchContext, Benchmark } from './context.ts';
import { crmQueries } from './crm-queries.bench.ts';
import { csvImport } from './csv-import.bench.ts';
import { type BenchDatabase, startBenchDatabase } from './database.ts';
import { duplicateCheck } from './duplicate-check.bench.ts';
import { duplicateMatching } from './duplicate-matching.bench.ts';
import { httpAuthOverhead } from './http-auth-overhead.bench.ts';
import { registrationSubmit } from './registration-submit.bench.ts';
import { type BenchResult, formatResults, writeResults } from './results.ts';

const BENCHMARKS: Benchmark[] = [httpAuthOverhead, crmQueries, csvImport, duplicateMatching, duplicateCheck, registrationSubmit];

const USAGE = `usage: npm run bench -- [--only <name>[,<name>]] [--scale <n>] [--crm-scale <n>] [--duration <s>] [--warmup <s>] [--connections <n>]
  --only         run only these benchmarks: ${BENCHMARKS.map((b) => b.name).join(', ')}
  --scale        multiply the generated data (default 1, or BENCH_SCALE)
  --crm-scale    CRM data of crm-queries, duplicate-check and registration-submit: 1 = 1 M accounts, 1 M opportunities, 5 M timeline entries (default 1, or BENCH_CRM_SCALE)
  --duration     seconds of each measured load run (default 10, or BENCH_DURATION)
  --warmup       seconds of the discarded warm-up before each run (default 2)
  --connections  concurrent HTTP connections and database clients (default 20)
  --profile      write CPU profiles of the server thread to bench/results/*.cpuprofile (numbers then run slower)
DATABASE_URL set: a fresh database on that server (dropped afterwards) instead of the embedded PostgreSQL.`;

function positive(name: string, raw: string | undefined, fallback: number, allowZero = false): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    console.error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

function parseOptions() {
  return parseArgs({
    options: {
      only: { type: 'string' },
      scale: { type: 'string' },
      'crm-scale': { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      profile: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
}

function parse() {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions();
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((n) => !BENCHMARKS.some((b) => b.name === n)) ?? [];
  if (unknown.length) {
    console.error(`unknown benchmark: ${unknown.join(', ')}\n\n${USAGE}`);
    process.exit(2);
  }
  return {
    benchmarks: only ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS,
    scale: positive('--scale', values.scale ?? process.env.BENCH_SCALE, 1),
    crmScale: positive('--crm-scale', values['crm-scale'] ?? process.env.BENCH_CRM_SCALE, 1),
    seconds: positive('--duration', values.duration ?? process.env.BENCH_DURATION, 10),
    warmupSeconds: positive('--warmup', values.warmup, 2, true),
    connections: Math.round(positive('--connections', values.connections, 20)),
    profile: values.profile ?? false,
  };
}

let interrupted = false;

async function main() {
  const opts = parse();
  const startedAt = new Date();
  const log = (line: string) => console.log(line);
  const loadAverageAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  log(`tandem bench: ${opts.benchmarks.map((b) => b.name).join(', ')} (scale ${opts.scale}, crm scale ${opts.crmScale})`);
  log(`machine: ${os.cpus().length} cores, load average ${loadAverageAtStart.join(' ')}`);
  if (loadAverageAtStart[0] > os.cpus().length / 2) {
    log('warning: the machine is busy with other work; numbers will be lower and noisier than on an idle machine');
  }

  let database: BenchDatabase | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`\n${signal}: stopping the database`);
    void (database?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: BenchResult[] = [];
  try {
    const base = {
      scale: opts.scale,
      crmScale: opts.crmScale,
      seconds: opts.seconds,
      warmupSeconds: opts.warmupSeconds,
      connections: opts.connections,
      profile: opts.profile,
      log,
    };
    // Only start PostgreSQL when a selected benchmark needs it.
    if (opts.benchmarks.some((b) => b.needsDatabase !== false)) database = await startBenchDatabase(log);
    for (const b of opts.benchmarks) {
      log(`\n# ${b.name}: ${b.description}`);
      if (b.needsDatabase === false) results.push(...(await b.run(base)));
      else {
        const db = database!;
        const ctx: BenchContext = { ...base, ownerUrl: db.ownerUrl, secretKey: db.secretKey, dataDir: db.dataDir };
        results.push(...(await b.run(ctx)));
      }
    }
  } finally {
    await database?.stop();
  }

  const finishedAt = new Date();
  const seconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;
  console.log(formatResults(results));
  const file = writeResults(results, {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    seconds,
    scale: opts.scale,
    database: database?.kind ?? 'none',
    args: process.argv.slice(2),
    loadAverageAtStart,
  });
  console.log(`\nwrote ${file} (run took ${seconds.toFixed(0)} s)`);
}

main().then(
  () => process.exit(0),
  (err) => {
    // After a signal, the failures of work cut short are expected; the handler exits once stopped.
    if (interrupted) return;
    console.error(err);
    process.exit(1);
  },
);
