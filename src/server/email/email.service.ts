import type { Ctx } from '../context.ts';
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

/**
 * Queues a branded email in the caller's transaction. With SMTP configured a job delivers it;
 * without, it lands in the dev mailbox (status `mailbox`), readable by admins — never dropped.
 */
export async function queueEmail(ctx: Ctx, jobs: Jobs, req: EmailRequest): Promise<string | undefined> {
  const ws = await workspaceRow(ctx);
  const rendered = renderEmail(req.template, req.locale, {
    workspace: ws.name,
    branding: ws.branding as Branding,
    actionUrl: req.actionUrl,
    vars: req.vars,
  });
  const row = await ctx.trx
    .insertInto('emailMessages')
    .values({
      workspaceId: ctx.workspaceId,
      dedupeKey: req.dedupeKey ?? null,
      toAddress: req.to,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      template: req.template,
      locale: req.locale,
      status: jobs.smtpEnabled ? 'queued' : 'mailbox',
    })
    .onConflict((oc) => oc.columns(['workspaceId', 'dedupeKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row && jobs.smtpEnabled) await jobs.send(ctx.trx, 'email.send', { workspaceId: ctx.workspaceId, messageId: row.id });
  return row?.id;
}
