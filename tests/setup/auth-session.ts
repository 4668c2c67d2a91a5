// Sessions for route tests: sign in by password or magic link, call routes with the cookie and
// CSRF token, read the dev mailbox, invite staff and partner users.
import type { LightMyRequestResponse } from 'fastify';
import type { AddressObject, ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import type { Me } from '../../src/shared/workspace.ts';
import type { Harness } from './harness.ts';

export type Ws = Awaited<ReturnType<Harness['workspace']>>;
export type Session = { token: string; csrf: string; me: Me };

export const PASSWORD = 'correct horse battery';
export const LINK = /\/auth\/magic\?token=([A-Za-z0-9._%-]+)/;

// The login, magic-link and verify routes are rate-limited per client address; every call gets
// its own address unless a test means to share one.
let ipSeq = 0;
export const freshIp = () => {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

export const rnd = () => Math.random().toString(36).slice(2, 10);
export const newEmail = (who: string) => `${who}-${rnd()}@example.com`;

export function sessionCookie(res: LightMyRequestResponse) {
  return res.cookies.find((c) => c.name === 'tandem_session');
}

export function login(hx: Harness, body: Record<string, unknown>, opts: { ip?: string; headers?: Record<string, string> } = {}) {
  return hx.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress: opts.ip ?? freshIp(), headers: opts.headers });
}

export function requestLink(hx: Harness, body: Record<string, unknown>, ip = freshIp()) {
  return hx.http.inject({ method: 'POST', url: '/api/v1/auth/magic-link', payload: body, remoteAddress: ip });
}

export function verifyLink(hx: Harness, token: string) {
  return hx.http.inject({ method: 'POST', url: '/api/v1/auth/magic-link/verify', payload: { token }, remoteAddress: freshIp() });
}

export function toSession(res: LightMyRequestResponse): Session {
  expect(res.statusCode, res.body).toBe(200);
  const cookie = sessionCookie(res);
  expect(cookie?.value).toBeTruthy();
  const me = res.json() as Me;
  return { token: cookie?.value as string, csrf: me.csrfToken, me };
}

export async function passwordSession(hx: Harness, email: string, password = PASSWORD, workspace?: string): Promise<Session> {
  return toSession(await login(hx, { email, password, ...(workspace ? { workspace } : {}) }));
}

/** Requests with a session cookie; `csrf: false` leaves the X-CSRF-Token header out. */
export function as(hx: Harness, s: Pick<Session, 'token' | 'csrf'>, opts: { csrf?: boolean | string } = {}) {
  const csrf = opts.csrf === undefined || opts.csrf === true ? s.csrf : opts.csrf === false ? undefined : opts.csrf;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
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
    put: (url: string, body?: unknown) => call('PUT', url, body),
    delete: (url: string) => call('DELETE', url),
  };
}

/** The newest email to an address in the workspace's mailbox, with its bodies. */
export async function latestMail(hx: Harness, ws: Ws, to: string) {
  const list = await hx.api(ws.apiKey).get(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
  expect(list.statusCode, list.body).toBe(200);
  const first = list.json().data[0];
  expect(first, `no email to ${to} in the mailbox`).toBeDefined();
  const one = await hx.api(ws.apiKey).get(`/api/v1/dev/mailbox/${first.id}`);
  expect(one.statusCode).toBe(200);
  return one.json() as { id: string; to: string; subject: string; template: string; status: string; text: string; html: string };
}

export async function mailCount(hx: Harness, ws: Ws, to: string) {
  return (await hx.api(ws.apiKey).get(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).json().data.length as number;
}

export function tokenIn(text: string): string {
  const m = LINK.exec(text);
  expect(m, `no sign-in link in: ${text}`).toBeTruthy();
  return decodeURIComponent((m as RegExpExecArray)[1]);
}

/** Asks for a sign-in link and signs in with the one that lands in the dev mailbox. */
export async function mailboxSession(hx: Harness, ws: Ws, email: string): Promise<Session> {
  expect((await requestLink(hx, { email, workspace: ws.slug })).statusCode).toBe(202);
  return toSession(await verifyLink(hx, tokenIn((await latestMail(hx, ws, email)).text)));
}

export async function inviteStaff(hx: Harness, ws: Ws, role: string, name = 'Sam Sales') {
  const email = newEmail(role);
  const res = await hx.api(ws.apiKey).post('/api/v1/users', { email, name, role });
  expect(res.statusCode, res.body).toBe(201);
  return { email, id: res.json().id as string, res };
}

export async function invitePartnerUser(hx: Harness, ws: Ws, partnerName = `Partner ${rnd()}`) {
  const partner = (await hx.api(ws.apiKey).post('/api/v1/partners', { name: partnerName, type: 'reseller' })).json();
  const email = newEmail('pu');
  const res = await hx.api(ws.apiKey).post(`/api/v1/partners/${partner.id}/users`, { email, name: 'Pia Partner' });
  expect(res.statusCode, res.body).toBe(201);
  return { email, id: res.json().id as string, partner: partner as { id: string; name: string }, res };
}

export async function auditActions(hx: Harness, ws: Ws, query = '') {
  const res = await hx.api(ws.apiKey).get(`/api/v1/audit-events?limit=200${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().data as { action: string; actorKind: string; actorId: string | null; entityId: string | null; ip: string | null }[];
}

export const recipients = (m: ParsedMail) =>
  ([] as AddressObject[])
    .concat(m.to ?? [])
    .flatMap((a) => a.value)
    .map((a) => a.address?.toLowerCase());
