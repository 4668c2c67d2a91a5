import { sql } from 'kysely';
import type { SearchType } from '../../../shared/search.ts';
import type { Trx } from '../../db/client.ts';

const FUNCTIONS: Record<SearchType, string> = {
  account: 'search_accounts',
  contact: 'search_contacts',
  opportunity: 'search_opportunities',
};

/** Ties go to accounts, then contacts, then opportunities. */
const SEARCH_ORDER: Record<SearchType, number> = { account: 1, contact: 2, opportunity: 3 };

export type SearchRow = { type: SearchType; id: string; title: string; subtitle: string | null; score: number };

/**
 * The best `limit` matches across the given types, best first. Each type is searched by its
 * SECURITY DEFINER function (see migration 202612042000), which answers only for the
 * transaction's own workspace and uses the trigram and full-text indexes.
 */
export async function search(trx: Trx, workspaceId: string, q: string, types: readonly SearchType[], limit: number): Promise<SearchRow[]> {
  const parts = types.map(
    (t) => sql`select ${t}::text as type, r.id, r.title, r.subtitle, r.score, ${SEARCH_ORDER[t]}::int as type_order
      from ${sql.raw(FUNCTIONS[t])}(${workspaceId}::uuid, ${q}, ${limit}) r`,
  );
  const { rows } = await sql<SearchRow>`select type, id, title, subtitle, score from (${sql.join(parts, sql` union all `)}) results
    order by score desc, type_order, title, id limit ${limit}`.execute(trx);
  return rows;
}
