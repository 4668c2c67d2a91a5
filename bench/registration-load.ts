// The closed-loop load of registration-submit: 50 clients, unique bodies with Idempotency-Keys,
// same-instant pairs of partners on one company, retries with the same key; every answer recorded.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { RegCompany } from './generate-registrations.ts';
import { Rng } from './names.ts';

/** Why a request was sent: the first submission of its key, or a retry with the same key. */
export type Role = 'first' | 'retry_concurrent' | 'retry_after';
/** What a logical submission names: a new company, an account of the CRM, or one of a same-instant pair. */
export type Kind = 'new' | 'existing' | 'pair';

export type Job = {
  key: string;
  apiKey: string;
  body: string;
  companyKey: string;
  kind: Kind;
  role: Role;
  /** Both halves of a pair (or an original and its concurrent retry) are sent once two clients hold them. */
  barrier?: Barrier;
  /** A retry after the original's answer waits for it. */
  after?: Promise<void>;
  settled?: Deferred;
};

/** One answer (or a transport error: status 0). */
export type Answer = {
  key: string;
  kind: Kind;
  role: Role;
  status: number;
  replayed: boolean;
  id?: string;
  /** performance.now() when sent and answered, ms. */
  t0: number;
  t1: number;
  error?: string;
};

type Deferred = { promise: Promise<void>; resolve: () => void };
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Two clients meet here: each one's arrive() resolves when both have arrived. */
export class Barrier {
  arrived = 0;
  private readonly all = deferred();
  arrive(): Promise<void> {
    if (++this.arrived === 2) this.all.resolve();
    return this.all.promise;
  }
}

/** A partner the benchmark submits as: its id and a partner-bound API key. */
export type BenchPartner = { id: string; apiKey: string };

export type MixOptions = {
  /** Share of logical items that are a pair of partners registering one new company at the same instant. */
  pairs: number;
  /** Share of single submissions naming an account of the CRM. */
  existing: number;
  /** Share of single submissions retried with the same key (half while the original runs, half after its answer). */
  retries: number;
};

const MOTIONS = ['resale', 'resale', 'resale', 'referral', 'referral', 'services', 'technology', 'marketplace'] as const;
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'GBP', 'CHF'] as const;
const NOTES = [
  'Evaluating a replacement of their current platform; budget approved.',
  'Workshop with IT held, proposal requested by end of quarter.',
  'Ausschreibung läuft, Angebot bis Monatsende.',
  'Inbound via webinar, CFO sponsors the project.',
];

/**
 * The submissions, generated as the clients ask for them: mostly new companies, some accounts of
 * the CRM, same-instant pairs of two partners on one new company, and retries with the same key.
 * A partner never claims a company twice for one motion (the service would answer 409).
 */
export class Feed {
  private readonly queue: Job[] = [];
  private readonly delayed: { due: number; job: Job }[] = [];
  private taken = 0;
  private seq = 0;
  readonly counts = { logical: 0, pairs: 0, existing: 0, retriesConcurrent: 0, retriesAfter: 0 };
  /** Company keys of the pairs, for the claim check afterwards. */
  readonly pairKeys: string[] = [];
  /** Company keys of every submission. */
  readonly companyKeys = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly partners: BenchPartner[],
    private readonly companies: { fresh(): RegCompany; existing(): RegCompany | undefined },
    private readonly openClaims: Set<string>,
    private readonly mix: MixOptions,
    private readonly clients: number,
    private readonly runId: string,
  ) {}

  /** The next request for a free client; when stopping, only the second half of a pair a client already holds. */
  next(stopping: boolean): Job | undefined {
    if (stopping) return this.queue[0]?.barrier?.arrived === 1 ? this.queue.shift() : undefined;
    while (this.delayed.length && this.delayed[0].due <= this.taken) this.queue.push((this.delayed.shift() as { job: Job }).job);
    if (!this.queue.length) this.plan();
    this.taken++;
    return this.queue.shift();
  }

  private body(company: RegCompany, motion: string) {
    const type = this.rng.chance(0.15) ? 'lead' : 'deal';
    const close = new Date(Date.now() + (30 + this.rng.int(150)) * 86_400_000).toISOString().slice(0, 10);
    return JSON.stringify({
      type,
      company: { name: company.name, domain: company.domain },
      contact: { name: company.contactName, email: company.contactEmail },
      amount: { value: Math.round(5_000 * 100 ** this.rng.next()) * 10, currency: this.rng.pick(CURRENCIES) },
      expectedCloseDate: close,
      motion,
      notes: this.rng.pick(NOTES),
    });
  }

  private job(partner: BenchPartner, company: RegCompany, motion: string, kind: Kind): Job {
    this.openClaims.add(`${partner.id}|${company.key}|${motion}`);
    this.companyKeys.add(company.key);
    this.counts.logical++;
    return {
      key: `${this.runId}-${++this.seq}`,
      apiKey: partner.apiKey,
      body: this.body(company, motion),
      companyKey: company.key,
      kind,
      role: 'first',
      settled: deferred(),
    };
  }

  private plan(): void {
    const motion = this.rng.pick(MOTIONS);
    if (this.rng.chance(this.mix.pairs)) {
      const company = this.companies.fresh();
      const a = this.rng.int(this.partners.length);
      const b = (a + 1 + this.rng.int(this.partners.length - 1)) % this.partners.length;
      const barrier = new Barrier();
      this.queue.push(
        { ...this.job(this.partners[a], company, motion, 'pair'), barrier },
        { ...this.job(this.partners[b], company, motion, 'pair'), barrier },
      );
      this.counts.pairs++;
      this.pairKeys.push(company.key);
      return;
    }
    const existing = this.rng.chance(this.mix.existing) ? this.companies.existing() : undefined;
    const company = existing ?? this.companies.fresh();
    let partner = this.rng.pick(this.partners);
    for (let i = 0; this.openClaims.has(`${partner.id}|${company.key}|${motion}`) && i < this.partners.length; i++) {
      partner = this.partners[(this.partners.indexOf(partner) + 1) % this.partners.length];
    }
    if (this.openClaims.has(`${partner.id}|${company.key}|${motion}`)) {
      // Every bench partner claims this account for this motion already: draw again.
      this.plan();
      return;
    }
    const first = this.job(partner, company, motion, existing ? 'existing' : 'new');
    if (existing) this.counts.existing++;
    if (!this.rng.chance(this.mix.retries)) {
      this.queue.push(first);
    } else if (this.rng.chance(0.5)) {
      // A client that gave up waiting and sent again while the first request still runs.
      const barrier = new Barrier();
      this.queue.push({ ...first, barrier }, { ...first, role: 'retry_concurrent', barrier, settled: undefined });
      this.counts.retriesConcurrent++;
    } else {
      // A client that lost the answer (a dropped connection) and retries once the first has been answered.
      this.queue.push(first);
      const retry: Job = { ...first, role: 'retry_after', after: first.settled?.promise, settled: undefined };
      this.delayed.push({ due: this.taken + this.clients, job: retry });
      this.counts.retriesAfter++;
    }
  }
}

/** POSTs JSON over a keep-alive agent; resolves with the status, the replay header and the body. */
function post(agent: http.Agent, url: URL, job: Job): Promise<{ status: number; replayed: boolean; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/v1/registrations',
        headers: {
          authorization: `Bearer ${job.apiKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(job.body),
          'idempotency-key': job.key,
        },
        timeout: 120_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, replayed: res.headers['idempotent-replayed'] === 'true', body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out after 120 s')));
    req.on('error', reject);
    req.end(job.body);
  });
}

/** Sends one job and records its answer. */
export async function send(agent: http.Agent, url: URL, job: Job, answers: Answer[]): Promise<void> {
  const t0 = performance.now();
  const a: Answer = { key: job.key, kind: job.kind, role: job.role, status: 0, replayed: false, t0, t1: t0 };
  try {
    const res = await post(agent, url, job);
    a.status = res.status;
    a.replayed = res.replayed;
    if (res.status === 201) a.id = (JSON.parse(res.body) as { id: string }).id;
    else a.error = res.body.slice(0, 300);
  } catch (err) {
    a.error = String((err as Error).message ?? err);
  } finally {
    a.t1 = performance.now();
    answers.push(a);
    job.settled?.resolve();
  }
}

/**
 * `clients` closed loops until `seconds` have passed: each client takes the next job, meets its
 * pair partner when it has one, sends, and takes the next when answered. After the deadline a
 * client only takes the second half of a pair another client holds; then all drain.
 */
export async function closedLoop(feed: Feed, agent: http.Agent, urls: URL[], clients: number, seconds: number, answers: Answer[]) {
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const url = urls[i % urls.length]; // clients spread evenly over the server instances
      for (;;) {
        const job = feed.next(performance.now() >= until);
        if (!job) return;
        if (job.barrier) await job.barrier.arrive();
        if (job.after) await job.after;
        await send(agent, url, job, answers);
      }
    }),
  );
  return { start, until, end: performance.now() };
}

export { Rng };

const TICK_MS = 10; // Linux clock ticks (CLK_TCK = 100)

/** User + system CPU of one /proc stat file, in ms (0 when it is gone). */
function cpuOf(file: string): number {
  try {
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU time so far of this process's threads (by thread id) and of the given PostgreSQL processes. */
export type CpuSnapshot = { threads: Map<string, number>; postgres: number };

export function cpuSnapshot(postgresPids: number[]): CpuSnapshot {
  const threads = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) threads.set(tid, cpuOf(`/proc/self/task/${tid}/stat`));
  } catch {
    // Not Linux: no per-thread figures.
  }
  return { threads, postgres: postgresPids.reduce((s, pid) => s + cpuOf(`/proc/${pid}/stat`), 0) };
}

/**
 * CPU spent between two snapshots, in ms: this process's main thread (the load generator), its
 * busiest `servers` other threads (the servers' worker threads), the rest of its threads (GC,
 * libuv), and PostgreSQL's processes.
 */
export function cpuSpent(a: CpuSnapshot, b: CpuSnapshot, servers = 1) {
  const deltas = [...b.threads].map(([tid, ms]) => ({ tid, ms: ms - (a.threads.get(tid) ?? 0) }));
  const main = deltas.find((d) => d.tid === String(process.pid))?.ms ?? 0;
  const others = deltas.filter((d) => d.tid !== String(process.pid)).sort((x, y) => y.ms - x.ms);
  const server = others.slice(0, servers).reduce((s, d) => s + d.ms, 0);
  const rest = others.slice(servers).reduce((s, d) => s + d.ms, 0);
  return { loadGenerator: main, server, otherThreads: rest, postgres: b.postgres - a.postgres };
}
