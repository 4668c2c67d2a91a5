import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';
import { BLOCKING_KEYS_VERSION } from './company-blocking.rules.ts';
import { registerDuplicateJobs, startRekeyPasses } from './match-keys.jobs.ts';
import { accountMatchKeys, rekeyBatch } from './match-keys.service.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

/** Accounts written as the owner straight into the table, as data from before the keys existed. */
async function oldAccounts(workspaceId: string, rows: { name: string; domains?: string[]; deleted?: boolean }[]) {
  const ids: string[] = [];
  for (const r of rows) {
    const id = randomUUID();
    ids.push(id);
    await sql`insert into accounts (id, workspace_id, name, deleted_at) values (${id}, ${workspaceId}, ${r.name}, ${r.deleted ? sql`now()` : null})`.execute(
      h.ownerDb,
    );
    for (const d of r.domains ?? [])
      await sql`insert into account_domains (workspace_id, account_id, domain) values (${workspaceId}, ${id}, ${d})`.execute(h.ownerDb);
  }
  return ids;
}

/** Every account's stored keys and version, as the owner sees them. */
async function keyState(workspaceId: string) {
  const { rows } = await sql<{ id: string; name: string; keys: string[]; version: number | null; keyedAt: Date | null }>`
    select a.id, a.name, array(select k.key from company_match_keys k where k.account_id = a.id order by k.key) as keys, v.version, v.keyed_at
    from accounts a left join company_match_key_versions v on v.account_id = a.id
    where a.workspace_id = ${workspaceId} order by a.name`.execute(h.ownerDb);
  return rows;
}

const expected = (name: string, domains: string[] = []) => [...accountMatchKeys(name, domains)].sort();

describe('the rekey job', () => {
  it('fills the keys of accounts written without them, only in its workspace, and is idempotent', async () => {
    const a = await h.workspace('Rekey A');
    const b = await h.workspace('Rekey B');
    await oldAccounts(a.workspaceId, [
      { name: 'Alpenglühen Reisen GmbH', domains: ['alpengluehen.de'] },
      { name: 'Borealis Data Oy' },
      { name: 'Cumulus Cloud Ltd', domains: ['cumulus.co.uk', 'cumulus-cloud.com'] },
      { name: 'Deleted Works GmbH', deleted: true },
    ]);
    await oldAccounts(b.workspaceId, [{ name: 'Elsewhere Holding AG' }]);
    expect(await h.jobs.handle('duplicates.rekey', randomUUID(), { workspaceId: a.workspaceId })).toBe('done');

    const first = await keyState(a.workspaceId);
    expect(first.map((r) => [r.name, r.keys, r.version])).toEqual([
      ['Alpenglühen Reisen GmbH', expected('Alpenglühen Reisen GmbH', ['alpengluehen.de']), BLOCKING_KEYS_VERSION],
      ['Borealis Data Oy', expected('Borealis Data Oy'), BLOCKING_KEYS_VERSION],
      ['Cumulus Cloud Ltd', expected('Cumulus Cloud Ltd', ['cumulus.co.uk', 'cumulus-cloud.com']), BLOCKING_KEYS_VERSION],
      ['Deleted Works GmbH', [], null],
    ]);
    expect((await keyState(b.workspaceId))[0]).toMatchObject({ keys: [], version: null });
    const found = await h.api(a.apiKey).post('/api/v1/duplicate-check', { companyName: 'Alpengluehen Reisen' });
    expect(found.json().candidates[0].name).toBe('Alpenglühen Reisen GmbH');

    // A second run finds nothing to do: the same keys, not even rewritten.
    await h.jobs.handle('duplicates.rekey', randomUUID(), { workspaceId: a.workspaceId });
    expect(await keyState(a.workspaceId)).toEqual(first);
  });

  it('recomputes accounts keyed with an older rules version and clears deleted accounts that kept keys', async () => {
    const c = await h.workspace('Rekey C');
    const res = await h.api(c.apiKey).post('/api/v1/accounts', { name: 'Gletscher Technik AG' });
    const [gone] = await oldAccounts(c.workspaceId, [{ name: 'Zombie Keys GmbH', deleted: true }]);
    // An older version's keys (one of them different), and a deleted account that kept its keys.
    await sql`update company_match_keys set key = 't:stale' where account_id = ${res.json().id} and key = 't:gletscher'`.execute(h.ownerDb);
    await sql`update company_match_key_versions set version = ${BLOCKING_KEYS_VERSION - 1}, keys = array_replace(keys, 't:gletscher', 't:stale')
      where account_id = ${res.json().id}`.execute(h.ownerDb);
    await sql`insert into company_match_keys (workspace_id, key, account_id) values (${c.workspaceId}, 't:zombie', ${gone})`.execute(h.ownerDb);
    await sql`insert into company_match_key_versions (workspace_id, account_id, version, keys)
      values (${c.workspaceId}, ${gone}, ${BLOCKING_KEYS_VERSION - 1}, '{t:zombie}')`.execute(h.ownerDb);
    await h.jobs.handle('duplicates.rekey', randomUUID(), { workspaceId: c.workspaceId });
    const state = await keyState(c.workspaceId);
    expect(state.map((r) => [r.name, r.keys, r.version])).toEqual([
      ['Gletscher Technik AG', expected('Gletscher Technik AG'), BLOCKING_KEYS_VERSION],
      ['Zombie Keys GmbH', [], null],
    ]);
  });

  it('works in batches, each its own transaction: a crash mid-pass leaves no account half-keyed, and the pass resumes', async () => {
    const d = await h.workspace('Rekey D');
    await oldAccounts(
      d.workspaceId,
      ['Anker', 'Boje', 'Cirrus', 'Delta', 'Ebbe'].map((w) => ({ name: `${w} Maritim GmbH`, domains: [`${w.toLowerCase()}-maritim.de`] })),
    );
    // Batches of two, one per job (no time budget): the first job queues the next one in its own transaction.
    registerDuplicateJobs(h.jobs, h.db, { batchSize: 2, budgetMs: 0 });
    try {
      await h.jobs.handle('duplicates.rekey', randomUUID(), { workspaceId: d.workspaceId });
      const [next] = await h.jobs.boss.fetch<{ workspaceId: string }>('duplicates.rekey');
      expect(next.data).toMatchObject({ workspaceId: d.workspaceId, after: { nameKey: 'boje maritim gmbh' } });

      // The second batch fails after writing its keys, before its versions: nothing of it stays.
      await sql`create function fail_rekey() returns trigger language plpgsql as $$
        begin raise exception 'simulated crash'; end $$`.execute(h.ownerDb);
      await sql`create trigger fail_rekey before insert on company_match_key_versions for each row execute function fail_rekey()`.execute(h.ownerDb);
      await expect(h.jobs.handle('duplicates.rekey', next.id, next.data)).rejects.toThrow(/simulated crash/);
      await sql`drop trigger fail_rekey on company_match_key_versions; drop function fail_rekey()`.execute(h.ownerDb);
      const mid = await keyState(d.workspaceId);
      expect(mid.map((r) => `${r.name}: ${r.keys.length ? 'keyed' : 'none'} ${r.version ?? '-'}`)).toEqual([
        `Anker Maritim GmbH: keyed ${BLOCKING_KEYS_VERSION}`,
        `Boje Maritim GmbH: keyed ${BLOCKING_KEYS_VERSION}`,
        'Cirrus Maritim GmbH: none -',
        'Delta Maritim GmbH: none -',
        'Ebbe Maritim GmbH: none -',
      ]);

      // The retry (same job data) resumes after the last committed batch and finishes the pass.
      await h.jobs.handle('duplicates.rekey', next.id, next.data);
      const [last] = await h.jobs.boss.fetch<{ workspaceId: string }>('duplicates.rekey');
      await h.jobs.handle('duplicates.rekey', last.id, last.data);
      expect(await h.jobs.boss.fetch('duplicates.rekey')).toEqual([]);
      const done = await keyState(d.workspaceId);
      for (const r of done)
        expect([r.keys, r.version]).toEqual([expected(r.name, [`${r.name.split(' ')[0].toLowerCase()}-maritim.de`]), BLOCKING_KEYS_VERSION]);
    } finally {
      registerDuplicateJobs(h.jobs, h.db);
    }
  });

  it('takes batch after batch in one job while its time budget lasts', async () => {
    const e = await h.workspace('Rekey Budget');
    await oldAccounts(
      e.workspaceId,
      ['Anker', 'Boje', 'Cirrus', 'Delta', 'Ebbe'].map((w) => ({ name: `${w} Werft AG` })),
    );
    registerDuplicateJobs(h.jobs, h.db, { batchSize: 2, budgetMs: 60_000 });
    try {
      await h.jobs.handle('duplicates.rekey', randomUUID(), { workspaceId: e.workspaceId });
      expect((await keyState(e.workspaceId)).every((r) => r.version === BLOCKING_KEYS_VERSION)).toBe(true);
      expect(await h.jobs.boss.fetch('duplicates.rekey')).toEqual([]);
    } finally {
      registerDuplicateJobs(h.jobs, h.db);
    }
  });

  it('starts one pass per workspace from the sweep', async () => {
    const e = await h.workspace('Rekey E');
    await oldAccounts(e.workspaceId, [{ name: 'Sweep Sample KG' }]);
    const workspaces = await startRekeyPasses(h.jobs, h.db);
    expect(workspaces).toBeGreaterThanOrEqual(5);
    const queued = await h.jobs.boss.fetch<{ workspaceId: string }>('duplicates.rekey', { batchSize: 100 });
    expect(queued.map((j) => j.data.workspaceId)).toContain(e.workspaceId);
    // A second sweep right away queues nothing new (one pass per workspace at a time).
    await startRekeyPasses(h.jobs, h.db);
    expect(await h.jobs.boss.fetch('duplicates.rekey', { batchSize: 100 })).toEqual([]);
    for (const j of queued) await h.jobs.handle('duplicates.rekey', j.id, j.data);
    const keyed = await inWorkspace(h.db, e.workspaceId, (trx) => trx.selectFrom('companyMatchKeyVersions').select('version').execute());
    expect(keyed).toEqual([{ version: BLOCKING_KEYS_VERSION }]);
  });

  it('keeps each batch one transaction when called directly', async () => {
    const f = await h.workspace('Rekey F');
    await oldAccounts(f.workspaceId, [{ name: 'Eins GmbH' }, { name: 'Zwei GmbH' }, { name: 'Drei GmbH' }]);
    const one = await inWorkspace(h.db, f.workspaceId, (trx) => rekeyBatch({ trx, workspaceId: f.workspaceId }, 2));
    expect(one).toMatchObject({ keyed: 2, next: { nameKey: 'eins gmbh' } });
    const two = await inWorkspace(h.db, f.workspaceId, (trx) => rekeyBatch({ trx, workspaceId: f.workspaceId }, 2, one.next ?? undefined));
    expect(two).toEqual({ keyed: 1, cleared: 0, next: null });
  });
});
