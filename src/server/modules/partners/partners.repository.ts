import { type Insertable, sql, type Updateable } from 'kysely';
import type { Trx } from '../../db/client.ts';
import { afterCursor, containsPattern, sortKey } from '../../db/keyset.ts';
import type { PartnersTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';

export type PartnerRow = Awaited<ReturnType<typeof findPartner>>;

/** One live partner of the workspace, or undefined. */
export function findPartner(trx: Trx, workspaceId: string, id: string) {
  return trx
    .selectFrom('partners')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export type PartnerFilter = {
  q?: string;
  type?: string;
  tier?: string;
  region?: string;
  lifecycleState?: string;
  domain?: string;
  sort: 'name' | 'createdAt';
};

/** The list orders: the folded name and the creation time. */
export const PARTNER_SORTS = { name: sortKey.text('nameKey'), createdAt: sortKey.timestamp('createdAt') };

/** A page of live partners in keyset order (sort key, id), limit+1 rows to detect more. */
export function listPartners(trx: Trx, workspaceId: string, f: PartnerFilter, limit: number, after?: Cursor) {
  const sort = PARTNER_SORTS[f.sort];
  let q = trx
    .selectFrom('partners')
    .selectAll()
    .select(sort.text.as('sortKey'))
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null);
  if (f.q) q = q.where(sql<boolean>`name_key like immutable_unaccent_lower(${containsPattern(f.q)})`);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.tier) q = q.where('tier', '=', f.tier);
  if (f.region) q = q.where('region', '=', f.region);
  if (f.lifecycleState) q = q.where('lifecycleState', '=', f.lifecycleState);
  if (f.domain) q = q.where(sql<boolean>`domains @> array[${f.domain.toLowerCase()}]::text[]`);
  if (after) q = q.where(afterCursor(sort, 'id', after));
  return q
    .orderBy(sort.key)
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

export function insertPartner(trx: Trx, values: Insertable<PartnersTable>) {
  return trx.insertInto('partners').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePartner(trx: Trx, workspaceId: string, id: string, values: Updateable<PartnersTable>) {
  return trx.updateTable('partners').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
