import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { PortalDealListQuery } from '../../../shared/portal.ts';
import type { ShareAction, sharedMetaSchema, sharedRecordSchema } from '../../../shared/share-links.ts';
import type { TaskPatch } from '../../../shared/tasks.ts';
import type { PartnerScope } from '../../auth/partner-scope.ts';
import type { ShareLinkActor } from '../../auth/share-links.ts';
import { hashToken, safeEqual, scopedToken } from '../../auth/tokens.ts';
import type { Ctx } from '../../context.ts';
import { queueEmail } from '../../email/email.service.ts';
import { AppError, found } from '../../http/errors.ts';
import type { Cursor } from '../../http/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { presentAccountToPartner, presentLeadToPartner } from '../portal/portal.presenter.ts';
import * as portalRepo from '../portal/portal.repository.ts';
import { dealForPartner, dealsFor, tasksFor, timelineFor, updateTaskFor } from '../portal/portal.service.ts';
import { type PartnerSafelists, safelistsFor, safelistsForWorkspace } from '../safelists/safelists.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { portalBaseUrl } from '../workspaces/workspaces.service.ts';
import * as repo from './share-links.repository.ts';
import type { ShareDeps } from './share-links.service.ts';

/**
 * What the recipient of a share link sees and does. The link's partner decides the safelist
 * (none: the workspace's defaults); every read of the record is audited with time and IP.
 */

const CODE_MINUTES = 10;
const CODE_ATTEMPTS = 5;
// Every new code gives five tries: over a link's life the wrong ones add up, and at 20 the link locks.
const CODE_FAILURES_MAX = 20;
const LOCKED = 'This link is locked after too many wrong codes. Ask the person who sent it for a new one.';
const CODE_RESEND_SECONDS = 30;
const SESSION_HOURS = 12;

const linkOf = (ctx: Ctx): ShareLinkActor => {
  if (ctx.actor.kind !== 'share_link') throw new AppError('forbidden', 'This is for the recipients of share links.');
  return ctx.actor;
};

async function viewOf(ctx: Ctx, partnerId: string | null): Promise<{ scope: PartnerScope | null; lists: PartnerSafelists }> {
  if (!partnerId) return { scope: null, lists: await safelistsForWorkspace(ctx) };
  return { scope: { partnerId, partnerUserId: null, role: 'partner_admin' }, lists: await safelistsFor(ctx, partnerId) };
}

/** The record's title as the recipient may see it (for the email), or a neutral word when its name is hidden. */
export async function sharedTitle(ctx: Ctx, link: repo.ShareLinkRow, locale: 'en' | 'de'): Promise<string> {
  const generic = {
    opportunity: ['a deal', 'einen Deal'],
    account: ['an account', 'einen Kunden'],
    lead: ['a lead', 'einen Lead'],
    opportunity_list: ['a list of deals', 'eine Liste von Deals'],
  }[link.entityType][locale === 'de' ? 1 : 0];
  const { scope, lists } = await viewOf(ctx, link.partnerId);
  if (link.entityType === 'opportunity' && link.entityId) {
    const deal = await dealForPartner(ctx, scope, lists, link.entityId);
    return deal.name ? quote(deal.name, locale) : generic;
  }
  if (link.entityType === 'account' && link.entityId) {
    const a = await portalRepo.dealAccount(ctx.trx, ctx.workspaceId, link.entityId);
    const name = a ? presentAccountToPartner(a, lists).name : undefined;
    return name ? quote(name, locale) : generic;
  }
  return generic;
}

const quote = (s: string, locale: 'en' | 'de') => (locale === 'de' ? `„${s}“` : `“${s}”`);

const mask = (email: string) => email.replace(/^(.)[^@]*(@.).*(\.[^.]+)$/, (_m, a, at, tld) => `${a}•••${at}•••${tld}`);

/** What the page shows before anything else: who shares, until when, whether a code is needed. */
export async function sharedMeta(ctx: Ctx, verified: boolean): Promise<z.infer<typeof sharedMetaSchema>> {
  const a = linkOf(ctx);
  const link = found(await repo.findShareLink(ctx.trx, ctx.workspaceId, a.shareLinkId), 'Share link');
  const w = await ctx.trx
    .selectFrom('workspaces')
    .select(['name', 'slug', 'branding', 'locale'])
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  const b = (w.branding ?? {}) as Record<string, string | null | undefined>;
  return {
    workspace: {
      name: w.name,
      slug: w.slug,
      branding: {
        logoUrl: b.logoUrl ?? null,
        primaryColor: b.primaryColor ?? null,
        productName: b.productName ?? null,
        supportEmail: b.supportEmail ?? null,
        faviconUrl: b.faviconUrl ?? null,
      },
    },
    recipientName: link.recipientName,
    recipientHint: mask(link.recipientEmail),
    entityType: link.entityType,
    expiresAt: link.expiresAt.toISOString(),
    requiresCode: link.requireCode,
    verified,
    allowedActions: link.allowedActions,
    acknowledgedAt: link.acknowledgedAt?.toISOString() ?? null,
    locale: w.locale,
  };
}

/** The shared record through the link partner's safelist; the access is counted and audited. */
export async function sharedRecord(ctx: Ctx): Promise<z.infer<typeof sharedRecordSchema>> {
  const a = linkOf(ctx);
  const link = found(await repo.findShareLink(ctx.trx, ctx.workspaceId, a.shareLinkId), 'Share link');
  await repo.countAccess(ctx.trx, ctx.workspaceId, link.id, ctx.now());
  await recordAudit(ctx, {
    action: 'share_link.accessed',
    entityType: 'share_link',
    entityId: link.id,
    data: { entityType: link.entityType, entityId: link.entityId },
  });
  const { scope, lists } = await viewOf(ctx, link.partnerId);
  switch (link.entityType) {
    case 'opportunity':
      return { deal: await dealForPartner(ctx, scope, lists, link.entityId as string) };
    case 'account': {
      const row = found(await portalRepo.dealAccount(ctx.trx, ctx.workspaceId, link.entityId as string), 'Account');
      return { account: presentAccountToPartner(row, lists) };
    }
    case 'lead': {
      const row = found(await portalRepo.findLead(ctx.trx, ctx.workspaceId, link.entityId as string, link.partnerId), 'Lead');
      return { lead: presentLeadToPartner(row, lists) };
    }
    case 'opportunity_list': {
      const filter = { sort: 'closeDate', order: 'asc', ...((link.viewFilter as Partial<PortalDealListQuery>) ?? {}) } as PortalDealListQuery;
      const page = await dealsFor(ctx, scope as PartnerScope, lists, filter, 200);
      return { deals: page.data };
    }
  }
}

/** Emails a fresh 6-digit code to the recipient (at most one every 30 seconds). */
export async function sendCode(ctx: Ctx, deps: ShareDeps, token: string): Promise<void> {
  const a = linkOf(ctx);
  const link = await repo.lockShareLink(ctx.trx, ctx.workspaceId, a.shareLinkId);
  if (!link.requireCode) throw new AppError('bad_request', 'This link needs no code.');
  if ((await repo.countCodeFailures(ctx.trx, ctx.workspaceId, link.id)) >= CODE_FAILURES_MAX) throw new AppError('account_locked', LOCKED);
  const sentAt = link.codeExpiresAt ? link.codeExpiresAt.getTime() - CODE_MINUTES * 60_000 : 0;
  if (ctx.now().getTime() - sentAt < CODE_RESEND_SECONDS * 1000) {
    throw new AppError('rate_limited', `A code was sent a moment ago. Check your inbox, or ask again in ${CODE_RESEND_SECONDS} seconds.`);
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await repo.updateShareLink(ctx.trx, ctx.workspaceId, link.id, {
    codeHash: hashToken(`${link.id}:${code}`),
    codeExpiresAt: new Date(ctx.now().getTime() + CODE_MINUTES * 60_000),
    codeAttempts: 0,
  });
  const meta = await sharedMeta(ctx, false);
  await queueEmail(ctx, deps.jobs, {
    to: link.recipientEmail,
    template: 'share_code',
    locale: meta.locale,
    actionUrl: `${await portalBaseUrl(ctx, deps.publicUrl)}/s/${token}`,
    vars: { code },
  });
  await recordAudit(ctx, { action: 'share_link.code_sent', entityType: 'share_link', entityId: link.id });
}

/**
 * Checks a code. A wrong one counts (the caller commits before refusing, so guesses are not
 * free); five wrong ones burn the code, twenty over all codes lock the link. The right one opens a browser session for 12 hours at
 * most, and never past the link's expiry.
 */
export async function verifyCode(ctx: Ctx, code: string): Promise<{ ok: true; cookie: string; expiresAt: Date } | { ok: false; message: string }> {
  const a = linkOf(ctx);
  const link = await repo.lockShareLink(ctx.trx, ctx.workspaceId, a.shareLinkId);
  if ((await repo.countCodeFailures(ctx.trx, ctx.workspaceId, link.id)) >= CODE_FAILURES_MAX) return { ok: false, message: LOCKED };
  if (!link.codeHash || !link.codeExpiresAt || link.codeExpiresAt <= ctx.now()) return { ok: false, message: 'has expired; ask for a new code' };
  if (link.codeAttempts >= CODE_ATTEMPTS) return { ok: false, message: 'was entered wrongly too often; ask for a new code' };
  if (!safeEqual(hashToken(`${link.id}:${code}`), link.codeHash)) {
    await repo.updateShareLink(ctx.trx, ctx.workspaceId, link.id, { codeAttempts: link.codeAttempts + 1 });
    await recordAudit(ctx, { action: 'share_link.code_failed', entityType: 'share_link', entityId: link.id });
    const left = CODE_ATTEMPTS - link.codeAttempts - 1;
    return { ok: false, message: left > 0 ? `is not the code we sent; ${left} tries left` : 'was entered wrongly too often; ask for a new code' };
  }
  const { token, secret } = scopedToken(ctx.workspaceId);
  const expiresAt = new Date(Math.min(link.expiresAt.getTime(), ctx.now().getTime() + SESSION_HOURS * 3_600_000));
  await repo.insertSession(ctx.trx, { workspaceId: ctx.workspaceId, shareLinkId: link.id, tokenHash: hashToken(secret), expiresAt });
  await repo.updateShareLink(ctx.trx, ctx.workspaceId, link.id, { codeHash: null, codeExpiresAt: null, codeAttempts: 0 });
  await recordAudit(ctx, { action: 'share_link.verified', entityType: 'share_link', entityId: link.id });
  return { ok: true, cookie: token, expiresAt };
}

function assertAction(a: ShareLinkActor, action: ShareAction, what: string) {
  if (!a.allowedActions.includes(action)) throw new AppError('forbidden', `This link does not allow you to ${what}.`);
}

function dealOf(a: ShareLinkActor): string {
  if (a.entityType !== 'opportunity' || !a.entityId) throw new AppError('not_found', 'This link shares no deal.');
  return a.entityId;
}

/** The shared deal's partner-visible timeline. */
export async function sharedTimeline(ctx: Ctx, limit: number, after?: Cursor) {
  const a = linkOf(ctx);
  const { lists } = await viewOf(ctx, a.partnerId);
  return timelineFor(ctx, a.partnerId, lists, dealOf(a), limit, after);
}

/** The recipient's comment on the shared deal: a shared note signed with their name. */
export async function commentOnShared(ctx: Ctx, body: string) {
  const a = linkOf(ctx);
  assertAction(a, 'comment', 'comment');
  const dealId = dealOf(a);
  const entry = await addTimelineEntry(
    ctx,
    { type: 'opportunity', id: dealId },
    { kind: 'note', body, visibility: 'shared', metadata: { shareLinkId: a.shareLinkId } },
  );
  await recordAudit(ctx, {
    action: 'share_link.commented',
    entityType: 'opportunity',
    entityId: dealId,
    data: { shareLinkId: a.shareLinkId, timelineEntryId: entry.id },
  });
  return { id: entry.id };
}

/** The recipient acknowledges what was shared (once; again is a no-op). */
export async function acknowledgeShared(ctx: Ctx) {
  const a = linkOf(ctx);
  assertAction(a, 'acknowledge', 'acknowledge');
  const link = await repo.lockShareLink(ctx.trx, ctx.workspaceId, a.shareLinkId);
  if (!link.acknowledgedAt) {
    await repo.updateShareLink(ctx.trx, ctx.workspaceId, link.id, { acknowledgedAt: ctx.now() });
    await recordAudit(ctx, { action: 'share_link.acknowledged', entityType: 'share_link', entityId: link.id });
    if (link.entityType !== 'opportunity_list' && link.entityId) {
      await addTimelineEntry(
        ctx,
        { type: link.entityType, id: link.entityId },
        {
          kind: 'system',
          body: `Acknowledged by ${a.name} (share link)`,
          visibility: 'shared',
          metadata: { shareLinkId: link.id, event: 'acknowledged' },
        },
      );
    }
  }
  return { acknowledgedAt: (link.acknowledgedAt ?? ctx.now()).toISOString() };
}

/** The shared deal's tasks. */
export async function sharedTasks(ctx: Ctx) {
  const a = linkOf(ctx);
  const { lists } = await viewOf(ctx, a.partnerId);
  return tasksFor(ctx, lists, dealOf(a));
}

/** Updates a task of the shared deal, if the link allows it and the safelist makes the fields editable. */
export async function updateSharedTask(ctx: Ctx, taskId: string, patch: TaskPatch) {
  const a = linkOf(ctx);
  assertAction(a, 'update_task', 'update tasks');
  const { lists } = await viewOf(ctx, a.partnerId);
  return updateTaskFor(ctx, lists, dealOf(a), taskId, patch);
}
