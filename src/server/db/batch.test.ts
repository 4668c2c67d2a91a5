import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { batched, openBatchScope } from './batch.ts';
import { deferWrite, inWorkspace, type Trx } from './client.ts';

let h: Harness;
let ws: string;
beforeAll(async () => {
  h = await createHarness();
  ws = (await h.workspace('Batches')).workspaceId;
});
afterAll(async () => {
  await h?.close();
});

const probe = (trx: Trx, v: number) =>
  sql<{ v: number; itsLabel: string }>`insert into batch_probe values (${v}) returning v, 'x' as its_label`.compile(trx);
const count = async (trx: Trx) => (await sql<{ n: number }>`select count(*)::int as n from batch_probe`.execute(trx)).rows[0].n;
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

/** A transaction with a scratch table, as a group commit's requests share one. */
function inScratch<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
  return inWorkspace(h.db, ws, async (trx) => {
    await sql`create temp table batch_probe (v int) on commit drop`.execute(trx);
    return fn(trx);
  });
}

describe('statement batching (group commit)', () => {
  it('holds each request’s query until every running request waits for one, then sends them together', async () => {
    await inScratch(async (trx) => {
      openBatchScope(trx, 3);
      const a = batched(trx, probe(trx, 1));
      await tick();
      expect(await count(trx)).toBe(0); // held: two requests are still on their way
      const b = batched(trx, probe(trx, 2));
      const c = batched(trx, null); // a request with nothing to read at this step
      expect(await a).toEqual([{ v: 1, itsLabel: 'x' }]); // rows as Kysely gives them (camelCase)
      expect(await b).toEqual([{ v: 2, itsLabel: 'x' }]);
      expect(await c).toEqual([]);
      expect(await count(trx)).toBe(2);
    });
  });

  it('sends what is held when a request ends, and after a short wait when the others never come', async () => {
    await inScratch(async (trx) => {
      const scope = openBatchScope(trx, 2);
      const a = batched(trx, probe(trx, 1));
      await tick();
      scope.leave(); // the other request answered (or failed) without a query
      expect(await a).toEqual([{ v: 1, itsLabel: 'x' }]);
    });
    await inScratch(async (trx) => {
      openBatchScope(trx, 2); // the second request never queries: the safety flush sends the first's
      expect(await batched(trx, probe(trx, 3))).toEqual([{ v: 3, itsLabel: 'x' }]);
    });
  });

  it('gives a failing query its own error and the queries before it their rows', async () => {
    await expect(
      inScratch(async (trx) => {
        openBatchScope(trx, 2);
        const good = batched(trx, probe(trx, 1));
        const bad = batched(trx, sql`select 1 / (0 * ${1}::int) as boom`.compile(trx));
        expect(await good).toEqual([{ v: 1, itsLabel: 'x' }]);
        await expect(bad).rejects.toThrow(/division by zero/);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
  });

  it('sends a query at once outside a group', async () => {
    await inScratch(async (trx) => {
      expect(await batched(trx, probe(trx, 5))).toEqual([{ v: 5, itsLabel: 'x' }]);
      expect(await batched(trx, null)).toEqual([]);
    });
  });

  it('commits the deferred writes with COMMIT, and rolls everything back when one of them fails', async () => {
    const key = (k: string) => ({ workspaceId: ws, actorKey: 'test:batch', key: k, requestHash: 'h' });
    const stored = async (k: string) =>
      (await h.ownerDb.selectFrom('idempotencyKeys').select('key').where('actorKey', '=', 'test:batch').where('key', '=', k).execute()).length;
    await inWorkspace(h.db, ws, async (trx) => {
      await trx.insertInto('idempotencyKeys').values(key('kept')).execute();
      await deferWrite(trx, (t) => t.insertInto('idempotencyKeys').values(key('deferred')));
    });
    expect(await stored('kept')).toBe(1);
    expect(await stored('deferred')).toBe(1);
    // The deferred write repeats a key: it fails, COMMIT becomes ROLLBACK, and nothing of the transaction stays.
    await expect(
      inWorkspace(h.db, ws, async (trx) => {
        await trx.insertInto('idempotencyKeys').values(key('gone')).execute();
        await deferWrite(trx, (t) => t.insertInto('idempotencyKeys').values(key('kept')));
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await stored('gone')).toBe(0);
  });

  it('runs a statement sent behind BEGIN inside the transaction, with the workspace set', async () => {
    const seen = await inWorkspace(h.db, ws, async (trx) => {
      // Sent before BEGIN has answered; the setting is local to the transaction, so it shows only inside it.
      const { rows } = await sql<{ ws: string }>`select current_setting('app.workspace_id', true) as ws`.execute(trx);
      return rows[0].ws;
    });
    expect(seen).toBe(ws);
  });
});
