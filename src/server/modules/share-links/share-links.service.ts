import type { ShareLink, ShareLinkInput } from '../../../shared/share-links.ts';
import { actorLabel } from '../../auth/actor.ts';
import { hashToken, scopedToken } from '../../auth/tokens.ts';
import type { Ctx } from '../../context.ts';
import { queueEmail } from '../../email/email.service.ts';
import { AppError, found } from '../../http/errors.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getProgramSettings } from '../program/program.service.ts';
import { portalBaseUrl } from '../workspaces/workspaces.service.ts';
import * as repo from './share-links.repository.ts';
import { sharedTitle } from './shared-access.service.ts';

export type ShareDeps = { jobs: Jobs; publicUrl: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The fields of a share link that leave the server (to staff); never its token or code. */
export function presentShareLink(r: repo.ShareLinkRow, now: Date): ShareLink {
  return {
    id: r.id,
    entityType: r.entityType,
    entityId: r.entityId,
    partnerId: r.partnerId,
    recipientEmail: r.recipientEmail,
    recipientName: r.recipientName,
    allowedActions: r.allowedActions,
    requireCode: r.requireCode,
    status: r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : 'active',
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: iso(r.revokedAt),
    accessCount: r.accessCount,
    lastAccessedAt: iso(r.lastAccessedAt),
    acknowledgedAt: iso(r.acknowledgedAt),
    createdBy: r.createdByLabel,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The partner whose safelist the link applies: the one named, else the deal's only (or sourced) partner, else none. */
async function linkPartner(ctx: Ctx, input: ShareLinkInput): Promise<string | null> {
  if (input.partnerId) {
    const p = await ctx.trx.selectFrom('partners').select('id').where('id', '=', input.partnerId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!p)
      throw new AppError('validation_failed', 'The partner does not exist.', {
        fields: [{ field: 'body.partnerId', message: 'is not a partner of this workspace' }],
      });
    if (input.entityType === 'opportunity') {
      const role = await ctx.trx
        .selectFrom('opportunityPartners')
        .select('partnerId')
        .where('opportunityId', '=', input.entityId as string)
        .where('partnerId', '=', input.partnerId)
        .executeTakeFirst();
      if (!role)
        throw new AppError('validation_failed', 'That partner holds no role on the deal.', {
          fields: [{ field: 'body.partnerId', message: 'holds no role on this deal' }],
        });
    }
    return input.partnerId;
  }
  if (input.entityType === 'opportunity') {
    const roles = await ctx.trx
      .selectFrom('opportunityPartners')
      .select(['partnerId', 'attribution'])
      .where('workspaceId', '=', ctx.workspaceId)
      .where('opportunityId', '=', input.entityId as string)
      .execute();
    const sourced = roles.filter((r) => r.attribution === 'sourced');
    return roles.length === 1 ? roles[0].partnerId : sourced.length === 1 ? sourced[0].partnerId : null;
  }
  if (input.entityType === 'lead') {
    const lead = await ctx.trx
      .selectFrom('leads')
      .select('partnerId')
      .where('id', '=', input.entityId as string)
      .executeTakeFirst();
    return lead?.partnerId ?? null;
  }
  return null;
}

async function assertEntity(ctx: Ctx, input: ShareLinkInput) {
  if (input.entityType === 'opportunity_list') return;
  const table = ({ opportunity: 'opportunities', account: 'accounts', lead: 'leads' } as const)[input.entityType];
  const row = await ctx.trx
    .selectFrom(table)
    .select('id')
    .where('workspaceId', '=', ctx.workspaceId)
    .where('id', '=', input.entityId as string)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row)
    throw new AppError('not_found', `The ${input.entityType} to share was not found.`, {
      fields: [{ field: 'body.entityId', message: 'is not a record of this workspace' }],
    });
  const dealOnly = input.allowedActions.filter((a) => a !== 'acknowledge');
  if (input.entityType !== 'opportunity' && dealOnly.length) {
    throw new AppError('validation_failed', 'Comments and task updates are possible on shared deals only.', {
      fields: [{ field: 'body.allowedActions', message: `${dealOnly.join(', ')} only work on an opportunity` }],
    });
  }
}

async function recipientLocale(ctx: Ctx, email: string): Promise<'en' | 'de'> {
  const pu = await ctx.trx.selectFrom('partnerUsers').select('locale').where('email', '=', email).executeTakeFirst();
  if (pu?.locale) return pu.locale;
  return (await ctx.trx.selectFrom('workspaces').select('locale').where('id', '=', ctx.workspaceId).executeTakeFirstOrThrow()).locale;
}

/**
 * Creates a link for a named recipient and, unless told not to, emails it to them. The token
 * (≥ 256 random bits) is in the answer once and never stored or logged; only its hash is.
 */
export async function createShareLink(ctx: Ctx, deps: ShareDeps, input: ShareLinkInput): Promise<ShareLink> {
  const { shareLinks } = await getProgramSettings(ctx);
  const hours = input.expiresInHours ?? shareLinks.defaultHours;
  if (hours > shareLinks.maxHours) {
    throw new AppError('validation_failed', `Links of this workspace last at most ${shareLinks.maxHours} hours.`, {
      fields: [
        { field: 'body.expiresInHours', message: `must be at most ${shareLinks.maxHours} hours (${Math.floor(shareLinks.maxHours / 24)} days)` },
      ],
    });
  }
  await assertEntity(ctx, input);
  const partnerId = await linkPartner(ctx, input);
  const { token, secret } = scopedToken(ctx.workspaceId);
  const row = await repo.insertShareLink(ctx.trx, {
    workspaceId: ctx.workspaceId,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    viewFilter: input.view ? JSON.stringify(input.view) : null,
    partnerId,
    recipientEmail: input.recipientEmail,
    recipientName: input.recipientName ?? null,
    tokenHash: hashToken(secret),
    allowedActions: [...new Set(input.allowedActions)],
    requireCode: input.requireCode,
    expiresAt: new Date(ctx.now().getTime() + hours * 3_600_000),
    createdByUserId: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
    createdByLabel: actorLabel(ctx.actor),
  });
  const link = presentShareLink(row, ctx.now());
  await recordAudit(ctx, { action: 'share_link.created', entityType: 'share_link', entityId: row.id, before: null, after: link });
  const url = `${await portalBaseUrl(ctx, deps.publicUrl)}/s/${token}`;
  if (input.notify) {
    const locale = await recipientLocale(ctx, input.recipientEmail);
    const expires = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
      row.expiresAt,
    );
    await queueEmail(ctx, deps.jobs, {
      to: input.recipientEmail,
      template: 'share_link',
      locale,
      actionUrl: url,
      vars: {
        sender: ctx.actor.name,
        title: await sharedTitle(ctx, row, locale),
        expires: `${expires} UTC`,
        codeNote: input.requireCode ? (locale === 'de' ? '; beim Öffnen senden wir Ihnen einen Code' : '; when you open it we send you a code') : '',
      },
    });
  }
  return { ...link, url };
}

/** The workspace's links (of one record, when asked), newest first. */
export async function listShareLinks(ctx: Ctx, filter: { entityType?: string; entityId?: string }) {
  const rows = await repo.listShareLinks(ctx.trx, ctx.workspaceId, filter);
  return { data: rows.map((r) => presentShareLink(r, ctx.now())), nextCursor: null };
}

/** Withdraws a link at once: it answers 410 from now on, and browsers that entered its code are signed out. */
export async function revokeShareLink(ctx: Ctx, id: string): Promise<void> {
  const before = presentShareLink(found(await repo.findShareLink(ctx.trx, ctx.workspaceId, id), 'Share link'), ctx.now());
  if (before.revokedAt) return;
  await repo.updateShareLink(ctx.trx, ctx.workspaceId, id, { revokedAt: ctx.now() });
  await repo.deleteSessions(ctx.trx, ctx.workspaceId, id);
  const after = presentShareLink(found(await repo.findShareLink(ctx.trx, ctx.workspaceId, id), 'Share link'), ctx.now());
  await recordAudit(ctx, { action: 'share_link.revoked', entityType: 'share_link', entityId: id, before, after });
}
