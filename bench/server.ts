import { Worker } from 'node:worker_threads';
import type { CpuProfile } from './profile.ts';
import type { ServerRequest, ServerWorkerData, StatementCount } from './server.worker.ts';

export type BenchServer = {
  url: string;
  /** Counts the SQL statements and transactions the server sends while fn runs. */
  countStatements(fn: () => Promise<void>): Promise<StatementCount>;
  /** Records a CPU profile of the server thread while fn runs (inspector protocol, .cpuprofile format). */
  profile(fn: () => Promise<void>): Promise<CpuProfile>;
  stop(): Promise<void>;
};

// Workers do not inherit tsx's loader: a plain-JS bootstrap registers it, then imports the .ts entry.
const BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => tsx.tsImport(workerData.entry, workerData.entry));
`;

/**
 * Starts the real server (openDatabase, createJobs, buildApp, listen on 127.0.0.1:0) in a worker
 * thread of this process. The load generator stays on the main thread: sharing one event loop
 * with the server would make it measure its own work too.
 */
export async function startServer(data: ServerWorkerData): Promise<BenchServer> {
  const entry = new URL('./server.worker.ts', import.meta.url).href;
  const worker = new Worker(BOOT, { eval: true, workerData: { ...data, entry } });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    worker.on('message', (m: { type?: string; port?: number; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.type === 'ready') return resolve(m.port ?? 0);
      const p = m.id ? pending.get(m.id) : undefined;
      if (!p) return;
      pending.delete(m.id as number);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      const err = new Error(`the server worker exited with code ${code}`);
      reject(err);
      for (const p of pending.values()) p.reject(err);
    });
  });
  const ask = (type: ServerRequest['type']) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, type } satisfies ServerRequest);
    });
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    async countStatements(fn) {
      await ask('count-start');
      let failure: unknown;
      try {
        await fn();
      } catch (err) {
        failure = err;
      }
      const count = (await ask('count-stop')) as StatementCount;
      if (failure) throw failure;
      return count;
    },
    async profile(fn) {
      await ask('profile-start');
      let failure: unknown;
      try {
        await fn();
      } catch (err) {
        failure = err;
      }
      const profile = (await ask('profile-stop')) as CpuProfile;
      if (failure) throw failure;
      return profile;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await ask('stop');
      } finally {
        await worker.terminate();
      }
    },
  };
}
