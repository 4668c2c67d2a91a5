import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';
import { seedCrmDemo } from '../../seed/crm-demo.ts';
import { importClient } from '../imports/fixtures/import-client.ts';
import { BLOCKING_KEYS_VERSION } from './company-blocking.rules.ts';
import { accountMatchKeys } from './match-keys.service.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  await h.jobs.startWorkers(); // the import runs as a job
  a = await h.workspace('Match keys A');
});
afterAll(() => h?.close());

async function stored(workspaceId: string, accountId: string) {
  return inWorkspace(h.db, workspaceId, async (trx) => {
    const keys = await trx.selectFrom('companyMatchKeys').select('key').where('accountId', '=', accountId).orderBy('key').execute();
    const v = await trx.selectFrom('companyMatchKeyVersions').selectAll().where('accountId', '=', accountId).executeTakeFirst();
    // The version row lists the account's keys, exactly those of the keys table.
    return { keys: keys.map((k) => k.key), version: v?.version ?? null, listed: v ? [...v.keys].sort() : null };
  });
}
const sorted = (keys: string[]) => [...keys].sort();
const best = async (body: Record<string, unknown>) => {
  const res = await h.api(a.apiKey).post('/api/v1/duplicate-check', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().candidates[0]?.id as string | undefined;
};

describe('stored blocking keys', () => {
  it('are written with an account, from its name and domains, with the rules version', async () => {
    const acc = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Fjordlys Shipping AS', domains: ['fjordlys.no'] })).json();
    const s = await stored(a.workspaceId, acc.id);
    expect(s.keys).toEqual(sorted(accountMatchKeys('Fjordlys Shipping AS', ['fjordlys.no'])));
    expect(s.keys).toEqual(expect.arrayContaining(['n:fjordlysshipping', 'd:fjordlys.no']));
    expect(s).toMatchObject({ version: BLOCKING_KEYS_VERSION, listed: s.keys });
  });

  it('follow a rename and a change of domains', async () => {
    const acc = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Altname Optik GmbH', domains: ['altname-optik.de'] })).json();
    expect(await best({ companyName: 'Altname Optik' })).toBe(acc.id);
    await h.api(a.apiKey).patch(`/api/v1/accounts/${acc.id}`, { name: 'Neuname Sensorik GmbH' });
    expect(await best({ companyName: 'Altname Optik' })).toBeUndefined();
    expect(await best({ companyName: 'Neuname Sensorik' })).toBe(acc.id);
    expect(await best({ companyName: 'Unrelated Words', domain: 'altname-optik.de' })).toBe(acc.id);
    await h.api(a.apiKey).patch(`/api/v1/accounts/${acc.id}`, { domains: ['neuname.de'] });
    expect(await best({ companyName: 'Unrelated Words', domain: 'altname-optik.de' })).toBeUndefined();
    expect(await best({ companyName: 'Unrelated Words', domain: 'neuname.de' })).toBe(acc.id);
    // Other fields leave the keys as they are.
    const before = await stored(a.workspaceId, acc.id);
    await h.api(a.apiKey).patch(`/api/v1/accounts/${acc.id}`, { segment: 'SMB' });
    expect((await stored(a.workspaceId, acc.id)).keys).toEqual(before.keys);
    expect(before.keys).toEqual(sorted(accountMatchKeys('Neuname Sensorik GmbH', ['neuname.de'])));
    expect(before.listed).toEqual(before.keys);
  });

  it('go when an account is deleted and come back when it is restored', async () => {
    const acc = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Phönix Kunststoffe GmbH', domains: ['phoenix-kunststoffe.de'] })).json();
    expect(await best({ companyName: 'Phoenix Kunststoffe' })).toBe(acc.id);
    expect((await h.api(a.apiKey).delete(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(204);
    expect(await best({ companyName: 'Phoenix Kunststoffe', domain: 'phoenix-kunststoffe.de' })).toBeUndefined();
    expect(await stored(a.workspaceId, acc.id)).toEqual({ keys: [], version: null, listed: null });
    await h.api(a.apiKey).post(`/api/v1/accounts/${acc.id}/restore`);
    expect(await best({ companyName: 'Phoenix Kunststoffe' })).toBe(acc.id);
    expect((await stored(a.workspaceId, acc.id)).version).toBe(BLOCKING_KEYS_VERSION);
  });

  it('go with an account that is purged', async () => {
    const acc = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Purge Probe GmbH', domains: ['purge-probe.de'] })).json();
    expect((await stored(a.workspaceId, acc.id)).keys.length).toBeGreaterThan(3);
    await sql`delete from accounts where id = ${acc.id}`.execute(h.ownerDb);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from company_match_keys where account_id = ${acc.id}`.execute(h.ownerDb);
    expect(rows[0].n).toBe(0);
  });

  it('are written for created and updated accounts by the rekey pass a CSV import queues when it completes', async () => {
    const { importFile, accountByName } = importClient(h);
    // The pass runs as a job right after the import: wait for it (a few seconds at most).
    const keysOf = async (id: string, want: string[]) => {
      for (let i = 0; i < 100 && JSON.stringify((await stored(a.workspaceId, id)).keys) !== JSON.stringify(want); i++)
        await new Promise((r) => setTimeout(r, 200));
      return (await stored(a.workspaceId, id)).keys;
    };
    const csv = 'Name;Domain\nKarstadt Bergbau GmbH;karstadt-bergbau.de\nLindgren Möbel AB;lindgren-mobel.se\n';
    const done = await importFile(a.apiKey, 'accounts.csv', Buffer.from(csv));
    expect(done.progress).toMatchObject({ imported: 2, rejected: 0 });
    const karstadt = await accountByName(a.apiKey, 'Karstadt Bergbau GmbH');
    const want = sorted(accountMatchKeys('Karstadt Bergbau GmbH', ['karstadt-bergbau.de']));
    expect(await keysOf(karstadt.id, want)).toEqual(want);
    expect(await best({ companyName: 'Lindgren Moebel' })).toBe((await accountByName(a.apiKey, 'Lindgren Möbel AB')).id);
    // An update through the import (matched by domain) renames the account and rewrites its keys.
    const again = await importFile(a.apiKey, 'rename.csv', Buffer.from('Name;Domain\nKarstadt Tiefbau GmbH;karstadt-bergbau.de\n'), {
      onDuplicate: 'update',
    });
    expect(again.progress).toMatchObject({ updated: 1 });
    const renamed = sorted(accountMatchKeys('Karstadt Tiefbau GmbH', ['karstadt-bergbau.de']));
    expect(await keysOf(karstadt.id, renamed)).toEqual(renamed);
    expect(await best({ companyName: 'Karstadt Tiefbau' })).toBe(karstadt.id);
  });

  it('are written for an account a lead conversion creates', async () => {
    const lead = (
      await h.api(a.apiKey).post('/api/v1/leads', { lastName: 'Quist', company: 'Quistgaard Akustik ApS', companyDomain: 'quistgaard-akustik.dk' })
    ).json();
    const converted = await h.api(a.apiKey).post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(converted.statusCode, converted.body).toBe(200);
    expect(await best({ companyName: 'Quistgaard Akustik' })).toBe(converted.json().accountId);
  });

  it('are written for the demo seed’s live accounts', async () => {
    const demo = await h.workspace('Match keys demo');
    await seedCrmDemo(h.db, demo.workspaceId);
    const counts = await inWorkspace(h.db, demo.workspaceId, async (trx) => ({
      live: Number(
        (
          await trx
            .selectFrom('accounts')
            .select((e) => e.fn.countAll().as('n'))
            .where('deletedAt', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      keyed: Number(
        (
          await trx
            .selectFrom('companyMatchKeyVersions')
            .select((e) => e.fn.countAll().as('n'))
            .where('version', '=', BLOCKING_KEYS_VERSION)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      deletedWithKeys: Number(
        (
          await trx
            .selectFrom('companyMatchKeys as k')
            .innerJoin('accounts as x', 'x.id', 'k.accountId')
            .select((e) => e.fn.countAll().as('n'))
            .where('x.deletedAt', 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    }));
    expect(counts.keyed).toBe(counts.live);
    expect(counts.deletedWithKeys).toBe(0);
  });
});
