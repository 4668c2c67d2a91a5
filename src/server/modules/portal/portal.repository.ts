import { sql } from 'kysely';
import type { PortalDealListQuery } from '../../../shared/portal.ts';
import type { PartnerScope } from '../../auth/partner-scope.ts';
import type { Trx } from '../../db/client.ts';
import { afterCursor, type SortKey, sortKey } from '../../db/keyset.ts';
import type { Cursor } from '../../http/pagination.ts';

/**
 * The deals a partner sees, read from its side: its role on the opportunity first, so every query
 * starts from (workspace, partner) and cannot reach another partner's deals. A partner_rep sees
 * only the deals in `deal_access` for them.
 */

/** What the partner-facing views are built from; optional parts are read only when the safelist shows them. */
export type DealRow = {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  stage: string;
  stageChangedAt: Date;
  nextStep: string | null;
  nextStepUpdatedAt: Date | null;
  ownerName: string | null;
  closeDate: string;
  motion: string | null;
  /** The partner's own role; null on a share link without a partner. */
  role: string | null;
  attribution: 'sourced' | 'influenced' | null;
  sharePercent: number | string | null;
  amountMinor: number | string;
  currency: string;
  description: string | null;
  registrationId: string | null;
  createdAt: Date;
  updatedAt: Date;
  registrationNumber: string | null;
  registrationStatus: string | null;
  protectionExpiresAt: Date | null;
  protectionReminderDueAt: Date | null;
  sortKey?: string | number;
  otherPartners?: { name: string; role: string }[];
  lastActivityAt?: Date | null;
};

export type DealParts = { otherPartners: boolean; lastActivity: boolean };

/** The pipeline's orders: the role's copies of its deal's keys (migration 202612051300), so the page comes from one index. */
export const DEAL_SORTS: Record<PortalDealListQuery['sort'], SortKey> = {
  closeDate: sortKey.date('op.dealCloseDate'),
  updatedAt: sortKey.timestamp('op.dealUpdatedAt'),
  name: sortKey.text('op.dealNameKey'),
};

/**
 * The deals of a partner scope. With `scope` null (a share link without a partner) any deal of the
 * workspace, without a partner role; callers then always name the deal.
 */
function deals(trx: Trx, workspaceId: string, scope: PartnerScope | null, parts: DealParts) {
  const partnerId = scope?.partnerId ?? null;
  const rep = scope && scope.role !== 'partner_admin' ? (scope.partnerUserId ?? '00000000-0000-0000-0000-000000000000') : null;
  return (
    trx
      .selectFrom('opportunities as o')
      // A partner scope's filter on op.partner_id turns this into an inner join that starts from the partner's roles.
      .leftJoin('opportunityPartners as op', (j) =>
        j.onRef('op.opportunityId', '=', 'o.id').on('op.workspaceId', '=', workspaceId).on(sql<boolean>`op.partner_id = ${partnerId}::uuid`),
      )
      .innerJoin('accounts as a', 'a.id', 'o.accountId')
      .leftJoin('users as u', 'u.id', 'o.ownerUserId')
      // The registration the deal came from, when it is this partner's: its number and protection.
      .leftJoin('registrations as rg', (j) => j.onRef('rg.id', '=', 'o.registrationId').onRef('rg.partnerId', '=', 'op.partnerId'))
      .select([
        'rg.number as registrationNumber',
        'rg.status as registrationStatus',
        'rg.protectionExpiresAt',
        'rg.protectionReminderDueAt',
        'o.id',
        'o.name',
        'o.accountId',
        'a.name as accountName',
        'o.stage',
        'o.stageChangedAt',
        'o.nextStep',
        'o.nextStepUpdatedAt',
        'u.name as ownerName',
        'o.closeDate',
        'o.motion',
        'op.role',
        'op.attribution',
        'op.sharePercent',
        'o.amountMinor',
        'o.currency',
        'o.description',
        'o.registrationId',
        'o.createdAt',
        'o.updatedAt',
      ])
      .where('o.workspaceId', '=', workspaceId)
      .where('o.deletedAt', 'is', null)
      .$if(scope !== null, (q) => q.where('op.partnerId', '=', partnerId as string).where('op.dealLive', '=', true))
      // A partner_rep sees the deals in deal_access for them.
      .$if(rep !== null, (q) =>
        q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('dealAccess as da')
              .select('da.opportunityId')
              .whereRef('da.opportunityId', '=', 'o.id')
              .where('da.workspaceId', '=', workspaceId)
              .where('da.partnerUserId', '=', rep as string),
          ),
        ),
      )
      .$if(parts.otherPartners, (q) =>
        q.select(
          sql<{ name: string; role: string }[]>`coalesce((
            select json_agg(json_build_object('name', p2.name, 'role', x.role) order by x.share_percent desc, p2.name)
            from opportunity_partners x join partners p2 on p2.id = x.partner_id
            where x.workspace_id = ${workspaceId} and x.opportunity_id = o.id and x.partner_id is distinct from op.partner_id), '[]')`.as(
            'otherPartners',
          ),
        ),
      )
      // What the partner can see happen: shared entries and stage changes.
      .$if(parts.lastActivity, (q) =>
        q.select(
          sql<Date | null>`(select t.occurred_at from timeline_entries t
            where t.workspace_id = ${workspaceId} and t.subject_type = 'opportunity' and t.subject_id = o.id
              and (t.visibility = 'shared' or t.kind = 'stage_change')
            order by t.occurred_at desc, t.id desc limit 1)`.as('lastActivityAt'),
        ),
      )
  );
}

/** A keyset page of the partner's deals (limit+1 rows). */
export function listDeals(
  trx: Trx,
  workspaceId: string,
  scope: PartnerScope,
  f: PortalDealListQuery,
  parts: DealParts,
  limit: number,
  after?: Cursor,
): Promise<DealRow[]> {
  const sort = DEAL_SORTS[f.sort];
  let q = deals(trx, workspaceId, scope, parts).select(sort.text.as('sortKey'));
  if (f.q) q = q.where(sql<boolean>`strpos(o.name_key, immutable_unaccent_lower(${f.q})) > 0`);
  if (f.stage?.length) q = q.where('o.stage', 'in', f.stage);
  if (f.motion?.length) q = q.where('o.motion', 'in', f.motion);
  const desc = f.order === 'desc';
  if (after) q = q.where(afterCursor(sort, 'op.opportunityId', after, desc));
  return q
    .orderBy(sort.key, desc ? 'desc' : 'asc')
    .orderBy('op.opportunityId', desc ? 'desc' : 'asc')
    .limit(limit + 1)
    .execute() as Promise<DealRow[]>;
}

/** One deal of the partner (any deal for scope null), or nothing when it does not exist or is not theirs to see. */
export function findDeal(trx: Trx, workspaceId: string, scope: PartnerScope | null, id: string, parts: DealParts): Promise<DealRow | undefined> {
  return deals(trx, workspaceId, scope, parts).where('o.id', '=', id).executeTakeFirst() as Promise<DealRow | undefined>;
}

/** The account of a deal, for the partner's view of it. */
export function dealAccount(trx: Trx, workspaceId: string, accountId: string) {
  return trx
    .selectFrom('accounts as a')
    .leftJoin('users as u', 'u.id', 'a.ownerUserId')
    .select([
      'a.name',
      'a.industry',
      'a.country',
      'a.region',
      'a.segment',
      'a.employeeCount',
      'a.customerStatus',
      'u.name as ownerName',
      'a.renewalDate',
      'a.description',
    ])
    .select(
      sql<
        string[]
      >`coalesce((select array_agg(d.domain order by d.domain) from account_domains d where d.account_id = a.id and d.workspace_id = ${workspaceId}), '{}')`.as(
        'domains',
      ),
    )
    .where('a.workspaceId', '=', workspaceId)
    .where('a.id', '=', accountId)
    .executeTakeFirst();
}

/** The contact roles of a deal with the contacts' details, for the partner's view. */
export function dealContacts(trx: Trx, workspaceId: string, opportunityId: string) {
  return trx
    .selectFrom('opportunityContactRoles as r')
    .innerJoin('contacts as c', 'c.id', 'r.contactId')
    .leftJoin('accounts as a', 'a.id', 'c.accountId')
    .select(['r.role', 'c.firstName', 'c.lastName', 'c.title', 'c.emails', 'c.phone', 'a.name as accountName'])
    .where('r.workspaceId', '=', workspaceId)
    .where('r.opportunityId', '=', opportunityId)
    .where('c.deletedAt', 'is', null)
    .orderBy('c.lastName')
    .orderBy('c.firstName')
    .execute();
}

export const TIMELINE_SORT = sortKey.timestamp('t.occurredAt');

/**
 * The partner-visible timeline of a deal (or of a registration: `subjectType`), newest first:
 * shared entries (and stage changes when asked), except those written by another partner's people
 * or keys — a partner never learns who else works the deal. `partnerId` null (a share link without
 * a partner) shows vendor entries only.
 */
export function dealTimeline(
  trx: Trx,
  workspaceId: string,
  opportunityId: string,
  opts: { partnerId: string | null; withStageChanges: boolean; onlyId?: string; subjectType?: 'opportunity' | 'registration' },
  limit: number,
  after?: Cursor,
) {
  let q = trx
    .selectFrom('timelineEntries as t')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 't.authorId').on('t.authorKind', '=', 'staff'))
    .leftJoin('partnerUsers as pu', (j) => j.onRef('pu.id', '=', 't.authorId').on('t.authorKind', '=', 'partner_user'))
    .leftJoin('apiKeys as k', (j) => j.onRef('k.id', '=', 't.authorId').on('t.authorKind', '=', 'api_key'))
    .leftJoin('shareLinks as sl', (j) => j.onRef('sl.id', '=', 't.authorId').on('t.authorKind', '=', 'share_link'))
    .select([
      't.id',
      't.kind',
      't.body',
      't.authorKind',
      't.authorLabel',
      't.metadata',
      't.occurredAt',
      'u.name as staffName',
      'pu.name as partnerUserName',
      'k.partnerId as keyPartnerId',
    ])
    .select(sql<string>`t.occurred_at::text`.as('sortKey'))
    .where('t.workspaceId', '=', workspaceId)
    .where('t.subjectType', '=', opts.subjectType ?? 'opportunity')
    .where('t.subjectId', '=', opportunityId)
    .where((eb) =>
      opts.withStageChanges ? eb.or([eb('t.visibility', '=', 'shared'), eb('t.kind', '=', 'stage_change')]) : eb('t.visibility', '=', 'shared'),
    )
    .where(sql<boolean>`(t.author_kind <> 'partner_user' or pu.partner_id is not distinct from ${opts.partnerId}::uuid)`)
    .where(sql<boolean>`(t.author_kind <> 'api_key' or k.partner_id is null or k.partner_id is not distinct from ${opts.partnerId}::uuid)`)
    // A share link's recipient writes for the link's partner: other partners do not read it.
    .where(sql<boolean>`(t.author_kind <> 'share_link' or sl.partner_id is not distinct from ${opts.partnerId}::uuid)`);
  if (opts.onlyId) q = q.where('t.id', '=', opts.onlyId);
  if (after) q = q.where(afterCursor(TIMELINE_SORT, 't.id', after, true));
  return q
    .orderBy('t.occurredAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute();
}
export type PartnerTimelineRow = Awaited<ReturnType<typeof dealTimeline>>[number];

const leads = (trx: Trx, workspaceId: string) =>
  trx
    .selectFrom('leads as l')
    .leftJoin('users as u', 'u.id', 'l.ownerUserId')
    .select([
      'l.id',
      'l.firstName',
      'l.lastName',
      'l.company',
      'l.companyDomain',
      'l.email',
      'l.phone',
      'l.title',
      'l.status',
      'u.name as ownerName',
      'l.createdAt',
    ])
    .where('l.workspaceId', '=', workspaceId)
    .where('l.deletedAt', 'is', null);

/** One live lead (of the partner, when given). */
export function findLead(trx: Trx, workspaceId: string, id: string, partnerId: string | null) {
  let q = leads(trx, workspaceId).where('l.id', '=', id);
  if (partnerId) q = q.where('l.partnerId', '=', partnerId);
  return q.executeTakeFirst();
}

/** The partner's leads (those registered by or assigned to it), newest first. */
export function listLeads(trx: Trx, workspaceId: string, partnerId: string, status?: string) {
  let q = leads(trx, workspaceId).where('l.partnerId', '=', partnerId);
  if (status) q = q.where('l.status', '=', status as never);
  return q.orderBy('l.createdAt', 'desc').orderBy('l.id', 'desc').limit(500).execute();
}
export type PartnerLeadRow = Awaited<ReturnType<typeof listLeads>>[number];

/** Whether a partner user belongs to the partner (and is not deactivated). */
export async function isColleague(trx: Trx, workspaceId: string, partnerId: string, partnerUserId: string) {
  const row = await trx
    .selectFrom('partnerUsers')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('partnerId', '=', partnerId)
    .where('id', '=', partnerUserId)
    .where('status', '!=', 'deactivated')
    .executeTakeFirst();
  return Boolean(row);
}

/** Gives a partner user access to a deal (idempotent). */
export function grantDealAccess(trx: Trx, workspaceId: string, opportunityId: string, partnerUserId: string, reason: 'owner' | 'shared') {
  return trx
    .insertInto('dealAccess')
    .values({ workspaceId, opportunityId, partnerUserId, reason })
    .onConflict((oc) => oc.columns(['opportunityId', 'partnerUserId']).doNothing())
    .execute();
}

/** Takes a shared deal away from a partner user (the owner keeps it). */
export function revokeDealAccess(trx: Trx, workspaceId: string, opportunityId: string, partnerUserId: string) {
  return trx
    .deleteFrom('dealAccess')
    .where('workspaceId', '=', workspaceId)
    .where('opportunityId', '=', opportunityId)
    .where('partnerUserId', '=', partnerUserId)
    .where('reason', '=', 'shared')
    .execute();
}

/** The partner users who see a deal through deal_access. */
export function dealAccessList(trx: Trx, workspaceId: string, opportunityId: string) {
  return trx
    .selectFrom('dealAccess as da')
    .innerJoin('partnerUsers as pu', 'pu.id', 'da.partnerUserId')
    .select(['pu.id', 'pu.name', 'pu.partnerId', 'da.reason'])
    .where('da.workspaceId', '=', workspaceId)
    .where('da.opportunityId', '=', opportunityId)
    .orderBy('pu.name')
    .execute();
}
