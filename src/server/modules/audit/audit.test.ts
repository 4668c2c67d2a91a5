import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../../../../tests/setup/constants.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { chainHash, diff, findBreak, GENESIS_HASH, type HashedEvent } from './audit.rules.ts';
import { verifyAuditChains } from './audit.service.ts';

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
  it('serialises concurrent appends into one gapless chain per workspace', async () => {
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

    await sql`update audit_events set actor_label = 'someone else' where workspace_id = ${a.workspaceId} and seq = 3`.execute(h.ownerDb);
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
