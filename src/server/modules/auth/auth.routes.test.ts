import type { LightMyRequestResponse } from 'fastify';
import type { AddressObject, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { type SmtpSink, startSmtpSink } from '../../../../tests/setup/smtp-sink.ts';
import type { Me } from '../../../shared/workspace.ts';
import { hashToken } from '../../auth/tokens.ts';

type Ws = Awaited<ReturnType<Harness['workspace']>>;
type Session = { token: string; csrf: string; me: Me };

const PASSWORD = 'correct horse battery';
const LINK = /\/auth\/magic\?token=([A-Za-z0-9._%-]+)/;

// The login, magic-link and verify routes are rate-limited per client address; every call gets
// its own address unless a test means to share one.
let ipSeq = 0;
const freshIp = () => {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

const rnd = () => Math.random().toString(36).slice(2, 10);
const newEmail = (who: string) => `${who}-${rnd()}@example.com`;

function sessionCookie(res: LightMyRequestResponse) {
  return res.cookies.find((c) => c.name === 'tandem_session');
}

function login(hx: Harness, body: Record<string, unknown>, opts: { ip?: string; headers?: Record<string, string> } = {}) {
  return hx.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress: opts.ip ?? freshIp(), headers: opts.headers });
}

function requestLink(hx: Harness, body: Record<string, unknown>, ip = freshIp()) {
  return hx.http.inject({ method: 'POST', url: '/api/v1/auth/magic-link', payload: body, remoteAddress: ip });
}

function verifyLink(hx: Harness, token: string) {
  return hx.http.inject({ method: 'POST', url: '/api/v1/auth/magic-link/verify', payload: { token }, remoteAddress: freshIp() });
}

function toSession(res: LightMyRequestResponse): Session {
  expect(res.statusCode, res.body).toBe(200);
  const cookie = sessionCookie(res);
  expect(cookie?.value).toBeTruthy();
  const me = res.json() as Me;
  return { token: cookie?.value as string, csrf: me.csrfToken, me };
}

async function passwordSession(hx: Harness, email: string, password = PASSWORD, workspace?: string): Promise<Session> {
  return toSession(await login(hx, { email, password, ...(workspace ? { workspace } : {}) }));
}

/** Requests with a session cookie; `csrf: false` leaves the X-CSRF-Token header out. */
function as(hx: Harness, s: Pick<Session, 'token' | 'csrf'>, opts: { csrf?: boolean | string } = {}) {
  const csrf = opts.csrf === undefined || opts.csrf === true ? s.csrf : opts.csrf === false ? undefined : opts.csrf;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    hx.http.inject({
      method,
      url,
      payload: body as never,
      cookies: { tandem_session: s.token },
      headers: csrf ? { 'x-csrf-token': csrf } : {},
      remoteAddress: freshIp(),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body),
    patch: (url: string, body?: unknown) => call('PATCH', url, body),
  };
}

/** The newest email to an address in the workspace's mailbox, with its bodies. */
async function latestMail(hx: Harness, ws: Ws, to: string) {
  const list = await hx.api(ws.apiKey).get(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
  expect(list.statusCode, list.body).toBe(200);
  const first = list.json().data[0];
  expect(first, `no email to ${to} in the mailbox`).toBeDefined();
  const one = await hx.api(ws.apiKey).get(`/api/v1/dev/mailbox/${first.id}`);
  expect(one.statusCode).toBe(200);
  return one.json() as { id: string; to: string; subject: string; template: string; status: string; text: string; html: string };
}

async function mailCount(hx: Harness, ws: Ws, to: string) {
  return (await hx.api(ws.apiKey).get(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).json().data.length as number;
}

function tokenIn(text: string): string {
  const m = LINK.exec(text);
  expect(m, `no sign-in link in: ${text}`).toBeTruthy();
  return decodeURIComponent((m as RegExpExecArray)[1]);
}

/** Asks for a sign-in link and signs in with the one that lands in the dev mailbox. */
async function mailboxSession(hx: Harness, ws: Ws, email: string): Promise<Session> {
  expect((await requestLink(hx, { email, workspace: ws.slug })).statusCode).toBe(202);
  return toSession(await verifyLink(hx, tokenIn((await latestMail(hx, ws, email)).text)));
}

async function inviteStaff(hx: Harness, ws: Ws, role: string, name = 'Sam Sales') {
  const email = newEmail(role);
  const res = await hx.api(ws.apiKey).post('/api/v1/users', { email, name, role });
  expect(res.statusCode, res.body).toBe(201);
  return { email, id: res.json().id as string, res };
}

async function invitePartnerUser(hx: Harness, ws: Ws, partnerName = `Partner ${rnd()}`) {
  const partner = (await hx.api(ws.apiKey).post('/api/v1/partners', { name: partnerName, type: 'reseller' })).json();
  const email = newEmail('pu');
  const res = await hx.api(ws.apiKey).post(`/api/v1/partners/${partner.id}/users`, { email, name: 'Pia Partner' });
  expect(res.statusCode, res.body).toBe(201);
  return { email, id: res.json().id as string, partner: partner as { id: string; name: string }, res };
}

async function auditActions(hx: Harness, ws: Ws, query = '') {
  const res = await hx.api(ws.apiKey).get(`/api/v1/audit-events?limit=200${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().data as { action: string; actorKind: string; actorId: string | null; entityId: string | null; ip: string | null }[];
}

const recipients = (m: ParsedMail) =>
  ([] as AddressObject[])
    .concat(m.to ?? [])
    .flatMap((a) => a.value)
    .map((a) => a.address?.toLowerCase());

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

describe('magic link over SMTP', () => {
  let sink: SmtpSink;
  let hs: Harness;
  let ws: Ws;
  beforeAll(async () => {
    sink = await startSmtpSink();
    hs = await createHarness({ smtpUrl: sink.url });
    await hs.jobs.startWorkers();
    ws = await hs.workspace('Sinkhole Systems');
  });
  afterAll(async () => {
    await hs?.close();
    await sink?.close();
  });

  const mailTo = (email: string, subject?: string) =>
    sink.waitFor((m) => recipients(m).includes(email.toLowerCase()) && (subject === undefined || m.subject === subject));

  it('emails a sign-in link through SMTP that opens a session exactly once', async () => {
    const res = await requestLink(hs, { email: ws.adminEmail });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ sent: true });

    const mail = await mailTo(ws.adminEmail);
    expect(mail.subject).toBe('Your sign-in link for Tandem');
    expect(mail.from?.text).toContain('no-reply@tandem.local');
    expect(mail.text).toContain('http://tandem.test/auth/magic?token=');
    expect(mail.html).toContain('http://tandem.test/auth/magic?token=');
    const token = tokenIn(mail.text as string);
    expect(tokenIn(mail.html as string)).toBe(token);

    const verified = await verifyLink(hs, token);
    const s = toSession(verified);
    expect(sessionCookie(verified)).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(s.me.actor).toMatchObject({ kind: 'staff', email: ws.adminEmail, role: 'admin' });
    expect(s.me.workspace.id).toBe(ws.workspaceId);
    expect((await as(hs, s).get('/api/v1/me')).statusCode).toBe(200);

    const again = await verifyLink(hs, token);
    expect(again.statusCode).toBe(410);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('gone');
    expect(sessionCookie(again)).toBeUndefined();

    const stored = await hs.ownerDb
      .selectFrom('emailMessages')
      .select(['status', 'sentAt', 'attempts'])
      .where('toAddress', '=', ws.adminEmail)
      .where('template', '=', 'magic_link')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('answers the same 202 for an unknown email and sends nothing', async () => {
    const unknown = newEmail('stranger');
    const res = await requestLink(hs, { email: unknown });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ sent: true });
    const withSlug = await requestLink(hs, { email: unknown, workspace: ws.slug });
    expect(withSlug.statusCode).toBe(202);
    expect(withSlug.json()).toEqual({ sent: true });
    // A known address asked for afterwards arrives; the unknown one never does.
    const known = await inviteStaff(hs, ws, 'revops', 'Rita Revops');
    await mailTo(known.email);
    expect((await requestLink(hs, { email: known.email })).statusCode).toBe(202);
    await mailTo(known.email, 'Your sign-in link for Tandem');
    expect(sink.messages.some((m) => recipients(m).includes(unknown))).toBe(false);
    const rows = await hs.ownerDb.selectFrom('emailMessages').select('id').where('toAddress', '=', unknown).execute();
    expect(rows).toHaveLength(0);
  });

  it('writes the email in German when the workspace language is de, unless the person chose English', async () => {
    const own = await hs.workspace();
    expect((await hs.api(own.apiKey).patch('/api/v1/workspace', { locale: 'de' })).statusCode).toBe(200);
    expect((await requestLink(hs, { email: own.adminEmail, workspace: own.slug })).statusCode).toBe(202);
    const de = await mailTo(own.adminEmail, 'Ihr Anmeldelink für Tandem');
    expect(de.text).toContain('Bei Tandem anmelden');
    expect(de.html).toContain('lang="de"');
    const s = toSession(await verifyLink(hs, tokenIn(de.text as string)));

    expect((await as(hs, s).patch('/api/v1/me', { locale: 'en' })).statusCode).toBe(200);
    expect((await requestLink(hs, { email: own.adminEmail, workspace: own.slug })).statusCode).toBe(202);
    const en = await mailTo(own.adminEmail, 'Your sign-in link for Tandem');
    expect(en.html).toContain('lang="en"');
  });

  it('writes the email in German when the person chose German in an English workspace', async () => {
    const own = await hs.workspace();
    const s = await passwordSession(hs, own.adminEmail);
    expect((await as(hs, s).patch('/api/v1/me', { locale: 'de' })).statusCode).toBe(200);
    expect((await requestLink(hs, { email: own.adminEmail })).statusCode).toBe(202);
    const mail = await mailTo(own.adminEmail);
    expect(mail.subject).toBe('Ihr Anmeldelink für Tandem');
  });

  it('uses the workspace branding in the email', async () => {
    const own = await hs.workspace('Brandwerk');
    await hs.api(own.apiKey).patch('/api/v1/workspace', { branding: { productName: 'Brandwerk Partner Hub', primaryColor: '#123456' } });
    await requestLink(hs, { email: own.adminEmail });
    const mail = await mailTo(own.adminEmail);
    expect(mail.subject).toBe('Your sign-in link for Brandwerk Partner Hub');
    expect(mail.html).toContain('#123456');
    expect(mail.text).toContain('Brandwerk');
  });

  it('answers 410 gone for an expired link', async () => {
    const own = await hs.workspace();
    await requestLink(hs, { email: own.adminEmail });
    const token = tokenIn((await mailTo(own.adminEmail)).text as string);
    const secret = token.split('.')[1];
    const updated = await hs.ownerDb
      .updateTable('magicLinks')
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where('tokenHash', '=', hashToken(secret))
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(1);
    const res = await verifyLink(hs, token);
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('gone');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('answers 410 gone for a token that was never issued, and 400 for one too short to be a token', async () => {
    const made = await verifyLink(hs, `${ws.workspaceId.replaceAll('-', '')}.${'A'.repeat(43)}`);
    expect(made.statusCode).toBe(410);
    expect(made.json().code).toBe('gone');
    expect((await verifyLink(hs, 'garbage-garbage')).statusCode).toBe(410);
    const short = await verifyLink(hs, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('validation_failed');
  });
});

describe('dev mailbox without SMTP', () => {
  let ws: Ws;
  beforeAll(async () => {
    ws = await h.workspace();
  });

  it('keeps the sign-in email in the dev mailbox, with html and text that carry the link', async () => {
    expect((await requestLink(h, { email: ws.adminEmail })).statusCode).toBe(202);
    const list = await h.api(ws.apiKey).get('/api/v1/dev/mailbox');
    expect(list.statusCode).toBe(200);
    const summary = list.json().data.find((m: { to: string }) => m.to === ws.adminEmail);
    expect(summary).toMatchObject({ to: ws.adminEmail, subject: 'Your sign-in link for Tandem', template: 'magic_link', status: 'mailbox' });
    const one = await h.api(ws.apiKey).get(`/api/v1/dev/mailbox/${summary.id}`);
    expect(one.statusCode).toBe(200);
    const mail = one.json();
    expect(mail.text).toContain('http://tandem.test/auth/magic?token=');
    expect(mail.html).toContain('http://tandem.test/auth/magic?token=');
    const token = tokenIn(mail.text);
    expect(tokenIn(mail.html)).toBe(token);
    expect(toSession(await verifyLink(h, token)).me.actor.email).toBe(ws.adminEmail);
  });

  it('shows a workspace only its own emails', async () => {
    const other = await h.workspace();
    await requestLink(h, { email: other.adminEmail });
    const mine = (await h.api(ws.apiKey).get('/api/v1/dev/mailbox')).json().data;
    expect(mine.some((m: { to: string }) => m.to === other.adminEmail)).toBe(false);
    const theirs = await latestMail(h, other, other.adminEmail);
    expect((await h.api(ws.apiKey).get(`/api/v1/dev/mailbox/${theirs.id}`)).statusCode).toBe(404);
  });

  it('lets admins read the mailbox with a session but not other staff', async () => {
    const admin = await passwordSession(h, ws.adminEmail);
    expect((await as(h, admin).get('/api/v1/dev/mailbox')).statusCode).toBe(200);
    const pm = await inviteStaff(h, ws, 'partner_manager', 'Paul Manager');
    const s = await mailboxSession(h, ws, pm.email);
    const res = await as(h, s).get('/api/v1/dev/mailbox');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });
});

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
      branding: { productName: 'Partnerportal', logoUrl: 'https://cdn.example.com/logo.png', supportEmail: 'help@example.com', primaryColor: null },
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
