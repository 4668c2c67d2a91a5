import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMail } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { businessCalendar } from './business-hours.rules.ts';
import { dealBody, type RegistrationWorld, registrationWorld } from './fixtures/registration-world.ts';
import { DEFAULT_SLA_POLICIES, slaDeadline } from './sla.rules.ts';

let h: Harness;
let w: RegistrationWorld;
// Friday 2026-12-04 16:00 in Berlin: the decision SLA runs over the weekend.
const clock = new Date('2026-12-04T15:00:00Z');
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
  w = await registrationWorld(h);
});
afterAll(() => h?.close());

describe('registering deals and leads', () => {
  it('answers 401 without credentials and refuses bad bodies naming each field', async () => {
    expect((await h.api(undefined).post('/api/v1/registrations', dealBody())).statusCode).toBe(401);
    const bad = await w.people.alphaUser.client.post('/api/v1/registrations', {
      type: 'job',
      company: { name: '' },
      motion: 'x',
      amount: { value: -1, currency: 'EURO' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(
      expect.arrayContaining(['body.type', 'body.company.name', 'body.motion', 'body.amount.value', 'body.amount.currency']),
    );
  });

  it('requires the fields the workspace requires per motion, naming each missing one', async () => {
    const res = await w.people.alphaUser.client.post('/api/v1/registrations', { company: { name: 'Sparse GmbH' }, motion: 'resale' });
    expect(res.statusCode).toBe(400);
    expect(fields(res).sort()).toEqual([
      'body.amount',
      'body.company.domain',
      'body.contact.email',
      'body.contact.name',
      'body.expectedCloseDate',
      'body.notes',
    ]);
    const settings = await w.api.patch('/api/v1/program/settings', { registration: { requiredFields: { referral: ['contactEmail'] } } });
    expect(settings.statusCode, settings.body).toBe(200);
    // The partner's form learns the rules before submitting.
    const form = await w.people.alphaUser.client.get('/api/v1/registrations/form');
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().requiredFields.referral).toEqual(['contactEmail']);
    expect(form.json().motions).toContain('referral');
    expect((await h.api(undefined).get('/api/v1/registrations/form')).statusCode).toBe(401);
    const referral = await w.people.alphaUser.client.post('/api/v1/registrations', {
      company: { name: 'Sparse GmbH' },
      motion: 'referral',
      contact: { email: 'x@sparse.example' },
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const lead = await w.people.alphaUser.client.post('/api/v1/registrations', {
      type: 'lead',
      company: { name: 'Lead Only GmbH' },
      motion: 'referral',
    });
    expect(fields(lead).sort()).toEqual(['body.contact.email', 'body.contact.name']);
  });

  it('registers a deal with a number, routes it, sets the 48-business-hour SLA and confirms by email', async () => {
    const res = await w.people.alphaUser.client.post('/api/v1/registrations', dealBody());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      number: expect.stringMatching(/^REG-\d{5}$/),
      status: 'submitted',
      company: { name: 'Nordlicht Maschinenbau GmbH', domain: 'nordlicht-maschinenbau.example' },
      amount: { value: 48000, currency: 'EUR' },
      duplicateCheck: { verdict: 'no_match' },
      actions: { appeal: false, requestExtension: false, withdraw: true },
    });
    expect(r).not.toHaveProperty('approver');
    const staff = (await w.api.get(`/api/v1/registrations/${r.id}`)).json();
    const expectedDue = slaDeadline('registration_decision', clock, DEFAULT_SLA_POLICIES, businessCalendar({ timeZone: 'Europe/Berlin' }));
    expect(staff).toMatchObject({
      number: r.number,
      partner: { name: 'Alpha Systemhaus GmbH', tier: 'gold' },
      approver: { name: 'Petra Manager' },
      queueId: 'partner_managers',
      decisionSla: { dueAt: expectedDue.toISOString(), state: 'on_track' },
      channel: 'portal',
      claim: { rank: 1, firstClaimId: null },
    });
    const mail = await latestMail(h, w.ws, w.people.alphaUser.email);
    expect(mail.template).toBe('registration_received');
    expect(mail.subject).toContain(r.number);
    const toApprover = await h.ownerDb.selectFrom('emailMessages').select('template').where('toAddress', '=', w.manager.email).execute();
    expect(toApprover.map((m) => m.template)).toContain('registration_assigned');
  });

  it('tells staff the duplicate candidates with reasons and partners only that a conflict is possible', async () => {
    const partner = await w.people.betaUser.client.post(
      '/api/v1/registrations',
      dealBody({
        company: { name: 'Mueller Maschinenbau AG', domain: 'www.mueller-maschinenbau.example' },
        contact: { name: 'Max', email: 'max@mueller-maschinenbau.example' },
      }),
    );
    expect(partner.statusCode, partner.body).toBe(201);
    expect(partner.json().duplicateCheck).toEqual({ verdict: 'possible_conflict', message: expect.stringContaining('partner manager') });
    expect(partner.body).not.toContain(w.account.id);
    expect(partner.body).not.toContain('Müller Maschinenbau GmbH');
    expect(partner.body).not.toContain('direct renewal');
    const staff = (await w.api.get(`/api/v1/registrations/${partner.json().id}`)).json();
    expect(staff.duplicateCheck.verdict).toBe('conflict');
    expect(staff.duplicateCheck.candidates[0]).toMatchObject({ kind: 'account', id: w.account.id, name: 'Müller Maschinenbau GmbH' });
    expect(staff.duplicateCheck.candidates[0].reasons.map((x: { code: string }) => x.code)).toContain('domain_equal');
    expect(staff.duplicateCheck.candidates.map((c: { kind: string }) => c.kind)).toContain('opportunity');
    expect(staff.conflict).toMatchObject({ ackDueAt: expect.any(String), planDueAt: expect.any(String) });
  });

  it('gives exactly one of many simultaneous claims on a company the first rank, and unique numbers in order', async () => {
    const partners = [];
    for (let i = 0; i < 8; i++) partners.push((await w.api.post('/api/v1/partners', { name: `Racer ${i} GmbH`, type: 'reseller' })).json());
    const results = await Promise.all(
      partners.map((p) =>
        w.api.post(
          '/api/v1/registrations',
          dealBody({ partnerId: p.id, company: { name: 'Gleichzeitig Logistik GmbH', domain: 'gleichzeitig.example' } }),
        ),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const rows = await h.ownerDb
      .selectFrom('registrations')
      .select(['id', 'number', 'claimRank', 'firstClaimId', 'verdict'])
      .where('workspaceId', '=', w.ws.workspaceId)
      .where('companyName', '=', 'Gleichzeitig Logistik GmbH')
      .execute();
    const first = rows.filter((r) => r.claimRank === 1);
    expect(first).toHaveLength(1);
    expect(rows.map((r) => r.claimRank).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const r of rows.filter((x) => x.claimRank > 1)) expect(r).toMatchObject({ firstClaimId: first[0].id, verdict: 'conflict' });
    const all = await h.ownerDb.selectFrom('registrations').select('number').where('workspaceId', '=', w.ws.workspaceId).execute();
    const numbers = all.map((r) => Number(r.number.slice(4))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });

  it('answers a retry with the same Idempotency-Key with the first registration, creating one', async () => {
    const body = dealBody({ company: { name: 'Retry Robotics GmbH', domain: 'retry-robotics.example' } });
    const headers = { 'idempotency-key': `reg-${randomUUID()}` };
    const [a, b] = await Promise.all([
      w.api.post('/api/v1/registrations', { ...body, partnerId: w.partners.alpha.id }, headers),
      w.api.post('/api/v1/registrations', { ...body, partnerId: w.partners.alpha.id }, headers),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const n = await h.ownerDb.selectFrom('registrations').select('id').where('companyName', '=', 'Retry Robotics GmbH').execute();
    expect(n).toHaveLength(1);
  });

  it('refuses a second open registration of the same company and motion by the same partner', async () => {
    const body = dealBody({ company: { name: 'Twice Again GmbH', domain: 'twice-again.example' } });
    expect((await w.people.alphaUser.client.post('/api/v1/registrations', body)).statusCode).toBe(201);
    const again = await w.people.alphaUser.client.post('/api/v1/registrations', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already \(REG-\d{5}\)/);
  });

  it('shows a partner only its own registrations and staff the whole queue, with filters', async () => {
    const mine = (await w.people.betaUser.client.get('/api/v1/registrations')).json().data;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r: { company?: { name: string } }) => r.company?.name !== 'Nordlicht Maschinenbau GmbH')).toBe(true);
    const alphaOne = (await w.people.alphaUser.client.get('/api/v1/registrations')).json().data[0];
    expect((await w.people.betaUser.client.get(`/api/v1/registrations/${alphaOne.id}`)).statusCode).toBe(404);
    const queue = (await w.api.get(`/api/v1/registrations?status=submitted&partnerId=${w.partners.alpha.id}&sort=decisionDueAt`)).json().data;
    expect(queue.length).toBeGreaterThan(1);
    expect(queue.every((r: { partner: { id: string } }) => r.partner.id === w.partners.alpha.id)).toBe(true);
    const conflicts = (await w.api.get('/api/v1/registrations?verdict=conflict')).json().data;
    expect(conflicts.length).toBeGreaterThan(0);
    expect((await w.api.get('/api/v1/registrations?status=won')).statusCode).toBe(400);
    const deals = (await w.api.get('/api/v1/registrations?type=deal')).json().data;
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.every((r: { type: string }) => r.type === 'deal')).toBe(true);
    expect((await w.api.get('/api/v1/registrations?type=contract')).statusCode).toBe(400);
  });

  it('lets the partner withdraw a registration waiting for a decision, and not twice', async () => {
    const r = (
      await w.people.alphaUser.client.post(
        '/api/v1/registrations',
        dealBody({ company: { name: 'Withdrawn Works GmbH', domain: 'withdrawn-works.example' } }),
      )
    ).json();
    const res = await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect((await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/withdraw`)).statusCode).toBe(409);
    expect((await w.people.betaUser.client.post(`/api/v1/registrations/${r.id}/withdraw`)).statusCode).toBe(404);
  });

  it('routes by the workspace’s rules, round robin within a queue', async () => {
    const admin = w.ws.adminUserId;
    const routing = {
      rules: [{ id: 'big-deals', when: { motions: ['technology'] }, assignTo: { kind: 'queue', queueId: 'tech', userIds: [admin, w.manager.id] } }],
    };
    expect((await w.api.patch('/api/v1/program/settings', { routing })).statusCode).toBe(200);
    const approvers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = (
        await w.api.post(
          '/api/v1/registrations',
          dealBody({
            partnerId: w.partners.beta.id,
            motion: 'technology',
            company: { name: `Tech Target ${i} GmbH`, domain: `tech-target-${i}.example` },
          }),
        )
      ).json();
      approvers.push(r.approver.id);
      expect(r.queueId).toBe('tech');
    }
    expect(approvers).toEqual([admin, w.manager.id, admin, w.manager.id]);
    const bad = await w.api.patch('/api/v1/program/settings', {
      routing: { rules: [{ id: 'x', when: {}, assignTo: { kind: 'queue', queueId: 'q', userIds: 'me' } }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)[0]).toMatch(/^body\.routing\.rules\.0\.assignTo/);
  });

  it('takes one round-robin turn per submission when many arrive at once: a queue of three gets three each of nine', async () => {
    const extra = await w.api.post('/api/v1/users', { email: `rr-${randomUUID()}@vendor.example`, name: 'Rita Rotation', role: 'partner_manager' });
    expect(extra.statusCode, extra.body).toBe(201);
    const users = [w.ws.adminUserId, w.manager.id, extra.json().id as string];
    const routing = { rules: [{ id: 'burst', when: { motions: ['services'] }, assignTo: { kind: 'queue', queueId: 'burst', userIds: users } }] };
    expect((await w.api.patch('/api/v1/program/settings', { routing })).statusCode).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        w.api.post(
          '/api/v1/registrations',
          dealBody({ partnerId: w.partners.alpha.id, motion: 'services', company: { name: `Burst ${i} AG`, domain: `burst-${i}.example` } }),
        ),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(9).fill(201));
    const count = new Map<string, number>();
    for (const a of answers) count.set(a.json().approver.id, (count.get(a.json().approver.id) ?? 0) + 1);
    expect(Object.fromEntries(count)).toEqual(Object.fromEntries(users.map((u) => [u, 3])));
  });
});
