// The raw-DB baselines of registration-submit: the statements one submission sent, replayed on pg
// connections as the server ordered them.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BenchContext } from './context.ts';
import { dbLoad, type LoadResult } from './measure.ts';
import { RESULTS_DIR } from './results.ts';
import type { CapturedQuery } from './server.worker.ts';

type Captured = { statements: CapturedQuery[]; id?: string };

/** One statement's own time, alone: the mean per submission over the captured ones, slowest first. */
export type StatementTime = { statement: string; meanMs: number; count: number };

/** Replaces every occurrence of `from` in strings (also inside arrays and JSON text) by `to`. */
function substitute(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v.includes(from) ? v.split(from).join(to) : v;
  if (Array.isArray(v)) return v.map((x) => substitute(x, from, to));
  return v;
}

/** A statement's time over the replays, and its slowest instance. */
type Timing = { ms: number; count: number; slowest: { ms: number; q: CapturedQuery } };

type Replays = { serial: number; failed: number; firstError?: string };

/**
 * Replays one captured submission on `client`, with what must differ to commit again: the
 * registration's id (chosen by the server: a new one in every statement that names it; the INSERT
 * takes a new number from the counter), the Idempotency-Key, the audit event's and the e-mails' ids
 * (see fresh). Books each statement's time into `times` when given.
 */
async function replayOne(client: pg.Client, c: Captured, state: Replays, statements = c.statements, times?: Map<string, Timing>) {
  const n = ++state.serial;
  const id = randomUUID();
  try {
    for (const q of statements) {
      let values = q.values;
      if (values && c.id) values = substitute(values, c.id, id) as unknown[];
      if (values) values = fresh(q.text, values, n);
      const t0 = performance.now();
      await client.query(q.text, values);
      if (times) {
        const key = shortText(q.text);
        const t = times.get(key) ?? { ms: 0, count: 0, slowest: { ms: 0, q } };
        const ms = performance.now() - t0;
        t.ms += ms;
        t.count++;
        if (ms > t.slowest.ms) t.slowest = { ms, q };
        times.set(key, t);
      }
    }
  } catch (err) {
    // A failed replay (it should not happen) is counted and noted, not fatal: roll back and go on.
    state.failed++;
    state.firstError ??= String((err as Error).message ?? err);
    await client.query('rollback').catch(() => {});
  }
}

/**
 * What must differ for a replayed statement to commit again, found by the parameter it binds —
 * also inside the one statement of deferred writes before COMMIT (`with "deferred_0" as (…)`):
 * the Idempotency-Key (claimed by an INSERT, answered by an UPDATE) and the ids the server
 * chooses itself (audit events: the sealer chains them by id; e-mails: their delivery job names it).
 */
function fresh(text: string, values: unknown[], n: number): unknown[] {
  const out = [...values];
  const param = (m: RegExpMatchArray) => Number(m[1]) - 1;
  for (const m of text.matchAll(/insert into "(?:audit_events|email_messages)" \("id", [^)]*\) values \(\$(\d+)/g)) out[param(m)] = randomUUID();
  for (const m of text.matchAll(
    /insert into "idempotency_keys" \("workspace_id", "actor_key", "key", "request_hash"\) values \(\$\d+, \$\d+, \$(\d+)/g,
  ))
    out[param(m)] = `${out[param(m)]}-raw-${n}`;
  for (const m of text.matchAll(/update "idempotency_keys" set [\s\S]*? where "actor_key" = \$\d+ and "key" = \$(\d+)/g))
    out[param(m)] = `${out[param(m)]}-raw-${n}`;
  return out;
}

/** The statement that inserts the registration. */
const INSERTS_REGISTRATION = /^insert into "registrations"/;

const shortText = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 110);

const isExplainable = (text: string) => /^select/.test(text) && !/pg_advisory_xact_lock/.test(text);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the slowest SELECTs, each in its slowest instance, into a file;
 * and the planning and execution time of every SELECT of all captured submissions (the server's
 * driver sends unnamed statements, so PostgreSQL plans each one every time).
 */
async function explainSlowest(appUrl: string, captured: Captured[], times: Map<string, Timing>, statements: StatementTime[]) {
  const c = new pg.Client({ connectionString: appUrl, application_name: 'tandem-bench' });
  await c.connect();
  const out: string[] = [];
  let planningMs = 0;
  let executionMs = 0;
  try {
    const workspaceId = captured[0].statements.find((q) => INSERTS_REGISTRATION.test(q.text))?.values?.[0];
    await c.query(`select set_config('app.workspace_id', $1, false)`, [workspaceId]);
    for (const s of statements.filter((x) => isExplainable(x.statement)).slice(0, 4)) {
      const slowest = times.get(s.statement)?.slowest;
      if (!slowest) continue;
      const { rows } = await c.query(`explain (analyze, buffers) ${slowest.q.text}`, slowest.q.values);
      out.push(
        `### ${s.meanMs.toFixed(2)} ms per submission alone (×${s.count.toFixed(1)}); its slowest instance took ${slowest.ms.toFixed(2)} ms`,
        slowest.q.text.replace(/\s+/g, ' ').trim(),
        `params: ${JSON.stringify(slowest.q.values ?? []).slice(0, 600)}`,
        ...rows.map((r) => r['QUERY PLAN'] as string),
        '',
      );
    }
    for (const q of captured.flatMap((x) => x.statements).filter((x) => isExplainable(x.text))) {
      const { rows } = await c.query(`explain (analyze, format json) ${q.text}`, q.values);
      const plan = rows[0]['QUERY PLAN'][0] as { 'Planning Time': number; 'Execution Time': number };
      planningMs += plan['Planning Time'];
      executionMs += plan['Execution Time'];
    }
  } finally {
    await c.end();
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'registration-submit-explain.txt');
  writeFileSync(file, `${out.join('\n')}\n`);
  return { file, planningMs: planningMs / captured.length, executionMs: executionMs / captured.length };
}

export type ReplayResult = {
  /** The statements in the server's order. */
  asSent: LoadResult;
  statements: StatementTime[];
  /** Planning and execution time in PostgreSQL of one submission's SELECTs (EXPLAIN ANALYZE), ms. */
  selects: { planningMs: number; executionMs: number };
  note: string;
};

/**
 * The raw-DB baselines: every captured submission's statements (API-key look-up, transaction,
 * idempotency row, locks, duplicate check, INSERTs, audit, e-mail, presenter reads, commit)
 * replayed with their parameters as the app role — first one at a time with each statement timed,
 * then at `clients` connections in the closed loop of the HTTP load, in the server's order. The replayed rows are committed and stay in the workspace.
 */
export async function replayBaseline(
  ctx: BenchContext,
  appUrl: string,
  captured: Captured[],
  clients: number,
  seconds: number,
): Promise<ReplayResult | undefined> {
  const usable = captured.filter((c) => c.id && c.statements.length && c.statements.length < 1000);
  if (!usable.length) return undefined;
  const state: Replays = { serial: 0, failed: 0 };
  const one = new pg.Client({ connectionString: appUrl, application_name: 'tandem-bench' });
  await one.connect();
  const times = new Map<string, Timing>();
  try {
    for (const c of usable) await replayOne(one, c, state, c.statements, times);
  } finally {
    await one.end();
  }
  const statements = [...times]
    .map(([statement, t]) => ({ statement, meanMs: t.ms / usable.length, count: t.count / usable.length }))
    .sort((a, b) => b.meanMs - a.meanMs);
  const perSubmission = statements.reduce((s, x) => s + x.meanMs, 0);
  ctx.log(`  raw DB, one at a time: ${perSubmission.toFixed(1)} ms of statements per submission; slowest:`);
  for (const s of statements.slice(0, 6)) ctx.log(`    ${s.meanMs.toFixed(2).padStart(7)} ms  ${s.statement}`);
  const explained = await explainSlowest(appUrl, usable, times, statements);
  ctx.log(
    `  its SELECTs in PostgreSQL: planning ${explained.planningMs.toFixed(1)} ms, execution ${explained.executionMs.toFixed(1)} ms per submission (EXPLAIN ANALYZE)`,
  );
  const load = () => {
    let next = 0;
    return dbLoad({
      connectionString: appUrl,
      clients,
      seconds,
      warmupSeconds: ctx.warmupSeconds,
      work: (client) => {
        const i = next++ % usable.length;
        return replayOne(client, usable[i], state);
      },
    });
  };
  const asSent = await load();
  return {
    asSent,
    statements,
    selects: { planningMs: explained.planningMs, executionMs: explained.executionMs },
    note:
      `raw DB: the ${usable.length} submissions captured one at a time, their statements replayed and committed on ${clients} app-role connections ` +
      `(new registration id and number, Idempotency-Key, audit event and e-mail ids per replay; the rows stay in the workspace); one at a time they take ${perSubmission.toFixed(1)} ms of statement time. ` +
      `EXPLAIN (ANALYZE, BUFFERS) of the slowest SELECTs: ${explained.file}` +
      (state.failed ? `; ${state.failed} replays FAILED, first: ${state.firstError}` : ''),
  };
}
