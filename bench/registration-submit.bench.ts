import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashToken, newApiKey } from '../src/server/auth/tokens.ts';
import { appRoleFor } from '../src/server/db/migrate.ts';
import type { BenchContext, Benchmark } from './context.ts';
import { generateCrm } from './generate-crm.ts';
import { generateRegistrations } from './generate-registrations.ts';
import { latencyStats } from './measure.ts';
import { topSelfTime } from './profile.ts';
import { type Answer, type BenchPartner, closedLoop, cpuSnapshot, cpuSpent, Feed, Rng, send } from './registration-load.ts';
import { replayBaseline } from './registration-replay.ts';
import { type BenchResult, type Metric, type Ratio, RESULTS_DIR } from './results.ts';
import { type BenchServer, startServer } from './server.ts';
import type { CapturedQuery } from './server.worker.ts';

const TARGET_PER_SECOND = 200; // the issue's figure: registration submit ≥ 200/s with 50 concurrent clients
const CLIENTS = 50;
const PARTNERS = 24;
const MIX = { pairs: 0.06, existing: 0.1, retries: 0.05 };
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);

/** Active partners of the main workspace with a partner-bound API key each, as `api-key create --partner` makes them. */
async function benchPartners(ownerUrl: string, workspaceId: string): Promise<BenchPartner[] & { keyIds?: string[] }> {
  const c = new pg.Client({ connectionString: ownerUrl, application_name: 'tandem-bench-registrations' });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string }>(
      `select id from partners where workspace_id = $1 and deleted_at is null and lifecycle_state = 'active' order by md5(id::text) limit $2`,
      [workspaceId, PARTNERS],
    );
    const out: BenchPartner[] = [];
    for (const p of rows) {
      const { key, prefix } = newApiKey(workspaceId);
      const { rows: k } = await c.query<{ id: string }>(
        `insert into api_keys (workspace_id, name, prefix, token_hash, scopes, partner_id) values ($1, 'Partner CRM integration', $2, $3, '{partner}', $4) returning id`,
        [workspaceId, prefix, hashToken(key), p.id],
      );
      out.push({ id: p.id, apiKey: key, keyId: k[0].id } as BenchPartner);
    }
    return out;
  } finally {
    await c.end();
  }
}

// What each of the server's database sessions is doing: the advisory locks told apart by their keys.
const SESSIONS_SQL = `
  with k as (select hashtextextended('routing:' || $2, 0) as routing, hashtextextended('audit:' || $2, 0) as audit),
  s as (
    select a.state, a.wait_event_type, a.wait_event,
      (select case (l.classid::bigint << 32) | l.objid::bigint when k.routing then 'routing' when k.audit then 'audit' else 'company' end
         from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and not l.granted limit 1) as waits_for,
      exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.granted
                and (l.classid::bigint << 32) | l.objid::bigint = k.routing) as holds_routing
    from pg_stat_activity a, k
    where a.datname = current_database() and a.usename = $1 and a.backend_type = 'client backend' and a.pid <> pg_backend_pid())
  select case
      when waits_for is not null then 'waiting for the ' || waits_for || ' lock'
      when state = 'idle' then 'idle in the pool'
      when holds_routing and state = 'idle in transaction' then 'holding the routing lock, waiting for Node'
      when holds_routing then 'holding the routing lock, working in PostgreSQL' || coalesce(' (' || wait_event_type || ': ' || wait_event || ')', '')
      when state = 'idle in transaction' then 'in a transaction, waiting for Node'
      when wait_event_type = 'Lock' then 'waiting for a row lock (' || wait_event || ')'
      else 'working in PostgreSQL' || coalesce(' (' || wait_event_type || ': ' || wait_event || ')', '')
    end as what, count(*)::int as n
  from s group by 1`;

/**
 * Samples every 250 ms what the server's database sessions do while fn runs: waiting for the
 * workspace's routing or audit lock or a company's lock, holding the routing lock (and then
 * waiting for Node or working), idle in the pool. Means per sample: where a submission waits.
 */
async function sampleSessions<T>(
  ownerUrl: string,
  appRole: string,
  workspaceId: string,
  fn: () => Promise<T>,
): Promise<{ result: T; shares: Record<string, number>; samples: number }> {
  const c = new pg.Client({ connectionString: ownerUrl, application_name: 'tandem-bench-sampler' });
  await c.connect();
  const counts: Record<string, number> = {};
  let samples = 0;
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const { rows } = await c.query<{ what: string; n: number }>(SESSIONS_SQL, [appRole, workspaceId]);
      samples++;
      for (const r of rows) counts[r.what] = (counts[r.what] ?? 0) + r.n;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  try {
    const result = await fn();
    return { result, shares: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / Math.max(1, samples)])), samples };
  } finally {
    stop = true;
    await loop;
    await c.end();
  }
}

type Verification = {
  acknowledged: number;
  rows: number;
  keysStored: number;
  lost: string[];
  duplicated: string[];
  unacknowledgedCreated: number;
  pairs: number;
  pairsOneFirst: number;
  pairViolations: string[];
  keysChecked: number;
  rankViolations: string[];
  verdicts: Record<string, number>;
};

/** Counts in the database what the run left: one registration per acknowledged key, and the claim ranks. */
async function verify(ownerUrl: string, workspaceId: string, keyIds: string[], answers: Answer[], feed: Feed): Promise<Verification> {
  const c = new pg.Client({ connectionString: ownerUrl, application_name: 'tandem-bench-registrations' });
  await c.connect();
  try {
    const acked = new Map<string, Set<string>>();
    for (const a of answers) if (a.status === 201 && a.id) acked.set(a.key, (acked.get(a.key) ?? new Set()).add(a.id));
    const { rows } = await c.query<{ id: string; company_key: string; claim_rank: number; first_claim_id: string | null; verdict: string }>(
      `select id, company_key, claim_rank, first_claim_id, verdict from registrations
       where workspace_id = $1 and submitted_by_kind = 'api_key' and submitted_by_id = any($2)`,
      [workspaceId, keyIds],
    );
    const { rows: stored } = await c.query<{ key: string; id: string | null }>(
      `select key, response->>'id' as id from idempotency_keys where workspace_id = $1 and actor_key = any($2)`,
      [workspaceId, keyIds.map((id) => `api_key:${id}`)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const storedId = new Map(stored.map((s) => [s.key, s.id]));
    const lost: string[] = [];
    const duplicated: string[] = [];
    for (const [key, ids] of acked) {
      if (ids.size > 1) duplicated.push(`${key}: answered with ${ids.size} different registrations`);
      for (const id of ids) if (!byId.has(id)) lost.push(`${key}: acknowledged ${id}, not in the database`);
      if (storedId.get(key) !== [...ids][0]) lost.push(`${key}: the stored answer names ${storedId.get(key)}`);
    }
    // Every registration of the bench's keys belongs to exactly one stored key.
    const owners = new Map<string, number>();
    for (const s of stored) if (s.id) owners.set(s.id, (owners.get(s.id) ?? 0) + 1);
    for (const r of rows) {
      const n = owners.get(r.id) ?? 0;
      if (n !== 1) duplicated.push(`registration ${r.id}: ${n} keys name it`);
    }
    const unacknowledgedCreated = stored.filter((s) => s.id && !acked.has(s.key)).length;

    // Pairs: two partners, one company, the same instant: exactly one first.
    const pairViolations: string[] = [];
    let pairsOneFirst = 0;
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.company_key, [...(byKey.get(r.company_key) ?? []), r]);
    for (const key of feed.pairKeys) {
      const list = byKey.get(key) ?? [];
      const first = list.filter((r) => r.claim_rank === 1);
      const second = list.filter((r) => r.claim_rank === 2);
      const ok =
        list.length === 2 &&
        first.length === 1 &&
        second.length === 1 &&
        second[0].first_claim_id === first[0].id &&
        second[0].verdict === 'conflict';
      if (ok) pairsOneFirst++;
      else if (list.length === 2) pairViolations.push(`"${key}": ranks ${list.map((r) => r.claim_rank).join(', ')}`);
      else pairViolations.push(`"${key}": ${list.length} registrations (a request failed?)`);
    }
    // Every company the run touched: its open claims hold ranks 1…n, each once.
    const { rows: ranks } = await c.query<{ key: string; ranks: number[] }>(
      `select company_key as key, array_agg(claim_rank order by claim_rank) as ranks from registrations
       where workspace_id = $1 and company_key = any($2) and status in ('submitted', 'in_review', 'approved') group by company_key`,
      [workspaceId, [...feed.companyKeys]],
    );
    const rankViolations = ranks.filter((r) => r.ranks.some((x, i) => x !== i + 1)).map((r) => `"${r.key}": ranks ${r.ranks.join(', ')}`);
    const verdicts: Record<string, number> = {};
    for (const r of rows) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    return {
      acknowledged: acked.size,
      rows: rows.length,
      keysStored: stored.filter((s) => s.id).length,
      lost,
      duplicated,
      unacknowledgedCreated,
      pairs: feed.pairKeys.length,
      pairsOneFirst,
      pairViolations,
      keysChecked: ranks.length,
      rankViolations,
      verdicts,
    };
  } finally {
    await c.end();
  }
}

/** PostgreSQL's processes on this machine (backends and background workers), for CPU accounting; none when it runs elsewhere. */
async function postgresPids(ownerUrl: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: ownerUrl, application_name: 'tandem-bench-registrations' });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>(
      `select pid from pg_stat_activity where pid <> pg_backend_pid() and coalesce(application_name, '') not like 'tandem-bench%'`,
    );
    return rows
      .map((r) => r.pid)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
        } catch {
          return false;
        }
      });
  } finally {
    await c.end();
  }
}

/** A few submissions one at a time, each while the server records its statements: cost alone and what to replay. */
async function capture(server: BenchServer, url: URL, feed: Feed, answers: Answer[], n: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: { statements: CapturedQuery[]; transactions: number; ms: number; id?: string }[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const job = feed.next(false);
      if (!job) break;
      if (job.barrier || job.after) {
        // Pairs and retries belong to the load; alone they would wait for a second client.
        i--;
        await send(agent, url, job, answers);
        continue;
      }
      const before = answers.length;
      const count = await server.countStatements(() => send(agent, url, job, answers));
      // The audit seal a submission asks for runs about 100 ms after it (SEAL_DELAY_MS); let it pass
      // so the next submission's statements are its own.
      await new Promise((r) => setTimeout(r, 250));
      const a = answers[before];
      out.push({ statements: count.queries, transactions: count.transactions, ms: a.t1 - a.t0, id: a.id });
    }
  } finally {
    agent.destroy();
  }
  return out;
}

const inWindow = (answers: Answer[], w: { start: number; until: number }) => answers.filter((a) => a.t0 >= w.start && a.t0 < w.until);

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const data = await generateCrm(ctx.ownerUrl, { scale: ctx.crmScale, log: ctx.log });
  ctx.log(`registrations behind the CRM (${Math.round(100_000 * ctx.crmScale).toLocaleString('en-US')} at --crm-scale ${ctx.crmScale})`);
  const regs = await generateRegistrations(ctx.ownerUrl, data, { scale: ctx.crmScale, log: ctx.log });
  const partners = (await benchPartners(ctx.ownerUrl, data.workspaceId)) as (BenchPartner & { keyId: string })[];
  const keyIds = partners.map((p) => p.keyId);
  const app = appRoleFor(ctx.ownerUrl, ctx.secretKey);
  const feed = new Feed(new Rng(20261206), partners, regs.companies, regs.openClaims, MIX, CLIENTS, `bench-${randomUUID()}`);
  const answers: Answer[] = [];
  const measuredSeconds = Math.max(ctx.seconds, 2 * ctx.seconds); // "sustained": twice --duration (20 s by default)

  const servers: BenchServer[] = [];
  for (let i = 0; i < INSTANCES; i++) servers.push(await startServer({ ownerUrl: ctx.ownerUrl, secretKey: ctx.secretKey, dataDir: ctx.dataDir }));
  const server = servers[0];
  const url = new URL(server.url);
  const urls = servers.map((s) => new URL(s.url));
  let captured: Awaited<ReturnType<typeof capture>> = [];
  let window: Awaited<ReturnType<typeof closedLoop>> & { cpu: ReturnType<typeof cpuSpent>; postgresProcesses: number };
  let sessions: Awaited<ReturnType<typeof sampleSessions>>;
  try {
    captured = await capture(server, url, feed, answers, 40);
    // One submission's statements in order, for whoever wants to shorten the path.
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      path.join(RESULTS_DIR, 'registration-submit-statements.txt'),
      (captured[captured.length - 1]?.statements ?? [])
        .map((q, i, all) => {
          // When it was sent after the one before answered (Node's time), and how long it took to answer (the database's).
          const before = i > 0 ? all[i - 1].doneAt : undefined;
          const gap = before !== undefined && q.sentAt !== undefined ? (q.sentAt - before).toFixed(2) : '';
          const took = q.doneAt !== undefined && q.sentAt !== undefined ? (q.doneAt - q.sentAt).toFixed(2) : '';
          return `${String(i + 1).padStart(2)} ${gap.padStart(7)} ${took.padStart(7)}  ${q.text.replace(/\s+/g, ' ')}`;
        })
        .join('\n'),
    );
    const alone = latencyStats(captured.map((x) => x.ms));
    ctx.log(
      `  one at a time: p50 ${alone.p50.toFixed(1)} ms, ${(captured.reduce((s, x) => s + x.statements.length, 0) / captured.length).toFixed(1)} statements per submission`,
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 2 });
    try {
      if (ctx.warmupSeconds > 0) await closedLoop(feed, agent, urls, CLIENTS, ctx.warmupSeconds, answers);
      const measured = async () => {
        const pids = await postgresPids(ctx.ownerUrl);
        const before = cpuSnapshot(pids);
        const w = await closedLoop(feed, agent, urls, CLIENTS, measuredSeconds, answers);
        return { ...w, cpu: cpuSpent(before, cpuSnapshot(pids), INSTANCES), postgresProcesses: pids.length };
      };
      sessions = await sampleSessions(ctx.ownerUrl, app.name, data.workspaceId, async () => {
        if (!ctx.profile) return measured();
        let w: Awaited<ReturnType<typeof measured>> | undefined;
        const profile = await server.profile(async () => {
          w = await measured();
        });
        const file = path.join(RESULTS_DIR, 'registration-submit.cpuprofile');
        mkdirSync(RESULTS_DIR, { recursive: true });
        writeFileSync(file, JSON.stringify(profile));
        const top = topSelfTime(profile, 15);
        ctx.log(`  server CPU profile (${file}), busy ${(top.busyMs / 1000).toFixed(1)} s of the thread:`);
        for (const e of top.owners) ctx.log(`    ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.where}`);
        for (const e of top.entries) ctx.log(`    ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.where}`);
        return w as Awaited<ReturnType<typeof measured>>;
      });
      window = sessions.result as typeof window;
    } finally {
      agent.destroy();
    }
  } finally {
    for (const s of servers) await s.stop();
  }

  const v = await verify(ctx.ownerUrl, data.workspaceId, keyIds, answers, feed);
  const measured = inWindow(answers, window);
  const seconds = (window.until - window.start) / 1000;
  const done = measured.filter((a) => a.t1 <= window.until);
  const firsts = measured.filter((a) => a.status === 201 && !a.replayed);
  const perSecond = done.filter((a) => a.status === 201 && !a.replayed).length / seconds;
  const requestsPerSecond = done.filter((a) => a.status >= 200 && a.status < 300).length / seconds;
  const lat = latencyStats(firsts.map((a) => a.t1 - a.t0));
  const pairLat = latencyStats(firsts.filter((a) => a.kind === 'pair').map((a) => a.t1 - a.t0));
  const replays = latencyStats(measured.filter((a) => a.replayed).map((a) => a.t1 - a.t0));
  // CPU per request of the measured run (it drained before the second snapshot), and what two cores could serve at that cost.
  const perRequest = (ms: number) => ms / Math.max(1, measured.length);
  const cpu = window.cpu;
  const serverSide = perRequest(cpu.server + cpu.otherThreads + cpu.postgres);
  const cpuCeiling = (os.cpus().length * 1000) / serverSide;
  const statuses: Record<string, number> = {};
  for (const a of answers) {
    const k = a.status === 201 ? (a.replayed ? '201 replayed' : '201') : a.status === 0 ? 'transport error' : String(a.status);
    statuses[k] = (statuses[k] ?? 0) + 1;
  }
  const failures = answers.filter((a) => a.status !== 201);
  ctx.log(
    `  measured ${seconds.toFixed(0)} s at ${CLIENTS} clients: ${perSecond.toFixed(0)} submissions/s (p50 ${lat.p50.toFixed(0)} ms, p95 ${lat.p95.toFixed(0)} ms, p99 ${lat.p99.toFixed(0)} ms); answers ${JSON.stringify(statuses)}`,
  );
  ctx.log(
    `  CPU per request: server thread ${perRequest(cpu.server).toFixed(1)} ms, its other threads ${perRequest(cpu.otherThreads).toFixed(1)} ms, PostgreSQL ${perRequest(cpu.postgres).toFixed(1)} ms (load generator ${perRequest(cpu.loadGenerator).toFixed(1)} ms): ${os.cpus().length} cores could serve ${cpuCeiling.toFixed(0)} req/s`,
  );
  ctx.log(
    `  database: ${v.rows} registrations for ${v.acknowledged} acknowledged keys; lost ${v.lost.length}, duplicated ${v.duplicated.length}; pairs with exactly one first ${v.pairsOneFirst} of ${v.pairs}; companies with ranks other than 1…n ${v.rankViolations.length} of ${v.keysChecked}`,
  );

  const replay = await replayBaseline(ctx, app.url, captured, CLIENTS, measuredSeconds);
  if (replay) {
    const r = replay.asSent;
    ctx.log(
      `  raw DB replay at ${CLIENTS} connections: ${r.perSecond.toFixed(0)}/s, p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms`,
    );
  }

  const alone = latencyStats(captured.map((x) => x.ms));
  const statementsPer = captured.reduce((s, x) => s + x.statements.length, 0) / Math.max(1, captured.length);
  const metrics: Metric[] = [
    { label: `submissions/s (new registrations answered 201, ${CLIENTS} clients)`, value: perSecond, unit: '/s' },
    { label: 'requests/s (all 2xx, replays included)', value: requestsPerSecond, unit: 'req/s' },
    { label: 'submission p50', value: lat.p50, unit: 'ms' },
    { label: 'submission p95', value: lat.p95, unit: 'ms' },
    { label: 'submission p99', value: lat.p99, unit: 'ms' },
    { label: 'same-instant pair submission p95', value: pairLat.p95, unit: 'ms' },
    { label: 'replayed retry p50 / p95', value: replays.p50, unit: `/ ${replays.p95.toFixed(0)} ms` },
    { label: 'one submission alone: p50', value: alone.p50, unit: 'ms' },
    { label: 'CPU per request: server thread', value: perRequest(cpu.server), unit: 'ms' },
    { label: 'CPU per request: server process’s other threads (GC, libuv)', value: perRequest(cpu.otherThreads), unit: 'ms' },
    { label: 'CPU per request: PostgreSQL', value: perRequest(cpu.postgres), unit: 'ms' },
    { label: 'CPU per request: load generator', value: perRequest(cpu.loadGenerator), unit: 'ms' },
    { label: `requests/s ${os.cpus().length} cores could serve at that CPU cost`, value: cpuCeiling, unit: 'req/s' },
    { label: 'statements per submission', value: statementsPer, unit: 'stmts' },
    { label: 'keys acknowledged (201), whole run', value: v.acknowledged, unit: 'keys' },
    { label: 'registrations in the database for them', value: v.rows, unit: 'rows' },
    { label: 'lost (acknowledged, not in the database)', value: v.lost.length, unit: '' },
    { label: 'duplicated (a key with two registrations, or a row no key owns)', value: v.duplicated.length, unit: '' },
    { label: 'created but never acknowledged', value: v.unacknowledgedCreated, unit: '' },
    { label: 'same-instant pairs with exactly one first claim', value: v.pairsOneFirst, unit: `of ${v.pairs}` },
    { label: 'companies whose open claims rank other than 1…n', value: v.rankViolations.length, unit: `of ${v.keysChecked}` },
  ];
  if (replay)
    metrics.push(
      { label: 'raw DB: one submission’s statements alone', value: replay.statements.reduce((s, x) => s + x.meanMs, 0), unit: 'ms' },
      { label: 'its SELECTs: planning in PostgreSQL (EXPLAIN ANALYZE)', value: replay.selects.planningMs, unit: 'ms' },
      { label: 'its SELECTs: execution in PostgreSQL (EXPLAIN ANALYZE)', value: replay.selects.executionMs, unit: 'ms' },
      { label: `raw DB replay, ${CLIENTS} conn`, value: replay.asSent.perSecond, unit: '/s' },
      { label: `raw DB replay, ${CLIENTS} conn: p95`, value: replay.asSent.latency.p95, unit: 'ms' },
    );
  const ratios: Ratio[] = [
    { label: `submissions/s ÷ ${TARGET_PER_SECOND} (target)`, value: perSecond / TARGET_PER_SECOND },
    { label: 'requests/s ÷ what the cores could serve at its CPU cost', value: requestsPerSecond / cpuCeiling },
  ];
  if (replay) {
    ratios.push({ label: 'submissions/s ÷ raw DB replay/s', value: perSecond / replay.asSent.perSecond });
  }
  const notes = [
    `target ≥ ${TARGET_PER_SECOND}/s sustained at ${CLIENTS} clients: ${perSecond.toFixed(0)}/s (${perSecond >= TARGET_PER_SECOND ? 'met' : 'MISSED'}); zero lost, zero duplicated: ${v.lost.length + v.duplicated.length === 0 ? 'yes' : 'NO'}`,
    `${feed.counts.logical.toLocaleString('en-US')} logical submissions by ${partners.length} partner keys: ${feed.counts.pairs} same-instant pairs (two partners, one new company), ${feed.counts.existing} naming CRM accounts, ${feed.counts.retriesConcurrent} retried while running and ${feed.counts.retriesAfter} after the answer, same Idempotency-Key`,
    `answers (whole run): ${Object.entries(statuses)
      .map(([k, n]) => `${k} × ${n}`)
      .join(', ')}`,
    `verdicts of the run's registrations: ${Object.entries(v.verdicts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `behind it: ${(data.main.accounts ?? 0).toLocaleString('en-US')} accounts, ${(data.main.opportunities ?? 0).toLocaleString('en-US')} opportunities, ${regs.total.toLocaleString('en-US')} registrations (${regs.matchKeys.toLocaleString('en-US')} match keys) in the workspace`,
    `server's database sessions, mean over ${sessions.samples} samples: ${Object.entries(sessions.shares)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n.toFixed(1)}`)
      .join('; ')}`,
    `CPU from /proc: the bench process's threads (main = load generator, busiest other = the server's worker thread) and ${window.postgresProcesses} PostgreSQL processes, over the measured run; the cores' ceiling leaves the load generator out`,
    `warm-up ${ctx.warmupSeconds} s, measured ${measuredSeconds} s (2 × --duration), closed loop, exact nearest-rank percentiles of first submissions`,
    ...failures.slice(0, 5).map((a) => `failed: ${a.role} ${a.kind} → ${a.status} ${a.error ?? ''}`.slice(0, 300)),
    ...v.lost.slice(0, 5),
    ...v.duplicated.slice(0, 5),
    ...v.pairViolations.slice(0, 5),
    ...v.rankViolations.slice(0, 5),
  ];
  if (replay) notes.push(replay.note);
  return [{ name: 'registration-submit', metrics, ratios, notes }];
}

/** REG-1…REG-5's submit at load: 50 clients, idempotent retries, same-instant claims, counted in the database afterwards. */
export const registrationSubmit: Benchmark = {
  name: 'registration-submit',
  description: `POST /api/v1/registrations at ${CLIENTS} concurrent clients behind the CRM: submissions/s, latency, zero lost/duplicated, one first claim per same-instant pair`,
  run,
};
