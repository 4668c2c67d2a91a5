import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../../../../tests/setup/constants.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import type { Ctx } from '../../context.ts';
import { type Db, inWorkspace, type Trx } from '../../db/client.ts';
import type { Jobs, ScheduledJob } from '../../jobs/jobs.ts';
import { registerAuditJobs } from './audit.jobs.ts';
import { chainHash, diff, findBreak, GENESIS_HASH, type HashedEvent } from './audit.rules.ts';
import { recordAudit, verifyAuditChains } from './audit.service.ts';
import { drainAuditSeals, orderedEventId, sealAuditChain } from './audit-sealer.ts';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../../../../bin/tandem.mjs');

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Audit A');
  b = await h.workspace('Audit B');
});
afterAll(() => h?.close());

function event(seq: number, action: string): HashedEvent {
  return {
    workspaceId: 'w',
    seq,
    occurredAt: '2026-01-01T00:00:00.000Z',
    actorKind: 'system',
    actorId: null,
    actorLabel: 'x',
    action,
    entityType: 'partner',
    entityId: '1',
    changes: { b: 1, a: { d: 2, c: 3 } },
    reason: null,
    requestId: null,
    ip: null,
  };
}

describe('audit rules', () => {
  it('hashes the same event the same way whatever the key order', () => {
    const e = event(1, 'x');
    const reordered = { ...e, changes: { a: { c: 3, d: 2 }, b: 1 } };
    expect(chainHash(GENESIS_HASH, e)).toBe(chainHash(GENESIS_HASH, reordered));
    expect(chainHash(GENESIS_HASH, e)).not.toBe(chainHash(GENESIS_HASH, { ...e, action: 'y' }));
  });

  it('finds the first broken link of a chain', () => {
    const e1 = event(1, 'a');
    const h1 = chainHash(GENESIS_HASH, e1);
    const e2 = event(2, 'b');
    const h2 = chainHash(h1, e2);
    const rows = [
      { ...e1, prevHash: GENESIS_HASH, hash: h1 },
      { ...e2, prevHash: h1, hash: h2 },
    ];
    expect(findBreak(rows)).toBeUndefined();
    expect(findBreak([rows[0], { ...rows[1], action: 'tampered' }])).toMatchObject({ seq: 2 });
    expect(findBreak([rows[1]])).toMatchObject({ seq: 2, reason: expect.stringContaining('gap') });
  });

  it('records only the fields that changed', () => {
    expect(diff({ a: 1, b: [1], updatedAt: 'x' }, { a: 1, b: [2], updatedAt: 'y' })).toEqual({ b: { from: [1], to: [2] } });
    expect(diff(null, { a: 1 })).toEqual({ a: { from: null, to: 1 } });
  });
});

describe('audit chain in the database', () => {
  it('chains concurrent appends into one gapless chain per workspace', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.api(i % 2 ? a.apiKey : b.apiKey).post('/api/v1/partners', { name: `Concurrent ${i}`, type: 'referral' }),
      ),
    );
    const reports = await verifyAuditChains(h.ownerDb);
    const mine = reports.filter((r) => r.workspaceId === a.workspaceId || r.workspaceId === b.workspaceId);
    expect(mine).toHaveLength(2);
    for (const r of mine) {
      expect(r.broken).toBeUndefined();
      expect(r.events).toBeGreaterThanOrEqual(13);
    }
  });

  it('lists events with filters by action, entity, actor and time range, newest first, with cursor paging', async () => {
    const api = h.api(a.apiKey);
    const all = (await api.get('/api/v1/audit-events?action=partner.created&limit=4')).json();
    expect(all.data).toHaveLength(4);
    expect(all.data[0].seq).toBeGreaterThan(all.data[1].seq);
    const next = (await api.get(`/api/v1/audit-events?action=partner.created&limit=4&cursor=${all.nextCursor}`)).json();
    expect(next.data[0].seq).toBeLessThan(all.data[3].seq);
    const byActor = (await api.get(`/api/v1/audit-events?actorId=${a.apiKeyId}`)).json();
    expect(byActor.data.every((e: { actorId: string }) => e.actorId === a.apiKeyId)).toBe(true);
    const future = (await api.get(`/api/v1/audit-events?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).json();
    expect(future.data).toEqual([]);
    const bad = await api.get('/api/v1/audit-events?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.from');
  });

  it('fails verification at the row an owner edited, and the CLI names it with a non-zero exit', async () => {
    const env = { ...process.env, DATABASE_URL: h.ownerUrl, SECRET_KEY: TEST_SECRET, TANDEM_DATA_DIR: h.config.dataDir, LOG_LEVEL: 'warn' };
    const ok = await run('node', [CLI, 'audit', 'verify', '--workspace', a.slug], { env });
    expect(ok.stdout).toMatch(new RegExp(`ok\\s+${a.slug}`));

    // Sealed events refuse every update (a trigger); someone with the owner's rights can switch it off.
    await expect(
      sql`update audit_events set actor_label = 'someone else' where workspace_id = ${a.workspaceId} and seq = 3`.execute(h.ownerDb),
    ).rejects.toThrow(/sealed/);
    await h.ownerDb.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_seal_only`.execute(trx);
      await sql`update audit_events set actor_label = 'someone else' where workspace_id = ${a.workspaceId} and seq = 3`.execute(trx);
      await sql`alter table audit_events enable trigger audit_events_seal_only`.execute(trx);
    });
    const [report] = await verifyAuditChains(h.ownerDb, a.slug);
    expect(report.broken).toEqual({ seq: 3, reason: 'content does not match its hash' });
    const [other] = await verifyAuditChains(h.ownerDb, b.slug);
    expect(other.broken).toBeUndefined();

    const failed = await run('node', [CLI, 'audit', 'verify'], { env }).catch((e) => e);
    expect(failed.code).toBe(3);
    expect(failed.stdout).toContain(`BROKEN  ${a.slug}: event #3`);
    expect(failed.stdout).toMatch(new RegExp(`ok\\s+${b.slug}`));
  });

  it('detects a deleted event as a gap', async () => {
    await sql`delete from audit_events where workspace_id = ${b.workspaceId} and seq = 2`.execute(h.ownerDb);
    const [report] = await verifyAuditChains(h.ownerDb, b.slug);
    expect(report.broken?.seq).toBe(3);
  });
});

const ctxOf = (trx: Trx, workspaceId: string): Ctx => ({
  trx,
  workspaceId,
  actor: { kind: 'system', workspaceId, name: 'audit test' },
  now: () => new Date(),
});

/** An unsealed event inserted as the app role without asking for a seal (as if the process died after commit). */
async function insertUnsealed(workspaceId: string, action: string, occurredAt = new Date(Date.now() - 60_000)) {
  const id = orderedEventId();
  await inWorkspace(h.db, workspaceId, (trx) =>
    trx
      .insertInto('auditEvents')
      .values({ id, workspaceId, occurredAt, actorKind: 'system', actorLabel: 'test', action, entityType: 'test', entityId: null })
      .execute(),
  );
  return id;
}

const unsealed = async (workspaceId: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from audit_events where workspace_id = ${workspaceId} and seq is null`.execute(h.ownerDb))
    .rows[0].n;

const eventRow = (id: string) => h.ownerDb.selectFrom('auditEvents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('append, then seal', () => {
  let c: Awaited<ReturnType<Harness['workspace']>>;
  beforeAll(async () => {
    c = await h.workspace('Audit C');
    await drainAuditSeals(h.db);
  });

  it('does not make one transaction wait for another to commit', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const firstAppended = new Promise<void>((r) => (appended = r));
    const first = inWorkspace(h.db, c.workspaceId, async (trx) => {
      await recordAudit(ctxOf(trx, c.workspaceId), { action: 'test.held', entityType: 'test' });
      appended();
      await held;
    });
    await firstAppended;
    // With the old per-workspace lock this append would wait until the first transaction ends.
    await inWorkspace(h.db, c.workspaceId, (trx) => recordAudit(ctxOf(trx, c.workspaceId), { action: 'test.passing', entityType: 'test' }));
    release();
    await first;
    await drainAuditSeals(h.db);
    expect(await unsealed(c.workspaceId)).toBe(0);
    const [report] = await verifyAuditChains(h.ownerDb, c.slug);
    expect(report.broken).toBeUndefined();
  });

  it('seals many concurrent transactions of one workspace into one gapless chain that verifies', async () => {
    const before = (await verifyAuditChains(h.ownerDb, c.slug))[0].events;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        inWorkspace(h.db, c.workspaceId, async (trx) => {
          const ctx = ctxOf(trx, c.workspaceId);
          await recordAudit(ctx, { action: 'test.concurrent', entityType: 'test', entityId: String(i), data: { i, nested: { b: 1, a: [i] } } });
          if (i % 3 === 0) await recordAudit(ctx, { action: 'test.concurrent.second', entityType: 'test', entityId: String(i) });
        }),
      ),
    );
    await drainAuditSeals(h.db);
    expect(await unsealed(c.workspaceId)).toBe(0);
    const rows = await h.ownerDb
      .selectFrom('auditEvents')
      .select(['seq', 'action', 'entityId'])
      .where('workspaceId', '=', c.workspaceId)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows).toHaveLength(before + 80);
    // Events of one transaction keep the order they were recorded in.
    for (const r of rows.filter((x) => x.action === 'test.concurrent.second')) {
      const first = rows.find((x) => x.action === 'test.concurrent' && x.entityId === r.entityId);
      expect(Number(first?.seq)).toBeLessThan(Number(r.seq));
    }
    const [report] = await verifyAuditChains(h.ownerDb, c.slug);
    expect(report).toMatchObject({ events: before + 80 });
    expect(report.broken).toBeUndefined();
  });

  it('leaves no event of a rolled-back transaction', async () => {
    await expect(
      inWorkspace(h.db, c.workspaceId, async (trx) => {
        await recordAudit(ctxOf(trx, c.workspaceId), { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await drainAuditSeals(h.db);
    const left = await h.ownerDb.selectFrom('auditEvents').select('id').where('action', '=', 'test.rolled_back').execute();
    expect(left).toEqual([]);
    expect((await verifyAuditChains(h.ownerDb, c.slug))[0].broken).toBeUndefined();
  });

  it('lets the app role write only the seal of an unsealed event, never change a sealed one, never delete', async () => {
    const sealedId = await insertUnsealed(c.workspaceId, 'test.sealed');
    await sealAuditChain(h.db, c.workspaceId);
    const sealed = await eventRow(sealedId);
    expect(sealed.seq).toBeGreaterThan(0);
    const openId = await insertUnsealed(c.workspaceId, 'test.open');
    const inC = <T>(fn: (trx: Trx) => Promise<T>) => inWorkspace(h.db, c.workspaceId, fn);

    for (const id of [sealedId, openId]) {
      await expect(inC((trx) => sql`update audit_events set action = 'forged' where id = ${id}`.execute(trx))).rejects.toThrow(/permission denied/);
      await expect(inC((trx) => sql`update audit_events set hash = 'forged' where id = ${id}`.execute(trx))).rejects.toThrow(/permission denied/);
      await expect(inC((trx) => sql`delete from audit_events where id = ${id}`.execute(trx))).rejects.toThrow(/permission denied/);
    }
    // The seal function leaves sealed events alone…
    const reseal = await inC((trx) =>
      sql<{ n: number }>`select seal_audit_events(${[sealedId]}::uuid[], ${[1]}::bigint[], ${['0']}::text[], ${['forged']}::text[]) as n`.execute(
        trx,
      ),
    );
    expect(reseal.rows[0].n).toBe(0);
    expect(await eventRow(sealedId)).toEqual(sealed);
    // …and events of other workspaces.
    const other = await inWorkspace(h.db, a.workspaceId, (trx) =>
      sql<{ n: number }>`select seal_audit_events(${[openId]}::uuid[], ${[999]}::bigint[], ${['0']}::text[], ${['forged']}::text[]) as n`.execute(
        trx,
      ),
    );
    expect(other.rows[0].n).toBe(0);
    expect((await eventRow(openId)).seq).toBeNull();

    // The trigger holds even for the table owner: no change to a sealed event, only the seal of an unsealed one.
    await expect(sql`update audit_events set hash = 'forged' where id = ${sealedId}`.execute(h.ownerDb)).rejects.toThrow(/sealed/);
    await expect(sql`update audit_events set action = 'forged' where id = ${openId}`.execute(h.ownerDb)).rejects.toThrow(/only the seal/);
    // A half seal breaks the check constraint.
    await expect(sql`update audit_events set hash = 'x' where id = ${openId}`.execute(h.ownerDb)).rejects.toThrow(/audit_events_sealed_check/);

    await sealAuditChain(h.db, c.workspaceId);
    expect((await eventRow(openId)).seq).toBe(Number(sealed.seq) + 1);
    expect((await verifyAuditChains(h.ownerDb, c.slug))[0].broken).toBeUndefined();
  });

  it('seals each event once when sealers race, in this process and another connection', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await insertUnsealed(c.workspaceId, 'test.race'));
    const other: Db = h.ownerDb;
    const counts = await Promise.all([
      sealAuditChain(h.db, c.workspaceId),
      sealAuditChain(h.db, c.workspaceId),
      sealAuditChain(other, c.workspaceId),
      sealAuditChain(h.db, c.workspaceId),
    ]);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(25);
    expect(await sealAuditChain(h.db, c.workspaceId)).toBe(0);
    const seqs = (await h.ownerDb.selectFrom('auditEvents').select('seq').where('id', 'in', ids).orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    const rows = await h.ownerDb.selectFrom('auditEvents').select('id').where('id', 'in', ids).orderBy('seq').execute();
    expect(rows.map((r) => r.id)).toEqual(ids); // recorded order
    expect((await verifyAuditChains(h.ownerDb, c.slug))[0].broken).toBeUndefined();
  });

  it('lists only sealed events, sealing what committed before the request', async () => {
    const id = await insertUnsealed(c.workspaceId, 'test.listed');
    const page = (await h.api(c.apiKey).get('/api/v1/audit-events?action=test.listed')).json();
    expect(page.data).toMatchObject([{ id, seq: expect.any(Number) }]);
  });

  it('sweeps workspaces whose events were left unsealed', async () => {
    const left = [await insertUnsealed(c.workspaceId, 'test.left'), await insertUnsealed(b.workspaceId, 'test.left')];
    const recent = await insertUnsealed(c.workspaceId, 'test.recent', new Date());
    let sweep: ScheduledJob | undefined;
    registerAuditJobs({ schedule: (j: ScheduledJob) => (sweep = j) } as unknown as Jobs, h.db);
    expect(sweep).toMatchObject({ name: 'audit.seal-sweep', cron: '* * * * *' });
    await sweep?.run();
    for (const id of left) expect((await eventRow(id)).seq).toBeGreaterThan(0);
    // The sweep chose workspaces by their old leftovers; it sealed the whole workspace, the recent event too.
    expect((await eventRow(recent)).seq).toBeGreaterThan(0);
    expect(await unsealed(c.workspaceId)).toBe(0);
    expect((await verifyAuditChains(h.ownerDb, c.slug))[0].broken).toBeUndefined();
  });
});
