import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, latestMail } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { dealBody, type RegistrationWorld, registrationWorld } from './fixtures/registration-world.ts';

let h: Harness;
let w: RegistrationWorld;
let clock = new Date('2026-12-07T09:30:00Z');
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
  w = await registrationWorld(h, 'Registration decisions');
});
afterAll(() => h?.close());

const submit = async (who: 'alphaUser' | 'betaUser', body: Record<string, unknown>) => {
  const res = await w.people[who].client.post('/api/v1/registrations', dealBody(body));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
};

describe('deciding registrations', () => {
  it('refuses decisions to partners and to roles without the right', async () => {
    const r = await submit('alphaUser', { company: { name: 'Rights Check GmbH', domain: 'rights-check.example' } });
    expect((await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/approve`, {})).statusCode).toBe(403);
    const sales = (await w.api.post('/api/v1/api-keys', { name: 'reader', scopes: ['registrations:read'] })).json().key;
    expect((await h.api(sales).post(`/api/v1/registrations/${r.id}/approve`, {})).statusCode).toBe(403);
    expect((await h.api(sales).get(`/api/v1/registrations/${r.id}`)).statusCode).toBe(200);
  });

  it('approves: creates the account and the opportunity with the partner sourced, starts protection, and the partner sees it', async () => {
    const r = await submit('alphaUser', { company: { name: 'Sonnenschein Solar GmbH', domain: 'sonnenschein-solar.example' } });
    const res = await w.api.post(`/api/v1/registrations/${r.id}/approve`, { note: 'Good fit' });
    expect(res.statusCode, res.body).toBe(200);
    const approved = res.json();
    // 90 days after today, and today too: 91 days on which the deal is protected.
    expect(approved).toMatchObject({ status: 'approved', protection: { state: 'active', daysLeft: 91 }, decisionNote: 'Good fit' });
    const opp = (await w.api.get(`/api/v1/opportunities/${approved.opportunityId}`)).json();
    expect(opp).toMatchObject({
      accountId: approved.accountId,
      registrationId: r.id,
      source: 'partner',
      motion: 'resale',
      amount: { value: 48000, currency: 'EUR' },
      closeDate: '2027-06-30',
      partners: [{ partnerId: w.partners.alpha.id, role: 'reseller', attribution: 'sourced', share: 100 }],
    });
    const account = (await w.api.get(`/api/v1/accounts/${approved.accountId}`)).json();
    expect(account).toMatchObject({ name: 'Sonnenschein Solar GmbH', domains: ['sonnenschein-solar.example'] });
    // The partner: the registration's protection, and the deal in its pipeline with the countdown.
    const mine = (await w.people.alphaUser.client.get(`/api/v1/registrations/${r.id}`)).json();
    expect(mine).toMatchObject({ status: 'approved', protection: { state: 'active' }, actions: { requestExtension: false } });
    const deal = (await w.people.alphaUser.client.get(`/api/v1/portal/deals/${approved.opportunityId}`)).json();
    expect(deal).toMatchObject({ registrationNumber: r.number, protection: { status: 'protected', expiresAt: approved.protection.expiresAt } });
    const mail = await latestMail(h, w.ws, w.people.alphaUser.email);
    expect(mail.template).toBe('registration_approved');
    expect(mail.text).toContain('protected');
    expect((await auditActions(h, w.ws)).map((e) => e.action)).toContain('registration.approved');
    const timeline = (await w.api.get(`/api/v1/registrations/${r.id}/timeline`)).json().data;
    expect(timeline.map((e: { body: string }) => e.body)).toContainEqual(expect.stringMatching(/^Approved; protected until/));
    expect((await w.api.post(`/api/v1/registrations/${r.id}/approve`, {})).statusCode).toBe(409);
  });

  it('links the existing account that is the same company, and lets a direct opportunity win unless overridden', async () => {
    const r = await submit('betaUser', { company: { name: 'Müller Maschinenbau', domain: 'mueller-maschinenbau.example' } });
    const refused = await w.api.post(`/api/v1/registrations/${r.id}/approve`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('direct renewal');
    const res = await w.api.post(`/api/v1/registrations/${r.id}/approve`, { override: { reason: 'Customer asked for Beta' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accountId: w.account.id });
    expect((await auditActions(h, w.ws)).find((e) => e.action === 'registration.approved')).toBeTruthy();
    // The override's reason is for staff; the partner reads the approval through its safelist, authors by name.
    const staff = (await w.api.get(`/api/v1/registrations/${r.id}/timeline`)).json().data;
    expect(staff).toContainEqual(expect.objectContaining({ visibility: 'internal', body: expect.stringContaining('Customer asked for Beta') }));
    const partner = await w.people.betaUser.client.get(`/api/v1/registrations/${r.id}/timeline`);
    expect(partner.statusCode, partner.body).toBe(200);
    expect(partner.body).not.toContain('Customer asked for Beta');
    expect(partner.body).not.toMatch(/@[a-z0-9-]+\.[a-z]/i);
    expect(partner.json().data.map((e: { event?: string }) => e.event)).toEqual(expect.arrayContaining(['approved', 'submitted']));
    for (const e of partner.json().data) expect(Object.keys(e)).not.toContain('metadata');
  });

  it('lets the first qualified claim win: a second approval of the same company is refused, even with an override', async () => {
    const first = await submit('alphaUser', { company: { name: 'Doppelt Digital GmbH', domain: 'doppelt-digital.example' } });
    const second = await submit('betaUser', { company: { name: 'Doppelt Digital GmbH', domain: 'doppelt-digital.example' } });
    expect((await w.api.get(`/api/v1/registrations/${second.id}`)).json()).toMatchObject({
      claim: { rank: 2, firstClaimId: first.id },
      duplicateCheck: { verdict: 'conflict' },
    });
    expect((await w.api.post(`/api/v1/registrations/${second.id}/approve`, {})).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 60_000);
    const late = await w.api.post(`/api/v1/registrations/${first.id}/approve`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('ranks another claim first');
    // The database keeps one protection per account and motion whatever the app decides.
    const forced = await w.api.post(`/api/v1/registrations/${first.id}/approve`, { override: { reason: 'test' } });
    expect(forced.statusCode).toBe(409);
    expect(forced.json().detail).toContain('protected already');
    expect((await w.api.get(`/api/v1/registrations/${first.id}`)).json().status).toBe('submitted');
  });

  it('rejects with a reason from the list and a note; the partner is told and may appeal', async () => {
    const r = await submit('alphaUser', { company: { name: 'Nope Networks GmbH', domain: 'nope-networks.example' } });
    const bad = await w.api.post(`/api/v1/registrations/${r.id}/reject`, { reason: 'boring' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['body.reason']);
    const res = await w.api.post(`/api/v1/registrations/${r.id}/reject`, { reason: 'not_qualified', note: 'No budget yet.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectionReason: 'not_qualified', decisionNote: 'No budget yet.' });
    expect(new Date(res.json().appealUntil).getTime()).toBe(clock.getTime() + 14 * 86_400_000);
    const mine = (await w.people.alphaUser.client.get(`/api/v1/registrations/${r.id}`)).json();
    expect(mine).toMatchObject({
      status: 'rejected',
      decisionReason: { reason: 'not_qualified', label: 'Not qualified', note: 'No budget yet.' },
      actions: { appeal: true },
    });
    const mail = await latestMail(h, w.ws, w.people.alphaUser.email);
    expect(mail.template).toBe('registration_rejected');
    expect(mail.text).toContain('Not qualified');
  });

  it('takes a registration into review, reassigns it, and handles a conflict’s acknowledgement and plan', async () => {
    const r = await submit('betaUser', { company: { name: 'Müller Maschinenbau KG', domain: 'mueller-maschinenbau.example' } });
    expect((await w.api.post(`/api/v1/registrations/${r.id}/review`)).json().status).toBe('in_review');
    const re = await w.api.post(`/api/v1/registrations/${r.id}/reassign`, { approverUserId: w.manager.id });
    expect(re.json().approver).toMatchObject({ id: w.manager.id });
    expect((await w.api.post(`/api/v1/registrations/${r.id}/reassign`, { approverUserId: w.people.alphaUser.id })).statusCode).toBe(400);
    const ack = await w.api.post(`/api/v1/registrations/${r.id}/conflict/acknowledge`);
    expect(ack.json().conflict.acknowledgedAt).toBe(clock.toISOString());
    const plan = await w.api.post(`/api/v1/registrations/${r.id}/conflict/plan`, { plan: 'Joint call with both partners on Friday' });
    expect(plan.json().conflict).toMatchObject({ plan: 'Joint call with both partners on Friday', plannedAt: clock.toISOString() });
  });

  it('approves a lead registration into a CRM lead of the partner', async () => {
    const res = await w.people.alphaUser.client.post('/api/v1/registrations', {
      type: 'lead',
      company: { name: 'Leadwerk GmbH' },
      contact: { name: 'Lena Lehmann', email: 'lena@leadwerk.example' },
      motion: 'referral',
    });
    expect(res.statusCode, res.body).toBe(201);
    const approved = (await w.api.post(`/api/v1/registrations/${res.json().id}/approve`, {})).json();
    expect(approved).toMatchObject({ status: 'approved', type: 'lead', opportunityId: null });
    const lead = (await w.api.get(`/api/v1/leads/${approved.leadId}`)).json();
    expect(lead).toMatchObject({ firstName: 'Lena', lastName: 'Lehmann', company: 'Leadwerk GmbH', partnerId: w.partners.alpha.id });
  });

  it('releases an approved protection with a reason, and the partner is told', async () => {
    const r = await submit('alphaUser', { company: { name: 'Release Me GmbH', domain: 'release-me.example' } });
    await w.api.post(`/api/v1/registrations/${r.id}/approve`, {});
    const res = await w.api.post(`/api/v1/registrations/${r.id}/release`, { reason: 'No activity for 30 days' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'released', protection: { state: 'released', daysLeft: 0 } });
    expect((await latestMail(h, w.ws, w.people.alphaUser.email)).template).toBe('protection_expired');
  });

  it('reports REG-12 figures: decisions, their speed, approval rate, rejection reasons, protections', async () => {
    const res = await w.api.get('/api/v1/registrations/metrics?from=2026-12-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.submitted).toBeGreaterThanOrEqual(8);
    expect(m.approved).toBeGreaterThanOrEqual(4);
    expect(m.rejected).toBeGreaterThanOrEqual(1);
    expect(m.approvalRate).toBeCloseTo(m.approved / (m.approved + m.rejected));
    expect(m.timeToDecision.medianHours).not.toBeNull();
    expect(m.topRejectionReasons[0]).toMatchObject({ reason: 'not_qualified', label: 'Not qualified', count: 1 });
    expect(m.protections.active).toBeGreaterThanOrEqual(3);
    expect(m.byWeek.length).toBeGreaterThan(0);
    expect(m.registeredVsUnregistered.map((x: { kind: string }) => x.kind)).toEqual(['registered', 'unregistered']);
    expect((await w.people.alphaUser.client.get('/api/v1/registrations/metrics')).statusCode).toBe(403);
    expect((await w.api.get('/api/v1/registrations/metrics?from=yesterday')).statusCode).toBe(400);
  });
});
