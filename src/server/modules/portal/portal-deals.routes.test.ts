import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { CANARY, canariesIn, type PortalWorld, portalWorld } from './fixtures/portal-world.ts';

let h: Harness;
let w: PortalWorld;
type Deal = Record<string, unknown> & { id: string; name?: string };
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  h = await createHarness();
  w = await portalWorld(h);
});
afterAll(() => h?.close());

describe('portal deals', () => {
  it('answers 401 without credentials and 403 to staff, and keeps partners out of the staff API', async () => {
    expect((await h.api(undefined).get('/api/v1/portal/deals')).statusCode).toBe(401);
    expect((await h.api(w.ws.apiKey).get('/api/v1/portal/deals')).statusCode).toBe(403);
    expect((await h.api(w.nordKey).get('/api/v1/opportunities')).statusCode).toBe(403);
    expect((await w.people.nordAdmin.client.get('/api/v1/opportunities')).statusCode).toBe(403);
    expect((await w.people.nordAdmin.client.get(`/api/v1/opportunities/${w.deals.shared.id}/timeline`)).statusCode).toBe(403);
  });

  it('lists exactly the partner’s deals with the default safelist: stage, next step, owner, close month — no amount, notes or other partners', async () => {
    const res = await w.people.nordAdmin.client.get('/api/v1/portal/deals');
    expect(res.statusCode, res.body).toBe(200);
    const deals: Deal[] = res.json().data;
    expect(deals.map((d) => d.name)).toEqual(['Alpha Rollout', 'Alpha Wartung']);
    expect(deals[0]).toMatchObject({
      id: w.deals.shared.id,
      accountName: 'Kunde Alpha GmbH',
      stage: 'proposal',
      nextStep: 'Send the proposal',
      ownerName: 'Ada Admin',
      closeMonth: '2027-03',
      motion: 'resale',
      partnerRole: { role: 'reseller', attribution: 'sourced', share: 60 },
      protection: { status: 'none', expiresAt: null },
      permissions: { editable: ['nextStep'], reply: true },
    });
    for (const hidden of ['amount', 'description', 'otherPartners', 'closeDate', 'probability', 'contactRoles'])
      expect(deals[0]).not.toHaveProperty(hidden);
    expect(canariesIn(res.body)).toEqual([]);
    // The partner's key sees what its admin sees.
    expect((await h.api(w.nordKey).get('/api/v1/portal/deals')).json().data.map((d: Deal) => d.id)).toEqual(deals.map((d) => d.id));
  });

  it('shows the deal page with the account and the partner-visible timeline only', async () => {
    const deal = await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${w.deals.shared.id}`);
    expect(deal.statusCode).toBe(200);
    expect(deal.json().account).toEqual({ name: 'Kunde Alpha GmbH', domains: ['kunde-alpha.example'], industry: 'Maschinenbau', country: null });
    const timeline = await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${w.deals.shared.id}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const bodies = timeline.json().data.map((e: { body?: string }) => e.body);
    expect(bodies).toContain('Kick-off booked for Monday');
    expect(canariesIn(deal.body + timeline.body)).toEqual([]);
    expect(timeline.body).not.toContain(w.ws.adminEmail);
  });

  it('answers 404 for another partner’s deal, a staff-only deal, an unknown id and another workspace', async () => {
    for (const id of [w.deals.otherDeal.id, w.deals.staffDeal.id, randomUUID()]) {
      expect((await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${id}`)).statusCode).toBe(404);
      expect((await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${id}/timeline`)).statusCode).toBe(404);
      expect((await w.people.nordAdmin.client.post(`/api/v1/portal/deals/${id}/timeline`, { body: 'x' })).statusCode).toBe(404);
    }
    const other = await portalWorld(h, 'Portal elsewhere');
    expect((await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${other.deals.shared.id}`)).statusCode).toBe(404);
    expect((await h.api(other.nordKey).get(`/api/v1/portal/deals/${w.deals.ownDeal.id}`)).statusCode).toBe(404);
  });

  it('shows a partner_rep only the deals shared with them, by a partner admin or by the vendor', async () => {
    const rep = w.people.nordRep.client;
    expect((await rep.get('/api/v1/portal/deals')).json().data).toEqual([]);
    expect((await rep.get(`/api/v1/portal/deals/${w.deals.ownDeal.id}`)).statusCode).toBe(404);
    expect((await rep.put(`/api/v1/portal/deals/${w.deals.ownDeal.id}/access/${w.people.nordRep.id}`)).statusCode).toBe(403);
    const shared = await w.people.nordAdmin.client.put(`/api/v1/portal/deals/${w.deals.ownDeal.id}/access/${w.people.nordRep.id}`);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().data).toEqual([{ id: w.people.nordRep.id, name: 'Ralf Rep', reason: 'shared' }]);
    const byVendor = await w.api.put(`/api/v1/opportunities/${w.deals.shared.id}/partner-access/${w.people.nordRep.id}`);
    expect(byVendor.statusCode, byVendor.body).toBe(200);
    expect(
      (await rep.get('/api/v1/portal/deals'))
        .json()
        .data.map((d: Deal) => d.id)
        .sort(),
    ).toEqual([w.deals.shared.id, w.deals.ownDeal.id].sort());
    // Only users of a partner on the deal, and only colleagues.
    expect((await w.api.put(`/api/v1/opportunities/${w.deals.ownDeal.id}/partner-access/${w.people.suedAdmin.id}`)).statusCode).toBe(400);
    expect((await w.people.nordAdmin.client.put(`/api/v1/portal/deals/${w.deals.ownDeal.id}/access/${w.people.suedAdmin.id}`)).statusCode).toBe(400);
    expect((await w.people.nordAdmin.client.delete(`/api/v1/portal/deals/${w.deals.ownDeal.id}/access/${w.people.nordRep.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/v1/portal/deals/${w.deals.ownDeal.id}`)).statusCode).toBe(404);
  });

  it('lets partners change the fields their safelist makes editable and refuses the others by name', async () => {
    const c = w.people.nordAdmin.client;
    const ok = await c.patch(`/api/v1/portal/deals/${w.deals.ownDeal.id}`, { nextStep: 'Workshop on 12 Jan' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().nextStep).toBe('Workshop on 12 Jan');
    const refused = await c.patch(`/api/v1/portal/deals/${w.deals.ownDeal.id}`, { amount: { value: 1, currency: 'EUR' }, stage: 'closed_won' });
    expect(refused.statusCode).toBe(403);
    expect(fields(refused).sort()).toEqual(['body.amount', 'body.stage']);
    const staffView = (await w.api.get(`/api/v1/opportunities/${w.deals.ownDeal.id}`)).json();
    expect(staffView).toMatchObject({ nextStep: 'Workshop on 12 Jan', stage: 'qualification', amount: { value: 12000 } });
    const timeline = (await w.api.get(`/api/v1/opportunities/${w.deals.ownDeal.id}/timeline`)).json().data;
    expect(timeline[0]).toMatchObject({ kind: 'field_change', author: { kind: 'partner_user', id: w.people.nordAdmin.id } });
    expect((await c.patch(`/api/v1/portal/deals/${w.deals.ownDeal.id}`, {})).statusCode).toBe(400);
    expect((await c.patch(`/api/v1/portal/deals/${w.deals.ownDeal.id}`, { colour: 'red' })).statusCode).toBe(400);
  });

  it('posts a reply the vendor sees on the deal’s timeline, and never shows another partner’s replies', async () => {
    const reply = await w.people.nordAdmin.client.post(`/api/v1/portal/deals/${w.deals.shared.id}/timeline`, { body: 'Customer asked for a demo' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ body: 'Customer asked for a demo', authorName: 'Nora Nordwind', fromPartner: true });
    const staff = (await w.api.get(`/api/v1/opportunities/${w.deals.shared.id}/timeline`)).json().data;
    expect(staff[0]).toMatchObject({ kind: 'note', visibility: 'shared', body: 'Customer asked for a demo', author: { kind: 'partner_user' } });
    expect(staff.map((e: { body: string }) => e.body)).toContain(CANARY.otherPartnerReply);
    const theirs = await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${w.deals.shared.id}/timeline`);
    expect(theirs.body).toContain('Customer asked for a demo');
    expect(canariesIn(theirs.body)).toEqual([]);
    expect((await auditActions(h, w.ws)).map((e) => e.action)).toContain('opportunity.replied');
    expect((await w.people.nordAdmin.client.post(`/api/v1/portal/deals/${w.deals.shared.id}/timeline`, { body: '  ' })).statusCode).toBe(400);
  });

  it('shows shared tasks only and lets the partner update their status but not the due date', async () => {
    const c = w.people.nordAdmin.client;
    const tasks = await c.get(`/api/v1/portal/deals/${w.deals.shared.id}/tasks`);
    expect(tasks.statusCode).toBe(200);
    expect(tasks.json().data).toEqual([
      expect.objectContaining({
        id: w.sharedTask.id,
        title: 'Send a customer reference',
        status: 'open',
        dueDate: '2027-01-15',
        permissions: { editable: ['status'] },
      }),
    ]);
    expect(canariesIn(tasks.body)).toEqual([]);
    const done = await c.patch(`/api/v1/portal/tasks/${w.sharedTask.id}`, { status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done' });
    expect(done.json().completedAt).toBeTruthy();
    const due = await c.patch(`/api/v1/portal/tasks/${w.sharedTask.id}`, { dueDate: '2030-01-01' });
    expect(due.statusCode).toBe(403);
    expect(fields(due)).toEqual(['body.dueDate']);
    // Südlicht sees the deal but the task update is Nordwind's to make only on Nordwind's deals.
    expect((await w.people.nordAdmin.client.patch(`/api/v1/portal/tasks/${randomUUID()}`, { status: 'done' })).statusCode).toBe(404);
  });

  it('filters and sorts by visible fields and refuses filters on hidden ones, naming them', async () => {
    const c = w.people.nordAdmin.client;
    expect((await c.get('/api/v1/portal/deals?stage=qualification')).json().data.map((d: Deal) => d.name)).toEqual(['Alpha Wartung']);
    expect((await c.get('/api/v1/portal/deals?q=rollout')).json().data.map((d: Deal) => d.name)).toEqual(['Alpha Rollout']);
    expect((await c.get('/api/v1/portal/deals?sort=name&order=desc')).json().data.map((d: Deal) => d.name)).toEqual([
      'Alpha Wartung',
      'Alpha Rollout',
    ]);
    const page1 = (await c.get('/api/v1/portal/deals?limit=1')).json();
    const page2 = (await c.get(`/api/v1/portal/deals?limit=1&cursor=${page1.nextCursor}`)).json();
    expect([...page1.data, ...page2.data].map((d: Deal) => d.name)).toEqual(['Alpha Rollout', 'Alpha Wartung']);
    expect(fields(await c.get('/api/v1/portal/deals?stage=won&sort=amount'))).toEqual(expect.arrayContaining(['query.stage.0', 'query.sort']));
  });

  it('keeps the pipeline’s orders true when a deal changes, is deleted or comes back', async () => {
    const c = w.people.nordAdmin.client;
    const order = async (q: string) => (await c.get(`/api/v1/portal/deals?${q}`)).json().data.map((d: Deal) => d.name);
    await w.api.patch(`/api/v1/opportunities/${w.deals.shared.id}`, { closeDate: '2027-09-30', name: 'Zeta Rollout' });
    expect(await order('sort=closeDate')).toEqual(['Alpha Wartung', 'Zeta Rollout']);
    expect(await order('sort=name')).toEqual(['Alpha Wartung', 'Zeta Rollout']);
    await w.api.patch(`/api/v1/opportunities/${w.deals.ownDeal.id}`, { nextStep: 'Call back' });
    expect(await order('sort=updatedAt&order=desc')).toEqual(['Alpha Wartung', 'Zeta Rollout']);
    expect((await w.api.delete(`/api/v1/opportunities/${w.deals.ownDeal.id}`)).statusCode).toBe(204);
    expect(await order('sort=closeDate')).toEqual(['Zeta Rollout']);
    await w.api.post(`/api/v1/opportunities/${w.deals.ownDeal.id}/restore`);
    await w.api.patch(`/api/v1/opportunities/${w.deals.shared.id}`, { closeDate: '2027-03-15', name: 'Alpha Rollout' });
    expect(await order('sort=closeDate')).toEqual(['Alpha Rollout', 'Alpha Wartung']);
  });

  it('exports the partner’s deals as CSV with only the visible columns', async () => {
    const res = await w.people.nordAdmin.client.get('/api/v1/portal/deals/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const header = res.body.replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toBe(
      'id,name,accountName,stage,stageChangedAt,nextStep,nextStepUpdatedAt,ownerName,closeMonth,motion,partnerRole,attribution,share,protection,protectionExpiresAt,registrationNumber,lastActivityAt,createdAt,updatedAt',
    );
    expect(res.body).toContain('Alpha Rollout');
    expect(canariesIn(res.body)).toEqual([]);
  });

  it('publishes the rules of engagement in the reader’s language', async () => {
    const de = await w.people.nordAdmin.client.get('/api/v1/portal/rules-of-engagement?locale=de');
    expect(de.statusCode).toBe(200);
    expect(de.json()).toMatchObject({ locale: 'de', protectionDays: 90 });
    expect(de.json().rules.join(' ')).toContain('Registrieren Sie jeden Deal');
    const en = await h.api(w.nordKey).get('/api/v1/portal/rules-of-engagement');
    expect(en.json().rules.join(' ')).toContain('Register every deal');
  });
});
