import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashToken } from '../src/server/auth/tokens.ts';
import { appRoleFor } from '../src/server/db/migrate.ts';
import type { BenchContext, Benchmark } from './context.ts';
import { generate } from './generate.ts';
import { dbLoad, httpLoad, type LoadResult } from './measure.ts';
import { topSelfTime } from './profile.ts';
import { type BenchResult, type Metric, RESULTS_DIR } from './results.ts';
import { startServer } from './server.ts';

// The statements the app sends for GET /api/v1/partners/:id, as Kysely compiles them
// (src/server/auth/api-keys.ts, src/server/db/client.ts inWorkspace, partners.repository.ts).
const SET_WORKSPACE = `select set_config('app.workspace_id', $1, true)`;
const SELECT_API_KEY = `select "id", "name", "scopes", "partner_id", "last_used_at", "expires_at" from "api_keys" where "token_hash" = $1 and "revoked_at" is null`;
const SELECT_PARTNER = `select * from "partners" where "workspace_id" = $1 and "id" = $2 and "deleted_at" is null`;

const STATEMENT_SAMPLE = 50;

function loadMetrics(label: string, unit: string, r: LoadResult): Metric[] {
  return [
    { label: `${label}: throughput`, value: r.perSecond, unit },
    { label: `${label}: p50`, value: r.latency.p50, unit: 'ms' },
    { label: `${label}: p95`, value: r.latency.p95, unit: 'ms' },
    { label: `${label}: p99`, value: r.latency.p99, unit: 'ms' },
  ];
}

async function expectOk(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as Record<string, unknown>;
}

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const noise = Math.max(1, Math.round(20 * ctx.scale));
  const data = await generate(ctx.ownerUrl, {
    workspaces: 1 + noise,
    usersPerWorkspace: 25,
    partnersPerWorkspace: 500,
    mainPartners: Math.max(100, Math.round(2000 * ctx.scale)),
    partnerUsersPerPartner: 3,
    log: ctx.log,
  });
  const generation: BenchResult = {
    name: 'data-generation',
    metrics: [
      { label: 'rows written', value: data.totalRows, unit: 'rows' },
      { label: 'partners', value: data.rows.partners, unit: 'rows' },
      { label: 'partner users', value: data.rows.partner_users, unit: 'rows' },
      { label: 'time', value: data.seconds, unit: 's' },
      { label: 'rate', value: data.rowsPerSecond, unit: 'rows/s' },
    ],
    ratios: [],
    notes: [
      `1 main workspace with ${data.partnerIds.length} partners + ${noise} noise workspaces × 500 partners; multi-row INSERT … unnest() batches`,
    ],
  };

  const ids = data.partnerIds;
  let next = 0;
  const auth = { authorization: `Bearer ${data.apiKey}` };
  const server = await startServer({ ownerUrl: ctx.ownerUrl, secretKey: ctx.secretKey, dataDir: ctx.dataDir });
  const load = { url: server.url, connections: ctx.connections, seconds: ctx.seconds, warmupSeconds: ctx.warmupSeconds };
  const endpoints = [
    { key: 'a', file: 'healthz', label: '(a) GET /healthz', headers: {}, path: () => '/healthz' },
    {
      key: 'b',
      file: 'partner-by-id',
      label: '(b) GET /api/v1/partners/:id',
      headers: auth,
      path: () => `/api/v1/partners/${ids[next++ % ids.length]}`,
    },
    { key: 'c', file: 'partner-list', label: '(c) GET /api/v1/partners?limit=50', headers: auth, path: () => '/api/v1/partners?limit=50' },
  ] as const;
  const http: Record<string, LoadResult> = {};
  const statements: Record<string, { statements: number; transactions: number }> = {};
  try {
    const page = await expectOk(`${server.url}/api/v1/partners?limit=50`, auth);
    if (!Array.isArray(page.data) || page.data.length !== 50) throw new Error('the list page did not return 50 partners');
    await expectOk(`${server.url}/api/v1/partners/${ids[0]}`, auth);

    // Counted before any load, so no straggling request of a load run is counted with them.
    for (const e of endpoints) {
      const count = await server.countStatements(async () => {
        for (let i = 0; i < STATEMENT_SAMPLE; i++) await expectOk(`${server.url}${e.path()}`, e.headers);
      });
      statements[e.key] = { statements: count.statements / STATEMENT_SAMPLE, transactions: count.transactions / STATEMENT_SAMPLE };
    }
    for (const e of endpoints) {
      ctx.log(`${e.label}: ${ctx.warmupSeconds} s warm-up + ${ctx.seconds} s, ${ctx.connections} connections`);
      const measure = async () => {
        http[e.key] = await httpLoad({ ...load, headers: e.headers, path: e.path });
      };
      if (ctx.profile) {
        const profile = await server.profile(measure);
        mkdirSync(RESULTS_DIR, { recursive: true });
        const file = path.join(RESULTS_DIR, `http-auth-overhead-${e.file}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        const top = topSelfTime(profile, 12);
        ctx.log(`  server thread busy ${(top.busyMs / 1000).toFixed(1)} s, idle ${(top.idleMs / 1000).toFixed(1)} s; top self time (${file}):`);
        for (const t of top.entries) ctx.log(`    ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.where}`);
        ctx.log('  self time by owner:');
        for (const t of top.owners.slice(0, 8)) ctx.log(`    ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.where}`);
      } else {
        await measure();
      }
      const r = http[e.key];
      ctx.log(`  ${Math.round(r.perSecond)} req/s, p50 ${r.latency.p50.toFixed(2)} ms, p95 ${r.latency.p95.toFixed(2)} ms, failures ${r.failures}`);
    }
  } finally {
    await server.stop();
  }

  // The same work without HTTP and Node: as the app role, with the workspace set once per session.
  const appUrl = appRoleFor(ctx.ownerUrl, ctx.secretKey).url;
  ctx.log(`raw DB: SELECT partner by primary key, ${ctx.connections} clients`);
  const raw = await dbLoad({
    connectionString: appUrl,
    clients: ctx.connections,
    seconds: ctx.seconds,
    warmupSeconds: ctx.warmupSeconds,
    setup: async (c) => {
      await c.query(`select set_config('app.workspace_id', $1, false)`, [data.workspaceId]);
      // Row-level security hides rows rather than failing: make sure the query really finds one.
      const { rowCount } = await c.query(SELECT_PARTNER, [data.workspaceId, ids[0]]);
      if (rowCount !== 1) throw new Error(`the raw SELECT found ${rowCount} partners instead of 1`);
    },
    work: async (c) => {
      await c.query(SELECT_PARTNER, [data.workspaceId, ids[next++ % ids.length]]);
    },
  });
  ctx.log(`  ${Math.round(raw.perSecond)} queries/s, p50 ${raw.latency.p50.toFixed(2)} ms, p95 ${raw.latency.p95.toFixed(2)} ms`);

  ctx.log(`raw DB: the statements of (b) (2 transactions, 8 round trips), ${ctx.connections} clients`);
  const tokenHash = hashToken(data.apiKey);
  const sequence = await dbLoad({
    connectionString: appUrl,
    clients: ctx.connections,
    seconds: ctx.seconds,
    warmupSeconds: ctx.warmupSeconds,
    setup: async (c) => {
      await c.query('begin');
      await c.query(SET_WORKSPACE, [data.workspaceId]);
      const { rowCount } = await c.query(SELECT_API_KEY, [tokenHash]);
      await c.query('commit');
      if (rowCount !== 1) throw new Error(`the raw API-key look-up found ${rowCount} keys instead of 1`);
    },
    work: async (c) => {
      await c.query('begin');
      await c.query(SET_WORKSPACE, [data.workspaceId]);
      await c.query(SELECT_API_KEY, [tokenHash]);
      await c.query('commit');
      await c.query('begin');
      await c.query(SET_WORKSPACE, [data.workspaceId]);
      await c.query(SELECT_PARTNER, [data.workspaceId, ids[next++ % ids.length]]);
      await c.query('commit');
    },
  });
  ctx.log(`  ${Math.round(sequence.perSecond)} sequences/s, p50 ${sequence.latency.p50.toFixed(2)} ms, p95 ${sequence.latency.p95.toFixed(2)} ms`);

  const [a, b, c] = [http.a, http.b, http.c];
  const failures = a.failures + b.failures + c.failures;
  return [
    generation,
    {
      name: 'http-auth-overhead',
      metrics: [
        ...endpoints.flatMap((e) => loadMetrics(e.label, 'req/s', http[e.key])),
        ...loadMetrics('raw DB: SELECT partner by PK', 'queries/s', raw),
        ...loadMetrics('raw DB: statements of (b)', 'sequences/s', sequence),
        ...endpoints.flatMap((e) => [
          { label: `${e.label}: SQL statements per request`, value: statements[e.key].statements, unit: 'stmts' },
          { label: `${e.label}: transactions per request`, value: statements[e.key].transactions, unit: 'tx' },
        ]),
        { label: 'non-2xx responses and errors', value: failures, unit: '' },
      ],
      ratios: [
        { label: '(b) ÷ (a) throughput', value: b.perSecond / a.perSecond },
        { label: '(c) ÷ (a) throughput', value: c.perSecond / a.perSecond },
        { label: '(b) ÷ raw DB SELECT by PK throughput', value: b.perSecond / raw.perSecond },
        { label: '(b) ÷ raw DB statements of (b) throughput', value: b.perSecond / sequence.perSecond },
        { label: '(b) p95 ÷ raw DB SELECT by PK p95', value: b.latency.p95 / raw.latency.p95 },
        { label: '(b) p50 ÷ (a) p50', value: b.latency.p50 / a.latency.p50 },
      ],
      notes: [
        `closed loop, ${ctx.connections} connections/clients, ${ctx.warmupSeconds} s warm-up then ${ctx.seconds} s measured; server in a worker thread, load generator on the main thread, PostgreSQL alongside (${data.partnerIds.length} partners in the main workspace)`,
        'p50/p95/p99 are exact nearest-rank percentiles over every response time (process.hrtime, sub-ms), not autocannon histogram buckets',
        ...endpoints.map(
          (e) =>
            `${e.label}: autocannon's own histogram (1 ms buckets) p50 ${http[e.key].autocannon?.p50} ms, p97.5 ${http[e.key].autocannon?.p97_5} ms, p99 ${http[e.key].autocannon?.p99} ms`,
        ),
        ...(ctx.profile ? ['--profile was on: the server ran under the CPU profiler, so its numbers are lower than without'] : []),
        ...(failures ? [`${failures} requests failed or answered non-2xx: their times are not in the percentiles`] : []),
      ],
    },
  ];
}

/** Throughput and latency of an unauthenticated, a by-id and a list endpoint, against the database alone. */
export const httpAuthOverhead: Benchmark = {
  name: 'http-auth-overhead',
  description: 'GET /healthz vs authenticated GET /api/v1/partners/:id and ?limit=50 vs the same SELECT straight on PostgreSQL',
  run,
};
