import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Accounts A');
  b = await h.workspace('Accounts B');
});
afterAll(() => h?.close());

describe('accounts API', () => {
  it('answers 401 without credentials', async () => {
    expect((await h.api(undefined).get('/api/v1/accounts')).statusCode).toBe(401);
  });

  it('creates an account with normalised domains and answers 201 with its id', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/accounts', {
      name: 'Müller Maschinenbau GmbH',
      domains: ['https://www.Mueller-Maschinenbau.de/', 'mueller-maschinenbau.de', 'mm-group.com'],
      country: 'de',
      employeeCount: 420,
      customerStatus: 'customer',
      renewalDate: '2027-03-31',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Müller Maschinenbau GmbH',
      domains: ['mm-group.com', 'mueller-maschinenbau.de'],
      country: 'DE',
      customerStatus: 'customer',
      renewalDate: '2027-03-31',
      deletedAt: null,
    });
  });

  it('rejects bad input naming each field', async () => {
    const res = await h
      .api(a.apiKey)
      .post('/api/v1/accounts', { name: '', country: 'Germany', employeeCount: -1, renewalDate: '31.03.2027', rating: 5 });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.country', 'body.employeeCount', 'body.renewalDate', 'body']));
  });

  it('refuses a domain that another account holds, naming that account', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Copycat', domains: ['other.example', 'mueller-maschinenbau.de'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('Müller Maschinenbau GmbH');
    expect(res.json().errors[0].field).toBe('body.domains.1');
    // The same domain in another workspace is fine.
    expect((await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Elsewhere', domains: ['mueller-maschinenbau.de'] })).statusCode).toBe(201);
  });

  it('answers 404 for another workspace and 403 for a read-only key', async () => {
    const theirs = (await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Theirs AG' })).json();
    expect((await h.api(a.apiKey).get(`/api/v1/accounts/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).patch(`/api/v1/accounts/${theirs.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get(`/api/v1/accounts/${theirs.id}/timeline`)).statusCode).toBe(404);
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    expect((await h.api(reader).get('/api/v1/accounts')).statusCode).toBe(200);
    expect((await h.api(reader).post('/api/v1/accounts', { name: 'Nope' })).statusCode).toBe(403);
  });

  it('writes field changes to the timeline and takes notes', async () => {
    const acc = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Timeline KG', customerStatus: 'prospect' })).json();
    await h.api(a.apiKey).patch(`/api/v1/accounts/${acc.id}`, { customerStatus: 'customer', segment: 'Mid-market' });
    const note = await h.api(a.apiKey).post(`/api/v1/accounts/${acc.id}/timeline`, { kind: 'note', body: 'Met the CFO.', visibility: 'internal' });
    expect(note.statusCode).toBe(201);
    const timeline = (await h.api(a.apiKey).get(`/api/v1/accounts/${acc.id}/timeline`)).json().data;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['note', 'field_change']);
    expect(timeline[1].metadata.changes).toEqual({ customerStatus: { from: 'prospect', to: 'customer' }, segment: { from: null, to: 'Mid-market' } });
    expect(timeline[0].author).toMatchObject({ kind: 'api_key', label: 'Initial admin key' });
    const empty = await h.api(a.apiKey).post(`/api/v1/accounts/${acc.id}/timeline`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
  });

  it('soft-deletes, lists deleted accounts, and restores them', async () => {
    const acc = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Phoenix Ltd' })).json();
    expect((await h.api(a.apiKey).delete(`/api/v1/accounts/${acc.id}?reason=duplicate`)).statusCode).toBe(204);
    expect((await h.api(a.apiKey).get(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(404);
    const deleted = (await h.api(a.apiKey).get('/api/v1/accounts?deleted=only')).json().data;
    expect(deleted.map((x: { name: string }) => x.name)).toEqual(['Phoenix Ltd']);
    const restored = await h.api(a.apiKey).post(`/api/v1/accounts/${acc.id}/restore`);
    expect(restored.json()).toMatchObject({ name: 'Phoenix Ltd', deletedAt: null });
  });

  it('filters by name ignoring case and accents, by domain, and pages with a cursor', async () => {
    const byName = (await h.api(a.apiKey).get('/api/v1/accounts?q=MULLER')).json().data;
    expect(byName.map((x: { name: string }) => x.name)).toEqual(['Müller Maschinenbau GmbH']);
    const byDomain = (await h.api(a.apiKey).get('/api/v1/accounts?domain=mm-group.com')).json().data;
    expect(byDomain).toHaveLength(1);
    for (let i = 0; i < 5; i++) await h.api(a.apiKey).post('/api/v1/accounts', { name: `Zeta ${i}`, segment: 'paging' });
    const first = (await h.api(a.apiKey).get('/api/v1/accounts?segment=paging&limit=3')).json();
    const second = (await h.api(a.apiKey).get(`/api/v1/accounts?segment=paging&limit=3&cursor=${first.nextCursor}`)).json();
    expect([...first.data, ...second.data].map((x: { name: string }) => x.name)).toEqual(['Zeta 0', 'Zeta 1', 'Zeta 2', 'Zeta 3', 'Zeta 4']);
    expect(second.nextCursor).toBeNull();
  });
});
