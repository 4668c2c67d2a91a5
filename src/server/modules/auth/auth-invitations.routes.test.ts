import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  invitePartnerUser,
  inviteStaff,
  latestMail,
  login,
  mailCount,
  newEmail,
  passwordSession,
  requestLink,
  tokenIn,
  toSession,
  verifyLink,
  type Ws,
} from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

describe('staff invitations', () => {
  let ws: Ws;
  beforeAll(async () => {
    ws = await h.workspace('Invitational');
  });

  it('invites a sales user who signs in through the emailed link and sees role sales', async () => {
    const email = newEmail('sales');
    const res = await h.api(ws.apiKey).post('/api/v1/users', { email: email.toUpperCase(), name: 'Sam Sales', role: 'sales' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, name: 'Sam Sales', role: 'sales', status: 'active' });

    const mail = await latestMail(h, ws, email);
    expect(mail).toMatchObject({ template: 'staff_invite', status: 'mailbox', subject: 'You have been invited to Invitational on Tandem' });
    expect(mail.text).toContain('Initial admin key invited you');
    const s = toSession(await verifyLink(h, tokenIn(mail.text)));
    expect(s.me.actor).toMatchObject({ kind: 'staff', id: res.json().id, email, name: 'Sam Sales', role: 'sales' });
    expect(s.me.permissions).toEqual({
      manageWorkspace: false,
      manageUsers: false,
      managePartners: false,
      readAudit: false,
      readMailbox: false,
      manageApiKeys: false,
    });
    const me = await as(h, s).get('/api/v1/me');
    expect(me.json().actor.role).toBe('sales');
    expect((await as(h, s).get('/api/v1/partners')).statusCode).toBe(200);
  });

  it('names the inviting person in the invitation when an admin invites from a session', async () => {
    const admin = await passwordSession(h, ws.adminEmail);
    const email = newEmail('revops');
    expect((await as(h, admin).post('/api/v1/users', { email, name: 'Rita Revops', role: 'revops' })).statusCode).toBe(201);
    expect((await latestMail(h, ws, email)).text).toContain('Ada Admin invited you');
  });

  it('refuses to invite someone who is already a member with 409', async () => {
    const res = await h.api(ws.apiKey).post('/api/v1/users', { email: ws.adminEmail, name: 'Again', role: 'sales' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('conflict');
    expect(res.json().errors).toEqual([{ field: 'body.email', message: 'is already a member' }]);
  });

  it('forbids a sales user to change the workspace or invite users', async () => {
    const sales = await inviteStaff(h, ws, 'sales');
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, sales.email)).text)));
    const patch = await as(h, s).patch('/api/v1/workspace', { name: 'Taken over' });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().code).toBe('forbidden');
    const invite = await as(h, s).post('/api/v1/users', { email: newEmail('friend'), name: 'Friend', role: 'admin' });
    expect(invite.statusCode).toBe(403);
    expect(invite.json().code).toBe('forbidden');
    const promote = await as(h, s).patch(`/api/v1/users/${sales.id}`, { role: 'admin' });
    expect(promote.statusCode).toBe(403);
    expect((await h.api(ws.apiKey).get('/api/v1/workspace')).json().name).toBe('Invitational');
    const users = (await h.api(ws.apiKey).get('/api/v1/users')).json().data;
    expect(users.find((u: { id: string }) => u.id === sales.id).role).toBe('sales');
  });

  it('ends the existing session of a user at once when they are deactivated, and sends them no more links', async () => {
    const sales = await inviteStaff(h, ws, 'sales');
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, sales.email)).text)));
    expect((await as(h, s).get('/api/v1/me')).statusCode).toBe(200);

    const res = await h.api(ws.apiKey).patch(`/api/v1/users/${sales.id}`, { status: 'deactivated' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: sales.id, status: 'deactivated' });
    const me = await as(h, s).get('/api/v1/me');
    expect(me.statusCode).toBe(401);

    const before = await mailCount(h, ws, sales.email);
    expect((await requestLink(h, { email: sales.email, workspace: ws.slug })).statusCode).toBe(202);
    expect(await mailCount(h, ws, sales.email)).toBe(before);
  });

  it('refuses the invitation link of a user deactivated before they used it', async () => {
    const sales = await inviteStaff(h, ws, 'sales');
    const token = tokenIn((await latestMail(h, ws, sales.email)).text);
    await h.api(ws.apiKey).patch(`/api/v1/users/${sales.id}`, { status: 'deactivated' });
    const res = await verifyLink(h, token);
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('gone');
    // Reactivated, the unused link works again.
    await h.api(ws.apiKey).patch(`/api/v1/users/${sales.id}`, { status: 'active' });
    expect(toSession(await verifyLink(h, token)).me.actor.id).toBe(sales.id);
  });

  it('does not let an admin deactivate themselves or drop their own admin role (409)', async () => {
    const admin = await passwordSession(h, ws.adminEmail);
    const off = await as(h, admin).patch(`/api/v1/users/${ws.adminUserId}`, { status: 'deactivated' });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe('conflict');
    const demote = await as(h, admin).patch(`/api/v1/users/${ws.adminUserId}`, { role: 'sales' });
    expect(demote.statusCode).toBe(409);
    expect((await as(h, admin).get('/api/v1/me')).json().actor).toMatchObject({ role: 'admin' });
  });

  it('lets one admin deactivate another admin from a session', async () => {
    const second = await inviteStaff(h, ws, 'admin', 'Second Admin');
    const s2 = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, second.email)).text)));
    const admin = await passwordSession(h, ws.adminEmail);
    const res = await as(h, admin).patch(`/api/v1/users/${second.id}`, { status: 'deactivated' });
    expect(res.statusCode).toBe(200);
    expect((await as(h, s2).get('/api/v1/me')).statusCode).toBe(401);
  });

  // BUG: updateStaff always runs `update workspace_members set <role/status>`; with neither given
  // the statement has an empty SET list → 500 for a body the schema accepts.
  it('answers an empty PATCH /api/v1/users/:id without an error and changes nothing', async () => {
    const sales = await inviteStaff(h, ws, 'sales');
    const res = await h.api(ws.apiKey).patch(`/api/v1/users/${sales.id}`, {});
    expect([200, 400]).toContain(res.statusCode);
    const users = (await h.api(ws.apiKey).get('/api/v1/users')).json().data;
    expect(users.find((u: { id: string }) => u.id === sales.id)).toMatchObject({ role: 'sales', status: 'active' });
  });

  it('changes a member role, which their open session sees at once', async () => {
    const pm = await inviteStaff(h, ws, 'sales');
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, pm.email)).text)));
    expect((await as(h, s).post('/api/v1/partners', { name: 'Not yet', type: 'reseller' })).statusCode).toBe(403);
    const res = await h.api(ws.apiKey).patch(`/api/v1/users/${pm.id}`, { role: 'partner_manager' });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('partner_manager');
    const me = (await as(h, s).get('/api/v1/me')).json();
    expect(me.actor.role).toBe('partner_manager');
    expect(me.permissions.managePartners).toBe(true);
    expect((await as(h, s).post('/api/v1/partners', { name: 'Now allowed', type: 'reseller' })).statusCode).toBe(201);
  });

  it('answers 404 for a user of another workspace', async () => {
    const other = await h.workspace();
    const res = await h.api(ws.apiKey).patch(`/api/v1/users/${other.adminUserId}`, { status: 'deactivated' });
    expect(res.statusCode).toBe(404);
    expect((await passwordSession(h, other.adminEmail)).me.actor.id).toBe(other.adminUserId);
  });
});

describe('partner users', () => {
  let ws: Ws;
  beforeAll(async () => {
    ws = await h.workspace('Partnerland');
  });

  it('invites a partner user who signs in through the emailed link as partner_user with the partner in Me', async () => {
    const { email, id, partner, res } = await invitePartnerUser(h, ws, 'Nordlicht GmbH');
    expect(res.json()).toMatchObject({ partnerId: partner.id, email, name: 'Pia Partner', role: 'partner_rep', status: 'invited' });

    const mail = await latestMail(h, ws, email);
    expect(mail).toMatchObject({ template: 'partner_invite', subject: 'Partnerland invites you to its partner portal' });
    expect(mail.text).toContain('for Nordlicht GmbH');
    const s = toSession(await verifyLink(h, tokenIn(mail.text)));
    expect(s.me.actor).toMatchObject({
      kind: 'partner_user',
      id,
      email,
      name: 'Pia Partner',
      role: 'partner_rep',
      partner: { id: partner.id, name: 'Nordlicht GmbH' },
    });
    expect(s.me.workspace.id).toBe(ws.workspaceId);
    expect(Object.values(s.me.permissions).every((v) => v === false)).toBe(true);
    expect((await as(h, s).get('/api/v1/me')).json().actor.partner).toEqual({ id: partner.id, name: 'Nordlicht GmbH' });

    const listed = (await h.api(ws.apiKey).get(`/api/v1/partners/${partner.id}/users`)).json().data;
    expect(listed).toEqual([expect.objectContaining({ id, status: 'active' })]);
  });

  it('keeps staff-only endpoints closed to a partner user (403)', async () => {
    const { email } = await invitePartnerUser(h, ws);
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, email)).text)));
    for (const url of ['/api/v1/partners', '/api/v1/audit-events', '/api/v1/workspace', '/api/v1/users', '/api/v1/dev/mailbox']) {
      const res = await as(h, s).get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('forbidden');
    }
    const write = await as(h, s).post('/api/v1/partners', { name: 'Sneaky', type: 'reseller' });
    expect(write.statusCode).toBe(403);
  });

  it('lets a partner user set a password and log in with it only when the workspace slug is given', async () => {
    const { email, partner } = await invitePartnerUser(h, ws);
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, email)).text)));
    const newPassword = 'partner password 1';

    const noCsrf = await as(h, s, { csrf: false }).post('/api/v1/auth/password', { newPassword });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    const tooShort = await as(h, s).post('/api/v1/auth/password', { newPassword: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].field).toBe('body.newPassword');
    expect((await as(h, s).post('/api/v1/auth/password', { newPassword })).statusCode).toBe(204);

    const withoutSlug = await login(h, { email, password: newPassword });
    expect(withoutSlug.statusCode).toBe(401);
    expect(withoutSlug.json().code).toBe('invalid_credentials');
    const other = await h.workspace();
    expect((await login(h, { email, password: newPassword, workspace: other.slug })).statusCode).toBe(401);
    expect((await login(h, { email, password: newPassword, workspace: 'no-such-workspace' })).statusCode).toBe(401);

    const p = await passwordSession(h, email, newPassword, ws.slug);
    expect(p.me.actor).toMatchObject({ kind: 'partner_user', email, partner: { id: partner.id } });
    expect((await as(h, p).get('/api/v1/me')).statusCode).toBe(200);

    // With a password set, changing it needs the current one.
    const noCurrent = await as(h, p).post('/api/v1/auth/password', { newPassword: 'another password 2' });
    expect(noCurrent.statusCode).toBe(400);
    expect(noCurrent.json().errors).toEqual([{ field: 'body.currentPassword', message: 'is wrong' }]);
    expect((await as(h, p).post('/api/v1/auth/password', { currentPassword: newPassword, newPassword: 'another password 2' })).statusCode).toBe(204);
    expect((await login(h, { email, password: newPassword, workspace: ws.slug })).statusCode).toBe(401);
    expect((await login(h, { email, password: 'another password 2', workspace: ws.slug })).statusCode).toBe(200);
  });

  it('locks a partner user after five failed logins too', async () => {
    const { email, id } = await invitePartnerUser(h, ws);
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, email)).text)));
    expect((await as(h, s).post('/api/v1/auth/password', { newPassword: 'partner password 1' })).statusCode).toBe(204);
    for (let i = 0; i < 5; i++) {
      expect((await login(h, { email, password: `wrong ${i} password`, workspace: ws.slug })).statusCode).toBe(401);
    }
    const row = await h.ownerDb.selectFrom('partnerUsers').select(['failedLogins', 'lockedUntil']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.failedLogins).toBe(5);
    expect(row.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const right = await login(h, { email, password: 'partner password 1', workspace: ws.slug });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('invalid_credentials');
  });

  it('sends a partner user a sign-in link only when the workspace slug is given', async () => {
    const { email } = await invitePartnerUser(h, ws);
    const before = await mailCount(h, ws, email);
    expect((await requestLink(h, { email })).statusCode).toBe(202);
    expect(await mailCount(h, ws, email)).toBe(before);
    expect((await requestLink(h, { email, workspace: ws.slug })).statusCode).toBe(202);
    expect(await mailCount(h, ws, email)).toBe(before + 1);
    const mail = await latestMail(h, ws, email);
    expect(mail.template).toBe('magic_link');
    expect(toSession(await verifyLink(h, tokenIn(mail.text))).me.actor.kind).toBe('partner_user');
  });

  it('ends partner user sessions when their partner is deleted', async () => {
    const { email, partner } = await invitePartnerUser(h, ws);
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, email)).text)));
    expect((await h.api(ws.apiKey).delete(`/api/v1/partners/${partner.id}`)).statusCode).toBe(204);
    expect((await as(h, s).get('/api/v1/me')).statusCode).toBe(401);
  });

  // BUG: verifyMagicLink checks only the partner user's status, not whether their partner was
  // deleted; the session it opens is then refused by resolveSession and meAfterLogin throws
  // "session vanished right after login" → 500 instead of 410.
  it('answers 410 for an invitation link whose partner was deleted before it was used', async () => {
    const { email, partner } = await invitePartnerUser(h, ws);
    const token = tokenIn((await latestMail(h, ws, email)).text);
    expect((await h.api(ws.apiKey).delete(`/api/v1/partners/${partner.id}`)).statusCode).toBe(204);
    const res = await verifyLink(h, token);
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('gone');
  });
});
