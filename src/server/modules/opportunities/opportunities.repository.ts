import { type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import { CURRENCY_DIGITS, minorUnitsBound } from '../../../shared/money.ts';
import type { OpportunityListQuery } from '../../../shared/opportunities.ts';
import type { Trx } from '../../db/client.ts';
import type { OpportunitiesTable } from '../../db/schema.ts';
import type { Cursor } from '../../http/pagination.ts';

export type PartnerRoleRow = { partnerId: string; partnerName: string; role: string; attribution: 'sourced' | 'influenced'; share: number };
export type ContactRoleRow = { contactId: string; name: string; role: string };

/** An opportunity with its account's name, its partner roles and contact roles, in one statement. */
const withRoles = (trx: Trx) =>
  trx
    .selectFrom('opportunities as o')
    .innerJoin('accounts as a', 'a.id', 'o.accountId')
    .select([
      'o.id',
      'o.name',
      'o.accountId',
      'a.name as accountName',
      'o.amountMinor',
      'o.currency',
      'o.stage',
      'o.stageChangedAt',
      'o.closeDate',
      'o.ownerUserId',
      'o.source',
      'o.motion',
      'o.description',
      'o.nextStep',
      'o.nextStepUpdatedAt',
      'o.registrationId',
      'o.deletedAt',
      'o.createdAt',
      'o.updatedAt',
    ])
    .select(
      sql<PartnerRoleRow[]>`coalesce((
        select json_agg(json_build_object('partnerId', p.partner_id, 'partnerName', pa.name, 'role', p.role,
          'attribution', p.attribution, 'share', p.share_percent) order by p.share_percent desc, lower(pa.name), p.partner_id)
        from opportunity_partners p join partners pa on pa.id = p.partner_id
        where p.opportunity_id = o.id), '[]')`.as('partners'),
    )
    .select(
      sql<ContactRoleRow[]>`coalesce((
        select json_agg(json_build_object('contactId', c.id, 'name', trim(c.first_name || ' ' || c.last_name), 'role', r.role)
          order by lower(c.last_name), lower(c.first_name), c.id)
        from opportunity_contact_roles r join contacts c on c.id = r.contact_id
        where r.opportunity_id = o.id), '[]')`.as('contactRoles'),
    );

export type OpportunityRow = NonNullable<Awaited<ReturnType<typeof findOpportunity>>>;

/** One opportunity of the workspace (deleted ones only when asked). */
export function findOpportunity(trx: Trx, workspaceId: string, id: string, opts: { includeDeleted?: boolean } = {}) {
  let q = withRoles(trx).where('o.workspaceId', '=', workspaceId).where('o.id', '=', id);
  if (!opts.includeDeleted) q = q.where('o.deletedAt', 'is', null);
  return q.executeTakeFirst();
}

/** Locks the opportunity row until the transaction ends, so concurrent changes to it run one after the other. */
export async function lockOpportunity(trx: Trx, workspaceId: string, id: string, opts: { includeDeleted?: boolean } = {}) {
  let q = trx.selectFrom('opportunities').select('id').where('workspaceId', '=', workspaceId).where('id', '=', id);
  if (!opts.includeDeleted) q = q.where('deletedAt', 'is', null);
  return Boolean(await q.forUpdate().executeTakeFirst());
}

export type OpportunityFilter = OpportunityListQuery;

/** The SQL sort key of each sort, and how a cursor's key is typed back. */
const SORTS: Record<OpportunityFilter['sort'], { key: RawBuilder<unknown>; text: RawBuilder<unknown>; cast: string }> = {
  closeDate: { key: sql`o.close_date`, text: sql`o.close_date::text`, cast: 'date' },
  amount: { key: sql`o.amount_minor`, text: sql`o.amount_minor`, cast: 'bigint' },
  // A stored column: a keyset condition on lower(name) is not leakproof, so under row-level
  // security it could not start the index scan at the cursor (page n would read n pages).
  name: { key: sql`o.name_key`, text: sql`o.name_key`, cast: 'text' },
  // Timestamps travel as text: microseconds survive, which a JavaScript Date would cut to milliseconds.
  createdAt: { key: sql`o.created_at`, text: sql`o.created_at::text`, cast: 'timestamptz' },
  updatedAt: { key: sql`o.updated_at`, text: sql`o.updated_at::text`, cast: 'timestamptz' },
};

/** Currencies by their ISO 4217 digits; the two-digit group is "none of the others". */
const BY_DIGITS = [0, 3, 4].map((d) => ({ digits: d, codes: [...CURRENCY_DIGITS].filter(([, x]) => x === d).map(([c]) => c) }));
const NOT_TWO = BY_DIGITS.flatMap((g) => g.codes);

/**
 * Amount between bounds given in major units of each row's own currency: one plain range on
 * amount_minor per digit count (0, 2, 3, 4), so the amount index can serve each of them.
 */
function amountBetween(min: number | undefined, max: number | undefined) {
  const range = (digits: number) => {
    const parts: RawBuilder<unknown>[] = [];
    if (min !== undefined) parts.push(sql`o.amount_minor >= ${minorUnitsBound(min, digits, 'up')}`);
    if (max !== undefined) parts.push(sql`o.amount_minor <= ${minorUnitsBound(max, digits, 'down')}`);
    return sql.join(parts, sql` and `);
  };
  const groups = [
    sql`(o.currency not in (${sql.join(NOT_TWO)}) and ${range(2)})`,
    ...BY_DIGITS.map((g) => sql`(o.currency in (${sql.join(g.codes)}) and ${range(g.digits)})`),
  ];
  return sql<boolean>`(${sql.join(groups, sql` or `)})`;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

/** At most this many ids come back from the name look-up; a name matching more filters the ordered scan instead. */
export const NAME_MATCH_CAP = 2_000;

/**
 * The `q` filter (name contains q, accents and case ignored). The trigram index is usable only
 * inside a SECURITY DEFINER function (see migration 202612041900): a name matching up to
 * NAME_MATCH_CAP rows becomes an id list; a more common one filters the list's ordered index scan,
 * where matches are dense enough to fill a page soon. That filter is `strpos(…) > 0` rather than
 * LIKE on purpose: the planner guesses a third of the rows for it, and so walks the ordered index,
 * while its guess for LIKE '%…%' is so small that it would read and sort the whole workspace.
 */
async function nameFilter(trx: Trx, workspaceId: string, q: string) {
  const pattern = sql<string>`immutable_unaccent_lower(${likePattern(q)})`;
  const cap = NAME_MATCH_CAP + 1;
  const matches = sql<{ id: string }>`select t.id from opportunity_ids_named_like(${workspaceId}, ${pattern}, ${cap}) as t(id)`;
  const { rows } = await matches.execute(trx);
  if (rows.length <= NAME_MATCH_CAP) return sql<boolean>`o.id = any(${rows.map((r) => r.id)}::uuid[])`;
  return sql<boolean>`strpos(o.name_key, immutable_unaccent_lower(${q})) > 0`;
}

/** A keyset page of opportunities (limit+1 rows), each with `sortKey` for the next cursor. */
export async function listOpportunities(trx: Trx, workspaceId: string, f: OpportunityFilter, limit: number, after?: Cursor) {
  const sort = SORTS[f.sort];
  let q = withRoles(trx).select(sort.text.as('sortKey')).where('o.workspaceId', '=', workspaceId);
  q = f.deleted === 'only' ? q.where('o.deletedAt', 'is not', null) : q.where('o.deletedAt', 'is', null);
  if (f.q) q = q.where(await nameFilter(trx, workspaceId, f.q));
  if (f.stage?.length) q = q.where('o.stage', 'in', f.stage);
  if (f.motion?.length) q = q.where('o.motion', 'in', f.motion);
  if (f.ownerUserId) q = q.where('o.ownerUserId', '=', f.ownerUserId);
  if (f.accountId) q = q.where('o.accountId', '=', f.accountId);
  if (f.partnerId) {
    const partnerId = f.partnerId;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('opportunityPartners as op')
          .select('op.partnerId')
          .whereRef('op.opportunityId', '=', 'o.id')
          .where('op.workspaceId', '=', workspaceId)
          .where('op.partnerId', '=', partnerId),
      ),
    );
  }
  if (f.closeFrom) q = q.where('o.closeDate', '>=', f.closeFrom);
  if (f.closeTo) q = q.where('o.closeDate', '<=', f.closeTo);
  if (f.currency) q = q.where('o.currency', '=', f.currency);
  if (f.amountMin !== undefined || f.amountMax !== undefined) q = q.where(amountBetween(f.amountMin, f.amountMax));
  const desc = f.order === 'desc';
  if (after) {
    const op = sql.raw(desc ? '<' : '>');
    q = q.where(sql<boolean>`(${sort.key}, o.id) ${op} (cast(${after.k} as ${sql.raw(sort.cast)}), ${after.id}::uuid)`);
  }
  return q
    .orderBy(sort.key, desc ? 'desc' : 'asc')
    .orderBy('o.id', desc ? 'desc' : 'asc')
    .limit(limit + 1)
    .execute();
}

export function insertOpportunity(trx: Trx, values: Insertable<OpportunitiesTable>) {
  return trx.insertInto('opportunities').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateOpportunity(trx: Trx, workspaceId: string, id: string, values: Updateable<OpportunitiesTable>) {
  return trx.updateTable('opportunities').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** Whether the account exists in the workspace and is not deleted. */
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
