import type { Updateable } from 'kysely';
import { moneyProblem, toMinorUnits } from '../../../shared/money.ts';
import type {
  Opportunity,
  OpportunityContactRoleInput,
  OpportunityInput,
  OpportunityListQuery,
  OpportunityPartnerInput,
  OpportunityPatch,
  OpportunitySummaryQuery,
} from '../../../shared/opportunities.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import type { OpportunitiesTable } from '../../db/schema.ts';
import { AppError, found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recordChanges } from '../timeline/timeline.service.ts';
import { presentOpportunity, presentSummary } from './opportunities.presenter.ts';
import * as repo from './opportunities.repository.ts';
import { assertContactRoles, assertPartners, writeContactRoles, writePartners } from './opportunity-roles.service.ts';

/** The fields an opportunity shows on its timeline when they change; `stage` gets entries of its own. */
const WATCHED = ['name', 'accountId', 'amount', 'stage', 'closeDate', 'ownerUserId', 'source', 'motion', 'nextStep'] as const;

const invalid = (field: string, message: string, detail: string) => new AppError('validation_failed', detail, { fields: [{ field, message }] });

async function load(ctx: Ctx, id: string, includeDeleted = false): Promise<Opportunity> {
  return presentOpportunity(found(await repo.findOpportunity(ctx.trx, ctx.workspaceId, id, { includeDeleted }), 'Opportunity'));
}

/** Locks the opportunity for the rest of the transaction; not_found when absent (or deleted, unless asked). */
async function lock(ctx: Ctx, id: string, includeDeleted = false) {
  found((await repo.lockOpportunity(ctx.trx, ctx.workspaceId, id, { includeDeleted })) || null, 'Opportunity');
}

async function assertAccountUsable(ctx: Ctx, accountId: string, field: string) {
  if (!(await repo.accountExists(ctx.trx, ctx.workspaceId, accountId)))
    throw invalid(field, 'is not an account of this workspace', 'The account does not exist in this workspace (or is deleted).');
}

async function assertOwner(ctx: Ctx, ownerUserId: string | null | undefined, field: string) {
  if (ownerUserId && !(await repo.isMember(ctx.trx, ctx.workspaceId, ownerUserId)))
    throw invalid(field, 'is not a staff member of this workspace', 'The owner is not a staff member of this workspace.');
}

function minorUnits(amount: { value: number; currency: string }, field: string) {
  const problem = moneyProblem(amount.value, amount.currency);
  if (problem) throw invalid(`${field}.value`, problem, `The amount is invalid: ${problem}.`);
  return toMinorUnits(amount.value, amount.currency);
}

/**
 * Creates an opportunity with its partner and contact roles. Other modules (lead conversion) call
 * it inside their transaction; `fieldPrefix` names their request's field in validation errors.
 */
export async function createOpportunity(ctx: Ctx, input: OpportunityInput, opts: { fieldPrefix?: string } = {}) {
  const at = opts.fieldPrefix ?? 'body';
  await assertAccountUsable(ctx, input.accountId, `${at}.accountId`);
  await assertOwner(ctx, input.ownerUserId, `${at}.ownerUserId`);
  const partners = input.partners ?? [];
  const contactRoles = input.contactRoles ?? [];
  await assertPartners(ctx, partners, `${at}.partners`);
  await assertContactRoles(ctx, contactRoles, `${at}.contactRoles`);
  const now = ctx.now();
  const { id } = await repo.insertOpportunity(ctx.trx, {
    workspaceId: ctx.workspaceId,
    name: input.name,
    accountId: input.accountId,
    amountMinor: minorUnits(input.amount, `${at}.amount`),
    currency: input.amount.currency,
    stage: input.stage,
    stageChangedAt: now,
    closeDate: input.closeDate,
    ownerUserId: input.ownerUserId ?? null,
    source: input.source ?? 'direct',
    motion: input.motion ?? null,
    description: input.description ?? null,
    nextStep: input.nextStep ?? null,
    nextStepUpdatedAt: input.nextStep ? now : null,
  });
  if (partners.length) await writePartners(ctx, id, partners, `${at}.partners`);
  if (contactRoles.length) await writeContactRoles(ctx, id, contactRoles);
  const opportunity = await load(ctx, id);
  await recordAudit(ctx, { action: 'opportunity.created', entityType: 'opportunity', entityId: id, before: null, after: opportunity });
  return opportunity;
}

/** Records the registration an opportunity came from (REG-7: registration and deal are one record). */
export async function linkRegistration(ctx: Ctx, id: string, registrationId: string) {
  await repo.updateOpportunity(ctx.trx, ctx.workspaceId, id, { registrationId });
}

/** One opportunity. */
export function getOpportunity(ctx: Ctx, id: string) {
  return load(ctx, id);
}

/** Throws not_found unless the opportunity exists and is not deleted. */
export async function assertOpportunity(ctx: Ctx, id: string) {
  await load(ctx, id);
}

/**
 * Changes the given fields. A new stage sets `stageChangedAt` and writes a `stage_change` entry;
 * a new next step sets `nextStepUpdatedAt`; other watched fields go into one `field_change` entry.
 */
export async function updateOpportunity(ctx: Ctx, id: string, patch: OpportunityPatch) {
  await lock(ctx, id);
  const before = await load(ctx, id);
  const { amount, ...fields } = patch;
  if (fields.accountId !== undefined && fields.accountId !== before.accountId) await assertAccountUsable(ctx, fields.accountId, 'body.accountId');
  if (fields.ownerUserId !== before.ownerUserId) await assertOwner(ctx, fields.ownerUserId, 'body.ownerUserId');
  const values: Updateable<OpportunitiesTable> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (amount) {
    values.amountMinor = minorUnits(amount, 'body.amount');
    values.currency = amount.currency;
  }
  if (fields.stage !== undefined && fields.stage !== before.stage) values.stageChangedAt = ctx.now();
  if (fields.nextStep !== undefined && fields.nextStep !== before.nextStep) values.nextStepUpdatedAt = ctx.now();
  await repo.updateOpportunity(ctx.trx, ctx.workspaceId, id, values);
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'opportunity.updated', entityType: 'opportunity', entityId: id, before, after });
  await recordChanges(ctx, { type: 'opportunity', id }, before, after, WATCHED, 'stage');
  return after;
}

/** Replaces the partner roles; the change shows in the audit log and on the timeline. */
export async function replacePartners(ctx: Ctx, id: string, partners: OpportunityPartnerInput[]) {
  await lock(ctx, id);
  const before = await load(ctx, id);
  await assertPartners(ctx, partners, 'body.partners', id);
  await writePartners(ctx, id, partners, 'body.partners');
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'opportunity.partners_replaced', entityType: 'opportunity', entityId: id, before, after });
  await recordChanges(ctx, { type: 'opportunity', id }, before, after, ['partners']);
  return after;
}

/** Replaces the contact roles; the change shows in the audit log and on the timeline. */
export async function replaceContactRoles(ctx: Ctx, id: string, contactRoles: OpportunityContactRoleInput[]) {
  await lock(ctx, id);
  const before = await load(ctx, id);
  await assertContactRoles(ctx, contactRoles, 'body.contactRoles', id);
  await writeContactRoles(ctx, id, contactRoles);
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'opportunity.contact_roles_replaced', entityType: 'opportunity', entityId: id, before, after });
  await recordChanges(ctx, { type: 'opportunity', id }, before, after, ['contactRoles']);
  return after;
}

/** Soft-deletes an opportunity (restorable). */
export async function deleteOpportunity(ctx: Ctx, id: string, reason?: string) {
  await lock(ctx, id);
  const before = await load(ctx, id);
  await repo.updateOpportunity(ctx.trx, ctx.workspaceId, id, { deletedAt: ctx.now() });
  await recordAudit(ctx, { action: 'opportunity.deleted', entityType: 'opportunity', entityId: id, before, after: null, reason });
}

/** Brings a deleted opportunity back. */
export async function restoreOpportunity(ctx: Ctx, id: string) {
  await lock(ctx, id, true);
  const before = await load(ctx, id, true);
  if (!before.deletedAt) return before;
  await repo.updateOpportunity(ctx.trx, ctx.workspaceId, id, { deletedAt: null });
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'opportunity.restored', entityType: 'opportunity', entityId: id });
  return after;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;
const CURSOR_KEY: Record<OpportunityListQuery['sort'], (k: unknown) => boolean> = {
  closeDate: (k) => typeof k === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(k),
  amount: (k) => Number.isSafeInteger(k),
  name: (k) => typeof k === 'string',
  createdAt: (k) => typeof k === 'string' && TIMESTAMP.test(k),
  updatedAt: (k) => typeof k === 'string' && TIMESTAMP.test(k),
};

/** A page of opportunities with the caller's permissions; the cursor must come from the same sort. */
export async function listOpportunities(ctx: Ctx, filter: OpportunityListQuery, limit: number, after?: Cursor) {
  if (after && !(CURSOR_KEY[filter.sort](after.k) && /^[0-9a-f-]{36}$/i.test(after.id))) {
    throw new AppError('validation_failed', 'The cursor does not belong to this sort. Use nextCursor from the previous page with the same sort.', {
      fields: [{ field: 'query.cursor', message: 'is not a cursor of this sort' }],
    });
  }
  const rows = await repo.listOpportunities(ctx.trx, ctx.workspaceId, filter, limit, after);
  const page = toPage(rows, limit, (r) => r.sortKey as string | number);
  return { data: page.data.map(presentOpportunity), nextCursor: page.nextCursor, permissions: { create: can.manageCrm(ctx.actor) } };
}

/** Deal count and per-currency totals of each stage, over every opportunity matching the list's filters. */
export async function summarizeOpportunities(ctx: Ctx, filter: OpportunitySummaryQuery) {
  return presentSummary(await repo.summarizeOpportunities(ctx.trx, ctx.workspaceId, filter), filter.stage);
}
