import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Db, Trx } from '../db/client.ts';
import { type Jobs, sweepDue, tenantJobData } from '../jobs/jobs.ts';

const MAX_ATTEMPTS = 8;

/** Delivers one queued message if it is still queued and not being delivered elsewhere. */
async function deliver(trx: Trx, id: string, transport: Transporter, from: string): Promise<void> {
  const msg = await trx
    .selectFrom('emailMessages')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!msg) return; // delivered already, or another worker holds it
  try {
    await transport.sendMail({
      from,
      to: msg.toAddress,
      subject: msg.subject,
      text: msg.textBody,
      html: msg.htmlBody,
      messageId: `<${msg.id}@tandem>`, // stable across retries, so receivers can drop a duplicate
    });
    await trx
      .updateTable('emailMessages')
      .set({ status: 'sent', sentAt: sql`now()` as never, attempts: msg.attempts + 1 })
      .where('id', '=', id)
      .execute();
  } catch (err) {
    const attempts = msg.attempts + 1;
    await trx
      .updateTable('emailMessages')
      .set({
        attempts,
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
        lastError: String((err as Error).message).slice(0, 500),
        nextAttemptAt: sql`now() + ${`${2 ** attempts} minutes`}::interval` as never,
      })
      .where('id', '=', id)
      .execute();
  }
}

/** Delivery over SMTP: one message by id, or a sweep over every due message of every workspace. */
export function emailDelivery(db: Db, smtpUrl: string, from: string) {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    deliver: (trx: Trx, id: string) => deliver(trx, id, transport, from),
    sweep: () => sweepDue(db, 'email_messages', (trx, _ws, id) => deliver(trx, id, transport, from)),
  };
}

/** Registers email delivery: a job per message, and a sweep that retries due ones every minute. */
export function registerEmailJobs(jobs: Jobs, db: Db, smtpUrl: string | undefined, from: string): void {
  if (!smtpUrl) return;
  const delivery = emailDelivery(db, smtpUrl, from);
  jobs.define({
    name: 'email.send',
    data: tenantJobData.extend({ messageId: z.uuid() }),
    run: (ctx, data) => delivery.deliver(ctx.trx, data.messageId),
  });
  jobs.schedule({
    name: 'email.send-sweep',
    cron: '* * * * *',
    run: async () => {
      await delivery.sweep();
    },
  });
}
