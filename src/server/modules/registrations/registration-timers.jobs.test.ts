import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { dealBody, type RegistrationWorld, registrationWorld } from './fixtures/registration-world.ts';
import { sweepRegistrationTimers } from './registration-timers.jobs.ts';

let h: Harness;
let w: RegistrationWorld;
// Monday 7 December 2026, 10:30 in Berlin.
let clock = new Date('2026-12-07T09:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
  w = await registrationWorld(h, 'Registration timers');
});
afterAll(() => h?.close());

const sweep = (at: Date) => sweepRegistrationTimers(h.db, { jobs: h.jobs, publicUrl: 'http://tandem.test' }, at);
const row = (id: string) => h.ownerDb.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const mails = (to: string, template: string) =>
  h.ownerDb.selectFrom('emailMessages').select('id').where('toAddress', '=', to).where('template', '=', template).execute();

describe('registration timers', () => {
  it('reminds the approver before the decision SLA ends and escalates once it is breached — each once however often the sweep runs', async () => {
    const r = (
      await w.people.alphaUser.client.post(
        '/api/v1/registrations',
        dealBody({ company: { name: 'Timer Technik GmbH', domain: 'timer-technik.example' } }),
      )
    ).json();
    const before = await row(r.id);
    expect(before.decisionReminderDueAt && before.decisionEscalationDueAt).toBeTruthy();
    expect(await sweep(new Date(+(before.decisionReminderDueAt as Date) - 60_000))).toBe(0);
    await sweep(new Date(+(before.decisionReminderDueAt as Date) + 1000));
    await sweep(new Date(+(before.decisionReminderDueAt as Date) + 2000));
    expect(await mails(w.manager.email, 'registration_reminder')).toHaveLength(1);
    expect((await row(r.id)).decisionRemindedAt).toBeTruthy();
    const breach = new Date(+(before.decisionEscalationDueAt as Date) + 1000);
    await Promise.all([sweep(breach), sweep(breach)]);
    await sweep(breach);
    const after = await row(r.id);
    expect(after.decisionEscalatedAt).toBeTruthy();
    expect(after.approverUserId).toBe(w.ws.adminUserId);
    expect(await mails(w.ws.adminEmail, 'registration_escalated')).toHaveLength(1);
    const audit = await h.ownerDb
      .selectFrom('auditEvents')
      .select('action')
      .where('workspaceId', '=', w.ws.workspaceId)
      .where('action', '=', 'registration.escalated')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('reminds the partner 7 days before protection ends, then expires and releases it', async () => {
    const r = (
      await w.people.alphaUser.client.post(
        '/api/v1/registrations',
        dealBody({ company: { name: 'Schutz Solar GmbH', domain: 'schutz-solar.example' } }),
      )
    ).json();
    await w.api.post(`/api/v1/registrations/${r.id}/approve`, {});
    const approved = await row(r.id);
    const expires = approved.protectionExpiresAt as Date;
    const reminder = approved.protectionReminderDueAt as Date;
    expect(Math.round((+expires - +reminder) / DAY)).toBe(8); // the morning 7 days before the last protected day
    await sweep(new Date(+reminder + 1000));
    await sweep(new Date(+reminder + 2000));
    expect(await mails(w.people.alphaUser.email, 'protection_expiring')).toHaveLength(1);
    clock = new Date(+reminder + 1000);
    const deal = (await w.people.alphaUser.client.get(`/api/v1/portal/deals/${approved.opportunityId}`)).json();
    expect(deal.protection.status).toBe('expiring');
    await sweep(new Date(+expires + 1000));
    const expired = await row(r.id);
    expect(expired).toMatchObject({ status: 'expired', releaseReason: 'protection expired' });
    expect(await mails(w.people.alphaUser.email, 'protection_expired')).toHaveLength(1);
    // The slot is free again: another partner's registration of the company can be approved.
    clock = new Date(+expires + 2 * DAY);
    const again = (
      await w.people.betaUser.client.post(
        '/api/v1/registrations',
        dealBody({ company: { name: 'Schutz Solar GmbH', domain: 'schutz-solar.example' } }),
      )
    ).json();
    const ok = await w.api.post(`/api/v1/registrations/${again.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('flags a protected deal without activity as no-touch, and waits longer when there was activity', async () => {
    clock = new Date('2027-04-01T08:00:00Z');
    const r = (
      await w.people.alphaUser.client.post(
        '/api/v1/registrations',
        dealBody({ company: { name: 'Still Stand GmbH', domain: 'still-stand.example' } }),
      )
    ).json();
    await w.api.post(`/api/v1/registrations/${r.id}/approve`, {});
    const approved = await row(r.id);
    // Activity on day 20 moves the no-touch date instead of flagging.
    clock = new Date(+clock + 20 * DAY);
    await w.api.post(`/api/v1/opportunities/${approved.opportunityId}/timeline`, { kind: 'call', body: 'Call with the CIO' });
    await sweep(new Date(+(approved.noTouchDueAt as Date) + 1000));
    const moved = await row(r.id);
    expect(moved.noTouchFlaggedAt).toBeNull();
    expect(Math.round((+(moved.noTouchDueAt as Date) - +clock) / DAY)).toBe(30);
    await sweep(new Date(+(moved.noTouchDueAt as Date) + 1000));
    expect((await row(r.id)).noTouchFlaggedAt).toBeTruthy();
    expect((await w.api.get(`/api/v1/registrations/${r.id}`)).json().noTouch).toBe(true);
  });

  it('escalates a conflict not acknowledged within 24 hours', async () => {
    clock = new Date('2027-06-01T08:00:00Z');
    const r = (
      await w.people.betaUser.client.post(
        '/api/v1/registrations',
        dealBody({ company: { name: 'Müller Maschinenbau', domain: 'mueller-maschinenbau.example' } }),
      )
    ).json();
    const c = await row(r.id);
    expect(c.verdict).toBe('conflict');
    await sweep(new Date(+clock + 25 * HOUR));
    expect((await row(r.id)).conflictEscalatedAt).toBeTruthy();
    await sweep(new Date(+clock + 26 * HOUR));
    const audit = await h.ownerDb
      .selectFrom('auditEvents')
      .select('action')
      .where('workspaceId', '=', w.ws.workspaceId)
      .where('action', '=', 'registration.conflict_escalated')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
