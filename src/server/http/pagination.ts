import { z } from 'zod';
import { AppError } from './errors.ts';

/** Opaque cursor: the sort key and id of the last row of the previous page. */
export type Cursor = { k: string | number | null; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(s: string | undefined): Cursor | undefined {
  if (!s) return undefined;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (c && typeof c.id === 'string') return c;
  } catch {}
  throw new AppError('validation_failed', 'The cursor is invalid. Use nextCursor from the previous page as it was returned.', {
    fields: [{ field: 'query.cursor', message: 'is not a cursor this API returned' }],
  });
}

export const pageQuery = {
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('rows per page, 1–200'),
};

export function pageOf<T>(schema: z.ZodType<T>) {
  return z.object({ data: z.array(schema), nextCursor: z.string().nullable() });
}

/** Cuts a limit+1 result into a page with the cursor of its last row. */
export function toPage<T extends { id: string }>(rows: T[], limit: number, key: (row: T) => string | number | null) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor({ k: key(last), id: last.id }) : null };
}
