import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Alpha');
  b = await h.workspace('Beta');
});
afterAll(() => h?.close());

describe('partners API', () => {
  it('answers 401 without credentials and with an unknown key', async () => {
    expect((await h.api(undefined).get('/api/v1/partners')).statusCode).toBe(401);
    const res = await h.api('tnd_00000000000000000000000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx').get('/api/v1/partners');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('unauthenticated');
  });

  it('creates a partner with normalised domains and returns 201 with its id', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/partners', {
      name: 'Nordlicht GmbH',
      type: 'services',
      tier: 'Gold',
      domains: ['https://www.Nordlicht.de/about', 'nordlicht.de'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Nordlicht GmbH', type: 'services', tier: 'gold', domains: ['nordlicht.de'], lifecycleState: 'active' });
    expect(res.json().id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects bad input with 400 naming each field and unknown fields', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/partners', { name: '', type: 'vendor', domains: ['not a domain'], colour: 'red' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.type', 'body.domains.0', 'body']));
    expect(body.detail).toContain('body.type');
  });

  it('answers 404 for a partner of another workspace, for read, update and delete', async () => {
    const created = (await h.api(b.apiKey).post('/api/v1/partners', { name: 'Beta Partner', type: 'reseller' })).json();
    expect((await h.api(a.apiKey).get(`/api/v1/partners/${created.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).patch(`/api/v1/partners/${created.id}`, { name: 'Hijacked' })).statusCode).toBe(404);
    expect((await h.api(a.apiKey).delete(`/api/v1/partners/${created.id}`)).statusCode).toBe(404);
    expect((await h.api(b.apiKey).get(`/api/v1/partners/${created.id}`)).json().name).toBe('Beta Partner');
  });

  it('answers 403 when the key lacks the write scope', async () => {
    const key = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'read only', scopes: ['partners:read'] })).json().key;
    expect((await h.api(key).get('/api/v1/partners')).statusCode).toBe(200);
    const res = await h.api(key).post('/api/v1/partners', { name: 'X', type: 'referral' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('updates, soft-deletes and then answers 404', async () => {
    const p = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Temp AG', type: 'technology' })).json();
    const patched = await h.api(a.apiKey).patch(`/api/v1/partners/${p.id}`, { tier: 'silver', lifecycleState: 'suspended' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ tier: 'silver', lifecycleState: 'suspended' });
    expect(new Date(patched.json().updatedAt) >= new Date(p.updatedAt)).toBe(true);
    expect((await h.api(a.apiKey).delete(`/api/v1/partners/${p.id}`)).statusCode).toBe(204);
    expect((await h.api(a.apiKey).get(`/api/v1/partners/${p.id}`)).statusCode).toBe(404);
  });

  it('lists with filters and cursor paging, without other workspaces', async () => {
    for (let i = 0; i < 7; i++) await h.api(a.apiKey).post('/api/v1/partners', { name: `Paging ${i}`, type: 'referral', region: 'DACH' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/partners?region=DACH&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await h.api(a.apiKey).get(url)).json();
      seen.push(...page.data.map((p: { name: string }) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Paging 0', 'Paging 1', 'Paging 2', 'Paging 3', 'Paging 4', 'Paging 5', 'Paging 6']);
    const all = (await h.api(a.apiKey).get('/api/v1/partners?limit=200')).json();
    expect(all.data.some((p: { name: string }) => p.name === 'Beta Partner')).toBe(false);
    expect((await h.api(a.apiKey).get('/api/v1/partners?cursor=garbage')).statusCode).toBe(400);
  });

  it('returns the first response for a retried POST with the same Idempotency-Key', async () => {
    const body = { name: 'Once Only GmbH', type: 'reseller' };
    const first = await h.api(a.apiKey).post('/api/v1/partners', body, { 'idempotency-key': 'k-1' });
    const second = await h.api(a.apiKey).post('/api/v1/partners', body, { 'idempotency-key': 'k-1' });
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const list = (await h.api(a.apiKey).get('/api/v1/partners?q=Once%20Only')).json();
    expect(list.data).toHaveLength(1);
    const other = await h.api(a.apiKey).post('/api/v1/partners', { ...body, name: 'Different' }, { 'idempotency-key': 'k-1' });
    expect(other.statusCode).toBe(422);
  });

  it('keeps one record when the same Idempotency-Key races', async () => {
    const body = { name: 'Race GmbH', type: 'reseller' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => h.api(a.apiKey).post('/api/v1/partners', body, { 'idempotency-key': 'race-1' })),
    );
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect((await h.api(a.apiKey).get('/api/v1/partners?q=Race')).json().data).toHaveLength(1);
  });

  it('writes an audit event with the changed fields for every mutation', async () => {
    const p = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Audited KG', type: 'services' })).json();
    await h.api(a.apiKey).patch(`/api/v1/partners/${p.id}`, { name: 'Audited KG (neu)' });
    const events = (await h.api(a.apiKey).get(`/api/v1/audit-events?entityType=partner&entityId=${p.id}`)).json().data;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['partner.updated', 'partner.created']);
    expect(events[0].changes).toEqual({ name: { from: 'Audited KG', to: 'Audited KG (neu)' } });
    expect(events[0]).toMatchObject({ actorKind: 'api_key', actorLabel: 'Initial admin key' });
    expect(events[0].requestId).toBeTruthy();
  });
});
