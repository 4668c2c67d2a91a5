import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { inWorkspace, outsideWorkspace } from './client.ts';
import { ensureCounters, nextCounter } from './counters.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Counter A');
  b = await h.workspace('Counter B');
});
afterAll(() => h?.close());

const next = (workspaceId: string, name: string) => inWorkspace(h.db, workspaceId, (trx) => nextCounter(trx, name));

describe('workspace counters', () => {
  it('counts each workspace and name on its own, from 1', async () => {
    expect([await next(a.workspaceId, 'test:x'), await next(a.workspaceId, 'test:x'), await next(a.workspaceId, 'test:y')]).toEqual([1, 2, 1]);
    expect(await next(b.workspaceId, 'test:x')).toBe(1);
    expect(await next(a.workspaceId, 'test:x')).toBe(3);
  });

  it('hands out distinct values to simultaneous transactions, also on the first use of a counter', async () => {
    const values = await Promise.all(Array.from({ length: 12 }, () => next(a.workspaceId, 'test:burst')));
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('does not wait for a transaction that took a value and is still open', async () => {
    await inWorkspace(h.db, a.workspaceId, (trx) => ensureCounters(trx, ['test:open']));
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const open = inWorkspace(h.db, a.workspaceId, async (trx) => {
      const v = await nextCounter(trx, 'test:open');
      await held; // stays open while the other transaction counts
      return v;
    });
    // The other transaction gets its value while the first is open (it would hang here if it waited).
    await new Promise((r) => setTimeout(r, 50));
    const second = await next(a.workspaceId, 'test:open');
    release();
    expect([await open, second]).toEqual([1, 2]);
  });

  it('leaves a gap, not a repeat, when a transaction rolls back', async () => {
    expect(await next(a.workspaceId, 'test:rollback')).toBe(1);
    await expect(
      inWorkspace(h.db, a.workspaceId, async (trx) => {
        await nextCounter(trx, 'test:rollback');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await next(a.workspaceId, 'test:rollback')).toBe(3);
  });

  it('refuses without a workspace, bad names, and direct access to the sequences', async () => {
    await expect(outsideWorkspace(h.db, (trx) => nextCounter(trx, 'test:x'))).rejects.toThrow(/no workspace set/);
    await expect(next(a.workspaceId, 'Bad Name!')).rejects.toThrow(/counter names/);
    const { rows } = await sql<{ seq: string }>`select counter_sequence(${a.workspaceId}::uuid, 'test:x') as seq`.execute(h.ownerDb);
    await expect(inWorkspace(h.db, b.workspaceId, (trx) => sql`select nextval(${rows[0].seq}::regclass)`.execute(trx))).rejects.toThrow(
      /permission denied/,
    );
  });
});
