import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  inviteStaff,
  latestMail,
  mailboxSession,
  newEmail,
  passwordSession,
  recipients,
  requestLink,
  sessionCookie,
  tokenIn,
  toSession,
  verifyLink,
  type Ws,
} from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { type SmtpSink, startSmtpSink } from '../../../../tests/setup/smtp-sink.ts';
import { hashToken } from '../../auth/tokens.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

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
