import { type Insertable, sql, type Updateable } from 'kysely';
import type { LeadStatus } from '../../../shared/leads.ts';
import type { Trx } from '../../db/client.ts';
import { afterCursor, containsPattern, sortKey } from '../../db/keyset.ts';
import type { LeadsTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';

const leads = (trx: Trx, workspaceId: string) => trx.selectFrom('leads').selectAll('leads').where('leads.workspaceId', '=', workspaceId);

export type LeadRow = NonNullable<Awaited<ReturnType<typeof findLead>>>;

/** One lead of the workspace (deleted ones only when asked); `forUpdate` locks it until commit. */
export function findLead(trx: Trx, workspaceId: string, id: string, opts: { includeDeleted?: boolean; forUpdate?: boolean } = {}) {
  let q = leads(trx, workspaceId).where('leads.id', '=', id);
  if (!opts.includeDeleted) q = q.where('leads.deletedAt', 'is', null);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type LeadFilter = {
  q?: string;
  status?: LeadStatus[];
  ownerUserId?: string;
  partnerId?: string;
  deleted: 'exclude' | 'only';
  sort: 'createdAt' | 'company';
};

/** The list orders: the creation time and the company (a stored key, lower-cased). */
export const LEAD_SORTS = { createdAt: sortKey.timestamp('leads.createdAt'), company: sortKey.text('leads.companyKey') };

/** A keyset page of leads (limit+1 rows), each with `sortKey` for the next cursor. */
export function listLeads(trx: Trx, workspaceId: string, f: LeadFilter, limit: number, after?: Cursor) {
  const sort = LEAD_SORTS[f.sort];
  let q = leads(trx, workspaceId).select(sort.text.as('sortKey'));
  q = f.deleted === 'only' ? q.where('leads.deletedAt', 'is not', null) : q.where('leads.deletedAt', 'is', null);
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where(
      sql<boolean>`(immutable_unaccent_lower(leads.first_name || ' ' || leads.last_name || ' ' || leads.company) like immutable_unaccent_lower(${pattern})
        or lower(leads.email) like lower(${pattern}) or leads.company_domain like lower(${pattern}))`,
    );
  }
  if (f.status?.length) q = q.where('leads.status', 'in', f.status);
  if (f.ownerUserId) q = q.where('leads.ownerUserId', '=', f.ownerUserId);
  if (f.partnerId) q = q.where('leads.partnerId', '=', f.partnerId);
  if (after) q = q.where(afterCursor(sort, 'leads.id', after));
  return q
    .orderBy(sort.key)
    .orderBy('leads.id')
    .limit(limit + 1)
    .execute();
}

export function insertLead(trx: Trx, values: Insertable<LeadsTable>) {
  return trx.insertInto('leads').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateLead(trx: Trx, workspaceId: string, id: string, values: Updateable<LeadsTable>) {
  return trx.updateTable('leads').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** The live account of the workspace that holds this domain, if any. */
export function accountByDomain(trx: Trx, workspaceId: string, domain: string) {
  return trx
    .selectFrom('accountDomains as d')
    .innerJoin('accounts as a', 'a.id', 'd.accountId')
    .select(['a.id', 'a.name', 'a.deletedAt'])
    .where('d.workspaceId', '=', workspaceId)
    .where('d.domain', '=', domain)
    .executeTakeFirst();
}

/** Whether a live account with this id exists in the workspace. */
export async function accountExists(trx: Trx, workspaceId: string, id: string) {
  const row = await trx
    .selectFrom('accounts')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** Whether a live partner with this id exists in the workspace. */
export async function partnerExists(trx: Trx, workspaceId: string, id: string) {
  const row = await trx
    .selectFrom('partners')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** Whether the user is a staff member of the workspace. */
export async function isMember(trx: Trx, workspaceId: string, userId: string) {
  const row = await trx
    .selectFrom('workspaceMembers')
    .select('userId')
    .where('workspaceId', '=', workspaceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Boolean(row);
}
