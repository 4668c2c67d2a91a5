import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { type Db, inWorkspace, type Trx } from '../db/client.ts';
import { BOSS_SCHEMA } from '../db/migrate.ts';

export const tenantJobData = z.object({ workspaceId: z.uuid() });

/** A queued job: validated payload, run in its workspace's transaction. */
export type JobDefinition<S extends z.ZodType<{ workspaceId: string }>> = {
  name: string;
  data: S;
  /**
   * When given, the effect is recorded under this key in the same transaction as the handler's
   * writes: a retried job whose first run committed does nothing the second time.
   */
  effectKey?: (data: z.infer<S>, jobId: string) => string;
  run: (ctx: Ctx, data: z.infer<S>) => Promise<void>;
  retryLimit?: number;
  expireInSeconds?: number;
};

/**
 * A periodic job (cron, UTC) that is not bound to one workspace, e.g. a sweep over due rows.
 * `atStart` also queues it once when workers start (e.g. work that a deploy may have created).
 */
export type ScheduledJob = { name: string; cron: string; run: () => Promise<void>; atStart?: boolean };

export type JobsOptions = { db: Db; url: string; log: Logger; smtpEnabled: boolean; now?: () => Date };

/** The job system: pg-boss on the same database, a registry of named jobs, and sweeps. */
export class Jobs {
  readonly boss: PgBoss;
  readonly smtpEnabled: boolean;
  private readonly defs = new Map<string, JobDefinition<z.ZodType<{ workspaceId: string }>>>();
  private readonly schedules = new Map<string, ScheduledJob>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private started = false;
  private stopping = false;

  constructor(private readonly opts: JobsOptions) {
    this.smtpEnabled = opts.smtpEnabled;
    this.boss = new PgBoss({
      connectionString: opts.url,
      schema: BOSS_SCHEMA,
      migrate: false,
      supervise: false,
      schedule: false,
      max: 4,
      application_name: 'tandem-jobs',
    });
    // While stopping (e.g. Ctrl-C also stopped the embedded database) connection errors are expected.
    this.boss.on('error', (err) =>
      this.stopping ? opts.log.debug({ err }, 'job system error while stopping') : opts.log.error({ err }, 'job system error'),
    );
  }

  /** Registers a queued job handler. */
  define<S extends z.ZodType<{ workspaceId: string }>>(def: JobDefinition<S>): void {
    this.defs.set(def.name, def as never);
  }

  /** Registers a periodic job. */
  schedule(job: ScheduledJob): void {
    this.schedules.set(job.name, job);
  }

  /** Connects (needed to send). Workers start separately with startWorkers(). */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  /** Enqueues a job inside an open transaction: it exists only if the transaction commits. */
  async send(trx: Trx, name: string, data: { workspaceId: string } & Record<string, unknown>, opts: PgBoss.SendOptions = {}) {
    const db: PgBoss.Db = {
      executeSql: async (text, values) => {
        const r = await trx.executeQuery(CompiledQuery.raw(text, values));
        return { rows: r.rows as unknown[] };
      },
    };
    const id = await this.boss.send(name, data, { ...this.retries(name), ...opts, db });
    // pg-boss drops a job for a queue that does not exist (or a singleton already queued) silently.
    if (!id && !opts.singletonKey) throw new Error(`job ${name} was not queued: is the queue in jobs/queues.ts and migrated?`);
    return id;
  }

  /**
   * Enqueues a job on its own connection, now — for work a committed transaction has left for a
   * sweep to find should this job never be sent (see queueEmailAtCommit).
   */
  async sendNow(name: string, data: { workspaceId: string } & Record<string, unknown>) {
    return this.boss.send(name, data, this.retries(name));
  }

  /** A job's retries and expiry: its definition's, else the defaults. */
  private retries(name: string): PgBoss.SendOptions {
    const def = this.defs.get(name);
    return { retryLimit: def?.retryLimit ?? 5, retryBackoff: true, retryDelay: 2, expireInSeconds: def?.expireInSeconds ?? 300 };
  }

  /** Runs one job's handler: validate, open the tenant transaction, apply the effect once. */
  async handle(name: string, jobId: string, raw: unknown): Promise<'done' | 'duplicate'> {
    const def = this.defs.get(name);
    if (!def) throw new Error(`no handler registered for job ${name}`);
    const data = def.data.parse(raw);
    const now = this.opts.now ?? (() => new Date());
    return inWorkspace(this.opts.db, data.workspaceId, async (trx) => {
      if (def.effectKey) {
        const inserted = await trx
          .insertInto('jobEffects')
          .values({ workspaceId: data.workspaceId, effectKey: def.effectKey(data, jobId), jobName: name })
          .onConflict((oc) => oc.doNothing())
          .returning('effectKey')
          .executeTakeFirst();
        if (!inserted) return 'duplicate';
      }
      const ctx: Ctx = { trx, workspaceId: data.workspaceId, actor: { kind: 'system', workspaceId: data.workspaceId, name: `job:${name}` }, now };
      await def.run(ctx, data);
      return 'done';
    });
  }

  /** Starts workers for every registered job and the cron schedules; maintenance included. */
  async startWorkers(): Promise<void> {
    await this.start();
    for (const name of this.defs.keys()) {
      await this.boss.work(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => this.track(this.handle(name, job.id, job.data)));
    }
    for (const s of this.schedules.values()) {
      await this.boss.work(s.name, { batchSize: 1 }, async () => this.track(s.run()));
      // One start-up run however many workers start together: a singleton for a few minutes.
      if (s.atStart) await this.boss.send(s.name, {}, { singletonKey: `${s.name}:start`, singletonSeconds: 300 });
    }
    this.maintenance = setInterval(() => {
      this.boss.maintain().catch((err) => this.opts.log.warn({ err }, 'job maintenance failed'));
    }, 60_000);
    this.maintenance.unref();
    this.cron = setInterval(() => this.fireDueSchedules(), 30_000);
    this.cron.unref();
  }

  private maintenance?: NodeJS.Timeout;
  private cron?: NodeJS.Timeout;
  private lastFired = new Map<string, number>();

  // pg-boss's own cron needs its timekeeper (schedule: true), which wants DDL rights; firing due
  // schedules here instead keeps the app role unprivileged. singletonKey makes concurrent fires one job.
  private fireDueSchedules() {
    const minute = Math.floor(Date.now() / 60_000);
    for (const s of this.schedules.values()) {
      if (this.lastFired.get(s.name) === minute || !cronMatches(s.cron, new Date())) continue;
      this.lastFired.set(s.name, minute);
      this.boss.send(s.name, {}, { singletonKey: `${s.name}:${minute}`, singletonSeconds: 60 }).catch(() => {});
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p)).catch(() => {});
    return p;
  }

  /** Stops taking new jobs and waits (up to timeoutMs) for in-flight handlers to finish. */
  async stop(timeoutMs = 20_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.maintenance);
    clearInterval(this.cron);
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    this.started = false;
    this.stopping = false;
  }
}

/** Minimal cron matcher for `m h dom mon dow` with `*`, `*\/n`, numbers and lists. */
export function cronMatches(expr: string, d: Date): boolean {
  const parts = expr.trim().split(/\s+/);
  const values = [d.getUTCMinutes(), d.getUTCHours(), d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCDay()];
  return parts.every((p, i) =>
    p.split(',').some((term) => {
      if (term === '*') return true;
      const step = /^\*\/(\d+)$/.exec(term);
      if (step) return values[i] % Number(step[1]) === 0;
      return Number(term) === values[i];
    }),
  );
}

/**
 * Sweep: lists due rows of a table across workspaces (a SECURITY DEFINER look-up), then hands
 * each to `handle` in its own tenant transaction. The handler re-checks and claims its row with
 * FOR UPDATE SKIP LOCKED, so two workers never handle the same row and a crash leaves it due.
 */
export async function sweepDue(
  db: Db,
  table: 'email_messages',
  handle: (trx: Trx, workspaceId: string, id: string) => Promise<void>,
  limit = 100,
): Promise<number> {
  const { rows } = await sql<{ workspaceId: string; id: string }>`select * from due_rows(${table}, ${limit})`.execute(db);
  for (const r of rows) await inWorkspace(db, r.workspaceId, (trx) => handle(trx, r.workspaceId, r.id));
  return rows.length;
}
