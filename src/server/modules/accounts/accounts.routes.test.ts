import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { NAME_MATCH_CAP } from '../../db/name-filter.ts';

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

  it('folds accents and case on both sides of the name filter, and takes % and _ literally', async () => {
    const c = await h.workspace('Accounts folding');
    for (const name of ['Größe & Söhne KG', 'Grosse Werke AG', '100%_Solutions Ltd', 'Ærø Shipping']) {
      expect((await h.api(c.apiKey).post('/api/v1/accounts', { name })).statusCode).toBe(201);
    }
    const names = async (q: string) =>
      (await h.api(c.apiKey).get(`/api/v1/accounts?q=${encodeURIComponent(q)}`)).json().data.map((x: { name: string }) => x.name);
    expect(await names('GRÖSE')).toEqual(['Größe & Söhne KG']);
    expect(await names('söhne')).toEqual(['Größe & Söhne KG']);
    expect(await names('grosse')).toEqual(['Grosse Werke AG']);
    expect(await names('%_')).toEqual(['100%_Solutions Ltd']);
    expect(await names('_')).toEqual(['100%_Solutions Ltd']);
    expect(await names('nothing like it')).toEqual([]);
  });

  it('filters a name matching more accounts than the look-up returns by walking the list in order', async () => {
    const c = await h.workspace('Accounts bulk');
    const total = NAME_MATCH_CAP + 5;
    await sql`insert into accounts (workspace_id, name)
      select ${c.workspaceId}, 'Bäckerei ' || lpad(g::text, 5, '0') from generate_series(1, ${total}) g`.execute(h.ownerDb);
    await h.api(c.apiKey).post('/api/v1/accounts', { name: 'Unrelated GmbH' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.api(c.apiKey).get(`/api/v1/accounts?q=backerei&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page: { data: { name: string }[]; nextCursor: string | null } = res.json();
      seen.push(...page.data.map((x) => x.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => `Bäckerei ${String(i + 1).padStart(5, '0')}`));
  });

  it('pages by creation time without losing rows created in the same millisecond', async () => {
    const c = await h.workspace('Accounts same millisecond');
    // One statement: every row gets the same now() down to the microsecond, so only the id orders them.
    await sql`insert into accounts (workspace_id, name, created_at)
      select ${c.workspaceId}, 'Tick ' || g, timestamptz '2026-12-01 10:00:00.123456+00' + (g % 2) * interval '1 microsecond'
      from generate_series(1, 7) g`.execute(h.ownerDb);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (
        await h.api(c.apiKey).get(`/api/v1/accounts?sort=createdAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      ids.push(...page.data.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(7);
    const other = await h
      .api(c.apiKey)
      .get(`/api/v1/accounts?sort=name&cursor=${Buffer.from(JSON.stringify({ k: 5, id: ids[0] })).toString('base64url')}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].field).toBe('query.cursor');
  });
});
