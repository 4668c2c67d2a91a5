import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
let account: { id: string; name: string };
let theirAccount: { id: string };
let partners: { id: string; name: string }[];

type Opp = Record<string, unknown> & { id: string; name: string };
type Field = { field: string; message: string };
const fieldsOf = (res: { json: () => { errors?: Field[] } }) => (res.json().errors ?? []).map((e) => e.field);

/** PUT is not among the harness's verbs. */
const put = (key: string | undefined, url: string, body: unknown) =>
  h.http.inject({ method: 'PUT', url, payload: body as never, headers: key ? { authorization: `Bearer ${key}` } : {} });

const base = () => ({
  name: 'Rollout 2027',
  accountId: account.id,
  amount: { value: 125000.5, currency: 'EUR' },
  stage: 'prospecting',
  closeDate: '2027-03-31',
});

async function createOpp(body: Record<string, unknown> = {}, key = a.apiKey): Promise<Opp> {
  const res = await h.api(key).post('/api/v1/opportunities', { ...base(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Contacts go in directly: this file tests opportunities, not the contacts API. */
async function insertContact(workspaceId: string, firstName: string, lastName: string) {
  return inWorkspace(h.db, workspaceId, (trx) =>
    trx.insertInto('contacts').values({ workspaceId, firstName, lastName }).returning('id').executeTakeFirstOrThrow(),
  );
}

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Opportunities A');
  b = await h.workspace('Opportunities B');
  account = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Müller Maschinenbau GmbH', domains: ['mueller.example'] })).json();
  theirAccount = (await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Theirs AG' })).json();
  partners = [];
  for (const [name, type] of [
    ['Alpha Reseller GmbH', 'reseller'],
    ['Beta Services AG', 'services'],
    ['Gamma Referral Ltd', 'referral'],
  ]) {
    partners.push((await h.api(a.apiKey).post('/api/v1/partners', { name, type })).json());
  }
});
afterAll(() => h?.close());

describe('opportunities API: create and read', () => {
  it('answers 401 without credentials or with an unknown key', async () => {
    expect((await h.api(undefined).get('/api/v1/opportunities')).statusCode).toBe(401);
    expect((await h.api(undefined).post('/api/v1/opportunities', base())).statusCode).toBe(401);
    expect((await h.api('tnd_nope_nope').get('/api/v1/opportunities')).statusCode).toBe(401);
    expect((await put(undefined, `/api/v1/opportunities/${randomUUID()}/partners`, { partners: [] })).statusCode).toBe(401);
  });

  it('creates an opportunity with partner and contact roles and answers 201 with the whole record', async () => {
    const cfo = await insertContact(a.workspaceId, 'Jürgen', 'Öztürk');
    const res = await h.api(a.apiKey).post('/api/v1/opportunities', {
      ...base(),
      motion: 'resale',
      source: 'partner',
      ownerUserId: a.adminUserId,
      description: 'Vendor-internal notes',
      nextStep: 'Send the proposal',
      partners: [
        { partnerId: partners[1].id, role: 'services', attribution: 'influenced', share: 20 },
        { partnerId: partners[0].id, role: 'reseller', attribution: 'sourced', share: 80 },
      ],
      contactRoles: [{ contactId: cfo.id, role: 'Economic buyer' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({
      name: 'Rollout 2027',
      accountId: account.id,
      account: { id: account.id, name: 'Müller Maschinenbau GmbH' },
      amount: { value: 125000.5, currency: 'EUR' },
      stage: 'prospecting',
      probability: 10,
      closeDate: '2027-03-31',
      ownerUserId: a.adminUserId,
      source: 'partner',
      motion: 'resale',
      description: 'Vendor-internal notes',
      nextStep: 'Send the proposal',
      registrationId: null,
      partners: [
        { partnerId: partners[0].id, partnerName: 'Alpha Reseller GmbH', role: 'reseller', attribution: 'sourced', share: 80 },
        { partnerId: partners[1].id, partnerName: 'Beta Services AG', role: 'services', attribution: 'influenced', share: 20 },
      ],
      contactRoles: [{ contactId: cfo.id, name: 'Jürgen Öztürk', role: 'Economic buyer' }],
      deletedAt: null,
    });
    expect(o.nextStepUpdatedAt).toBe(o.stageChangedAt);
    expect((await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}`)).json()).toEqual(o);
    const stored = await h.ownerDb.selectFrom('opportunities').select(['amountMinor', 'currency']).where('id', '=', o.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ amountMinor: 12500050, currency: 'EUR' });
  });

  it('defaults source to direct and leaves optional fields empty', async () => {
    const o = await createOpp({ name: 'Bare' });
    expect(o).toMatchObject({
      source: 'direct',
      motion: null,
      ownerUserId: null,
      nextStep: null,
      nextStepUpdatedAt: null,
      partners: [],
      contactRoles: [],
    });
  });

  it('rejects bad input naming each field', async () => {
    const res = await h.api(a.apiKey).post('/api/v1/opportunities', {
      name: '',
      accountId: 'acme',
      amount: { value: -5, currency: 'EUR' },
      stage: 'won',
      closeDate: '31.03.2027',
      motion: 'telepathy',
      source: 'cold call',
      probability: 90,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(
      expect.arrayContaining([
        'body.name',
        'body.accountId',
        'body.amount.value',
        'body.stage',
        'body.closeDate',
        'body.motion',
        'body.source',
        'body',
      ]),
    );
    const missing = await h.api(a.apiKey).post('/api/v1/opportunities', { name: 'No amount' });
    expect(fieldsOf(missing)).toEqual(expect.arrayContaining(['body.accountId', 'body.amount', 'body.stage', 'body.closeDate']));
  });

  it('refuses an account or owner from elsewhere, naming the field', async () => {
    const foreign = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), accountId: theirAccount.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ field: 'body.accountId', message: 'is not an account of this workspace' }]);
    const owner = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), ownerUserId: b.adminUserId });
    expect(owner.statusCode).toBe(400);
    expect(fieldsOf(owner)).toEqual(['body.ownerUserId']);
  });

  it('replays a create with the same Idempotency-Key instead of creating a second one', async () => {
    const headers = { 'idempotency-key': `opp-${randomUUID()}` };
    const first = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), name: 'Once only' }, headers);
    const again = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), name: 'Once only' }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect((await h.api(a.apiKey).get('/api/v1/opportunities?q=once+only')).json().data).toHaveLength(1);
  });

  it('answers 404 for an unknown id and another workspace’s opportunity, 403 for a read-only key', async () => {
    const theirs = await createOpp({ accountId: theirAccount.id }, b.apiKey);
    for (const id of [theirs.id, randomUUID()]) {
      expect((await h.api(a.apiKey).get(`/api/v1/opportunities/${id}`)).statusCode).toBe(404);
      expect((await h.api(a.apiKey).patch(`/api/v1/opportunities/${id}`, { name: 'x' })).statusCode).toBe(404);
      expect((await h.api(a.apiKey).delete(`/api/v1/opportunities/${id}`)).statusCode).toBe(404);
      expect((await h.api(a.apiKey).post(`/api/v1/opportunities/${id}/restore`)).statusCode).toBe(404);
      expect((await put(a.apiKey, `/api/v1/opportunities/${id}/partners`, { partners: [] })).statusCode).toBe(404);
      expect((await put(a.apiKey, `/api/v1/opportunities/${id}/contact-roles`, { contactRoles: [] })).statusCode).toBe(404);
      expect((await h.api(a.apiKey).get(`/api/v1/opportunities/${id}/timeline`)).statusCode).toBe(404);
      expect((await h.api(a.apiKey).post(`/api/v1/opportunities/${id}/timeline`, { body: 'hi' })).statusCode).toBe(404);
    }
    expect((await h.api(a.apiKey).get('/api/v1/opportunities/not-a-uuid')).statusCode).toBe(400);
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    const mine = await createOpp({ name: 'Read only' });
    expect((await h.api(reader).get('/api/v1/opportunities')).json().permissions).toEqual({ create: false });
    expect((await h.api(reader).get(`/api/v1/opportunities/${mine.id}`)).statusCode).toBe(200);
    expect((await h.api(reader).post('/api/v1/opportunities', base())).statusCode).toBe(403);
    expect((await h.api(reader).patch(`/api/v1/opportunities/${mine.id}`, { stage: 'proposal' })).statusCode).toBe(403);
    expect((await put(reader, `/api/v1/opportunities/${mine.id}/partners`, { partners: [] })).statusCode).toBe(403);
    expect((await h.api(reader).delete(`/api/v1/opportunities/${mine.id}`)).statusCode).toBe(403);
    expect((await h.api(a.apiKey).get('/api/v1/opportunities')).json().permissions).toEqual({ create: true });
  });
});

describe('opportunities API: money', () => {
  it('stores JPY without minor units and refuses decimals for it', async () => {
    const yen = await createOpp({ amount: { value: 1500000, currency: 'JPY' } });
    expect(yen.amount).toEqual({ value: 1500000, currency: 'JPY' });
    const row = await h.ownerDb.selectFrom('opportunities').select('amountMinor').where('id', '=', yen.id).executeTakeFirstOrThrow();
    expect(row.amountMinor).toBe(1500000);
    const res = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), amount: { value: 10.5, currency: 'JPY' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.amount.value', message: 'must be a whole number: JPY has no minor unit' }]);
  });

  it('keeps three decimals for KWD and BHD, and refuses a fourth', async () => {
    const kwd = await createOpp({ amount: { value: 1234.567, currency: 'KWD' } });
    expect(kwd.amount).toEqual({ value: 1234.567, currency: 'KWD' });
    const row = await h.ownerDb.selectFrom('opportunities').select('amountMinor').where('id', '=', kwd.id).executeTakeFirstOrThrow();
    expect(row.amountMinor).toBe(1234567);
    expect((await createOpp({ amount: { value: 0.001, currency: 'BHD' } })).amount).toEqual({ value: 0.001, currency: 'BHD' });
    const res = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), amount: { value: 1.2345, currency: 'KWD' } });
    expect(res.json().errors).toEqual([{ field: 'body.amount.value', message: 'KWD allows at most 3 decimals' }]);
  });

  it('takes a lower-case code, refuses an unknown one, float noise, and amounts too large to round-trip', async () => {
    expect((await createOpp({ amount: { value: 19.99, currency: 'usd' } })).amount).toEqual({ value: 19.99, currency: 'USD' });
    const unknown = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), amount: { value: 10, currency: 'EUX' } });
    expect(fieldsOf(unknown)).toEqual(['body.amount.currency']);
    const noise = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), amount: { value: 0.1 + 0.2, currency: 'EUR' } });
    expect(noise.json().errors).toEqual([{ field: 'body.amount.value', message: 'EUR allows at most 2 decimals' }]);
    const huge = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), amount: { value: 1e13, currency: 'EUR' } });
    expect(huge.json().errors).toEqual([{ field: 'body.amount.value', message: 'must be at most 9999999999999.99 EUR' }]);
    const max = await createOpp({ amount: { value: 9999999999999.99, currency: 'EUR' } });
    expect((max.amount as { value: number }).value).toBe(9999999999999.99);
    const asText = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), amount: { value: '100', currency: 'EUR' } });
    expect(fieldsOf(asText)).toEqual(['body.amount.value']);
  });

  it('changes amount and currency together in a PATCH', async () => {
    const o = await createOpp();
    const res = await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { amount: { value: 98765, currency: 'JPY' } });
    expect(res.json().amount).toEqual({ value: 98765, currency: 'JPY' });
    const halfCurrency = await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { amount: { value: 10 } });
    expect(fieldsOf(halfCurrency)).toEqual(['body.amount.currency']);
  });
});

describe('opportunities API: changes, timeline, delete and restore', () => {
  it('writes a stage_change entry and sets stageChangedAt when the stage moves', async () => {
    const o = await createOpp({ nextStep: 'Intro call' });
    await new Promise((r) => setTimeout(r, 5));
    const moved = (await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { stage: 'proposal' })).json();
    expect(moved).toMatchObject({ stage: 'proposal', probability: 50 });
    expect(Date.parse(moved.stageChangedAt)).toBeGreaterThan(Date.parse(o.stageChangedAt as string));
    expect(moved.nextStepUpdatedAt).toBe(o.nextStepUpdatedAt);
    const same = (await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { stage: 'proposal', nextStep: 'Send pricing' })).json();
    expect(same.stageChangedAt).toBe(moved.stageChangedAt);
    expect(Date.parse(same.nextStepUpdatedAt)).toBeGreaterThan(Date.parse(o.nextStepUpdatedAt as string));
    await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { stage: 'closed_won', closeDate: '2027-06-30' });
    await h.api(a.apiKey).post(`/api/v1/opportunities/${o.id}/timeline`, { kind: 'note', body: 'Signed!', visibility: 'shared' });
    const timeline = (await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}/timeline`)).json().data;
    expect(timeline).toHaveLength(5);
    expect(timeline[0]).toMatchObject({ kind: 'note', visibility: 'shared', body: 'Signed!' });
    // The last PATCH wrote two entries in one transaction; their order among themselves is not fixed.
    expect(timeline.slice(1, 3).map((e: { kind: string; metadata: unknown }) => [e.kind, e.metadata])).toEqual(
      expect.arrayContaining([
        ['stage_change', { from: 'proposal', to: 'closed_won' }],
        ['field_change', { changes: { closeDate: { from: '2027-03-31', to: '2027-06-30' } } }],
      ]),
    );
    expect(timeline[3]).toMatchObject({ kind: 'field_change', metadata: { changes: { nextStep: { from: 'Intro call', to: 'Send pricing' } } } });
    expect(timeline[4]).toMatchObject({
      kind: 'stage_change',
      metadata: { from: 'prospecting', to: 'proposal' },
      visibility: 'internal',
      author: { kind: 'api_key', label: 'Initial admin key' },
    });
  });

  it('refuses an empty PATCH and unknown or list fields in it', async () => {
    const o = await createOpp();
    expect((await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, {})).statusCode).toBe(400);
    const res = await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { partners: [] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { accountId: theirAccount.id }))).toEqual(['body.accountId']);
  });

  it('soft-deletes, lists deleted opportunities, and restores them', async () => {
    const o = await createOpp({ name: 'Phoenix deal' });
    expect((await h.api(a.apiKey).delete(`/api/v1/opportunities/${o.id}?reason=duplicate`)).statusCode).toBe(204);
    expect((await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { stage: 'proposal' })).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}/timeline`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get('/api/v1/opportunities?q=phoenix')).json().data).toEqual([]);
    const deleted = (await h.api(a.apiKey).get('/api/v1/opportunities?deleted=only&q=phoenix')).json().data;
    expect(deleted.map((x: Opp) => [x.name, typeof x.deletedAt])).toEqual([['Phoenix deal', 'string']]);
    const restored = await h.api(a.apiKey).post(`/api/v1/opportunities/${o.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ name: 'Phoenix deal', deletedAt: null });
    expect((await h.api(a.apiKey).post(`/api/v1/opportunities/${o.id}/restore`)).statusCode).toBe(200);
  });

  it('writes an audit event for every mutation', async () => {
    const o = await createOpp({ name: 'Audited deal' });
    await h.api(a.apiKey).patch(`/api/v1/opportunities/${o.id}`, { stage: 'negotiation' });
    await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, {
      partners: [{ partnerId: partners[0].id, role: 'reseller', attribution: 'sourced', share: 100 }],
    });
    await put(a.apiKey, `/api/v1/opportunities/${o.id}/contact-roles`, { contactRoles: [] });
    await h.api(a.apiKey).delete(`/api/v1/opportunities/${o.id}?reason=test`);
    await h.api(a.apiKey).post(`/api/v1/opportunities/${o.id}/restore`);
    const events = (await h.api(a.apiKey).get(`/api/v1/audit-events?entityType=opportunity&entityId=${o.id}`)).json().data;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'opportunity.restored',
      'opportunity.deleted',
      'opportunity.contact_roles_replaced',
      'opportunity.partners_replaced',
      'opportunity.updated',
      'opportunity.created',
    ]);
    expect(events[4].changes).toMatchObject({ stage: { from: 'prospecting', to: 'negotiation' }, probability: { from: 10, to: 75 } });
    expect(events[1].reason).toBe('test');
  });
});
