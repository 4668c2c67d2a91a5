import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  freshIp,
  inviteStaff,
  latestMail,
  login,
  newEmail,
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
import type { Me } from '../../../shared/workspace.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

describe('password login', () => {
  let ws: Ws;
  beforeAll(async () => {
    ws = await h.workspace();
    const res = await h.api(ws.apiKey).patch('/api/v1/workspace', { branding: { productName: 'Acme Partners', primaryColor: '#AA3300' } });
    expect(res.statusCode).toBe(200);
  });

  it('sets an HttpOnly, SameSite=Lax, Path=/ session cookie and answers with the person, the branded workspace, permissions and a CSRF token', async () => {
    const res = await login(h, { email: ws.adminEmail, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookie(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const days = (new Date(cookie?.expires ?? 0).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const me = res.json() as Me;
    expect(me.actor).toMatchObject({ kind: 'staff', id: ws.adminUserId, name: 'Ada Admin', email: ws.adminEmail, role: 'admin', locale: null });
    expect(me.actor.partner).toBeUndefined();
    expect(me.workspace).toMatchObject({
      id: ws.workspaceId,
      slug: ws.slug,
      locale: 'en',
      branding: { productName: 'Acme Partners', primaryColor: '#aa3300', logoUrl: null, supportEmail: null },
    });
    expect(me.permissions).toEqual({
      manageWorkspace: true,
      manageUsers: true,
      managePartners: true,
      readAudit: true,
      readMailbox: true,
      manageApiKeys: true,
    });
    expect(me.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(res.body).not.toContain(cookie?.value as string);
  });

  it('treats the email case-insensitively', async () => {
    const s = await passwordSession(h, ws.adminEmail.toUpperCase());
    expect(s.me.actor.email).toBe(ws.adminEmail);
  });

  it('does not mark the cookie Secure when x-forwarded-proto says https but no proxy is trusted', async () => {
    const res = await login(h, { email: ws.adminEmail, password: PASSWORD }, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)?.secure).toBeFalsy();
  });

  it('answers the same 401 invalid_credentials for a wrong password, an unknown email and a deactivated user', async () => {
    // A sales user with a password of their own, then deactivated.
    const sales = await inviteStaff(h, ws, 'sales');
    const s = toSession(await verifyLink(h, tokenIn((await latestMail(h, ws, sales.email)).text)));
    expect((await as(h, s).post('/api/v1/auth/password', { newPassword: 'sales password 1' })).statusCode).toBe(204);
    expect((await login(h, { email: sales.email, password: 'sales password 1' })).statusCode).toBe(200);
    expect((await h.api(ws.apiKey).patch(`/api/v1/users/${sales.id}`, { status: 'deactivated' })).statusCode).toBe(200);

    const answers = [
      await login(h, { email: ws.adminEmail, password: 'wrong horse battery' }),
      await login(h, { email: newEmail('nobody'), password: PASSWORD }),
      await login(h, { email: sales.email, password: 'sales password 1' }),
      await login(h, { email: sales.email, password: 'sales password 1', workspace: ws.slug }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(sessionCookie(res)).toBeUndefined();
    }
    const bodies = answers.map((r) => r.json());
    expect(new Set(bodies.map((b) => b.code))).toEqual(new Set(['invalid_credentials']));
    expect(new Set(bodies.map((b) => b.detail)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.title)).size).toBe(1);
  });

  it('locks the account after five failed logins, so that even the right password fails', async () => {
    const own = await h.workspace();
    for (let i = 0; i < 5; i++) {
      expect((await login(h, { email: own.adminEmail, password: `wrong ${i} horse` })).statusCode).toBe(401);
    }
    const row = await h.ownerDb
      .selectFrom('users')
      .select(['failedLogins', 'lockedUntil'])
      .where('id', '=', own.adminUserId)
      .executeTakeFirstOrThrow();
    expect(row.failedLogins).toBe(5);
    const minutes = ((row.lockedUntil as Date).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    const right = await login(h, { email: own.adminEmail, password: PASSWORD });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('invalid_credentials');
    expect(sessionCookie(right)).toBeUndefined();
    // Failing while locked does not push the lock further out.
    const after = await h.ownerDb.selectFrom('users').select(['lockedUntil']).where('id', '=', own.adminUserId).executeTakeFirstOrThrow();
    expect(after.lockedUntil?.getTime()).toBe(row.lockedUntil?.getTime());

    // Once the lock has run out, the right password works and clears the counter.
    await h.ownerDb
      .updateTable('users')
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where('id', '=', own.adminUserId)
      .execute();
    expect((await login(h, { email: own.adminEmail, password: PASSWORD })).statusCode).toBe(200);
    const cleared = await h.ownerDb
      .selectFrom('users')
      .select(['failedLogins', 'lockedUntil'])
      .where('id', '=', own.adminUserId)
      .executeTakeFirstOrThrow();
    expect(cleared).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it('resets the failure count after a successful login', async () => {
    const own = await h.workspace();
    for (let i = 0; i < 4; i++) await login(h, { email: own.adminEmail, password: 'not the password' });
    expect((await login(h, { email: own.adminEmail, password: PASSWORD })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login(h, { email: own.adminEmail, password: 'not the password' });
    expect((await login(h, { email: own.adminEmail, password: PASSWORD })).statusCode).toBe(200);
  });

  it('answers the 11th login attempt within a minute from one address with 429 rate_limited problem+json', async () => {
    const ip = freshIp();
    const email = newEmail('guesser');
    for (let i = 0; i < 10; i++) {
      const res = await login(h, { email, password: `guess ${i} guess` }, { ip });
      expect(res.statusCode).toBe(401);
    }
    const res = await login(h, { email, password: 'guess 11 guess' }, { ip });
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await login(h, { email: ws.adminEmail, password: PASSWORD })).statusCode).toBe(200);
  });

  // BUG: the limiter runs in onRequest, before the body is parsed, so its key is `<ip>|` for every
  // email: ten failures for one address block every other person behind the same IP.
  it('counts login attempts per address and email, so failures for one email do not block another from the same address', async () => {
    const ip = freshIp();
    const email = newEmail('guesser');
    for (let i = 0; i < 11; i++) await login(h, { email, password: `guess ${i} guess` }, { ip });
    const other = await login(h, { email: ws.adminEmail, password: PASSWORD }, { ip });
    expect(other.statusCode).toBe(200);
  });

  it('answers the 11th sign-in link request for one address and email within a minute with 429', async () => {
    const ip = freshIp();
    const email = newEmail('asker');
    for (let i = 0; i < 10; i++) expect((await requestLink(h, { email }, ip)).statusCode).toBe(202);
    const res = await requestLink(h, { email }, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('rate_limited');
    expect((await requestLink(h, { email: ws.adminEmail }, ip)).statusCode).toBe(202);
  });

  it('answers the 21st link verification within a minute from one address with 429', async () => {
    const ip = freshIp();
    const bogus = `${ws.workspaceId.replaceAll('-', '')}.${'B'.repeat(43)}`;
    const verify = () => h.http.inject({ method: 'POST', url: '/api/v1/auth/magic-link/verify', payload: { token: bogus }, remoteAddress: ip });
    for (let i = 0; i < 20; i++) expect((await verify()).statusCode).toBe(410);
    const res = await verify();
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('rate_limited');
  });

  it('signs a member of two workspaces in to the oldest membership by default and to the named workspace with its slug', async () => {
    const second = await h.workspace();
    const invited = await h.api(second.apiKey).post('/api/v1/users', { email: ws.adminEmail, name: 'Ada Elsewhere', role: 'sales' });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ id: ws.adminUserId, role: 'sales' });
    const first = await passwordSession(h, ws.adminEmail);
    expect(first.me.workspace.id).toBe(ws.workspaceId);
    expect(first.me.actor.role).toBe('admin');
    const named = await passwordSession(h, ws.adminEmail, PASSWORD, second.slug);
    expect(named.me.workspace.id).toBe(second.workspaceId);
    expect(named.me.actor.role).toBe('sales');
    // A session belongs to one workspace: logging out everywhere there leaves the other one alone.
    expect((await as(h, named).post('/api/v1/auth/logout-all')).statusCode).toBe(204);
    expect((await as(h, first).get('/api/v1/me')).statusCode).toBe(200);
  });

  it('rejects a malformed login body with 400 naming the fields', async () => {
    const res = await login(h, { email: 'not-an-email', password: '', extra: 1 });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });
});

describe('login over a trusted proxy', () => {
  let hp: Harness;
  let ws: Ws;
  beforeAll(async () => {
    hp = await createHarness({ env: { TRUST_PROXY: 'true' } });
    ws = await hp.workspace();
  });
  afterAll(() => hp?.close());

  it('marks the cookie Secure when the trusted proxy says the request came over https', async () => {
    const res = await login(hp, { email: ws.adminEmail, password: PASSWORD }, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('leaves Secure off when the trusted proxy says the request came over plain http', async () => {
    const res = await login(hp, { email: ws.adminEmail, password: PASSWORD }, { headers: { 'x-forwarded-proto': 'http' } });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)?.secure).toBeFalsy();
  });
});

describe('public workspace branding', () => {
  it('shows name, locale and branding of a workspace by slug without signing in', async () => {
    const ws = await h.workspace('Brand Öffentlich');
    await h.api(ws.apiKey).patch('/api/v1/workspace', {
      locale: 'de',
      branding: { productName: 'Partnerportal', logoUrl: 'https://cdn.example.com/logo.png', supportEmail: 'help@example.com' },
    });
    const res = await h.http.inject({ method: 'GET', url: `/api/v1/public/workspaces/${ws.slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      slug: ws.slug,
      name: 'Brand Öffentlich',
      locale: 'de',
      branding: {
        productName: 'Partnerportal',
        logoUrl: 'https://cdn.example.com/logo.png',
        supportEmail: 'help@example.com',
        primaryColor: null,
        faviconUrl: null,
      },
    });
    const upper = await h.http.inject({ method: 'GET', url: `/api/v1/public/workspaces/${ws.slug.toUpperCase()}` });
    expect(upper.statusCode).toBe(200);
    expect(upper.json().slug).toBe(ws.slug);
  });

  it('answers 404 problem+json for an unknown slug', async () => {
    const res = await h.http.inject({ method: 'GET', url: '/api/v1/public/workspaces/no-such-place' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('not_found');
  });
});
