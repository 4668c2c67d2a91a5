import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { appRoleFor } from '../src/server/db/migrate.ts';
import type { BenchContext, Benchmark } from './context.ts';
import { type CrmDataset, generateCrm } from './generate-crm.ts';
import { dbLoad, httpLoad, type LoadResult, latencyStats } from './measure.ts';
import { type PortalPartner, preparePortalPartner } from './portal-partner.ts';
import { type BenchResult, type Metric, type Ratio, RESULTS_DIR } from './results.ts';
import { type BenchServer, startServer } from './server.ts';
import type { CapturedQuery } from './server.worker.ts';

/** One of the issue's figures as an HTTP request (or several, rotated: one per request). */
type Endpoint = {
  key: string;
  label: string;
  /** The issue's p95 target. */
  targetMs: number;
  paths: string[];
  /** Rows the first path's page must have, so the load measures a real query. */
  minRows: number;
  /** Another caller than the workspace's admin key (the portal figures act as a partner). */
  apiKey?: string;
  /** Runs before the endpoint is measured (e.g. a safelist rule the figure needs). */
  before?: () => Promise<void>;
};

type Measured = {
  endpoint: Endpoint;
  statements: number;
  transactions: number;
  /** The statements of each path that read CRM tables, in the order the server sent them. */
  crm: CapturedQuery[][];
  http: Record<number, LoadResult>;
  raw: Record<number, LoadResult>;
  /** Requests that found nothing (decoded paths). */
  empty: string[];
  /** Each request's statements timed alone on PostgreSQL, slowest first. */
  slowest: { path: string; ms: number }[];
  /** False when the requests were too slow to put under load: then only `1` holds single sequential timings. */
  loaded: boolean;
};

// Transaction control, the workspace setting, API-key authentication and the job queue's polling
// are the same for every request; the CRM statements are what each figure is about.
const CRM_TABLES =
  /\b(accounts|account_domains|contacts|opportunities|opportunity_partners|timeline_entries|safelist_rules|partners|deal_access|search_\w+)\b/;
const isCrm = (q: CapturedQuery) => CRM_TABLES.test(q.text) && !/pgboss/i.test(q.text);

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Search terms as people type them, from the generated accounts: names, parts of names, domains. */
function searchTerms(data: CrmDataset): { search: string[]; names: string[] } {
  const search: string[] = [];
  const names: string[] = [];
  data.samples.forEach((s, i) => {
    const words = s.base.split(' ').filter((w) => w !== '&');
    switch (i % 4) {
      case 0: // a name being typed: "Nordlicht Date"
        search.push(`${words[0]} ${words[1]?.slice(0, 4) ?? ''}`.trim());
        names.push(words[0]);
        break;
      case 1: // the whole name without its legal form
        search.push(s.base);
        names.push(s.base);
        break;
      case 2: // a domain being typed
        search.push(s.domain.split('.')[0].slice(0, 10));
        names.push(words.slice(0, 2).join(' '));
        break;
      default: // a full domain
        search.push(s.domain);
        names.push(words[words.length - 1]);
    }
  });
  return { search, names };
}

function endpoints(data: CrmDataset, portal: PortalPartner): Endpoint[] {
  const terms = searchTerms(data);
  const { opportunity, account } = data.busiest;
  const deals = portal.deals.toLocaleString('en-US');
  return [
    {
      key: 'a1',
      label: '(a) opportunity list: stage proposal+negotiation, motion resale, close date asc',
      targetMs: 100,
      paths: [`/api/v1/opportunities?${qs({ stage: 'proposal,negotiation', motion: 'resale', sort: 'closeDate', order: 'asc', limit: '50' })}`],
      minRows: 50,
    },
    {
      key: 'a2',
      label: '(a) opportunity list: open stages, amount desc',
      targetMs: 100,
      paths: [`/api/v1/opportunities?${qs({ stage: 'prospecting,qualification,proposal,negotiation', sort: 'amount', order: 'desc', limit: '50' })}`],
      minRows: 50,
    },
    {
      key: 'a3',
      label: '(a) board column totals of one motion (GET /opportunities/summary?motion=resale)',
      targetMs: 100,
      paths: [`/api/v1/opportunities/summary?${qs({ motion: 'resale' })}`],
      minRows: 6,
    },
    {
      key: 'b1',
      label: '(b) search: accounts by name or domain (GET /search?types=account)',
      targetMs: 150,
      paths: terms.search.map((q) => `/api/v1/search?${qs({ q, types: 'account', limit: '10' })}`),
      minRows: 1,
    },
    {
      key: 'b2',
      label: '(b) search: all types (GET /search?q=)',
      targetMs: 150,
      paths: terms.search.map((q) => `/api/v1/search?${qs({ q })}`),
      minRows: 1,
    },
    {
      key: 'b3',
      label: '(b) account list filtered by name (GET /accounts?q=)',
      targetMs: 150,
      paths: terms.names.map((q) => `/api/v1/accounts?${qs({ q, limit: '50' })}`),
      minRows: 1,
    },
    {
      key: 'p1',
      label: `(p) portal pipeline of a partner with ${deals} deals, safelist on, close date asc (GET /portal/deals)`,
      targetMs: 100,
      paths: [`/api/v1/portal/deals?${qs({ limit: '50' })}`],
      minRows: 50,
      apiKey: portal.apiKey,
    },
    {
      key: 'p2',
      label: `(p) portal pipeline of a partner with ${deals} deals, safelist on, recently updated first`,
      targetMs: 100,
      paths: [`/api/v1/portal/deals?${qs({ sort: 'updatedAt', order: 'desc', limit: '50' })}`],
      minRows: 50,
      apiKey: portal.apiKey,
    },
    {
      key: 'p3',
      label: `(p) the same portal pipeline with safelist filtering off: a rule showing the partner every field`,
      targetMs: 100,
      paths: [`/api/v1/portal/deals?${qs({ limit: '50' })}`],
      minRows: 50,
      apiKey: portal.apiKey,
      before: portal.openSafelist,
    },
    {
      key: 'p0',
      label: '(p) the same partner’s deals without a safelist: the staff list filtered by partner, close date asc',
      targetMs: 100,
      paths: [`/api/v1/opportunities?${qs({ partnerId: portal.partnerId, sort: 'closeDate', limit: '50' })}`],
      minRows: 50,
    },
    {
      key: 'c1',
      label: `(c) timeline page of the busiest opportunity (${opportunity.entries.toLocaleString('en-US')} entries)`,
      targetMs: 50,
      paths: [`/api/v1/opportunities/${opportunity.id}/timeline?limit=50`],
      minRows: 50,
    },
    {
      key: 'c2',
      label: `(c) timeline page of the busiest account (${account.entries.toLocaleString('en-US')} entries)`,
      targetMs: 50,
      paths: [`/api/v1/accounts/${account.id}/timeline?limit=50`],
      minRows: 50,
    },
  ];
}

async function get(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as { data?: unknown[] } };
}

/** EXPLAIN (ANALYZE, BUFFERS) of every CRM statement of one request, as the app role in the workspace. */
async function explain(appUrl: string, workspaceId: string, m: Measured): Promise<string> {
  const c = new pg.Client({ connectionString: appUrl, application_name: 'tandem-bench-explain' });
  await c.connect();
  try {
    await c.query(`select set_config('app.workspace_id', $1, false)`, [workspaceId]);
    const out = [`### ${m.endpoint.key} ${m.endpoint.label}`, `GET ${m.endpoint.paths[0]}`];
    for (const q of m.crm[0]) {
      const { rows } = await c.query(`explain (analyze, buffers) ${q.text}`, q.values);
      out.push('', q.text.replace(/\s+/g, ' ').trim(), `params: ${JSON.stringify(q.values ?? [])}`, ...rows.map((r) => r['QUERY PLAN'] as string));
    }
    return out.join('\n');
  } finally {
    await c.end();
  }
}

/** Requests slower than this (median, alone) are timed one by one instead of being put under load. */
const TOO_SLOW_FOR_LOAD_MS = 1000;

/** Latency statistics of a handful of single, sequential timings, as a LoadResult of 1 connection. */
function sequential(ms: number[]): LoadResult {
  const seconds = ms.reduce((s, x) => s + x, 0) / 1000;
  return { perSecond: ms.length / seconds, seconds, latency: latencyStats(ms), failures: 0 };
}

async function measure(ctx: BenchContext, server: BenchServer, data: CrmDataset, e: Endpoint, appUrl: string): Promise<Measured | string> {
  const headers = { authorization: `Bearer ${e.apiKey ?? data.apiKey}` };
  const first = await get(`${server.url}${e.paths[0]}`, headers);
  if (first.status === 404 && !first.body.data) return `GET ${e.paths[0]} answered 404: the endpoint does not exist yet`;

  // Each request once, alone, through HTTP (checking what it finds) while the server records the
  // statements it sends; then those statements alone on PostgreSQL.
  const empty: string[] = [];
  const crm: CapturedQuery[][] = [];
  const httpAlone: number[] = [];
  let statements = 0;
  let transactions = 0;
  let paths = e.paths;
  for (const p of e.paths) {
    if (!paths.includes(p)) break;
    let t0 = 0;
    let elapsed = 0;
    const count = await server.countStatements(async () => {
      t0 = performance.now();
      const res = await get(`${server.url}${p}`, headers);
      elapsed = performance.now() - t0;
      if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      const rows = res.body.data?.length ?? 0;
      if (e.paths.length === 1 && rows < e.minRows) throw new Error(`GET ${p} returned ${rows} rows, expected at least ${e.minRows}`);
      if (!rows) empty.push(decodeURIComponent(p));
    });
    httpAlone.push(elapsed);
    // Seconds per request (not one slow outlier): five of them tell enough, forty would take minutes.
    if (httpAlone.length >= 3 && latencyStats(httpAlone).p50 > 2 * TOO_SLOW_FOR_LOAD_MS && paths.length > 5) paths = e.paths.slice(0, 5);
    const own = count.queries.filter((q) => !/pgboss/i.test(q.text));
    statements += own.length;
    transactions += own.filter((q) => /^\s*begin\b/i.test(q.text)).length;
    crm.push(own.filter(isCrm));
  }
  if (empty.length === paths.length) throw new Error(`none of the ${paths.length} requests of ${e.key} found anything, e.g. GET ${empty[0]}`);
  if (!crm[0].length) throw new Error(`GET ${paths[0]} sent no statement on a CRM table`);
  const rawAlone: number[] = [];
  const c = new pg.Client({ connectionString: appUrl, application_name: 'tandem-bench' });
  await c.connect();
  try {
    await c.query(`select set_config('app.workspace_id', $1, false)`, [data.workspaceId]);
    for (const list of crm) {
      const t0 = performance.now();
      for (const q of list) await c.query(q.text, q.values);
      rawAlone.push(performance.now() - t0);
    }
  } finally {
    await c.end();
  }
  const slowest = rawAlone.map((ms, i) => ({ path: decodeURIComponent(paths[i]), ms })).sort((x, y) => y.ms - x.ms);
  if (paths.length > 1)
    ctx.log(
      `  slowest alone on PostgreSQL: ${slowest
        .slice(0, 3)
        .map((x) => `${x.ms.toFixed(0)} ms ${x.path}`)
        .join('; ')}`,
    );
  if (empty.length) ctx.log(`  ${empty.length} of ${paths.length} requests find nothing, e.g. GET ${empty[0]}`);

  const http: Record<number, LoadResult> = {};
  const raw: Record<number, LoadResult> = {};
  const median = latencyStats(httpAlone).p50;
  if (median > TOO_SLOW_FOR_LOAD_MS) {
    // Under load these would only time out: report the single requests (one per term) instead.
    http[1] = sequential(httpAlone);
    raw[1] = sequential(rawAlone);
    ctx.log(
      `  too slow to load (median ${median.toFixed(0)} ms alone): ${paths.length} single requests, HTTP p95 ${http[1].latency.p95.toFixed(0)} ms, raw DB p95 ${raw[1].latency.p95.toFixed(0)} ms`,
    );
    return {
      endpoint: { ...e, paths },
      statements: statements / paths.length,
      transactions: transactions / paths.length,
      crm,
      http,
      raw,
      empty,
      slowest,
      loaded: false,
    };
  }
  for (const connections of [1, ctx.connections]) {
    let next = 0;
    http[connections] = await httpLoad({
      url: server.url,
      headers,
      connections,
      seconds: ctx.seconds,
      warmupSeconds: ctx.warmupSeconds,
      path: () => paths[next++ % paths.length],
    });
    let nextRaw = 0;
    raw[connections] = await dbLoad({
      connectionString: appUrl,
      clients: connections,
      seconds: ctx.seconds,
      warmupSeconds: ctx.warmupSeconds,
      setup: async (client) => {
        await client.query(`select set_config('app.workspace_id', $1, false)`, [data.workspaceId]);
      },
      work: async (client) => {
        for (const q of crm[nextRaw++ % crm.length]) await client.query(q.text, q.values);
      },
    });
    const h = http[connections];
    const r = raw[connections];
    ctx.log(
      `  ${String(connections).padStart(2)} conn: HTTP p50 ${h.latency.p50.toFixed(1)} ms, p95 ${h.latency.p95.toFixed(1)} ms, ${Math.round(h.perSecond)} req/s` +
        ` (failures ${h.failures}) | raw DB p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms, ${Math.round(r.perSecond)}/s`,
    );
  }
  return {
    endpoint: { ...e, paths },
    statements: statements / paths.length,
    transactions: transactions / paths.length,
    crm,
    http,
    raw,
    empty,
    slowest,
    loaded: true,
  };
}

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const data = await generateCrm(ctx.ownerUrl, { scale: ctx.crmScale, log: ctx.log });
  const generation: BenchResult = {
    name: 'crm-data-generation',
    metrics: [
      ...data.tables.map((t) => ({ label: `${t.table}: rows/s of its INSERTs`, value: t.rowsPerSecond, unit: 'rows/s' })),
      ...data.tables.map((t) => ({ label: `${t.table}: rows, all workspaces`, value: t.rows, unit: 'rows' })),
      ...Object.entries(data.phases).map(([phase, s]) => ({ label: `phase: ${phase}`, value: s, unit: 's' })),
      { label: 'rows written', value: data.totalRows, unit: 'rows' },
      { label: 'time', value: data.seconds, unit: 's' },
      { label: 'rate', value: data.rowsPerSecond, unit: 'rows/s' },
    ],
    ratios: [],
    notes: [
      `main workspace: ${Object.entries(data.main)
        .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
        .join(', ')} (--crm-scale ${ctx.crmScale}); 10 noise workspaces with 2 % of that each`,
      'accounts, domains, contacts: unnest() batches generated in Node; then opportunities, partner roles, timeline: INSERT … SELECT from generate_series() chunks; two connections throughout; secondary indexes built after the load, then VACUUM ANALYZE',
    ],
  };

  const portal = await preparePortalPartner(ctx.ownerUrl, data, Math.round(10_000 * ctx.crmScale));
  ctx.log(`portal partner: ${portal.deals.toLocaleString('en-US')} deals`);
  const appUrl = appRoleFor(ctx.ownerUrl, ctx.secretKey).url;
  const server = await startServer({ ownerUrl: ctx.ownerUrl, secretKey: ctx.secretKey, dataDir: ctx.dataDir });
  const measured: Measured[] = [];
  const skipped: string[] = [];
  try {
    for (const e of endpoints(data, portal)) {
      ctx.log(`${e.key} ${e.label}: ${e.paths.length > 1 ? `${e.paths.length} requests rotated, ` : ''}1 and ${ctx.connections} connections`);
      await e.before?.();
      const m = await measure(ctx, server, data, e, appUrl);
      if (typeof m === 'string') {
        ctx.log(`  skipped: ${m}`);
        skipped.push(`${e.key}: ${m}`);
      } else measured.push(m);
    }
  } finally {
    await server.stop();
  }

  // One after the other: concurrent plans would time each other.
  const plans: string[] = [];
  for (const m of measured) plans.push(await explain(appUrl, data.workspaceId, m));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const explainFile = path.join(RESULTS_DIR, 'crm-queries-explain.txt');
  writeFileSync(explainFile, `${plans.join('\n\n')}\n`);

  const n = ctx.connections;
  const metrics: Metric[] = [];
  const ratios: Ratio[] = [];
  const notes: string[] = [];
  for (const m of measured) {
    const { key, label, targetMs } = m.endpoint;
    const levels = m.loaded ? [1, n] : [1];
    for (const c of levels) {
      const h = m.http[c];
      const r = m.raw[c];
      const at = m.loaded ? `${c} conn` : 'alone, one by one';
      metrics.push(
        { label: `${label}, ${at}: p50`, value: h.latency.p50, unit: 'ms' },
        { label: `${label}, ${at}: p95`, value: h.latency.p95, unit: 'ms' },
        { label: `${label}, ${at}: p99`, value: h.latency.p99, unit: 'ms' },
        { label: `${label}, ${at}: throughput`, value: h.perSecond, unit: 'req/s' },
        { label: `${key} raw DB, ${at}: p50`, value: r.latency.p50, unit: 'ms' },
        { label: `${key} raw DB, ${at}: p95`, value: r.latency.p95, unit: 'ms' },
        { label: `${key} raw DB, ${at}: throughput`, value: r.perSecond, unit: '/s' },
      );
    }
    metrics.push(
      { label: `${key}: SQL statements per request (CRM ones)`, value: m.statements, unit: `stmts (${m.crm[0].length})` },
      { label: `${key}: transactions per request`, value: m.transactions, unit: 'tx' },
    );
    ratios.push({ label: `${key} p95 ÷ raw DB p95, ${m.loaded ? '1 conn' : 'alone'}`, value: m.http[1].latency.p95 / m.raw[1].latency.p95 });
    if (m.loaded) {
      ratios.push(
        { label: `${key} p95 ÷ raw DB p95, ${n} conn`, value: m.http[n].latency.p95 / m.raw[n].latency.p95 },
        { label: `${key} throughput ÷ raw DB throughput, ${n} conn`, value: m.http[n].perSecond / m.raw[n].perSecond },
      );
    }
    const verdict = (c: number) => `${m.http[c].latency.p95.toFixed(1)} ms at ${c} conn (${m.http[c].latency.p95 < targetMs ? 'met' : 'MISSED'})`;
    notes.push(
      m.loaded
        ? `${key}: p95 target < ${targetMs} ms: ${verdict(1)}, ${verdict(n)}`
        : `${key}: p95 target < ${targetMs} ms: MISSED — median ${m.http[1].latency.p50.toFixed(0)} ms alone, too slow to put under load (${TOO_SLOW_FOR_LOAD_MS} ms); the figures are ${m.endpoint.paths.length} single requests one after another`,
    );
    if (m.slowest.length > 1) {
      const median = m.slowest[Math.floor(m.slowest.length / 2)].ms;
      notes.push(
        `${key}: each of the ${m.slowest.length} requests alone on PostgreSQL: median ${median.toFixed(1)} ms, slowest ${m.slowest
          .slice(0, 3)
          .map((x) => `${x.ms.toFixed(0)} ms (${x.path})`)
          .join(', ')}`,
      );
    }
    if (m.empty.length)
      notes.push(`${key}: ${m.empty.length} of ${m.endpoint.paths.length} requests found nothing, e.g. GET ${m.empty.slice(0, 3).join(', ')}`);
    const failures = levels.reduce((sum, c) => sum + m.http[c].failures, 0);
    if (failures) notes.push(`${key}: ${failures} requests failed or answered non-2xx; their times are not in the percentiles`);
  }
  const p0 = measured.find((m) => m.endpoint.key === 'p0');
  for (const m of measured.filter((x) => x.endpoint.key === 'p1' || x.endpoint.key === 'p2')) {
    if (!p0) break;
    ratios.push({
      label: `${m.endpoint.key} (safelist on) p95 ÷ p0 (no safelist) p95, 1 conn`,
      value: m.http[1].latency.p95 / p0.http[1].latency.p95,
    });
    if (m.loaded && p0.loaded)
      ratios.push({
        label: `${m.endpoint.key} (safelist on) p95 ÷ p0 (no safelist) p95, ${n} conn`,
        value: m.http[n].latency.p95 / p0.http[n].latency.p95,
      });
  }
  notes.push(
    `closed loop at 1 connection (one user at a time: the request's own latency) and at ${n} (saturation: queueing on ${ctx.connections > 2 ? 'the machine’s cores' : 'the cores'}); ${ctx.warmupSeconds} s warm-up, ${ctx.seconds} s measured; exact nearest-rank percentiles`,
    'raw DB = the CRM statements the server sent for the same request (captured from its pg client, same text and parameters), in order, as the app role with the workspace set once per session — without HTTP, auth, transactions and JSON',
    `EXPLAIN (ANALYZE, BUFFERS) of every CRM statement: ${explainFile}`,
    ...skipped.map((s) => `skipped ${s}`),
  );
  return [generation, { name: 'crm-queries', metrics, ratios, notes }];
}

/** The issue's figures at 1 M accounts, 1 M opportunities and 5 M timeline entries, through HTTP and straight on PostgreSQL. */
export const crmQueries: Benchmark = {
  name: 'crm-queries',
  description: 'opportunity list pages, account search and the busiest timeline at the issue scale, vs the same SQL straight on PostgreSQL',
  run,
};
