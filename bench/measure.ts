import autocannon from 'autocannon';
import pg from 'pg';

/** Exact latency percentiles (nearest rank over every recorded sample), in milliseconds. */
export type LatencyStats = { count: number; mean: number; p50: number; p95: number; p99: number; max: number };

/** Nearest-rank percentiles of raw samples: no histogram buckets, no interpolation. */
export function latencyStats(samples: number[]): LatencyStats {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const at = (p: number) => (n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] : Number.NaN);
  const mean = n ? sorted.reduce((s, x) => s + x, 0) / n : Number.NaN;
  return { count: n, mean, p50: at(50), p95: at(95), p99: at(99), max: n ? sorted[n - 1] : Number.NaN };
}

export type LoadResult = {
  /** Successful (2xx) responses or completed units of work per second of the measured window. */
  perSecond: number;
  seconds: number;
  latency: LatencyStats;
  failures: number;
  /** autocannon's own histogram percentiles (1 ms resolution), for comparison. */
  autocannon?: { p50: number; p97_5: number; p99: number };
};

export type HttpLoadOptions = {
  url: string;
  /** Path of each request; called once per request, so it can rotate through ids. */
  path: () => string;
  /** `POST` with a JSON body per request (called right after `path`, so the two can rotate together); GET otherwise. */
  body?: () => string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Pause after each run: autocannon returns at the deadline while the server still finishes its last requests. */
  settleMs?: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cannon(o: HttpLoadOptions, seconds: number, onResponse?: (status: number, ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: seconds,
        headers: o.headers,
        requests: [
          {
            method: o.body ? 'POST' : 'GET',
            setupRequest: (req) => {
              const path = o.path();
              return o.body ? { ...req, path, body: o.body(), headers: { ...req.headers, 'content-type': 'application/json' } } : { ...req, path };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/**
 * Closed-loop HTTP load with autocannon: a warm-up run that is thrown away, then the measured
 * run. Every response time (process.hrtime, sub-millisecond) is kept, so percentiles are exact.
 */
export async function httpLoad(o: HttpLoadOptions): Promise<LoadResult> {
  const settle = () => sleep(o.settleMs ?? 500);
  if (o.warmupSeconds > 0) {
    await cannon(o, o.warmupSeconds);
    await settle();
  }
  const samples: number[] = [];
  let failures = 0;
  const result = await cannon(o, o.seconds, (status, ms) => {
    if (status >= 200 && status < 300) samples.push(ms);
    else failures++;
  });
  failures += result.errors;
  await settle();
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    perSecond: samples.length / seconds,
    seconds,
    latency: latencyStats(samples),
    failures,
    autocannon: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
  };
}

export type DbLoadOptions = {
  connectionString: string;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  /** Runs once per client after connecting. */
  setup?: (client: pg.Client) => Promise<void>;
  /** One unit of work (one query, or a sequence of them); its time is one latency sample. */
  work: (client: pg.Client) => Promise<void>;
};

/** The same closed loop as httpLoad, on `clients` dedicated pg connections. */
export async function dbLoad(o: DbLoadOptions): Promise<LoadResult> {
  const clients = Array.from({ length: o.clients }, () => new pg.Client({ connectionString: o.connectionString, application_name: 'tandem-bench' }));
  try {
    for (const c of clients) {
      await c.connect();
      await o.setup?.(c);
    }
    const loop = async (seconds: number, samples?: number[]) => {
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        clients.map(async (c) => {
          while (performance.now() < until) {
            const t0 = performance.now();
            await o.work(c);
            samples?.push(performance.now() - t0);
          }
        }),
      );
    };
    if (o.warmupSeconds > 0) await loop(o.warmupSeconds);
    const samples: number[] = [];
    const t0 = performance.now();
    await loop(o.seconds, samples);
    const seconds = (performance.now() - t0) / 1000;
    return { perSecond: samples.length / seconds, seconds, latency: latencyStats(samples), failures: 0 };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}
