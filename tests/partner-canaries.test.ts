import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, canariesIn, type PortalWorld, portalWorld } from '../src/server/modules/portal/fixtures/portal-world.ts';
import { createHarness, type Harness } from './setup/harness.ts';

/**
 * GOV-1's proof: records full of canary values in hidden fields, staff-only records and another
 * partner's data; then every registered API route is called by every partner-side actor — a
 * partner admin and a partner rep (signed in), a partner API key, and the recipients of share
 * links — with every id of the world in its path, and no response body may hold a canary. The
 * emails partners and recipients received are checked the same way.
 */

let h: Harness;
let w: PortalWorld;
let tokens: string[] = [];
let ids: Record<string, string[]> = {};

/** Bodies that let a partner's writes succeed where they may, so their answers are checked too. */
const BODIES: [RegExp, unknown][] = [
  [/^PATCH \/api\/v1\/portal\/deals\/:id$/, { nextStep: 'Canary check' }],
  [/^POST \/api\/v1\/portal\/deals\/:id\/timeline$/, { body: 'Canary check reply' }],
  [/^PATCH \/api\/v1\/portal\/tasks\/:id$/, { status: 'in_progress' }],
  [/^PATCH \/api\/v1\/shared\/:token\/tasks\/:taskId$/, { status: 'in_progress' }],
  [/^POST \/api\/v1\/shared\/:token\/comments$/, { body: 'Canary check comment' }],
  [/^POST \/api\/v1\/duplicate-check$/, { companyName: 'Kunde Alpha GmbH', domain: 'kunde-alpha.example' }],
];
// Calls that would end the caller's own session before the run is over.
const SKIP = /^POST \/api\/v1\/auth\/(logout|logout-all|password)$/;

function combos(url: string): string[] {
  let out = [url];
  for (const [, name] of url.matchAll(/:(\w+)/g)) {
    const values = ids[name] ?? ids.id;
    out = out.flatMap((u) => values.map((v) => u.replace(`:${name}`, v)));
  }
  return out;
}

beforeAll(async () => {
  h = await createHarness();
  w = await portalWorld(h, 'Canaries');
  const staff = w.api;
  await staff.put(`/api/v1/opportunities/${w.deals.shared.id}/partner-access/${w.people.nordRep.id}`);
  const tasks = (await staff.get(`/api/v1/opportunities/${w.deals.shared.id}/tasks`)).json().data.map((t: { id: string }) => t.id);
  const lead = (
    await staff.post('/api/v1/leads', { firstName: 'Lea', lastName: 'Lead', company: 'Lead Co GmbH', partnerId: w.partners.nordwind.id })
  ).json();
  const share = async (body: Record<string, unknown>) => {
    const res = await staff.post('/api/v1/share-links', { recipientEmail: 'recipient@customer.example', notify: true, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().url.split('/s/')[1] as string;
  };
  tokens = [
    await share({
      entityType: 'opportunity',
      entityId: w.deals.shared.id,
      partnerId: w.partners.nordwind.id,
      allowedActions: ['comment', 'acknowledge', 'update_task'],
    }),
    await share({ entityType: 'opportunity', entityId: w.deals.shared.id, allowedActions: ['comment'] }),
    await share({ entityType: 'opportunity_list', partnerId: w.partners.nordwind.id, view: { stage: ['proposal', 'qualification'] } }),
    await share({ entityType: 'account', entityId: w.account.id, partnerId: w.partners.nordwind.id, allowedActions: ['acknowledge'] }),
    await share({ entityType: 'lead', entityId: lead.id }),
  ];
  // Registrations: Südlicht claims a company first (its notes hidden from Nordwind), Nordwind claims
  // it second, and staff approve Nordwind's over the conflict policy with a staff-only reason.
  const register = async (who: 'suedAdmin' | 'nordAdmin', notes: string) => {
    const res = await w.people[who].client.post('/api/v1/registrations', {
      company: { name: 'Zielkunde Kanarien GmbH', domain: 'zielkunde-kanarien.example' },
      contact: { name: 'Zora Ziel', email: 'zora@zielkunde-kanarien.example' },
      motion: 'services',
      amount: { value: 12500, currency: 'EUR' },
      expectedCloseDate: '2027-09-30',
      notes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const firstClaim = await register('suedAdmin', CANARY.otherPartnerRegistration);
  const secondClaim = await register('nordAdmin', 'Our own notes');
  const approved = await staff.post(`/api/v1/registrations/${secondClaim}/approve`, { override: { reason: CANARY.overrideReason } });
  expect(approved.statusCode, approved.body).toBe(200);
  const everyId = [
    firstClaim,
    secondClaim,
    ...Object.values(w.deals).map((d) => d.id),
    w.account.id,
    w.contact.id,
    lead.id,
    ...tasks,
    w.partners.nordwind.id,
    w.partners.suedlicht.id,
    w.sharedNote.id,
  ];
  const people = Object.values(w.people).map((p) => p.id);
  ids = { id: everyId, userId: people, partnerUserId: people, taskId: tasks, token: tokens, slug: [w.ws.slug] };
});
afterAll(() => h?.close());

describe('no hidden value reaches a partner', () => {
  it('leaves no canary in any response of any route to partner admins, reps, partner keys and share-link recipients', async () => {
    const callers: [string, (method: string, url: string, body: unknown) => Promise<LightMyRequestResponse>][] = [
      ['partner admin', (m, u, b) => w.people.nordAdmin.client[m.toLowerCase() as 'post'](u, b)],
      ['partner rep', (m, u, b) => w.people.nordRep.client[m.toLowerCase() as 'post'](u, b)],
      [
        'partner key',
        (m, u, b) => h.http.inject({ method: m as 'GET', url: u, payload: b as never, headers: { authorization: `Bearer ${w.nordKey}` } }),
      ],
      ['link recipient', (m, u, b) => h.http.inject({ method: m as 'GET', url: u, payload: b as never })],
    ];
    const routes = h.http.routeTable.filter((r) => r.url.startsWith('/api/v1') && r.auth !== 'public' && !SKIP.test(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    let calls = 0;
    let answered = 0;
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : (BODIES.find(([re]) => re.test(key))?.[1] ?? {});
      for (const url of combos(r.url)) {
        for (const [who, call] of callers) {
          const res = await call(r.method, url, body);
          calls++;
          if (res.statusCode < 300) answered++;
          const found = canariesIn(res.body);
          if (found.length) leaks.push(`${who} ${r.method} ${url} → ${res.statusCode}: ${found.join(', ')}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The sweep reached real data, not only refusals.
    expect(calls).toBeGreaterThan(2_000);
    expect(answered).toBeGreaterThan(100);
  });

  it('leaves no canary in the emails partners and share-link recipients received', async () => {
    const messages = await h.ownerDb
      .selectFrom('emailMessages')
      .select(['toAddress', 'subject', 'textBody', 'htmlBody', 'template'])
      .where('workspaceId', '=', w.ws.workspaceId)
      .execute();
    const partnerSide = messages.filter((m) => m.toAddress !== w.ws.adminEmail);
    expect(partnerSide.map((m) => m.template)).toEqual(expect.arrayContaining(['partner_invite', 'share_link']));
    // Südlicht's own people may of course read Südlicht's name.
    const own = (to: string) => (to === w.people.suedAdmin.email ? [CANARY.otherPartner, CANARY.otherPartnerRegistration] : []);
    for (const m of partnerSide) {
      expect(canariesIn(`${m.subject}\n${m.textBody}\n${m.htmlBody}`, own(m.toAddress)), `${m.template} to ${m.toAddress}`).toEqual([]);
    }
  });
});
