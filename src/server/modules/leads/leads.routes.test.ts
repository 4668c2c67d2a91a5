import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
let partnerId: string;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Leads A');
  b = await h.workspace('Leads B');
  partnerId = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Alpenblick Systemhaus', type: 'referral' })).json().id;
});
afterAll(() => h?.close());

type Named = { name: string; company: string };
const companies = (res: { json: () => { data: Named[] } }) => res.json().data.map((l) => l.company);

describe('leads API', () => {
  it('answers 401 without credentials and with an unknown key', async () => {
    expect((await h.api(undefined).get('/api/v1/leads')).statusCode).toBe(401);
    expect((await h.api(undefined).post('/api/v1/leads/00000000-0000-4000-8000-000000000000/convert', {})).statusCode).toBe(401);
    const unknown = 'tnd_00000000000000000000000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
    expect((await h.api(unknown).get('/api/v1/leads')).statusCode).toBe(401);
  });

  it('creates a lead with a normalised email and company domain, status new', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/leads', {
      firstName: 'Käthe',
      lastName: 'Köhler',
      email: ' Kaethe.Koehler@Weissdorn.DE ',
      title: 'CTO',
      company: 'Weißdorn Datentechnik GmbH',
      companyDomain: 'https://www.weissdorn.de/kontakt',
      partnerId,
      ownerUserId: a.adminUserId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Käthe Köhler',
      email: 'kaethe.koehler@weissdorn.de',
      company: 'Weißdorn Datentechnik GmbH',
      companyDomain: 'weissdorn.de',
      status: 'new',
      partnerId,
      ownerUserId: a.adminUserId,
      convertedAccountId: null,
      convertedAt: null,
    });
    const events = (await h.api(a.apiKey).get(`/api/v1/audit-events?action=lead.created&entityId=${res.json().id}`)).json().data;
    expect(events).toHaveLength(1);
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'lead-create-1' };
    const body = { lastName: 'Once', company: 'Idempotent AG' };
    const first = await h.api(a.apiKey).post('/api/v1/leads', body, headers);
    const again = await h.api(a.apiKey).post('/api/v1/leads', body, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(companies(await h.api(a.apiKey).get('/api/v1/leads?q=idempotent'))).toEqual(['Idempotent AG']);
  });

  it('rejects bad input naming each field, and the status converted', async () => {
    const res = await h
      .api(a.apiKey)
      .post('/api/v1/leads', { lastName: '', email: 'nope', companyDomain: 'not a domain', status: 'converted', partnerId: 'x', budget: 1 });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.lastName', 'body.company', 'body.email', 'body.companyDomain', 'body.status', 'body.partnerId', 'body']),
    );
    expect((await h.api(a.apiKey).get('/api/v1/leads?status=won')).statusCode).toBe(400);
    expect((await h.api(a.apiKey).get('/api/v1/leads?sort=name')).statusCode).toBe(400);
  });

  it('refuses a partner or owner of another workspace with 400 naming the field', async () => {
    const theirPartner = (await h.api(b.apiKey).post('/api/v1/partners', { name: 'Their Partner', type: 'reseller' })).json().id;
    const p = await h.api(a.apiKey).post('/api/v1/leads', { lastName: 'X', company: 'Y', partnerId: theirPartner });
    expect(p.statusCode).toBe(400);
    expect(p.json().errors).toEqual([expect.objectContaining({ field: 'body.partnerId' })]);
    const o = await h.api(a.apiKey).post('/api/v1/leads', { lastName: 'X', company: 'Y', ownerUserId: b.adminUserId });
    expect(o.json().errors).toEqual([expect.objectContaining({ field: 'body.ownerUserId' })]);
  });

  it('answers 404 for a lead of another workspace and 403 for a read-only key', async () => {
    const theirs = (await h.api(b.apiKey).post('/api/v1/leads', { lastName: 'Theirs', company: 'Beta GmbH' })).json();
    expect((await h.api(a.apiKey).get(`/api/v1/leads/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).patch(`/api/v1/leads/${theirs.id}`, { status: 'working' })).statusCode).toBe(404);
    expect((await h.api(a.apiKey).delete(`/api/v1/leads/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).post(`/api/v1/leads/${theirs.id}/restore`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).post(`/api/v1/leads/${theirs.id}/convert`, {})).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get(`/api/v1/leads/${theirs.id}/timeline`)).statusCode).toBe(404);
    expect(companies(await h.api(a.apiKey).get('/api/v1/leads?q=beta'))).toEqual([]);
    expect((await h.api(b.apiKey).get(`/api/v1/leads/${theirs.id}`)).json().status).toBe('new');
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    expect((await h.api(reader).get('/api/v1/leads')).statusCode).toBe(200);
    expect((await h.api(reader).post('/api/v1/leads', { lastName: 'N', company: 'N' })).statusCode).toBe(403);
    const mine = (await h.api(a.apiKey).post('/api/v1/leads', { lastName: 'Mine', company: 'Mine GmbH' })).json();
    expect((await h.api(reader).post(`/api/v1/leads/${mine.id}/convert`, {})).statusCode).toBe(403);
  });

  it('writes field and status changes to the timeline and takes notes', async () => {
    const lead = (await h.api(a.apiKey).post('/api/v1/leads', { lastName: 'Brandt', company: 'Spreewald Digital' })).json();
    const patched = await h.api(a.apiKey).patch(`/api/v1/leads/${lead.id}`, { status: 'working', title: 'CIO' });
    expect(patched.json()).toMatchObject({ status: 'working', title: 'CIO' });
    await h.api(a.apiKey).post(`/api/v1/leads/${lead.id}/timeline`, { kind: 'meeting', body: 'Demo booked.' });
    const timeline = (await h.api(a.apiKey).get(`/api/v1/leads/${lead.id}/timeline`)).json().data;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['meeting', 'field_change']);
    expect(timeline[1].metadata.changes).toEqual({ status: { from: 'new', to: 'working' }, title: { from: null, to: 'CIO' } });
    const events = (await h.api(a.apiKey).get(`/api/v1/audit-events?action=lead.updated&entityId=${lead.id}`)).json().data;
    expect(events).toHaveLength(1);
  });

  it('soft-deletes, lists deleted leads, and restores them', async () => {
    const lead = (await h.api(a.apiKey).post('/api/v1/leads', { lastName: 'Phoenix', company: 'Phoenix Ltd' })).json();
    expect((await h.api(a.apiKey).delete(`/api/v1/leads/${lead.id}`)).statusCode).toBe(204);
    expect((await h.api(a.apiKey).get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).post(`/api/v1/leads/${lead.id}/convert`, {})).statusCode).toBe(404);
    expect(companies(await h.api(a.apiKey).get('/api/v1/leads?deleted=only'))).toEqual(['Phoenix Ltd']);
    expect((await h.api(a.apiKey).post(`/api/v1/leads/${lead.id}/restore`)).json()).toMatchObject({ company: 'Phoenix Ltd', deletedAt: null });
  });

  it('filters by text ignoring case and accents, status, partner and owner', async () => {
    expect(companies(await h.api(a.apiKey).get('/api/v1/leads?q=KOHLER'))).toEqual(['Weißdorn Datentechnik GmbH']);
    expect(companies(await h.api(a.apiKey).get('/api/v1/leads?q=weissdorn.de'))).toEqual(['Weißdorn Datentechnik GmbH']);
    expect(companies(await h.api(a.apiKey).get('/api/v1/leads?q=datentechnik'))).toEqual(['Weißdorn Datentechnik GmbH']);
    expect(companies(await h.api(a.apiKey).get(`/api/v1/leads?partnerId=${partnerId}`))).toEqual(['Weißdorn Datentechnik GmbH']);
    expect(companies(await h.api(a.apiKey).get(`/api/v1/leads?ownerUserId=${a.adminUserId}`))).toEqual(['Weißdorn Datentechnik GmbH']);
    expect(companies(await h.api(a.apiKey).get('/api/v1/leads?status=working'))).toEqual(['Spreewald Digital']);
    const several = companies(await h.api(a.apiKey).get('/api/v1/leads?status=working,new&sort=company'));
    expect(several).toContain('Spreewald Digital');
    expect(several).toContain('Weißdorn Datentechnik GmbH');
  });

  it('pages by company and by creation time with a cursor', async () => {
    const names = ['Paging A', 'Paging B', 'Paging C', 'Paging D', 'Paging E'];
    for (const company of [...names].reverse()) await h.api(a.apiKey).post('/api/v1/leads', { lastName: 'P', company });
    for (const [sort, expected] of [
      ['company', names],
      ['createdAt', [...names].reverse()],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/leads?q=paging&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await h.api(a.apiKey).get(url)).json();
        seen.push(...companies({ json: () => page }));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });
});
