import { type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import { CURRENCY_DIGITS, minorUnitsBound } from '../../../shared/money.ts';
import type { OpportunityListQuery, OpportunitySummaryQuery } from '../../../shared/opportunities.ts';
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

/**
 * The list's filters as SQL conditions on `o` (workspace and deleted state included), shared by the
 * list and the summary so both count the same rows. Each is a plain comparison (leakproof under
 * row-level security, so indexes serve it) except `q`, which goes through nameFilter.
 */
export async function filterConditions(trx: Trx, workspaceId: string, f: OpportunitySummaryQuery): Promise<RawBuilder<boolean>[]> {
  const where: RawBuilder<boolean>[] = [sql`o.workspace_id = ${workspaceId}`];
  where.push(f.deleted === 'only' ? sql`o.deleted_at is not null` : sql`o.deleted_at is null`);
  if (f.q) where.push(await nameFilter(trx, workspaceId, f.q));
  if (f.stage?.length) where.push(sql`o.stage in (${sql.join(f.stage)})`);
  if (f.motion?.length) where.push(sql`o.motion in (${sql.join(f.motion)})`);
  if (f.ownerUserId) where.push(sql`o.owner_user_id = ${f.ownerUserId}`);
  if (f.accountId) where.push(sql`o.account_id = ${f.accountId}`);
  if (f.partnerId) {
    where.push(sql`exists (select 1 from opportunity_partners op
      where op.opportunity_id = o.id and op.workspace_id = ${workspaceId} and op.partner_id = ${f.partnerId})`);
  }
  if (f.closeFrom) where.push(sql`o.close_date >= ${f.closeFrom}`);
  if (f.closeTo) where.push(sql`o.close_date <= ${f.closeTo}`);
  if (f.currency) where.push(sql`o.currency = ${f.currency}`);
  if (f.amountMin !== undefined || f.amountMax !== undefined) where.push(amountBetween(f.amountMin, f.amountMax));
  return where;
}

/** A keyset page of opportunities (limit+1 rows), each with `sortKey` for the next cursor. */
export async function listOpportunities(trx: Trx, workspaceId: string, f: OpportunityFilter, limit: number, after?: Cursor) {
  const sort = SORTS[f.sort];
  let q = withRoles(trx).select(sort.text.as('sortKey'));
  for (const condition of await filterConditions(trx, workspaceId, f)) q = q.where(condition);
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

export type StageCurrencyRow = { stage: string; currency: string; count: number; amountMinor: string };

/** Deal count and summed minor units per stage and currency of the opportunities matching the filters. */
export async function summarizeOpportunities(trx: Trx, workspaceId: string, f: OpportunitySummaryQuery): Promise<StageCurrencyRow[]> {
  const where = await filterConditions(trx, workspaceId, f);
  // sum(bigint) is numeric: a million large deals overflow no bigint, and the text keeps every digit.
  const { rows } = await sql<StageCurrencyRow>`
    select o.stage, o.currency, count(*)::int as count, sum(o.amount_minor)::text as amount_minor
    from opportunities o
    where ${sql.join(where, sql` and `)}
    group by o.stage, o.currency`.execute(trx);
  return rows;
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
