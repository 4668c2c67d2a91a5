// The Tandem server of a benchmark, in a worker thread of the bench process (see server.ts).
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createJobs, createLogger, openDatabase } from '../src/server/runtime.ts';

export type ServerWorkerData = { ownerUrl: string; secretKey: string; dataDir: string };
export type ServerRequest = { id: number; type: 'stop' | 'count-start' | 'count-stop' | 'profile-start' | 'profile-stop' };
/** One statement a pg client sent: its text and parameters. */
export type CapturedQuery = { text: string; values?: unknown[]; sentAt?: number; doneAt?: number };
/** What the server sent between count-start and count-stop; `queries` keeps the first 1,000 statements. */
export type StatementCount = { statements: number; transactions: number; queries: CapturedQuery[] };

const port = parentPort;
if (!port) throw new Error('server.worker.ts runs as a worker thread; use startServer() from server.ts');
const data = workerData as ServerWorkerData;

// Production settings, except: no rate limit (it would cap the load) and warnings only.
const config = loadConfig({
  DATABASE_URL: data.ownerUrl,
  SECRET_KEY: data.secretKey,
  TANDEM_DATA_DIR: data.dataDir,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
  HOST: '127.0.0.1',
  PORT: '0',
});
const log = createLogger(config);
const database = await openDatabase(config, log, { migrate: false });
const jobs = createJobs(config, database, log);
await jobs.start();
const app = await buildApp({ config, db: database.db, jobs, log });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();

// Statement counting wraps pg's Client#query only between count-start and count-stop, so the
// measured runs execute the unmodified driver.
const originalQuery = pg.Client.prototype.query;
const counted: StatementCount = { statements: 0, transactions: 0, queries: [] };
// CPU profiles of this thread (the server's), taken only when the bench runs with --profile.
let profiler: Session | undefined;

port.on('message', async (m: ServerRequest) => {
  try {
    if (m.type === 'count-start') {
      counted.statements = 0;
      counted.transactions = 0;
      counted.queries = [];
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
        const values = Array.isArray(args[1]) ? args[1] : (args[0] as { values?: unknown[] } | undefined)?.values;
        counted.statements++;
        const entry: CapturedQuery = { text, values, sentAt: performance.now() };
        if (counted.queries.length < 1000) counted.queries.push(entry);
        if (/^\s*begin\b/i.test(text)) counted.transactions++;
        const out = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
        if (out && typeof (out as Promise<unknown>).then === 'function')
          (out as Promise<unknown>).then(
            () => {
              entry.doneAt = performance.now();
            },
            () => {
              entry.doneAt = performance.now();
            },
          );
        return out;
      } as typeof originalQuery;
      port.postMessage({ id: m.id, ok: true });
    } else if (m.type === 'count-stop') {
      pg.Client.prototype.query = originalQuery;
      port.postMessage({ id: m.id, ok: true, value: { ...counted } });
      counted.queries = [];
    } else if (m.type === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      port.postMessage({ id: m.id, ok: true });
    } else if (m.type === 'profile-stop') {
      const result = await profiler?.post('Profiler.stop');
      profiler?.disconnect();
      profiler = undefined;
      port.postMessage({ id: m.id, ok: true, value: result?.profile });
    } else if (m.type === 'stop') {
      await app.close();
      await jobs.stop(2000);
      await database.close();
      port.postMessage({ id: m.id, ok: true });
      port.close();
    }
  } catch (err) {
    port.postMessage({ id: m.id, ok: false, error: String((err as Error)?.stack ?? err) });
  }
});

port.postMessage({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
