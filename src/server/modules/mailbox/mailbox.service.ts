import type { Ctx } from '../../context.ts';
import { found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';

const summary = (r: { id: string; toAddress: string; subject: string; template: string; status: string; createdAt: Date }) => ({
  id: r.id,
  to: r.toAddress,
  subject: r.subject,
  template: r.template,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
});

/** Emails of the workspace, newest first, optionally to one address. */
export async function listEmails(ctx: Ctx, filter: { to?: string }, limit: number, after?: Cursor) {
  let q = ctx.trx
    .selectFrom('emailMessages')
    .select(['id', 'toAddress', 'subject', 'template', 'status', 'createdAt'])
    .where('workspaceId', '=', ctx.workspaceId);
  if (filter.to) q = q.where('toAddress', '=', filter.to.toLowerCase());
  if (after) {
    const at = new Date(String(after.k));
    q = q.where((eb) => eb.or([eb('createdAt', '<', at), eb.and([eb('createdAt', '=', at), eb('id', '<', after.id)])]));
  }
  const rows = await q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows.map(summary), limit, (m) => m.createdAt);
}

/** One email with its text and HTML bodies. */
export async function getEmail(ctx: Ctx, id: string) {
  const r = found(
    await ctx.trx.selectFrom('emailMessages').selectAll().where('workspaceId', '=', ctx.workspaceId).where('id', '=', id).executeTakeFirst(),
    'Email',
  );
  return { ...summary(r), text: r.textBody, html: r.htmlBody };
}
