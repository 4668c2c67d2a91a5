import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
let accountId: string;
let partnerId: string;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Contacts A');
  b = await h.workspace('Contacts B');
  accountId = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Schäfer Logistik GmbH', domains: ['schaefer-logistik.de'] })).json().id;
  partnerId = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Nordlicht Consulting', type: 'services' })).json().id;
});
afterAll(() => h?.close());

const audit = async (key: string, action: string) =>
  (await h.api(key).get(`/api/v1/audit-events?action=${action}`)).json().data as { entityId: string; changes: Record<string, unknown> }[];

describe('contacts API', () => {
  it('answers 401 without credentials and with an unknown key', async () => {
    expect((await h.api(undefined).get('/api/v1/contacts')).statusCode).toBe(401);
    expect((await h.api(undefined).post('/api/v1/contacts', { lastName: 'X' })).statusCode).toBe(401);
    const unknown = 'tnd_00000000000000000000000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
    expect((await h.api(unknown).get('/api/v1/contacts')).statusCode).toBe(401);
  });

  it('creates a contact with emails lower-cased and each kept once, linked to an account and a partner', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/contacts', {
      firstName: 'Jürgen',
      lastName: 'Müller',
      emails: [' Juergen.Mueller@Schaefer-Logistik.de ', 'juergen.mueller@schaefer-logistik.de', 'jm@example.com'],
      phone: '+49 30 1234567',
      title: 'Head of IT',
      accountId,
      partnerId,
      ownerUserId: a.adminUserId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      firstName: 'Jürgen',
      lastName: 'Müller',
      name: 'Jürgen Müller',
      emails: ['juergen.mueller@schaefer-logistik.de', 'jm@example.com'],
      accountId,
      account: { id: accountId, name: 'Schäfer Logistik GmbH' },
      partnerId,
      ownerUserId: a.adminUserId,
      deletedAt: null,
    });
    const events = await audit(a.apiKey, 'contact.created');
    expect(events.map((e) => e.entityId)).toContain(res.json().id);
  });

  it('creates a contact with only a last name', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/contacts', { lastName: 'Solo' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ firstName: '', name: 'Solo', emails: [], account: null, partnerId: null });
  });

  it('replays a create with the same Idempotency-Key instead of creating a second contact', async () => {
    const headers = { 'idempotency-key': 'contact-create-1' };
    const first = await h.api(a.apiKey).post('/api/v1/contacts', { lastName: 'Once', emails: ['once@example.com'] }, headers);
    const again = await h.api(a.apiKey).post('/api/v1/contacts', { lastName: 'Once', emails: ['once@example.com'] }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect((await h.api(a.apiKey).get('/api/v1/contacts?email=once@example.com')).json().data).toHaveLength(1);
  });

  it('rejects bad input naming each field', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/contacts', {
      lastName: '',
      emails: ['not-an-email'],
      accountId: 'nope',
      ownerUserId: 42,
      nickname: 'x',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.lastName', 'body.emails.0', 'body.accountId', 'body.ownerUserId', 'body']));
    const empty = await h
      .api(a.apiKey)
      .patch(`/api/v1/contacts/${(await h.api(a.apiKey).post('/api/v1/contacts', { lastName: 'P' })).json().id}`, {});
    expect(empty.statusCode).toBe(400);
    expect((await h.api(a.apiKey).get('/api/v1/contacts?email=nope')).statusCode).toBe(400);
    expect((await h.api(a.apiKey).get('/api/v1/contacts?cursor=garbage')).statusCode).toBe(400);
  });

  it('refuses an account, partner or owner of another workspace with 400 naming the field', async () => {
    const theirAccount = (await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Their Account' })).json().id;
    const theirPartner = (await h.api(b.apiKey).post('/api/v1/partners', { name: 'Their Partner', type: 'reseller' })).json().id;
    for (const [field, value] of [
      ['accountId', theirAccount],
      ['partnerId', theirPartner],
      ['ownerUserId', b.adminUserId],
    ]) {
      const res = await h.api(a.apiKey).post('/api/v1/contacts', { lastName: 'Cross', [field]: value });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: `body.${field}` })]);
    }
    const deleted = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Gone Soon' })).json().id;
    await h.api(a.apiKey).delete(`/api/v1/accounts/${deleted}`);
    expect((await h.api(a.apiKey).post('/api/v1/contacts', { lastName: 'Late', accountId: deleted })).statusCode).toBe(400);
  });

  it('answers 404 for a contact of another workspace and 403 for a read-only key', async () => {
    const theirs = (await h.api(b.apiKey).post('/api/v1/contacts', { lastName: 'Theirs' })).json();
    expect((await h.api(a.apiKey).get(`/api/v1/contacts/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).patch(`/api/v1/contacts/${theirs.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await h.api(a.apiKey).delete(`/api/v1/contacts/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).post(`/api/v1/contacts/${theirs.id}/restore`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get(`/api/v1/contacts/${theirs.id}/timeline`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get('/api/v1/contacts?q=Theirs')).json().data).toEqual([]);
    expect((await h.api(a.apiKey).get('/api/v1/contacts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    expect((await h.api(reader).get('/api/v1/contacts')).statusCode).toBe(200);
    expect((await h.api(reader).post('/api/v1/contacts', { lastName: 'Nope' })).statusCode).toBe(403);
    const partnersOnly = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'partners', scopes: ['partners:read'] })).json().key;
    expect((await h.api(partnersOnly).get('/api/v1/contacts')).statusCode).toBe(403);
  });

  it('writes field changes to the timeline and the audit log, and takes notes', async () => {
    const c = (await h.api(a.apiKey).post('/api/v1/contacts', { firstName: 'Lena', lastName: 'Becker', emails: ['lena@becker.de'] })).json();
    const patched = await h.api(a.apiKey).patch(`/api/v1/contacts/${c.id}`, {
      title: 'CFO',
      emails: ['LENA@becker.de', 'l.becker@example.com', 'lena@becker.de'],
      accountId,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'CFO', emails: ['lena@becker.de', 'l.becker@example.com'], account: { id: accountId } });
    await h.api(a.apiKey).post(`/api/v1/contacts/${c.id}/timeline`, { kind: 'call', body: 'Intro call.' });
    const timeline = (await h.api(a.apiKey).get(`/api/v1/contacts/${c.id}/timeline`)).json().data;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['call', 'field_change']);
    expect(timeline[1].metadata.changes).toEqual({
      title: { from: null, to: 'CFO' },
      emails: { from: ['lena@becker.de'], to: ['lena@becker.de', 'l.becker@example.com'] },
      accountId: { from: null, to: accountId },
    });
    const updated = await audit(a.apiKey, 'contact.updated');
    expect(updated.find((e) => e.entityId === c.id)).toBeTruthy();
    // Clearing the first name stores an empty one.
    expect((await h.api(a.apiKey).patch(`/api/v1/contacts/${c.id}`, { firstName: null })).json()).toMatchObject({ firstName: '', name: 'Becker' });
  });

  it('soft-deletes, lists deleted contacts, and restores them', async () => {
    const c = (await h.api(a.apiKey).post('/api/v1/contacts', { firstName: 'Phoenix', lastName: 'Vogel' })).json();
    expect((await h.api(a.apiKey).delete(`/api/v1/contacts/${c.id}?reason=duplicate`)).statusCode).toBe(204);
    expect((await h.api(a.apiKey).get(`/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get('/api/v1/contacts?q=phoenix')).json().data).toEqual([]);
    const deleted = (await h.api(a.apiKey).get('/api/v1/contacts?deleted=only')).json().data;
    expect(deleted.map((x: { name: string }) => x.name)).toEqual(['Phoenix Vogel']);
    const restored = await h.api(a.apiKey).post(`/api/v1/contacts/${c.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ name: 'Phoenix Vogel', deletedAt: null });
    expect((await audit(a.apiKey, 'contact.deleted')).find((e) => e.entityId === c.id)).toBeTruthy();
    expect((await audit(a.apiKey, 'contact.restored')).find((e) => e.entityId === c.id)).toBeTruthy();
  });

  it('filters by name ignoring case and accents, by email, account, partner and owner', async () => {
    const ids = (res: { json: () => { data: { name: string }[] } }) => res.json().data.map((x) => x.name);
    expect(ids(await h.api(a.apiKey).get('/api/v1/contacts?q=MULLER'))).toEqual(['Jürgen Müller']);
    expect(ids(await h.api(a.apiKey).get('/api/v1/contacts?q=jürgen müller'))).toEqual(['Jürgen Müller']);
    expect(ids(await h.api(a.apiKey).get('/api/v1/contacts?q=schaefer-logistik'))).toEqual(['Jürgen Müller']);
    expect(ids(await h.api(a.apiKey).get('/api/v1/contacts?email=JM@example.com'))).toEqual(['Jürgen Müller']);
    expect(ids(await h.api(a.apiKey).get('/api/v1/contacts?email=jm@example.co'))).toEqual([]);
    expect(ids(await h.api(a.apiKey).get(`/api/v1/contacts?accountId=${accountId}`))).toEqual(['Becker', 'Jürgen Müller']);
    expect(ids(await h.api(a.apiKey).get(`/api/v1/contacts?partnerId=${partnerId}`))).toEqual(['Jürgen Müller']);
    expect(ids(await h.api(a.apiKey).get(`/api/v1/contacts?ownerUserId=${a.adminUserId}`))).toEqual(['Jürgen Müller']);
    // 100% and _ are literal characters, not wildcards.
    expect(ids(await h.api(a.apiKey).get('/api/v1/contacts?q=%25'))).toEqual([]);
  });

  it('pages by name and by creation time with a cursor, without repeating or skipping a row', async () => {
    const names = ['Zander', 'Zeller', 'Ziegler', 'Zimmer', 'Zobel'];
    for (const n of names) await h.api(a.apiKey).post('/api/v1/contacts', { firstName: 'Paging', lastName: n, title: 'paging' });
    for (const sort of ['name', 'createdAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/contacts?q=paging&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await h.api(a.apiKey).get(url)).json();
        seen.push(...page.data.map((x: { lastName: string }) => x.lastName));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(names);
    }
    const byName = (await h.api(a.apiKey).get('/api/v1/contacts?q=paging&limit=2')).json();
    expect((await h.api(a.apiKey).get(`/api/v1/contacts?q=paging&sort=createdAt&cursor=${byName.nextCursor}`)).statusCode).toBe(400);
    expect(byName.permissions).toEqual({ create: true });
  });
});
