import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { type SmtpSink, startSmtpSink } from '../../../tests/setup/smtp-sink.ts';
import { emailDelivery } from './email.jobs.ts';
import { renderEmail } from './templates.ts';

let h: Harness;
let sink: SmtpSink | undefined;
let port: number;
let ws: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  port = await new Promise<number>((r) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => r(p));
    });
  });
  // SMTP points at a port where nothing listens yet: the first delivery fails.
  h = await createHarness({ smtpUrl: `smtp://127.0.0.1:${port}` });
  ws = await h.workspace('Mail');
});
afterAll(async () => {
  await sink?.close();
  await h?.close();
});

const status = async () =>
  (
    await sql<{ status: string; attempts: number; lastError: string | null; due: boolean }>`
    select status, attempts, last_error, next_attempt_at <= now() as due from email_messages where workspace_id = ${ws.workspaceId}`.execute(
      h.ownerDb,
    )
  ).rows;

describe('email delivery', () => {
  it('records a failed SMTP delivery with backoff and delivers it once on the next sweeps, even when two run at once', async () => {
    const delivery = emailDelivery(h.db, h.config.smtpUrl as string, h.config.mailFrom);
    await h.api(undefined).post('/api/v1/auth/magic-link', { email: ws.adminEmail, workspace: ws.slug });
    await h.jobs.startWorkers(); // the email.send job runs and meets a closed port
    for (let i = 0; i < 100 && (await status())[0]?.attempts !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    const [failed] = await status();
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, due: false });
    expect(failed.lastError).toBeTruthy();

    expect(await delivery.sweep()).toBe(0); // not due yet
    sink = await startSmtpSinkOn(port);
    await sql`update email_messages set next_attempt_at = now() - interval '1 second' where workspace_id = ${ws.workspaceId}`.execute(h.ownerDb);
    await Promise.all([delivery.sweep(), delivery.sweep()]);
    const [sent] = await status();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0].subject).toContain('sign-in link');
    expect(sink.messages[0].messageId).toMatch(/@tandem>?$/);
  });
});

describe('email templates', () => {
  it('renders branded, localised emails and escapes what workspaces type', () => {
    const de = renderEmail('partner_invite', 'de', {
      workspace: 'Acme <script>',
      branding: { productName: 'Acme Hub', primaryColor: '#ff0000' },
      actionUrl: 'https://x.test/auth/magic?token=a&b',
      vars: { inviter: 'Eva', partner: 'Müller AG' },
    });
    expect(de.subject).toBe('Acme <script> lädt Sie in sein Partnerportal ein');
    expect(de.html).toContain('Acme &lt;script&gt;');
    expect(de.html).not.toContain('<script>');
    expect(de.html).toContain('#ff0000');
    expect(de.html).toContain('token=a&amp;b');
    expect(de.text).toContain('Müller AG');
    const en = renderEmail('magic_link', 'en', { workspace: 'W', branding: { primaryColor: 'red;background:url(x)' }, actionUrl: 'https://x.test' });
    expect(en.subject).toBe('Your sign-in link for Tandem');
    expect(en.html).not.toContain('url(x)');
  });
});

async function startSmtpSinkOn(p: number): Promise<SmtpSink> {
  // The sink binds to port 0; bridge the fixed port the transport was configured with to it.
  const s = await startSmtpSink();
  const target = Number(new URL(s.url).port);
  const bridge = net.createServer((c) => {
    const up = net.connect(target, '127.0.0.1');
    c.pipe(up).pipe(c);
    c.on('error', () => up.destroy());
    up.on('error', () => c.destroy());
  });
  await new Promise<void>((r) => bridge.listen(p, '127.0.0.1', () => r()));
  return {
    ...s,
    async close() {
      await new Promise((r) => bridge.close(r));
      await s.close();
    },
  };
}
