import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { inWorkspace, outsideWorkspace } from './client.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Tenant A');
  b = await h.workspace('Tenant B');
  await h.api(a.apiKey).post('/api/v1/partners', { name: 'A-Partner', type: 'reseller' });
  await h.api(b.apiKey).post('/api/v1/partners', { name: 'B-Partner', type: 'reseller' });
});
afterAll(() => h?.close());

describe('row-level security', () => {
  it('shows a query without any workspace filter only the current workspace rows', async () => {
    const names = await inWorkspace(h.db, a.workspaceId, (trx) => trx.selectFrom('partners').select('name').execute());
    expect(names.map((r) => r.name)).toEqual(['A-Partner']);
    const members = await inWorkspace(h.db, b.workspaceId, (trx) => trx.selectFrom('workspaceMembers').select('workspaceId').execute());
    expect(new Set(members.map((m) => m.workspaceId))).toEqual(new Set([b.workspaceId]));
    const keys = await inWorkspace(h.db, a.workspaceId, (trx) => trx.selectFrom('apiKeys').select('workspaceId').execute());
    expect(keys.every((k) => k.workspaceId === a.workspaceId)).toBe(true);
    const audit = await inWorkspace(h.db, a.workspaceId, (trx) => trx.selectFrom('auditEvents').select('workspaceId').execute());
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.workspaceId === a.workspaceId)).toBe(true);
    const ws = await inWorkspace(h.db, a.workspaceId, (trx) => trx.selectFrom('workspaces').select('id').execute());
    expect(ws.map((w) => w.id)).toEqual([a.workspaceId]);
    const users = await inWorkspace(h.db, a.workspaceId, (trx) => trx.selectFrom('users').select('email').execute());
    expect(users.map((u) => u.email)).toEqual([a.adminEmail]);
  });

  it('shows nothing when no workspace is set', async () => {
    const rows = await outsideWorkspace(h.db, (trx) => trx.selectFrom('partners').select('id').execute());
    expect(rows).toEqual([]);
    const ws = await outsideWorkspace(h.db, (trx) => trx.selectFrom('workspaces').select('id').execute());
    expect(ws).toEqual([]);
  });

  it('refuses to write a row into another workspace', async () => {
    await expect(
      inWorkspace(h.db, a.workspaceId, (trx) =>
        trx.insertInto('partners').values({ workspaceId: b.workspaceId, name: 'Smuggled', type: 'referral' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const moved = await inWorkspace(h.db, a.workspaceId, (trx) =>
      trx.updateTable('partners').set({ workspaceId: b.workspaceId }).where('name', '=', 'A-Partner').execute(),
    ).catch((e: Error) => e);
    expect(String(moved)).toMatch(/row-level security/);
    const deleted = await inWorkspace(h.db, a.workspaceId, (trx) => trx.deleteFrom('partners').where('name', '=', 'B-Partner').executeTakeFirst());
    expect(Number(deleted.numDeletedRows)).toBe(0);
  });

  it('runs the app as a role that neither owns the tables nor bypasses row-level security', async () => {
    const { rows } = await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>`
      select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(h.db);
    expect(rows[0]).toMatchObject({ rolname: 'tandem_app', rolsuper: false, rolbypassrls: false });
    const owned = await sql<{ n: number }>`
      select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`.execute(h.db);
    expect(owned.rows[0].n).toBe(0);
    const noRls = await sql<{ tablename: string }>`
      select c.relname as tablename from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity
        and c.relname not in ('kysely_migration', 'kysely_migration_lock')`.execute(h.ownerDb);
    expect(noRls.rows.map((r) => r.tablename)).toEqual([]);
  });

  it('gives every tenant table a workspace_id and an index on it', async () => {
    const { rows } = await sql<{ table: string }>`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname not in ('kysely_migration', 'kysely_migration_lock', 'workspaces', 'users')
        and not exists (select 1 from information_schema.columns col where col.table_name = c.relname and col.column_name = 'workspace_id')`.execute(
      h.ownerDb,
    );
    expect(rows).toEqual([]);
  });

  it('lets the app append to the audit log but never change or delete it', async () => {
    await expect(inWorkspace(h.db, a.workspaceId, (trx) => trx.updateTable('auditEvents').set({ action: 'forged' }).execute())).rejects.toThrow(
      /permission denied/,
    );
    await expect(inWorkspace(h.db, a.workspaceId, (trx) => trx.deleteFrom('auditEvents').execute())).rejects.toThrow(/permission denied/);
  });

  it('keeps updated_at current through the database', async () => {
    const before = await inWorkspace(h.db, a.workspaceId, (trx) => trx.selectFrom('partners').select(['id', 'updatedAt']).executeTakeFirstOrThrow());
    await new Promise((r) => setTimeout(r, 20));
    await inWorkspace(h.db, a.workspaceId, (trx) => trx.updateTable('partners').set({ region: 'DACH' }).where('id', '=', before.id).execute());
    const after = await inWorkspace(h.db, a.workspaceId, (trx) =>
      trx.selectFrom('partners').select('updatedAt').where('id', '=', before.id).executeTakeFirstOrThrow(),
    );
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it('maps one remote record to one local record per connector in external_refs', async () => {
    const p = await inWorkspace(h.db, a.workspaceId, (trx) => trx.selectFrom('partners').select('id').executeTakeFirstOrThrow());
    const ref = { workspaceId: a.workspaceId, connector: 'hubspot', objectType: 'company', localId: p.id, remoteId: '123', remoteVersion: '1' };
    await inWorkspace(h.db, a.workspaceId, (trx) => trx.insertInto('externalRefs').values(ref).execute());
    await expect(
      inWorkspace(h.db, a.workspaceId, (trx) =>
        trx
          .insertInto('externalRefs')
          .values({ ...ref, remoteId: '456' })
          .execute(),
      ),
    ).rejects.toThrow(/duplicate key/);
  });
});
