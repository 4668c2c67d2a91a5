import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  auditActions,
  freshIp,
  invitePartnerUser,
  inviteStaff,
  latestMail,
  login,
  mailboxSession,
  PASSWORD,
  passwordSession,
  requestLink,
  sessionCookie,
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

describe('sessions and CSRF', () => {
  let ws: Ws;
  beforeAll(async () => {
    ws = await h.workspace();
  });

  it('answers GET /api/v1/me with the cookie alone, and 401 without it', async () => {
    const s = await passwordSession(h, ws.adminEmail);
    const res = await as(h, s, { csrf: false }).get('/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(s.me);
    const anon = await h.http.inject({ method: 'GET', url: '/api/v1/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('unauthenticated');
    const garbage = await h.http.inject({ method: 'GET', url: '/api/v1/me', cookies: { tandem_session: 'not-a-session' } });
    expect(garbage.statusCode).toBe(401);
  });

  it('refuses a session cookie rewritten to name another workspace', async () => {
    const other = await h.workspace();
    const s = await passwordSession(h, ws.adminEmail);
    const [, secret] = s.token.split('.');
    const forged = `${other.workspaceId.replaceAll('-', '')}.${secret}`;
    const res = await as(h, { token: forged, csrf: s.csrf }).get('/api/v1/me');
    expect(res.statusCode).toBe(401);
  });

  it('refuses a PATCH with the cookie but without or with a wrong X-CSRF-Token (403 csrf_failed), and accepts it with the right one', async () => {
    const s = await passwordSession(h, ws.adminEmail);
    const missing = await as(h, s, { csrf: false }).patch('/api/v1/me', { name: 'Mallory' });
    expect(missing.statusCode).toBe(403);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().code).toBe('csrf_failed');
    const wrong = await as(h, s, { csrf: `${s.csrf.slice(0, -1)}${s.csrf.endsWith('x') ? 'y' : 'x'}` }).patch('/api/v1/me', { name: 'Mallory' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('csrf_failed');
    expect((await as(h, s).get('/api/v1/me')).json().actor.name).toBe('Ada Admin');

    const ok = await as(h, s).patch('/api/v1/me', { name: 'Ada Lovelace', locale: 'de' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().actor).toMatchObject({ name: 'Ada Lovelace', locale: 'de' });
    expect((await as(h, s).get('/api/v1/me')).json().actor).toMatchObject({ name: 'Ada Lovelace', locale: 'de' });
    expect((await as(h, s).patch('/api/v1/me', { name: 'Ada Admin', locale: null })).statusCode).toBe(200);
  });

  it('refuses a POST with the cookie but without X-CSRF-Token', async () => {
    const s = await passwordSession(h, ws.adminEmail);
    const res = await as(h, s, { csrf: false }).post('/api/v1/partners', { name: 'No CSRF GmbH', type: 'reseller' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    const list = (await h.api(ws.apiKey).get('/api/v1/partners?q=No%20CSRF')).json();
    expect(list.data).toHaveLength(0);
    const ok = await as(h, s).post('/api/v1/partners', { name: 'With CSRF GmbH', type: 'reseller' });
    expect(ok.statusCode).toBe(201);
  });

  it('gives each session its own CSRF token, which does not work with another session', async () => {
    const one = await passwordSession(h, ws.adminEmail);
    const two = await passwordSession(h, ws.adminEmail);
    expect(one.csrf).not.toBe(two.csrf);
    const res = await as(h, one, { csrf: two.csrf }).patch('/api/v1/me', { name: 'Ada Admin' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('does not ask API keys for a CSRF token, and keeps /me for people', async () => {
    const res = await h.api(ws.apiKey).patch('/api/v1/workspace', { timeZone: 'Europe/Vienna' });
    expect(res.statusCode).toBe(200);
    expect(res.json().timeZone).toBe('Europe/Vienna');
    const me = await h.api(ws.apiKey).get('/api/v1/me');
    expect(me.statusCode).toBe(403);
    expect(me.json().code).toBe('forbidden');
  });

  // BUG: updateMe always runs `update … set <given fields>`; with no field given Kysely emits
  // `update "users" set  where …`, a syntax error → 500 for a body the schema accepts.
  it('answers an empty PATCH /api/v1/me without an error and changes nothing', async () => {
    const s = await passwordSession(h, ws.adminEmail);
    const res = await as(h, s).patch('/api/v1/me', {});
    expect([200, 400]).toContain(res.statusCode);
    expect((await as(h, s).get('/api/v1/me')).json().actor).toMatchObject({ name: 'Ada Admin', locale: null });
  });

  it('ends the session on logout: /me then answers 401 and the cookie is cleared', async () => {
    const s = await passwordSession(h, ws.adminEmail);
    const noCsrf = await as(h, s, { csrf: false }).post('/api/v1/auth/logout');
    expect(noCsrf.statusCode).toBe(403);
    expect((await as(h, s).get('/api/v1/me')).statusCode).toBe(200);

    const out = await as(h, s).post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = sessionCookie(out);
    expect(cleared?.value).toBe('');
    expect(new Date(cleared?.expires ?? Date.now() + 86_400_000).getTime()).toBeLessThanOrEqual(Date.now());
    const me = await as(h, s).get('/api/v1/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('unauthenticated');
  });

  it('ends every session of the person on logout-all, and only theirs', async () => {
    const own = await h.workspace();
    const sales = await inviteStaff(h, own, 'sales');
    const theirs = toSession(await verifyLink(h, tokenIn((await latestMail(h, own, sales.email)).text)));
    const a = await passwordSession(h, own.adminEmail);
    const b = await passwordSession(h, own.adminEmail);
    const res = await as(h, a).post('/api/v1/auth/logout-all');
    expect(res.statusCode).toBe(204);
    expect((await as(h, a).get('/api/v1/me')).statusCode).toBe(401);
    expect((await as(h, b).get('/api/v1/me')).statusCode).toBe(401);
    expect((await as(h, theirs).get('/api/v1/me')).statusCode).toBe(200);
    const revoked = await h.ownerDb
      .selectFrom('sessions')
      .select(['revokedAt'])
      .where('userId', '=', own.adminUserId)
      .where('workspaceId', '=', own.workspaceId)
      .execute();
    expect(revoked.length).toBe(2);
    expect(revoked.every((r) => r.revokedAt !== null)).toBe(true);
  });
});

describe('audit of auth events', () => {
  it('records every auth event in the audit log, with who and from where', async () => {
    const ws = await h.workspace();
    const ip = freshIp();
    const s = toSession(await login(h, { email: ws.adminEmail, password: PASSWORD }, { ip }));
    expect((await as(h, s).post('/api/v1/auth/logout')).statusCode).toBe(204);
    await mailboxSession(h, ws, ws.adminEmail);
    const sales = await inviteStaff(h, ws, 'sales');
    const pu = await invitePartnerUser(h, ws);
    const p = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, pu.email)).text)));
    expect((await as(h, p).post('/api/v1/auth/password', { newPassword: 'partner password 1' })).statusCode).toBe(204);
    expect((await as(h, p).patch('/api/v1/me', { name: 'Pia P.' })).statusCode).toBe(200);
    expect((await as(h, p).post('/api/v1/auth/logout-all')).statusCode).toBe(204);

    const events = await auditActions(h, ws);
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.login',
        'auth.logout',
        'auth.magic_link_sent',
        'user.invited',
        'auth.invitation_sent',
        'partner_user.invited',
        'auth.password_changed',
        'profile.updated',
        'auth.logout_all',
      ]),
    );
    const logins = events.filter((e) => e.action === 'auth.login');
    expect(logins).toHaveLength(3);
    const passwordLogin = logins[logins.length - 1];
    expect(passwordLogin).toMatchObject({ actorKind: 'staff', actorId: ws.adminUserId, entityId: ws.adminUserId, ip });
    expect(logins[0]).toMatchObject({ actorKind: 'partner_user', actorId: pu.id });
    expect(events.find((e) => e.action === 'user.invited' && e.entityId === sales.id)).toBeDefined();
    expect(events.find((e) => e.action === 'auth.logout')).toMatchObject({ actorKind: 'staff', actorId: ws.adminUserId });
    expect(events.find((e) => e.action === 'auth.logout_all')).toMatchObject({ actorKind: 'partner_user', actorId: pu.id });
  });

  it('never shows a token or password in any response but the one that creates it', async () => {
    const ws = await h.workspace();
    const secrets: string[] = [PASSWORD];
    const bodies: string[] = [];

    const loginRes = await login(h, { email: ws.adminEmail, password: PASSWORD });
    const admin = toSession(loginRes);
    secrets.push(admin.token, admin.token.split('.')[1]);
    bodies.push(loginRes.body);

    expect((await requestLink(h, { email: ws.adminEmail })).statusCode).toBe(202);
    const linkToken = tokenIn((await latestMail(h, ws, ws.adminEmail)).text);
    secrets.push(linkToken, linkToken.split('.')[1]);
    const verified = await verifyLink(h, linkToken);
    const viaLink = toSession(verified);
    secrets.push(viaLink.token, viaLink.token.split('.')[1]);
    bodies.push(verified.body);

    const pu = await invitePartnerUser(h, ws);
    bodies.push(pu.res.body);
    const inviteToken = tokenIn((await latestMail(h, ws, pu.email)).text);
    secrets.push(inviteToken, inviteToken.split('.')[1]);
    const p = toSession(await verifyLink(h, inviteToken));
    const partnerPassword = 'partner password 1';
    secrets.push(partnerPassword);
    const pw = await as(h, p).post('/api/v1/auth/password', { newPassword: partnerPassword });
    expect(pw.statusCode).toBe(204);
    bodies.push(pw.body);

    for (const url of ['/api/v1/me', '/api/v1/workspace', '/api/v1/users', `/api/v1/partners/${pu.partner.id}/users`]) {
      const res = await as(h, admin).get(url);
      expect(res.statusCode, url).toBe(200);
      bodies.push(res.body);
    }
    bodies.push((await as(h, p).get('/api/v1/me')).body);
    const audit = await h.api(ws.apiKey).get('/api/v1/audit-events?limit=200');
    expect(audit.json().data.length).toBeGreaterThan(5);
    bodies.push(audit.body);
    bodies.push((await h.api(ws.apiKey).get('/api/v1/api-keys')).body);

    for (const body of bodies) {
      for (const secret of secrets) expect(body).not.toContain(secret);
      expect(body).not.toContain('$argon2');
      expect(body).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash/);
    }
    // The key is shown once, when it is created, and nowhere else.
    expect(bodies.join('\n')).not.toContain(ws.apiKey);
  });
});
