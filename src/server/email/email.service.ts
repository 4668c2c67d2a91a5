import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context.ts';
import { afterCommit, deferWrite } from '../db/client.ts';
import type { Branding } from '../db/schema.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { workspaceRow } from '../modules/workspaces/workspace-row.ts';
import { type Locale, renderEmail, type TemplateName } from './templates.ts';

export type EmailRequest = {
  to: string;
  template: TemplateName;
  locale: Locale;
  actionUrl: string;
  vars?: Record<string, string>;
  /** Same key → one message, however often the cause is retried. */
  dedupeKey?: string;
};

/** The stored message of a request: rendered with the workspace's name and branding. */
async function messageRow(ctx: Ctx, jobs: Jobs, req: EmailRequest) {
  const ws = await workspaceRow(ctx);
  const rendered = renderEmail(req.template, req.locale, {
    workspace: ws.name,
    branding: ws.branding as Branding,
    actionUrl: req.actionUrl,
    vars: req.vars,
  });
  return {
    workspaceId: ctx.workspaceId,
    dedupeKey: req.dedupeKey ?? null,
    toAddress: req.to,
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    template: req.template,
    locale: req.locale,
    status: jobs.smtpEnabled ? ('queued' as const) : ('mailbox' as const),
  };
}

/**
 * Queues a branded email in the caller's transaction. With SMTP configured a job delivers it;
 * without, it lands in the dev mailbox (status `mailbox`), readable by admins — never dropped.
 */
export async function queueEmail(ctx: Ctx, jobs: Jobs, req: EmailRequest): Promise<string | undefined> {
  const row = await ctx.trx
    .insertInto('emailMessages')
    .values(await messageRow(ctx, jobs, req))
    .onConflict((oc) => oc.columns(['workspaceId', 'dedupeKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row && jobs.smtpEnabled) await jobs.send(ctx.trx, 'email.send', { workspaceId: ctx.workspaceId, messageId: row.id });
  return row?.id;
}

/**
 * queueEmail for a hot path that does not need to know whether the message was new: the row is
 * written with the transaction's deferred writes (one round trip with the audit event and the
 * timeline entry, see deferWrite) and, with SMTP configured, the delivery job is sent once the
 * transaction has committed. Should the process stop in between, the minute's sweep
 * (email.send-sweep) delivers the queued message: it is late, never lost.
 */
export async function queueEmailAtCommit(ctx: Ctx, jobs: Jobs, req: EmailRequest): Promise<void> {
  const row = { id: randomUUID(), ...(await messageRow(ctx, jobs, req)) };
  await deferWrite(ctx.trx, (t) =>
    t
      .insertInto('emailMessages')
      .values(row)
      .onConflict((oc) => oc.columns(['workspaceId', 'dedupeKey']).doNothing()),
  );
  // A message deduplicated away has no row with this id: its job finds nothing to deliver.
  const workspaceId = ctx.workspaceId;
  if (jobs.smtpEnabled) afterCommit(ctx.trx, () => void jobs.sendNow('email.send', { workspaceId, messageId: row.id }).catch(() => {}));
}
