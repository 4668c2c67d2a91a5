import { type RawBuilder, sql } from 'kysely';
import type { Trx } from './client.ts';
import { containsPattern } from './keyset.ts';

/** At most this many ids come back from a name look-up; a name matching more filters the ordered scan instead. */
export const NAME_MATCH_CAP = 2_000;

/** The SECURITY DEFINER look-ups `(workspace, folded LIKE pattern, cap) → setof uuid` of the migrations. */
export type NameLookup = 'account_ids_named_like' | 'contact_ids_matching' | 'opportunity_ids_named_like';

/**
 * The `q` filter of a list (contains q, accents and case ignored). Under row-level security a
 * LIKE cannot use the trigram index, so a SECURITY DEFINER look-up (`lookup`, answering only for
 * the transaction's workspace) returns the ids of up to NAME_MATCH_CAP matches; when a name is
 * more common than that, matches are dense enough that filtering the list's ordered index scan
 * (`scan`, given the folded query) fills a page soon. That filter should be `strpos(…) > 0` rather
 * than LIKE: the planner guesses a third of the rows for it and so walks the ordered index, while
 * its guess for LIKE '%…%' is so small that it would read and sort the whole workspace.
 */
export async function containsFilter(
  trx: Trx,
  opts: { lookup: NameLookup; workspaceId: string; q: string; idColumn: string; scan: (folded: RawBuilder<string>) => RawBuilder<boolean> },
): Promise<RawBuilder<boolean>> {
  const pattern = sql<string>`immutable_unaccent_lower(${containsPattern(opts.q)})`;
  const { rows } = await sql<{
    id: string;
  }>`select t.id from ${sql.raw(opts.lookup)}(${opts.workspaceId}::uuid, ${pattern}, ${NAME_MATCH_CAP + 1}) as t(id)`.execute(trx);
  if (rows.length <= NAME_MATCH_CAP) return sql<boolean>`${sql.ref(opts.idColumn)} = any(${rows.map((r) => r.id)}::uuid[])`;
  return opts.scan(sql<string>`immutable_unaccent_lower(${opts.q})`);
}
