import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { dealBody, type RegistrationWorld, registrationWorld } from './fixtures/registration-world.ts';
import { sweepRegistrationTimers } from './registration-timers.jobs.ts';

let h: Harness;
let w: RegistrationWorld;
// Monday 7 December 2026, 10:30 in Berlin.
let clock = new Date('2026-12-07T09:30:00Z');
const SECOND = 1000;

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
  w = await registrationWorld(h, 'Renewal ownership');
});
afterAll(() => h?.close());

const sweep = (at: Date, plan = true) => sweepRegistrationTimers(h.db, { jobs: h.jobs, publicUrl: 'http://tandem.test' }, at, 200, plan);
const rows = (accountId: string) =>
  h.ownerDb.selectFrom('renewalConfirmations').selectAll().where('accountId', '=', accountId).orderBy('renewalDate').execute();
const mails = async (to: string, template: string, company?: string) =>
  (
    await h.ownerDb
      .selectFrom('emailMessages')
      .select(['id', 'subject', 'textBody'])
      .where('toAddress', '=', to)
      .where('template', '=', template)
      .execute()
  ).filter((m) => !company || m.subject.includes(company));
const audits = (action: string, entityId: string) =>
  h.ownerDb
    .selectFrom('auditEvents')
    .select(['action', 'reason'])
    .where('workspaceId', '=', w.ws.workspaceId)
    .where('action', '=', action)
    .where('entityId', '=', entityId)
    .execute();
const timeline = async (accountId: string) =>
  (await w.api.get(`/api/v1/accounts/${accountId}/timeline`)).json().data.map((e: { body: string }) => e.body) as string[];

/** An account a partner was protected on: approve a registration, then give the account a renewal date and an owner. */
async function protectedAccount(name: string, renewalDate: string) {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  const r = (await w.people.alphaUser.client.post('/api/v1/registrations', dealBody({ company: { name, domain: `${slug}.example` } }))).json();
  const approved = await w.api.post(`/api/v1/registrations/${r.id}/approve`, {});
  expect(approved.statusCode, approved.body).toBe(200);
  const accountId = approved.json().accountId as string;
  const patched = await w.api.patch(`/api/v1/accounts/${accountId}`, { renewalDate, ownerUserId: w.manager.id, customerStatus: 'customer' });
  expect(patched.statusCode, patched.body).toBe(200);
  return accountId;
}

describe('renewal ownership confirmation', () => {
  it('plans the confirmation, reminds the account owner 30 days ahead and escalates once the deadline passes — each once however often the sweep runs', async () => {
    const accountId = await protectedAccount('Verlängerung Vertrieb GmbH', '2027-06-30');
    await sweep(clock);
    const [planned] = await rows(accountId);
    // 90 days before the renewal day in Berlin, reminded 30 days before that.
    expect(planned).toMatchObject({ renewalDate: '2027-06-30', remindedAt: null, escalatedAt: null, confirmedAt: null });
    expect(planned.dueAt.toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(planned.reminderDueAt?.toISOString()).toBe('2027-03-01T23:00:00.000Z');
    expect(planned.nextActionAt).toEqual(planned.reminderDueAt);
    expect((await w.api.get(`/api/v1/accounts/${accountId}/renewal-ownership`)).json()).toMatchObject({
      status: 'on_track',
      stakes: [{ partnerId: w.partners.alpha.id, name: 'Alpha Systemhaus GmbH', via: ['registration', 'opportunity'] }],
      confirmation: null,
      permissions: { confirm: true },
    });

    const reminder = planned.reminderDueAt as Date;
    await sweep(new Date(+reminder - SECOND));
    expect(await mails(w.manager.email, 'renewal_ownership_reminder')).toHaveLength(0);
    await sweep(new Date(+reminder + SECOND));
    await sweep(new Date(+reminder + 2 * SECOND));
    const reminded = await mails(w.manager.email, 'renewal_ownership_reminder');
    expect(reminded).toHaveLength(1);
    expect(reminded[0].subject).toBe('Confirm who owns the renewal of Verlängerung Vertrieb GmbH by 31 Mar 2027');
    expect(reminded[0].textBody).toContain('Alpha Systemhaus GmbH');
    expect(reminded[0].textBody).toContain('90 days before the renewal');
    expect(await audits('account.renewal_ownership_reminded', accountId)).toHaveLength(1);
    clock = new Date(+reminder + 3 * SECOND);
    expect((await w.api.get(`/api/v1/accounts/${accountId}/renewal-ownership`)).json().status).toBe('at_risk');

    // The deadline passes unconfirmed (and the protection has expired meanwhile: the partner keeps its stake).
    const breach = new Date(+planned.dueAt + SECOND);
    await Promise.all([sweep(breach), sweep(breach)]);
    await sweep(new Date(+breach + SECOND));
    const [escalated] = await rows(accountId);
    expect(escalated.escalatedAt).toBeTruthy();
    expect(escalated.nextActionAt).toBeNull();
    expect(await mails(w.ws.adminEmail, 'renewal_ownership_overdue')).toHaveLength(1);
    expect(await mails(w.manager.email, 'renewal_ownership_overdue')).toHaveLength(1);
    const flagged = await audits('account.renewal_ownership_escalated', accountId);
    expect(flagged).toEqual([
      { action: 'account.renewal_ownership_escalated', reason: 'renewal ownership not confirmed 90 days before the renewal' },
    ]);
    expect(await timeline(accountId)).toContainEqual(
      expect.stringMatching(/^Renewal ownership not confirmed by 31 Mar 2027 .*flagged and escalated\.$/),
    );
    clock = new Date(+breach + 2 * SECOND);
    expect((await w.api.get(`/api/v1/accounts/${accountId}/renewal-ownership`)).json()).toMatchObject({ status: 'overdue' });

    // Confirmed late: the escalation stays on record, and nothing more is sent.
    const ok = await w.api.post(`/api/v1/accounts/${accountId}/renewal-ownership`, {
      partnerId: w.partners.alpha.id,
      note: 'Alpha renews as reseller',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', confirmation: { owner: { kind: 'partner', name: 'Alpha Systemhaus GmbH' } } });
    await sweep(new Date(+breach + 60 * SECOND));
    expect(await mails(w.ws.adminEmail, 'renewal_ownership_overdue')).toHaveLength(1);
    expect(await timeline(accountId)).toContainEqual(
      'Renewal ownership confirmed: Alpha Systemhaus GmbH owns the renewal on 30 Jun 2027 (after the deadline). Note: Alpha renews as reseller',
    );
  });

  it('leaves accounts without a partner stake alone, and counts a partner role on an opportunity as a stake', async () => {
    clock = new Date('2027-01-11T09:00:00Z');
    const direct = (await w.api.post('/api/v1/accounts', { name: 'Nur Direkt AG', renewalDate: '2027-05-01', customerStatus: 'customer' })).json();
    const shared = (
      await w.api.post('/api/v1/accounts', {
        name: 'Geteilt & Partner KG',
        renewalDate: '2027-05-01',
        customerStatus: 'customer',
        ownerUserId: w.manager.id,
      })
    ).json();
    await w.api.post('/api/v1/opportunities', {
      name: 'Geteilt – Verlängerung',
      accountId: shared.id,
      amount: { value: 12000, currency: 'EUR' },
      stage: 'qualification',
      closeDate: '2027-04-30',
      motion: 'services',
      partners: [{ partnerId: w.partners.beta.id, role: 'services', attribution: 'influenced', share: 20 }],
    });
    await sweep(clock);
    expect(await rows(direct.id)).toHaveLength(0);
    expect((await w.api.get(`/api/v1/accounts/${direct.id}/renewal-ownership`)).json()).toMatchObject({ status: 'not_needed', stakes: [] });
    // The deadline (31 January) is close, the reminder (1 January) passed before the row was planned: it is sent at once.
    const [row] = await rows(shared.id);
    expect(row.remindedAt).toBeTruthy();
    expect(await mails(w.manager.email, 'renewal_ownership_reminder', 'Geteilt & Partner KG')).toHaveLength(1);
  });

  it('escalates at once a renewal whose deadline passed before a partner had a stake, skipping the reminder', async () => {
    clock = new Date('2027-02-01T09:00:00Z');
    const accountId = await protectedAccount('Spät Dran GmbH', '2027-03-15');
    // A sweep that does not plan (the minute's sweep between hourly plans) leaves it for the next plan.
    await sweep(clock, false);
    expect(await rows(accountId)).toHaveLength(0);
    await sweep(clock);
    const [row] = await rows(accountId);
    expect(row.escalatedAt).toBeTruthy();
    expect(await mails(w.manager.email, 'renewal_ownership_overdue', 'Spät Dran GmbH')).toHaveLength(1);
    expect(await audits('account.renewal_ownership_reminded', accountId)).toHaveLength(0);
  });

  it('closes the confirmation when the renewal date moves and plans the new date; a confirmation in time sends nothing', async () => {
    clock = new Date('2027-02-01T09:00:00Z');
    const accountId = await protectedAccount('Umzug Termin GmbH', '2027-12-31');
    await sweep(clock);
    const [first] = await rows(accountId);
    expect(first.nextActionAt?.toISOString()).toBe('2027-09-01T22:00:00.000Z');
    await w.api.patch(`/api/v1/accounts/${accountId}`, { renewalDate: '2028-01-31' });
    await sweep(clock);
    const res = await w.api.post(`/api/v1/accounts/${accountId}/renewal-ownership`, { partnerId: null });
    expect(res.json()).toMatchObject({ status: 'confirmed', renewalDate: '2028-01-31', confirmation: { owner: { kind: 'direct' } } });
    await sweep(new Date(+(first.nextActionAt as Date) + SECOND));
    await sweep(new Date('2027-12-01T00:00:00Z'));
    const [old, renewed] = await rows(accountId);
    expect(old).toMatchObject({ renewalDate: '2027-12-31', closeReason: 'renewal_date_changed', remindedAt: null, nextActionAt: null });
    expect(renewed).toMatchObject({ renewalDate: '2028-01-31', remindedAt: null, escalatedAt: null, nextActionAt: null });
    expect(await audits('account.renewal_ownership_closed', accountId)).toEqual([
      { action: 'account.renewal_ownership_closed', reason: 'the renewal date changed' },
    ]);
  });
});
