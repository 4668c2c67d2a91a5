import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { loadConfig } from '../config.ts';
import { createDb, type Db, inWorkspace } from './client.ts';

let h: Harness;
let unprepared: Db;
let ws: string;

beforeAll(async () => {
  h = await createHarness();
  unprepared = createDb(h.appUrl, { max: 1, prepared: false });
  ws = (await h.workspace('Prepared')).workspaceId;
});
afterAll(async () => {
  await unprepared?.destroy();
  await h?.close();
});

/** Runs a parameterised statement n times on one connection, then lists that session's prepared statements. */
async function preparedAfter(db: Db, text: string, n: number) {
  return db.connection().execute(async (conn) => {
    for (let i = 0; i < n; i++) await sql`select ${sql.raw(text)} + ${i}::int as v`.execute(conn);
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn);
    return rows.map((r) => r.statement);
  });
}

describe('prepared statements', () => {
  it('prepares a statement the process repeats, once per connection, and answers as before', async () => {
    const marker = `${Date.now() % 100000}`;
    const seen = await preparedAfter(h.db, marker, 5);
    expect(seen.some((s) => s.includes(`select ${marker} + $1::int`))).toBe(true);
    const { rows } = await sql<{ v: number }>`select ${sql.raw(marker)} + ${7}::int as v`.execute(h.db);
    expect(rows[0].v).toBe(Number(marker) + 7);
    // Parsing is saved, planning is not: each execution is planned for its own parameters.
    const mode = await sql<{ planCacheMode: string }>`show plan_cache_mode`.execute(h.db);
    expect(mode.rows[0].planCacheMode).toBe('force_custom_plan');
    // A transaction that asks for generic plans (registration submit) gets PostgreSQL's default for its duration.
    const inside = await inWorkspace(h.db, ws, (trx) => sql<{ planCacheMode: string }>`show plan_cache_mode`.execute(trx), { genericPlans: true });
    expect(inside.rows[0].planCacheMode).toBe('auto');
  });

  it('sends every statement unnamed when turned off (a transaction-mode pooler in between)', async () => {
    const seen = await preparedAfter(unprepared, '41', 5);
    expect(seen).toEqual([]);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false', SECRET_KEY: 'x'.repeat(32) }).preparedStatements).toBe(false);
    expect(loadConfig({ SECRET_KEY: 'x'.repeat(32) }).preparedStatements).toBe(true);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'maybe', SECRET_KEY: 'x'.repeat(32) })).toThrow(
      /DATABASE_PREPARED_STATEMENTS: must be true or false/,
    );
  });
});
