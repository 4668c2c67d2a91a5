import type { PartnerDeal, PortalDealListQuery, PortalDealPatch } from '../../../shared/portal.ts';
import type { TaskPatch } from '../../../shared/tasks.ts';
import { type PartnerScope, partnerScopeOf } from '../../auth/partner-scope.ts';
import type { Ctx } from '../../context.ts';
import { assertCursor } from '../../db/keyset.ts';
import { AppError, found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { updateOpportunity } from '../opportunities/opportunities.service.ts';
import { assertEditable, type PartnerSafelists, safelistsFor } from '../safelists/safelists.service.ts';
import { findTaskRow, sharedTaskRows, updateTask } from '../tasks/tasks.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { presentDealToPartner, presentLeadToPartner, presentTaskToPartner, presentTimelineToPartner } from './portal.presenter.ts';
import * as repo from './portal.repository.ts';

/**
 * The partner's side of the CRM: its deals, their shared timeline and tasks, its leads. Every
 * function resolves the caller's partner scope and safelists first; reads start from the partner's
 * role on a deal, and what comes back goes through the partner presenters.
 */

/** The caller's scope and safelists (a share link's recipient sees through the link's partner). */
export async function partnerContext(ctx: Ctx): Promise<{ scope: PartnerScope; lists: PartnerSafelists }> {
  const scope = partnerScopeOf(ctx.actor);
  return { scope, lists: await safelistsFor(ctx, scope.partnerId) };
}

/** Filters and sorts may only use what the partner sees, or their results would reveal hidden values. */
function assertFilterable(q: PortalDealListQuery, visible: ReadonlySet<string>) {
  const needs: [boolean, string, string][] = [
    [Boolean(q.q), 'query.q', 'name'],
    [Boolean(q.stage?.length), 'query.stage', 'stage'],
    [Boolean(q.motion?.length), 'query.motion', 'motion'],
    [q.sort === 'name', 'query.sort', 'name'],
    [q.sort === 'updatedAt', 'query.sort', 'updatedAt'],
    [q.sort === 'closeDate' && !visible.has('closeDate'), 'query.sort', 'closeMonth'],
  ];
  const fields = needs
    .filter(([used, , field]) => used && !visible.has(field))
    .map(([, field, key]) => ({ field, message: `needs ${key}, which is not shared with partners` }));
  if (fields.length) throw new AppError('validation_failed', 'Filter and sort only by fields you can see.', { fields });
}

const parts = (lists: PartnerSafelists): repo.DealParts => {
  const visible = lists.of('opportunity').visible;
  return { otherPartners: visible.has('otherPartners'), lastActivity: visible.has('lastActivityAt') };
};

/** A page of the partner's deals. */
export async function listDeals(ctx: Ctx, q: PortalDealListQuery, limit: number, after?: Cursor) {
  const { scope, lists } = await partnerContext(ctx);
  return dealsFor(ctx, scope, lists, q, limit, after);
}

/** A page of a partner scope's deals through its safelists (the portal list, a shared list). */
export async function dealsFor(ctx: Ctx, scope: PartnerScope, lists: PartnerSafelists, q: PortalDealListQuery, limit: number, after?: Cursor) {
  assertFilterable(q, lists.of('opportunity').visible);
  assertCursor(after, repo.DEAL_SORTS[q.sort]);
  const rows = await repo.listDeals(ctx.trx, ctx.workspaceId, scope, q, parts(lists), limit, after);
  const page = toPage(rows, limit, (r) => r.sortKey as string);
  return { data: page.data.map((r) => presentDealToPartner(r, lists, { now: ctx.now() })), nextCursor: page.nextCursor };
}

async function dealRow(ctx: Ctx, scope: PartnerScope | null, lists: PartnerSafelists, id: string) {
  return found(await repo.findDeal(ctx.trx, ctx.workspaceId, scope, id, parts(lists)), 'Deal');
}

/** Throws not_found unless the caller's partner scope sees the deal. */
export async function assertDeal(ctx: Ctx, id: string) {
  const { scope, lists } = await partnerContext(ctx);
  await dealRow(ctx, scope, lists, id);
}

/** One deal of the partner with its account and contacts, as far as its safelists show them. */
export async function getDeal(ctx: Ctx, id: string): Promise<PartnerDeal> {
  const { scope, lists } = await partnerContext(ctx);
  return dealForPartner(ctx, scope, lists, id);
}

/** The partner view of a deal for a given scope and safelists (the portal, a share link, the safelist preview); scope null: any deal, no partner role. */
export async function dealForPartner(ctx: Ctx, scope: PartnerScope | null, lists: PartnerSafelists, id: string): Promise<PartnerDeal> {
  const row = await dealRow(ctx, scope, lists, id);
  const accountShown = lists.of('account').visible.size > 0;
  const contactsShown = lists.of('opportunity').visible.has('contactRoles');
  const [account, contacts] = await Promise.all([
    accountShown ? repo.dealAccount(ctx.trx, ctx.workspaceId, row.accountId) : undefined,
    contactsShown ? repo.dealContacts(ctx.trx, ctx.workspaceId, id) : undefined,
  ]);
  return presentDealToPartner(row, lists, { account, contacts, now: ctx.now() });
}

/** Changes the fields of a deal the partner's safelist lets it edit; anything else is refused naming the field. */
export async function updateDeal(ctx: Ctx, id: string, patch: PortalDealPatch): Promise<PartnerDeal> {
  const { scope, lists } = await partnerContext(ctx);
  await dealRow(ctx, scope, lists, id);
  assertEditable(lists, 'opportunity', patch);
  await updateOpportunity(ctx, id, patch);
  return dealForPartner(ctx, scope, lists, id);
}

/** The deal's timeline as the partner sees it: shared entries, and stage changes when the stage is shown. */
export async function dealTimeline(ctx: Ctx, id: string, limit: number, after?: Cursor) {
  const { scope, lists } = await partnerContext(ctx);
  await dealRow(ctx, scope, lists, id);
  return timelineFor(ctx, scope.partnerId, lists, id, limit, after);
}

/** A page of a deal's partner-visible timeline for a partner's safelists. */
export async function timelineFor(ctx: Ctx, partnerId: string | null, lists: PartnerSafelists, id: string, limit: number, after?: Cursor) {
  assertCursor(after, repo.TIMELINE_SORT);
  const stageShown = lists.of('opportunity').visible.has('stage');
  const rows = await repo.dealTimeline(ctx.trx, ctx.workspaceId, id, { partnerId, withStageChanges: stageShown }, limit, after);
  const page = toPage(rows, limit, (r) => r.sortKey);
  return { data: page.data.map((r) => presentTimelineToPartner(r, lists)), nextCursor: page.nextCursor };
}

/**
 * A registration's timeline as its partner sees it: the shared entries, through the partner's
 * timeline safelist (authors by name, no metadata but the event). The caller checked that the
 * registration is the partner's.
 */
export async function registrationTimeline(ctx: Ctx, id: string, limit: number, after?: Cursor) {
  const { scope, lists } = await partnerContext(ctx);
  assertCursor(after, repo.TIMELINE_SORT);
  const rows = await repo.dealTimeline(
    ctx.trx,
    ctx.workspaceId,
    id,
    { partnerId: scope.partnerId, withStageChanges: false, subjectType: 'registration' },
    limit,
    after,
  );
  const page = toPage(rows, limit, (r) => r.sortKey);
  return { data: page.data.map((r) => presentTimelineToPartner(r, lists)), nextCursor: page.nextCursor };
}

/** A reply of the partner on the deal's timeline, shared with the vendor's team. */
export async function replyOnDeal(ctx: Ctx, id: string, body: string) {
  const { scope, lists } = await partnerContext(ctx);
  await dealRow(ctx, scope, lists, id);
  const entry = await addTimelineEntry(ctx, { type: 'opportunity', id }, { kind: 'note', body, visibility: 'shared' });
  await recordAudit(ctx, { action: 'opportunity.replied', entityType: 'opportunity', entityId: id, data: { timelineEntryId: entry.id } });
  const rows = await repo.dealTimeline(ctx.trx, ctx.workspaceId, id, { partnerId: scope.partnerId, withStageChanges: false, onlyId: entry.id }, 1);
  return presentTimelineToPartner(rows[0], lists);
}

/** The deal's shared tasks as the partner sees them. */
export async function dealTasks(ctx: Ctx, id: string) {
  const { scope, lists } = await partnerContext(ctx);
  await dealRow(ctx, scope, lists, id);
  return tasksFor(ctx, lists, id);
}

/** A deal's shared tasks through a partner's safelists. */
export async function tasksFor(ctx: Ctx, lists: PartnerSafelists, dealId: string) {
  const rows = await sharedTaskRows(ctx, dealId);
  return { data: rows.map((r) => presentTaskToPartner(r, lists)) };
}

/** Changes a shared task of a deal through a partner's safelists (the portal, a share link). */
export async function updateTaskFor(ctx: Ctx, lists: PartnerSafelists, dealId: string, taskId: string, patch: TaskPatch) {
  const task = await findTaskRow(ctx, taskId);
  if (task?.visibility !== 'shared' || task.opportunityId !== dealId) throw new AppError('not_found', 'Task not found.');
  assertEditable(lists, 'task', patch);
  await updateTask(ctx, taskId, patch, { opportunityId: dealId });
  return presentTaskToPartner(found(await findTaskRow(ctx, taskId), 'Task'), lists);
}

/** Changes a shared task of one of the partner's deals, in the fields its safelist makes editable. */
export async function updateDealTask(ctx: Ctx, taskId: string, patch: TaskPatch) {
  const { scope, lists } = await partnerContext(ctx);
  const task = await findTaskRow(ctx, taskId);
  if (task?.visibility !== 'shared') throw new AppError('not_found', 'Task not found.');
  await dealRow(ctx, scope, lists, task.opportunityId);
  return updateTaskFor(ctx, lists, task.opportunityId, taskId, patch);
}

/** The partner's leads. */
export async function listLeads(ctx: Ctx, status?: string) {
  const { scope, lists } = await partnerContext(ctx);
  const rows = await repo.listLeads(ctx.trx, ctx.workspaceId, scope.partnerId, status);
  return { data: rows.map((r) => presentLeadToPartner(r, lists)), nextCursor: null };
}

/** The language the caller reads: their own setting, else the workspace's. */
export async function callerLocale(ctx: Ctx): Promise<'en' | 'de'> {
  const a = ctx.actor;
  const own =
    a.kind === 'partner_user'
      ? (await ctx.trx.selectFrom('partnerUsers').select('locale').where('id', '=', a.partnerUserId).executeTakeFirst())?.locale
      : null;
  if (own) return own;
  const w = await ctx.trx.selectFrom('workspaces').select('locale').where('id', '=', ctx.workspaceId).executeTakeFirstOrThrow();
  return w.locale;
}
