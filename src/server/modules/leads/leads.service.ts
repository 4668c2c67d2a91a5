import type { LeadInput, LeadListQuery, LeadPatch } from '../../../shared/leads.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { assertCursor } from '../../db/keyset.ts';
import { AppError, found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recordChanges } from '../timeline/timeline.service.ts';
import { presentLead } from './leads.presenter.ts';
import * as repo from './leads.repository.ts';

/** The fields a lead shows on its timeline when they change. */
const WATCHED = ['firstName', 'lastName', 'email', 'phone', 'title', 'company', 'companyDomain', 'status', 'ownerUserId', 'partnerId'] as const;

const invalid = (field: string, message: string, detail: string) => new AppError('validation_failed', detail, { fields: [{ field, message }] });

/** The partner and owner a lead points to must be live records of the workspace. */
async function assertLinks(ctx: Ctx, input: Pick<LeadPatch, 'partnerId' | 'ownerUserId'>) {
  if (input.partnerId && !(await repo.partnerExists(ctx.trx, ctx.workspaceId, input.partnerId)))
    throw invalid('body.partnerId', 'is not a partner of this workspace', 'The partner does not exist in this workspace (or is deleted).');
  if (input.ownerUserId && !(await repo.isMember(ctx.trx, ctx.workspaceId, input.ownerUserId)))
    throw invalid('body.ownerUserId', 'is not a staff member of this workspace', 'The owner is not a staff member of this workspace.');
}

async function load(ctx: Ctx, id: string, includeDeleted = false) {
  return presentLead(found(await repo.findLead(ctx.trx, ctx.workspaceId, id, { includeDeleted }), 'Lead'));
}

/** Creates a lead: a person at a company, optionally brought by a partner. */
export async function createLead(ctx: Ctx, input: LeadInput) {
  await assertLinks(ctx, input);
  const { id } = await repo.insertLead(ctx.trx, {
    workspaceId: ctx.workspaceId,
    firstName: input.firstName ?? '',
    lastName: input.lastName,
    email: input.email ?? null,
    phone: input.phone ?? null,
    title: input.title ?? null,
    company: input.company,
    companyDomain: input.companyDomain ?? null,
    status: input.status ?? 'new',
    ownerUserId: input.ownerUserId ?? null,
    partnerId: input.partnerId ?? null,
  });
  const lead = await load(ctx, id);
  await recordAudit(ctx, { action: 'lead.created', entityType: 'lead', entityId: id, before: null, after: lead });
  return lead;
}

/** One lead. */
export function getLead(ctx: Ctx, id: string) {
  return load(ctx, id);
}

/** Throws not_found unless the lead exists and is not deleted. */
export async function assertLead(ctx: Ctx, id: string) {
  await load(ctx, id);
}

/** Changes the given fields; a converted lead keeps its status. Changes go to the audit log and the timeline. */
export async function updateLead(ctx: Ctx, id: string, patch: LeadPatch) {
  const before = await load(ctx, id);
  if (patch.status && before.status === 'converted') {
    throw new AppError('conflict', 'This lead is converted; its status no longer changes.', {
      fields: [{ field: 'body.status', message: 'cannot change on a converted lead' }],
    });
  }
  await assertLinks(ctx, patch);
  const { firstName, ...rest } = patch;
  await repo.updateLead(ctx.trx, ctx.workspaceId, id, { ...rest, ...(firstName !== undefined ? { firstName: firstName ?? '' } : {}) });
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'lead.updated', entityType: 'lead', entityId: id, before, after });
  await recordChanges(ctx, { type: 'lead', id }, before, after, WATCHED);
  return after;
}

/** Soft-deletes a lead (restorable). */
export async function deleteLead(ctx: Ctx, id: string, reason?: string) {
  const before = await load(ctx, id);
  await repo.updateLead(ctx.trx, ctx.workspaceId, id, { deletedAt: ctx.now() });
  await recordAudit(ctx, { action: 'lead.deleted', entityType: 'lead', entityId: id, before, after: null, reason });
}

/** Brings a deleted lead back. */
export async function restoreLead(ctx: Ctx, id: string) {
  const before = await load(ctx, id, true);
  if (!before.deletedAt) return before;
  await repo.updateLead(ctx.trx, ctx.workspaceId, id, { deletedAt: null });
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'lead.restored', entityType: 'lead', entityId: id });
  return after;
}

/** A page of leads with the caller's permissions. */
export async function listLeads(ctx: Ctx, filter: LeadListQuery, limit: number, after?: Cursor) {
  assertCursor(after, repo.LEAD_SORTS[filter.sort]);
  const rows = await repo.listLeads(ctx.trx, ctx.workspaceId, filter, limit, after);
  const page = toPage(rows, limit, (r) => r.sortKey as string);
  return { data: page.data.map(presentLead), nextCursor: page.nextCursor, permissions: { create: can.manageCrm(ctx.actor) } };
}
