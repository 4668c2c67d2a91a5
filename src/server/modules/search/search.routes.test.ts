import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
const ids: Record<string, string> = {};

type Hit = { type: string; id: string; title: string; subtitle: string | null; score: number };

async function search(query: string, key = a.apiKey): Promise<Hit[]> {
  const res = await h.api(key).get(`/api/v1/search?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().data;
}
const titles = (hits: Hit[]) => hits.map((x) => x.title);

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Search A');
  b = await h.workspace('Search B');
  const account = async (name: string, domains: string[] = [], key = a.apiKey) => {
    const res = await h.api(key).post('/api/v1/accounts', { name, domains });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  ids.mueller = await account('Müller Maschinenbau GmbH', ['mueller-maschinenbau.de']);
  ids.muellerConsulting = await account('Mueller Consulting LLC', ['mueller-consulting.com']);
  ids.schaefer = await account('Schäfer Logistik GmbH', ['schaefer-logistik.de']);
  ids.zuercher = await account('Zürcher Datentechnik AG', ['zuercher-daten.ch']);
  ids.nordlicht = await account('Nordlicht Software GmbH', ['nordlicht-sw.de', 'nordlicht.io']);
  ids.lefevre = await account('Lefèvre Systèmes SAS', ['lefevre-systemes.fr']);
  ids.hanse = await account('Hanse');
  ids.hanseLogistik = await account('Hanse Logistik KG');
  ids.elbeHanse = await account('Elbe Hanse Data GmbH');
  ids.deleted = await account('Müller Deleted GmbH', ['deleted-mueller.de']);
  await h.api(a.apiKey).delete(`/api/v1/accounts/${ids.deleted}`);
  ids.theirMueller = await account('Müller Maschinenbau GmbH', ['mueller-maschinenbau.de'], b.apiKey);
  const contact = await h.api(a.apiKey).post('/api/v1/contacts', {
    firstName: 'Jürgen',
    lastName: 'Weiß',
    emails: ['j.weiss@mueller-maschinenbau.de'],
    accountId: ids.mueller,
  });
  ids.juergen = contact.json().id;
  ids.theirContact = (await h.api(b.apiKey).post('/api/v1/contacts', { firstName: 'Jürgen', lastName: 'Weiß' })).json().id;
  const opp = await h.api(a.apiKey).post('/api/v1/opportunities', {
    name: 'Maschinenbau Renewal 2027',
    accountId: ids.mueller,
    amount: { value: 120000, currency: 'EUR' },
    stage: 'proposal',
    closeDate: '2027-03-31',
  });
  expect(opp.statusCode).toBe(201);
  ids.renewal = opp.json().id;
});
afterAll(() => h?.close());

describe('search API', () => {
  it('answers 401 without credentials, 403 without CRM access, 400 naming bad parameters', async () => {
    expect((await h.api(undefined).get('/api/v1/search?q=muller')).statusCode).toBe(401);
    const partnersOnly = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'partners', scopes: ['partners:read'] })).json().key;
    expect((await h.api(partnersOnly).get('/api/v1/search?q=muller')).statusCode).toBe(403);
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm', scopes: ['crm:read'] })).json().key;
    expect((await h.api(reader).get('/api/v1/search?q=muller')).statusCode).toBe(200);
    const bad = await h.api(a.apiKey).get('/api/v1/search?q=%20&types=account,lead&limit=500&page=2');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['query.q', 'query.types.1', 'query.limit', 'query']),
    );
    expect((await h.api(a.apiKey).get('/api/v1/search')).statusCode).toBe(400);
  });

  it('finds names whatever the case, accents and umlaut spelling', async () => {
    for (const q of ['muller', 'MÜLLER', 'müller maschinenbau', 'mueller maschinenbau gmbh', 'Mueller Maschinenbau']) {
      const hits = await search(`q=${encodeURIComponent(q)}&types=account`);
      expect(hits[0], `${q}: ${JSON.stringify(hits)}`).toMatchObject({ type: 'account', id: ids.mueller, title: 'Müller Maschinenbau GmbH' });
    }
    expect((await search('q=zurcher'))[0].id).toBe(ids.zuercher);
    expect((await search('q=Zuercher'))[0].id).toBe(ids.zuercher);
    expect((await search('q=schafer%20logistik'))[0].id).toBe(ids.schaefer);
    expect((await search('q=lefevre%20systemes'))[0].id).toBe(ids.lefevre);
    // Spelled with ue, both Müller and Mueller are found; as typed, Mueller ranks first.
    const mueller = await search('q=mueller&types=account');
    expect(mueller.slice(0, 2).map((x) => x.id)).toEqual([ids.muellerConsulting, ids.mueller]);
  });

  it('forgives typos through trigram similarity', async () => {
    expect((await search('q=Maschinenbua'))[0].id).toBe(ids.mueller);
    expect((await search('q=Nordlict%20Softwre'))[0].id).toBe(ids.nordlicht);
    expect((await search('q=Schaefr%20Logistk'))[0].id).toBe(ids.schaefer);
    expect(await search('q=xylophon')).toEqual([]);
  });

  it('ranks an exact name above a prefix above a word inside the name', async () => {
    const hits = await search('q=hanse&types=account');
    expect(titles(hits)).toEqual(['Hanse', 'Hanse Logistik KG', 'Elbe Hanse Data GmbH']);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
    expect(hits[1].score).toBeGreaterThan(hits[2].score);
  });

  it('finds accounts by domain, as typed in a browser, by prefix and by another top-level domain', async () => {
    for (const q of ['nordlicht-sw.de', 'https://www.nordlicht-sw.de/kontakt', 'nordlicht-sw', 'nordlicht.io', 'NORDLICHT-SW.COM']) {
      const hits = await search(`q=${encodeURIComponent(q)}&types=account`);
      expect(hits[0], q).toMatchObject({ id: ids.nordlicht, title: 'Nordlicht Software GmbH' });
    }
    expect((await search('q=nordlicht.io&types=account'))[0].subtitle).toBe('nordlicht.io');
    // A domain no account holds still finds the company named like it.
    expect((await search('q=hanse-logistik.de&types=account'))[0].id).toBe(ids.hanseLogistik);
    expect((await search('q=mueller-consulting.com'))[0]).toMatchObject({ id: ids.muellerConsulting, subtitle: 'mueller-consulting.com' });
  });

  it('finds contacts by name and by email, and opportunities by name', async () => {
    const byName = await search('q=jurgen%20weiss');
    expect(byName[0]).toMatchObject({
      type: 'contact',
      id: ids.juergen,
      title: 'Jürgen Weiß',
      subtitle: 'j.weiss@mueller-maschinenbau.de · Müller Maschinenbau GmbH',
    });
    expect((await search('q=J.Weiss@Mueller-Maschinenbau.de'))[0]).toMatchObject({ type: 'contact', id: ids.juergen });
    expect((await search('q=j.weiss@'))[0]).toMatchObject({ type: 'contact', id: ids.juergen });
    const opp = await search('q=renewal%202027');
    expect(opp[0]).toMatchObject({
      type: 'opportunity',
      id: ids.renewal,
      title: 'Maschinenbau Renewal 2027',
      subtitle: 'Müller Maschinenbau GmbH · proposal',
    });
    expect((await search('q=renewl&types=opportunity'))[0].id).toBe(ids.renewal);
  });

  it('mixes types in one ranking and honours types and limit', async () => {
    const all = await search('q=maschinenbau');
    expect(new Set(all.map((x) => x.type))).toEqual(new Set(['account', 'contact', 'opportunity']));
    const scores = all.map((x) => x.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect((await search('q=maschinenbau&types=contact,opportunity')).every((x) => x.type !== 'account')).toBe(true);
    expect(await search('q=maschinenbau&limit=1')).toHaveLength(1);
  });

  it('never shows other workspaces or deleted records', async () => {
    const hits = await search('q=muller&limit=50');
    expect(hits.map((x) => x.id)).not.toContain(ids.theirMueller);
    expect(hits.map((x) => x.id)).not.toContain(ids.theirContact);
    expect(hits.map((x) => x.id)).not.toContain(ids.deleted);
    expect(await search('q=deleted-mueller.de&types=account')).toEqual([]);
    const theirs = await search('q=muller&limit=50', b.apiKey);
    expect(theirs.map((x) => x.id)).toEqual([ids.theirMueller]);
    const jw = await search('q=weiss&types=contact', b.apiKey);
    expect(jw.map((x) => x.id)).toEqual([ids.theirContact]);
  });

  it('has the search functions answer nothing for a workspace other than the transaction’s own', async () => {
    const rows = await inWorkspace(h.db, a.workspaceId, async (trx) => {
      const out = [];
      for (const fn of ['search_accounts', 'search_contacts', 'search_opportunities'])
        out.push(...(await sql`select * from ${sql.raw(fn)}(${b.workspaceId}::uuid, 'muller', 10)`.execute(trx)).rows);
      out.push(...(await sql`select * from contacts_with_email(${b.workspaceId}::uuid, 'j.weiss@mueller-maschinenbau.de')`.execute(trx)).rows);
      return out;
    });
    expect(rows).toEqual([]);
  });
});
