import type { z } from 'zod';
import type { PartnerInput, PartnerPatch, partnerListQuery } from '../../../shared/partners.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { assertCursor } from '../../db/keyset.ts';
import { AppError, found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { presentPartner } from './partners.presenter.ts';
import * as repo from './partners.repository.ts';

const uniq = (xs: string[] | undefined) => (xs ? [...new Set(xs)] : undefined);

async function assertManager(ctx: Ctx, userId: string | null | undefined) {
  if (!userId) return;
  const m = await ctx.trx
    .selectFrom('workspaceMembers')
    .select('userId')
    .where('workspaceId', '=', ctx.workspaceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!m) {
    throw new AppError('validation_failed', 'The partner manager is not a staff member of this workspace.', {
      fields: [{ field: 'body.managerUserId', message: 'is not a staff member of this workspace' }],
    });
  }
}

/** Creates a partner organisation. */
export async function createPartner(ctx: Ctx, input: PartnerInput) {
  await assertManager(ctx, input.managerUserId);
  const row = await repo.insertPartner(ctx.trx, {
    workspaceId: ctx.workspaceId,
    name: input.name,
    type: input.type,
    tier: input.tier ?? null,
    region: input.region ?? null,
    domains: uniq(input.domains) ?? [],
    lifecycleState: input.lifecycleState,
    certificationStatus: input.certificationStatus,
    isEstablished: input.isEstablished,
    managerUserId: input.managerUserId ?? null,
  });
  const partner = presentPartner(row);
  await recordAudit(ctx, { action: 'partner.created', entityType: 'partner', entityId: row.id, before: null, after: partner });
  return partner;
}

/** One partner; not_found when absent, deleted or in another workspace. */
export async function getPartner(ctx: Ctx, id: string) {
  return presentPartner(found(await repo.findPartner(ctx.trx, ctx.workspaceId, id), 'Partner'));
}

/** Changes the given fields of a partner and audits what changed. */
export async function updatePartner(ctx: Ctx, id: string, patch: PartnerPatch) {
  const before = presentPartner(found(await repo.findPartner(ctx.trx, ctx.workspaceId, id), 'Partner'));
  await assertManager(ctx, patch.managerUserId);
  const row = await repo.updatePartner(ctx.trx, ctx.workspaceId, id, { ...patch, domains: uniq(patch.domains) });
  const after = presentPartner(row);
  await recordAudit(ctx, { action: 'partner.updated', entityType: 'partner', entityId: id, before, after });
  return after;
}

/** Soft-deletes a partner (kept for history; gone from every list and read). */
export async function deletePartner(ctx: Ctx, id: string, reason?: string) {
  const before = presentPartner(found(await repo.findPartner(ctx.trx, ctx.workspaceId, id), 'Partner'));
  await repo.updatePartner(ctx.trx, ctx.workspaceId, id, { deletedAt: ctx.now() });
  await recordAudit(ctx, { action: 'partner.deleted', entityType: 'partner', entityId: id, before, after: null, reason });
}

/** A page of partners, with the caller's permissions on the collection. */
export async function listPartners(ctx: Ctx, filter: z.infer<typeof partnerListQuery>, limit: number, after?: Cursor) {
  assertCursor(after, repo.PARTNER_SORTS[filter.sort]);
  const rows = await repo.listPartners(ctx.trx, ctx.workspaceId, filter, limit, after);
  const page = toPage(rows, limit, (r) => r.sortKey as string);
  return { data: page.data.map(presentPartner), nextCursor: page.nextCursor, permissions: { create: can.managePartners(ctx.actor) } };
}
