import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { type RegistrationWorld, registrationWorld } from './fixtures/registration-world.ts';

let h: Harness;
let w: RegistrationWorld;
let other: Awaited<ReturnType<Harness['workspace']>>;
let accountId: string;
let clock = new Date('2027-01-11T09:00:00Z');
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
  w = await registrationWorld(h, 'Renewal ownership routes');
  other = await h.workspace('Someone else');
  const account = await w.api.post('/api/v1/accounts', { name: 'Wartung Werke GmbH', renewalDate: '2027-09-30', customerStatus: 'customer' });
  accountId = account.json().id;
  const opp = await w.api.post('/api/v1/opportunities', {
    name: 'Wartung – Verlängerung',
    accountId,
    amount: { value: 30000, currency: 'EUR' },
    stage: 'proposal',
    closeDate: '2027-09-01',
    motion: 'resale',
    partners: [
      { partnerId: w.partners.alpha.id, role: 'reseller', attribution: 'sourced', share: 70 },
      { partnerId: w.partners.beta.id, role: 'services', attribution: 'influenced', share: 30 },
    ],
  });
  expect(opp.statusCode, opp.body).toBe(201);
});
afterAll(() => h?.close());

const url = (id: string) => `/api/v1/accounts/${id}/renewal-ownership`;

describe('renewal ownership API', () => {
  it('answers 401 without credentials', async () => {
    expect((await h.api(undefined).get(url(accountId))).statusCode).toBe(401);
    expect((await h.api(undefined).post(url(accountId), { partnerId: null })).statusCode).toBe(401);
  });

  it('answers 400 naming the field when the body is wrong', async () => {
    const missing = await w.api.post(url(accountId), {});
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toContain('body.partnerId');
    const notId = await w.api.post(url(accountId), { partnerId: 'alpha' });
    expect(fields(notId)).toContain('body.partnerId');
    const long = await w.api.post(url(accountId), { partnerId: null, note: 'x'.repeat(2001) });
    expect(fields(long)).toContain('body.note');
    const extra = await w.api.post(url(accountId), { partnerId: null, owner: 'me' });
    expect(extra.statusCode).toBe(400);
    const foreign = (await h.api(other.apiKey).post('/api/v1/partners', { name: 'Fremd GmbH', type: 'reseller' })).json();
    const res = await w.api.post(url(accountId), { partnerId: foreign.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.partnerId', message: 'is not a partner of this workspace' }]);
  });

  it('answers 403 to partners and to keys that may only read the CRM', async () => {
    expect((await w.people.alphaUser.client.get(url(accountId))).statusCode).toBe(403);
    expect((await w.people.alphaUser.client.post(url(accountId), { partnerId: w.partners.alpha.id })).statusCode).toBe(403);
    const reader = (await w.api.post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    const read = await h.api(reader).get(url(accountId));
    expect(read.statusCode).toBe(200);
    expect(read.json().permissions).toEqual({ confirm: false });
    expect((await h.api(reader).post(url(accountId), { partnerId: null })).statusCode).toBe(403);
  });

  it('answers 404 for an unknown, deleted or other workspace’s account', async () => {
    expect((await w.api.get(url('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await h.api(other.apiKey).get(url(accountId))).statusCode).toBe(404);
    expect((await h.api(other.apiKey).post(url(accountId), { partnerId: null })).statusCode).toBe(404);
    const gone = (await w.api.post('/api/v1/accounts', { name: 'Weg GmbH', renewalDate: '2027-09-30' })).json();
    await w.api.delete(`/api/v1/accounts/${gone.id}`);
    expect((await w.api.post(url(gone.id), { partnerId: null })).statusCode).toBe(404);
  });

  it('answers 409 without a renewal date, or once the renewal passed', async () => {
    const none = (await w.api.post('/api/v1/accounts', { name: 'Ohne Termin GmbH' })).json();
    expect((await w.api.get(url(none.id))).json()).toMatchObject({ status: 'no_renewal', dueAt: null, permissions: { confirm: false } });
    const res = await w.api.post(url(none.id), { partnerId: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('has no renewal date');
    const past = (await w.api.post('/api/v1/accounts', { name: 'Vorbei GmbH', renewalDate: '2027-01-11' })).json();
    const late = await w.api.post(url(past.id), { partnerId: null });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('has passed');
  });

  it('shows the deadline and the partners with a stake, confirms the owner, and a second confirmation replaces the first', async () => {
    const before = await w.api.get(url(accountId));
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      accountId,
      renewalDate: '2027-09-30',
      status: 'on_track',
      dueAt: '2027-07-01T22:00:00.000Z', // 90 days before: the deadline is the start of 2 July in Berlin
      reminderDueAt: '2027-06-01T22:00:00.000Z',
      remindedAt: null,
      escalatedAt: null,
      stakes: [
        { partnerId: w.partners.alpha.id, name: 'Alpha Systemhaus GmbH', via: ['opportunity'] },
        { partnerId: w.partners.beta.id, name: 'Beta IT AG', via: ['opportunity'] },
      ],
      confirmation: null,
      permissions: { confirm: true },
    });
    const res = await w.api.post(url(accountId), { partnerId: w.partners.alpha.id, note: '  Alpha resells, Beta services  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'confirmed',
      confirmation: {
        by: { userId: null, label: expect.any(String) },
        owner: { kind: 'partner', partnerId: w.partners.alpha.id, name: 'Alpha Systemhaus GmbH' },
        note: 'Alpha resells, Beta services',
      },
    });
    clock = new Date('2027-02-01T09:00:00Z');
    const again = await w.api.post(url(accountId), { partnerId: null });
    expect(again.json()).toMatchObject({
      status: 'confirmed',
      confirmation: { at: '2027-02-01T09:00:00.000Z', owner: { kind: 'direct' }, note: null },
    });
    expect((await w.api.get(url(accountId))).json().confirmation.owner).toEqual({ kind: 'direct' });
    const actions = (await auditActions(h, w.ws)).filter((e) => e.action === 'account.renewal_ownership_confirmed');
    expect(actions).toHaveLength(2);
    const timeline = (await w.api.get(`/api/v1/accounts/${accountId}/timeline`)).json().data.map((e: { body: string }) => e.body);
    expect(timeline.slice(0, 2)).toEqual([
      'Renewal ownership confirmed: the direct team owns the renewal on 30 Sept 2027.',
      'Renewal ownership confirmed: Alpha Systemhaus GmbH owns the renewal on 30 Sept 2027. Note: Alpha resells, Beta services',
    ]);
  });
});
