import { type RawBuilder, sql } from 'kysely';
import { AppError } from '../http/errors.ts';
import type { Cursor } from '../http/pagination.ts';

/**
 * How a keyset list sorts. The key is a plain stored column: under row-level security only
 * leakproof comparisons become index conditions, and `(column, id) > (…)` is one, so page n starts
 * where page n-1 ended instead of reading n pages. The cursor carries the key as text (`text`), so
 * timestamps keep the microseconds a JavaScript Date would cut; `cast` types it back.
 */
export type SortKey = { key: RawBuilder<unknown>; text: RawBuilder<unknown>; cast: 'text' | 'timestamptz' | 'date' | 'bigint' };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VALID: Record<SortKey['cast'], (k: unknown) => boolean> = {
  text: (k) => typeof k === 'string',
  timestamptz: (k) => typeof k === 'string' && TIMESTAMP.test(k),
  date: (k) => typeof k === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(k),
  bigint: (k) => Number.isSafeInteger(k),
};

/** Sort keys by the type of their column (`table.column` as the query names it). */
export const sortKey = {
  text: (column: string): SortKey => ({ key: sql.ref(column), text: sql.ref(column), cast: 'text' }),
  timestamp: (column: string): SortKey => ({ key: sql.ref(column), text: sql`${sql.ref(column)}::text`, cast: 'timestamptz' }),
  date: (column: string): SortKey => ({ key: sql.ref(column), text: sql`${sql.ref(column)}::text`, cast: 'date' }),
  bigint: (column: string): SortKey => ({ key: sql.ref(column), text: sql.ref(column), cast: 'bigint' }),
};

/** Throws a 400 naming `query.cursor` unless the cursor could have come from this list's sort. */
export function assertCursor(after: Cursor | undefined, sort: SortKey): void {
  if (!after) return;
  if (UUID.test(after.id) && VALID[sort.cast](after.k)) return;
  throw new AppError(
    'validation_failed',
    'The cursor does not belong to this list and sort. Use nextCursor from the previous page with the same sort.',
    {
      fields: [{ field: 'query.cursor', message: 'is not a cursor of this list and sort' }],
    },
  );
}

/** The keyset condition for the rows after the cursor: `(key, id) > (k, id)`, or `<` when descending. */
export function afterCursor(sort: SortKey, idColumn: string, after: Cursor, desc = false): RawBuilder<boolean> {
  const op = sql.raw(desc ? '<' : '>');
  return sql<boolean>`(${sort.key}, ${sql.ref(idColumn)}) ${op} (cast(${after.k} as ${sql.raw(sort.cast)}), ${after.id}::uuid)`;
}

/** A LIKE pattern that matches `q` anywhere, with `%`, `_` and `\` taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, '\\$&')}%`;
}
