import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, latestMail, newEmail } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { hashToken } from '../../auth/tokens.ts';
import { canariesIn, type PortalWorld, portalWorld } from '../portal/fixtures/portal-world.ts';
import { createLink, fakeWebDir, fieldsOf, recipient, secretOf, testClock } from './fixtures/share-world.ts';

let h: Harness;
let w: PortalWorld;
const clock = testClock();
const HOUR = 3_600_000;
const logLines: string[] = [];
const secrets: string[] = [];

beforeAll(async () => {
  h = await createHarness({ now: clock.now, webDir: fakeWebDir(), logTo: { write: (line) => logLines.push(line) } });
  w = await portalWorld(h, 'Sharing world');
});
afterAll(() => h?.close());

const dealLink = async (extra: Record<string, unknown> = {}) => {
  const link = await createLink(h, w.ws, {
    entityType: 'opportunity',
    entityId: w.deals.shared.id,
    recipientEmail: newEmail('rita'),
    recipientName: 'Rita Recipient',
    ...extra,
  });
  secrets.push(secretOf(link.token));
  return link;
};

describe('staff: create, list and revoke share links', () => {
  it('answers 401 without credentials, 403 to those who may not share, and 404 for a record or link that is not there', async () => {
    const body = { entityType: 'opportunity', entityId: w.deals.shared.id, recipientEmail: 'x@example.com' };
    expect((await h.api(undefined).post('/api/v1/share-links', body)).statusCode).toBe(401);
    expect((await h.api(undefined).get('/api/v1/share-links')).statusCode).toBe(401);
    expect((await h.api(undefined).delete(`/api/v1/share-links/${randomUUID()}`)).statusCode).toBe(401);
    // A partner's key and a partner user are not staff.
    expect((await h.api(w.nordKey).post('/api/v1/share-links', body)).statusCode).toBe(403);
    expect((await h.api(w.nordKey).get('/api/v1/share-links')).statusCode).toBe(403);
    expect((await w.people.nordAdmin.client.post('/api/v1/share-links', body)).statusCode).toBe(403);
    // A read-only key sees links but may not create or revoke them.
    const reader = (await h.api(w.ws.apiKey).post('/api/v1/api-keys', { name: 'CRM reader', scopes: ['crm:read'] })).json().key as string;
    expect((await h.api(reader).post('/api/v1/share-links', body)).statusCode).toBe(403);
    expect((await h.api(reader).get('/api/v1/share-links')).statusCode).toBe(200);
    expect((await h.api(reader).delete(`/api/v1/share-links/${randomUUID()}`)).statusCode).toBe(403);

    const missing = await h.api(w.ws.apiKey).post('/api/v1/share-links', { ...body, entityId: randomUUID() });
    expect(missing.statusCode).toBe(404);
    expect(fieldsOf(missing)).toEqual(['body.entityId']);
    expect((await h.api(w.ws.apiKey).delete(`/api/v1/share-links/${randomUUID()}`)).statusCode).toBe(404);
    // Another workspace's deal is not there either.
    const other = await h.workspace('Elsewhere');
    expect((await h.api(other.apiKey).post('/api/v1/share-links', body)).statusCode).toBe(404);
  });

  it('creates a link: 201 with id, url and expiry (7 days by default), the deal’s partner, and an email with the link', async () => {
    const email = newEmail('rita');
    const res = await h.api(w.ws.apiKey).post('/api/v1/share-links', {
      entityType: 'opportunity',
      entityId: w.deals.shared.id,
      recipientEmail: email.toUpperCase(),
      recipientName: 'Rita Recipient',
    });
    expect(res.statusCode, res.body).toBe(201);
    const link = res.json();
    expect(link).toMatchObject({ id: expect.any(String), url: expect.stringMatching(/^http:\/\/tandem\.test\/s\/[0-9a-f]{32}\.[\w-]{43}$/) });
    expect(new Date(link.expiresAt).getTime()).toBe(clock.now().getTime() + 168 * HOUR);
    // The sourced partner's safelist applies; the address is kept in lower case.
    expect(link).toMatchObject({ partnerId: w.partners.nordwind.id, recipientEmail: email, status: 'active', allowedActions: [] });
    secrets.push(secretOf(link.url.split('/s/')[1]));

    const mail = await latestMail(h, w.ws, email);
    expect(mail.template).toBe('share_link');
    expect(mail.subject).toContain('Alpha Rollout');
    expect(mail.text).toContain(link.url);
    expect(canariesIn(mail.text + mail.html)).toEqual([]);

    const listed = await h.api(w.ws.apiKey).get(`/api/v1/share-links?entityType=opportunity&entityId=${w.deals.shared.id}`);
    expect(listed.statusCode).toBe(200);
    const mine = listed.json().data.find((l: { id: string }) => l.id === link.id);
    expect(mine).toMatchObject({ status: 'active', accessCount: 0, lastAccessedAt: null, acknowledgedAt: null, createdBy: 'Initial admin key' });
    expect(mine).not.toHaveProperty('url');
  });

  it('sends no email when told not to, and refuses a partner that holds no role on the deal, naming the field', async () => {
    const email = newEmail('quiet');
    await createLink(h, w.ws, { entityType: 'opportunity', entityId: w.deals.ownDeal.id, recipientEmail: email, notify: false });
    expect((await h.api(w.ws.apiKey).get(`/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`)).json().data).toEqual([]);
    const res = await h.api(w.ws.apiKey).post('/api/v1/share-links', {
      entityType: 'opportunity',
      entityId: w.deals.ownDeal.id,
      partnerId: w.partners.suedlicht.id,
      recipientEmail: email,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.partnerId']);
  });

  it('stores the token only hashed and writes it into no audit event', async () => {
    const link = await dealLink();
    const row = await h.ownerDb.selectFrom('shareLinks').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(hashToken(secretOf(link.token)));
    expect(JSON.stringify(row)).not.toContain(secretOf(link.token));
    const events = await h.ownerDb.selectFrom('auditEvents').selectAll().where('workspaceId', '=', w.ws.workspaceId).execute();
    expect(events.some((e) => e.action === 'share_link.created' && e.entityId === link.id)).toBe(true);
    const audit = JSON.stringify(events);
    for (const secret of secrets) expect(audit).not.toContain(secret);
  });

  it('refuses an expiry above the workspace maximum, naming the field, and accepts the maximum', async () => {
    const base = { entityType: 'opportunity', entityId: w.deals.shared.id, recipientEmail: newEmail('long') };
    const tooLong = await h.api(w.ws.apiKey).post('/api/v1/share-links', { ...base, expiresInHours: 721 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([{ field: 'body.expiresInHours', message: 'must be at most 720 hours (30 days)' }]);
    const zero = await h.api(w.ws.apiKey).post('/api/v1/share-links', { ...base, expiresInHours: 0 });
    expect(fieldsOf(zero)).toEqual(['body.expiresInHours']);
    const max = await dealLink({ expiresInHours: 720 });
    expect(new Date(max.expiresAt).getTime()).toBe(clock.now().getTime() + 720 * HOUR);
  });

  it('refuses comments and task updates on records other than deals, naming the field', async () => {
    const res = await h.api(w.ws.apiKey).post('/api/v1/share-links', {
      entityType: 'account',
      entityId: w.account.id,
      recipientEmail: newEmail('acc'),
      allowedActions: ['acknowledge', 'comment'],
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.allowedActions']);
    const list = await h.api(w.ws.apiKey).post('/api/v1/share-links', { entityType: 'opportunity_list', recipientEmail: newEmail('list') });
    expect(fieldsOf(list)).toEqual(['body.partnerId']);
  });
});

describe('the recipient’s page and record', () => {
  it('GET /s/{token} serves the web app with no referrer, and no cache', async () => {
    const link = await dealLink();
    const res = await recipient(h, link.token).page();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('tandem web app');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows the shared deal through the partner’s safelist only: no hidden field, internal entry or other partner', async () => {
    const link = await dealLink();
    const r = recipient(h, link.token);
    const meta = await r.get('/meta');
    expect(meta.statusCode, meta.body).toBe(200);
    expect(meta.headers['referrer-policy']).toBe('no-referrer');
    expect(meta.json()).toMatchObject({ entityType: 'opportunity', requiresCode: false, verified: true, recipientName: 'Rita Recipient' });
    expect(meta.json().recipientHint).toMatch(/^r•••@e•••\.com$/);
    expect(meta.json().workspace).toMatchObject({ name: 'Sharing world', branding: { productName: null, faviconUrl: null } });

    const record = await r.get();
    expect(record.statusCode, record.body).toBe(200);
    expect(record.headers['referrer-policy']).toBe('no-referrer');
    const deal = record.json().deal;
    expect(deal).toMatchObject({ id: w.deals.shared.id, name: 'Alpha Rollout', stage: 'proposal', nextStep: 'Send the proposal' });
    for (const hidden of ['amount', 'description', 'otherPartners', 'probability', 'contactRoles']) expect(deal).not.toHaveProperty(hidden);

    const timeline = await r.get('/timeline');
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().data.map((e: { body?: string }) => e.body)).toContain('Kick-off booked for Monday');
    const tasks = await r.get('/tasks');
    expect(tasks.json().data.map((t: { title?: string }) => t.title)).toEqual(['Send a customer reference']);
    expect(canariesIn(meta.body + record.body + timeline.body + tasks.body)).toEqual([]);
  });

  it('audits each access with time and IP, and counts it', async () => {
    const link = await dealLink();
    const before = clock.now().toISOString();
    expect((await recipient(h, link.token, { ip: '203.0.113.7' }).get()).statusCode).toBe(200);
    clock.advance(60_000);
    expect((await recipient(h, link.token, { ip: '198.51.100.23' }).get()).statusCode).toBe(200);
    const events = (await auditActions(h, w.ws, `&entityId=${link.id}&action=share_link.accessed`)) as unknown as {
      ip: string;
      occurredAt: string;
      actorKind: string;
    }[];
    expect(events.map((e) => e.ip).sort()).toEqual(['198.51.100.23', '203.0.113.7']);
    expect(events.every((e) => e.actorKind === 'share_link' && e.occurredAt >= before)).toBe(true);
    const listed = (await h.api(w.ws.apiKey).get(`/api/v1/share-links?entityId=${w.deals.shared.id}`))
      .json()
      .data.find((l: { id: string }) => l.id === link.id);
    expect(listed).toMatchObject({ accessCount: 2, lastAccessedAt: clock.now().toISOString() });
  });

  it('shows an account, a lead and a partner’s filtered deals through the safelist', async () => {
    const account = await createLink(h, w.ws, { entityType: 'account', entityId: w.account.id, recipientEmail: newEmail('a') });
    const a = await recipient(h, account.token).get();
    expect(a.json().account).toMatchObject({ name: 'Kunde Alpha GmbH', industry: 'Maschinenbau' });
    expect(a.json().account).not.toHaveProperty('description');

    const lead = (
      await w.api.post('/api/v1/leads', { firstName: 'Lena', lastName: 'Lead', company: 'Lead Co', partnerId: w.partners.nordwind.id })
    ).json();
    const leadLink = await createLink(h, w.ws, { entityType: 'lead', entityId: lead.id, recipientEmail: newEmail('l') });
    expect(leadLink.partnerId).toBe(w.partners.nordwind.id);
    expect((await recipient(h, leadLink.token).get()).json().lead).toMatchObject({ firstName: 'Lena', company: 'Lead Co' });

    const list = await createLink(h, w.ws, {
      entityType: 'opportunity_list',
      partnerId: w.partners.nordwind.id,
      view: { stage: ['proposal'] },
      recipientEmail: newEmail('list'),
    });
    const deals = await recipient(h, list.token).get();
    expect(deals.json().deals.map((d: { name: string }) => d.name)).toEqual(['Alpha Rollout']);
    expect((await recipient(h, list.token).get('/timeline')).statusCode).toBe(404);
    expect(canariesIn(a.body + deals.body)).toEqual([]);
    secrets.push(...[account, leadLink, list].map((l) => secretOf(l.token)));
  });
});

describe('expired, revoked and unknown links', () => {
  it('answers 410 once the clock passes the expiry, with a page that says so and shows nothing of the record', async () => {
    const link = await dealLink({ expiresInHours: 1 });
    expect((await recipient(h, link.token).get()).statusCode).toBe(200);
    clock.advance(HOUR + 1000);
    const page = await recipient(h, link.token).page();
    expect(page.statusCode).toBe(410);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('This link has expired');
    expect(page.body).not.toContain('Alpha Rollout');
    expect(canariesIn(page.body)).toEqual([]);
    for (const sub of ['', '/meta', '/timeline', '/tasks']) {
      const res = await recipient(h, link.token).get(sub);
      expect(res.statusCode).toBe(410);
      expect(res.json()).toMatchObject({ code: 'gone', reason: 'expired' });
      expect(res.body).not.toContain('Alpha Rollout');
    }
    const listed = (await h.api(w.ws.apiKey).get('/api/v1/share-links')).json().data.find((l: { id: string }) => l.id === link.id);
    expect(listed.status).toBe('expired');
  });

  it('answers 410 "withdrawn" after revocation, which is audited and repeatable', async () => {
    const link = await dealLink();
    expect((await h.api(w.ws.apiKey).delete(`/api/v1/share-links/${link.id}`)).statusCode).toBe(204);
    expect((await h.api(w.ws.apiKey).delete(`/api/v1/share-links/${link.id}`)).statusCode).toBe(204);
    const page = await recipient(h, link.token).page();
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This link was withdrawn');
    expect(page.body).not.toContain('Alpha Rollout');
    const api = await recipient(h, link.token).get('/meta');
    expect(api.statusCode).toBe(410);
    expect(api.json().reason).toBe('revoked');
    const revoked = await auditActions(h, w.ws, `&entityId=${link.id}&action=share_link.revoked`);
    expect(revoked).toHaveLength(1);
    const listed = (await h.api(w.ws.apiKey).get('/api/v1/share-links')).json().data.find((l: { id: string }) => l.id === link.id);
    expect(listed).toMatchObject({ status: 'revoked', revokedAt: clock.now().toISOString() });
  });

  it('says so in the workspace’s language', async () => {
    const ws = await h.workspace('Deutscher Arbeitsbereich');
    expect((await h.api(ws.apiKey).patch('/api/v1/workspace', { locale: 'de' })).statusCode).toBe(200);
    const account = (await h.api(ws.apiKey).post('/api/v1/accounts', { name: 'Kunde Beta GmbH' })).json();
    const email = newEmail('de');
    const link = await createLink(h, ws, { entityType: 'account', entityId: account.id, recipientEmail: email });
    secrets.push(secretOf(link.token));
    const mail = await latestMail(h, ws, email);
    expect(mail.subject).toContain('hat „Kunde Beta GmbH“ mit Ihnen geteilt');
    await h.api(ws.apiKey).delete(`/api/v1/share-links/${link.id}`);
    const page = await recipient(h, link.token).page();
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Dieser Link wurde zurückgezogen');
    expect(page.body).toContain('lang="de"');
  });

  it('answers 404 for an unknown or malformed token, on the page and the API', async () => {
    const unknown = `${w.ws.workspaceId.replaceAll('-', '')}.${'A'.repeat(43)}`;
    for (const token of [unknown, 'not-a-token-at-all']) {
      const page = await recipient(h, token).page();
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('This link does not exist');
      expect((await recipient(h, token).get('/meta')).statusCode).toBe(404);
    }
  });
});

describe('logs', () => {
  it('never write a token into the request log lines', async () => {
    // Every link of this file was opened, refused or revoked above: the lines are there.
    expect(logLines.some((l) => l.includes('/s/[redacted]'))).toBe(true);
    expect(logLines.some((l) => l.includes('/api/v1/shared/[redacted]'))).toBe(true);
    const all = logLines.join('\n');
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
