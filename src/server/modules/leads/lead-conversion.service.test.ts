import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
let partnerId: string;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Conversion A');
  b = await h.workspace('Conversion B');
  partnerId = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Isartal Consulting', type: 'referral' })).json().id;
});
afterAll(() => h?.close());

let n = 0;
async function lead(fields: Record<string, unknown> = {}, key = a.apiKey) {
  n += 1;
  const res = await h.api(key).post('/api/v1/leads', {
    firstName: 'Björn',
    lastName: `Jäger ${n}`,
    email: `bjoern.jaeger.${n}@example.com`,
    company: `Bodensee Software ${n} GmbH`,
    ...fields,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; companyDomain: string | null };
}

const convert = (id: string, body: unknown = {}, headers?: Record<string, string>) =>
  h.api(a.apiKey).post(`/api/v1/leads/${id}/convert`, body, headers);
const get = async (path: string) => (await h.api(a.apiKey).get(path)).json();
const kinds = async (path: string) => (await get(`${path}/timeline`)).data.map((e: { kind: string; body: string }) => `${e.kind}: ${e.body}`);

const opportunity = { name: 'Bodensee – first deal', amount: { value: 48000.5, currency: 'EUR' }, stage: 'qualification', closeDate: '2027-06-30' };

describe('lead conversion', () => {
  it('links the account that holds the company domain and creates the contact on it', async () => {
    const account = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Rheintal Logistik AG', domains: ['rheintal-logistik.de'] })).json();
    const l = await lead({ company: 'Rheintal Logistik', companyDomain: 'www.Rheintal-Logistik.de', title: 'COO', phone: '+49 221 555' });
    const res = await convert(l.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accountId: account.id, opportunityId: null, lead: { status: 'converted', convertedAccountId: account.id } });
    expect(body.lead.convertedContactId).toBe(body.contactId);
    expect(body.lead.convertedAt).not.toBeNull();
    const contact = await get(`/api/v1/contacts/${body.contactId}`);
    expect(contact).toMatchObject({
      firstName: 'Björn',
      title: 'COO',
      phone: '+49 221 555',
      emails: [expect.stringMatching(/^bjoern\.jaeger\.\d+@example\.com$/)],
      account: { id: account.id, name: 'Rheintal Logistik AG' },
    });
    // No second account with that name or domain.
    expect((await get('/api/v1/accounts?domain=rheintal-logistik.de')).data).toHaveLength(1);
    expect((await get('/api/v1/accounts?q=rheintal logistik')).data).toHaveLength(1);
    expect(await kinds(`/api/v1/leads/${l.id}`)).toEqual(['system: Lead converted.']);
    expect((await kinds(`/api/v1/accounts/${account.id}`))[0]).toMatch(
      /^system: Lead Björn Jäger \d+ \(Rheintal Logistik\) converted onto this account\.$/,
    );
    expect(await kinds(`/api/v1/contacts/${body.contactId}`)).toEqual([expect.stringMatching(/^system: Contact created from the lead/)]);
    const audit = (await get(`/api/v1/audit-events?action=lead.converted&entityId=${l.id}`)).data;
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).toMatchObject({ accountId: account.id, accountCreated: false, contactId: body.contactId });
  });

  it('creates the account with the company domain when no account holds it', async () => {
    const l = await lead({ company: 'Elbufer Medientechnik KG', companyDomain: 'elbufer-medien.de', ownerUserId: a.adminUserId });
    const body = (await convert(l.id)).json();
    const account = await get(`/api/v1/accounts/${body.accountId}`);
    expect(account).toMatchObject({ name: 'Elbufer Medientechnik KG', domains: ['elbufer-medien.de'], ownerUserId: a.adminUserId });
    expect((await get(`/api/v1/contacts/${body.contactId}`)).ownerUserId).toBe(a.adminUserId);
    expect(await kinds(`/api/v1/accounts/${body.accountId}`)).toEqual([expect.stringMatching(/^system: Account created from the lead/)]);
    expect((await get(`/api/v1/audit-events?action=account.created&entityId=${body.accountId}`)).data).toHaveLength(1);
  });

  it('creates an account without domain for a lead without one, and links the account given by accountId', async () => {
    const plain = (await convert((await lead({ company: 'Ohne Domain GmbH' })).id)).json();
    expect(await get(`/api/v1/accounts/${plain.accountId}`)).toMatchObject({ name: 'Ohne Domain GmbH', domains: [] });
    const chosen = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Chosen Account' })).json();
    const linked = (await convert((await lead({ companyDomain: 'elbufer-medien.de' })).id, { accountId: chosen.id })).json();
    expect(linked.accountId).toBe(chosen.id);
  });

  it('refuses createAccount when another account holds the domain, naming that account, and creates nothing', async () => {
    const holder = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Grünwald Netzwerke GmbH', domains: ['gruenwald-netz.de'] })).json();
    const l = await lead({ companyDomain: 'gruenwald-netz.de' });
    const res = await convert(l.id, { createAccount: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('Grünwald Netzwerke GmbH');
    expect(res.json().errors[0]).toMatchObject({ field: 'body.createAccount', message: expect.stringContaining(holder.id) });
    expect((await get(`/api/v1/leads/${l.id}`)).status).toBe('new');
  });

  it('creates the opportunity with the lead’s partner as sourcing referrer at 100 % and the contact as primary', async () => {
    const l = await lead({ partnerId, companyDomain: 'suedstern-data.de' });
    const res = await convert(l.id, { createOpportunity: opportunity });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.opportunityId).toEqual(expect.any(String));
    expect(body.lead.convertedOpportunityId).toBe(body.opportunityId);
    const opp = await get(`/api/v1/opportunities/${body.opportunityId}`);
    expect(opp).toMatchObject({
      name: 'Bodensee – first deal',
      accountId: body.accountId,
      amount: { value: 48000.5, currency: 'EUR' },
      stage: 'qualification',
      closeDate: '2027-06-30',
      source: 'partner',
      motion: 'referral',
      partners: [{ partnerId, partnerName: 'Isartal Consulting', role: 'referrer', attribution: 'sourced', share: 100 }],
      contactRoles: [{ contactId: body.contactId, role: 'primary' }],
    });
    expect(await kinds(`/api/v1/opportunities/${body.opportunityId}`)).toContainEqual(
      expect.stringMatching(/^system: Opportunity created from the lead/),
    );
  });

  it('creates a direct opportunity without partners for a lead without a partner, keeping a given motion', async () => {
    const body = (await convert((await lead()).id, { createOpportunity: { ...opportunity, motion: 'resale' } })).json();
    const opp = await get(`/api/v1/opportunities/${body.opportunityId}`);
    expect(opp).toMatchObject({ source: 'direct', motion: 'resale', partners: [] });
  });

  it('refuses a second conversion with 409 and creates nothing more', async () => {
    const l = await lead({ companyDomain: 'zweimal.de' });
    const first = (await convert(l.id)).json();
    const again = await convert(l.id, { createAccount: true, createOpportunity: opportunity });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already converted/);
    expect((await get('/api/v1/contacts?email=' + encodeURIComponent(`bjoern.jaeger.${n}@example.com`))).data).toHaveLength(1);
    expect((await get(`/api/v1/opportunities?accountId=${first.accountId}`)).data).toHaveLength(0);
    // A converted lead keeps its status.
    expect((await h.api(a.apiKey).patch(`/api/v1/leads/${l.id}`, { status: 'working' })).statusCode).toBe(409);
  });

  it('replays a conversion sent again with the same Idempotency-Key instead of refusing it', async () => {
    const l = await lead();
    const headers = { 'idempotency-key': `convert-${l.id}` };
    const first = await convert(l.id, {}, headers);
    const again = await convert(l.id, {}, headers);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it('leaves nothing behind when a late step fails: no account, contact, opportunity or status change', async () => {
    const doomed = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Doomed Partner', type: 'referral' })).json().id;
    const l = await lead({ partnerId: doomed, companyDomain: 'all-or-nothing.de' });
    await h.api(a.apiKey).delete(`/api/v1/partners/${doomed}`);
    const res = await convert(l.id, { createOpportunity: opportunity });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.createOpportunity.partners.0.partnerId');
    expect((await get('/api/v1/accounts?domain=all-or-nothing.de')).data).toEqual([]);
    expect((await get('/api/v1/contacts?email=' + encodeURIComponent(`bjoern.jaeger.${n}@example.com`))).data).toEqual([]);
    expect((await get(`/api/v1/leads/${l.id}`)).status).toBe('new');
    expect((await get(`/api/v1/leads/${l.id}/timeline`)).data).toEqual([]);
    expect((await get(`/api/v1/audit-events?action=lead.converted&entityId=${l.id}`)).data).toEqual([]);
    // Without the opportunity the same lead converts.
    expect((await convert(l.id)).statusCode).toBe(200);
  });

  it('rejects bad conversion input naming the fields', async () => {
    const l = await lead();
    const both = await convert(l.id, { accountId: '00000000-0000-4000-8000-000000000000', createAccount: true });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors.map((e: { field: string }) => e.field)).toContain('body.createAccount');
    const bad = await convert(l.id, {
      createAccount: false,
      createOpportunity: { name: '', amount: { value: 10.5, currency: 'JPY' }, stage: 'won', closeDate: 'soon', partners: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([
        'body.createAccount',
        'body.createOpportunity.name',
        'body.createOpportunity.amount.value',
        'body.createOpportunity.stage',
        'body.createOpportunity.closeDate',
        'body.createOpportunity',
      ]),
    );
    const theirs = (await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Their Account' })).json().id;
    const cross = await convert(l.id, { accountId: theirs });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().errors[0].field).toBe('body.accountId');
    expect((await get(`/api/v1/leads/${l.id}`)).status).toBe('new');
  });
});
