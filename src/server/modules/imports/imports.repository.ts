import { type Insertable, sql, type Updateable } from 'kysely';
import type { RowIssue } from '../../../shared/imports.ts';
import type { Trx } from '../../db/client.ts';
import type { ImportsTable } from '../../db/schema.ts';

export type ImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

/** One import of the workspace; `forUpdate` locks it (the runner's guard against a second runner). */
export function findImport(trx: Trx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = trx.selectFrom('imports').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The newest imports first (keyset on created_at, id). */
export function listImports(trx: Trx, workspaceId: string, limit: number, after?: { k: string; id: string }) {
  let q = trx.selectFrom('imports').selectAll().where('workspaceId', '=', workspaceId);
  if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.k}::timestamptz, ${after.id}::uuid)`);
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function insertImport(trx: Trx, values: Insertable<ImportsTable>) {
  return trx.insertInto('imports').values(values).execute();
}

export type ImportUpdate = Updateable<ImportsTable>;

export function updateImport(trx: Trx, workspaceId: string, id: string, values: ImportUpdate) {
  return trx.updateTable('imports').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** Adds a committed batch's counts and moves the resume cursor forward. */
export function advanceImport(
  trx: Trx,
  workspaceId: string,
  id: string,
  d: { processed: number; imported: number; updated: number; skipped: number; rejected: number },
) {
  return sql`
    update imports set processed_rows = processed_rows + ${d.processed}, imported_rows = imported_rows + ${d.imported},
      updated_rows = updated_rows + ${d.updated}, skipped_rows = skipped_rows + ${d.skipped},
      rejected_rows = rejected_rows + ${d.rejected}, batches = batches + 1
    where workspace_id = ${workspaceId} and id = ${id}`.execute(trx);
}

export type NotLanded = { rowNumber: number; action: 'skip' | 'reject'; reason: string; issues: RowIssue[]; cells: string[] };

/** Records rows that did not land (one multi-row insert); the key (import, row) refuses a row twice. */
export async function insertNotLanded(trx: Trx, workspaceId: string, importId: string, rows: NotLanded[]) {
  if (!rows.length) return;
  await sql`
    insert into import_rows (workspace_id, import_id, row_number, action, reason, issues, cells)
    select ${workspaceId}, ${importId}, r.row_number, r.action, r.reason, r.issues, array(select jsonb_array_elements_text(r.cells))
    from unnest(${rows.map((r) => r.rowNumber)}::int[], ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.reason)}::text[],
      ${rows.map((r) => JSON.stringify(r.issues))}::jsonb[], ${rows.map((r) => JSON.stringify(r.cells))}::jsonb[])
      as r(row_number, action, reason, issues, cells)`.execute(trx);
}

/** Rows that did not land, in file order, a page at a time (keyset on the row number). */
export function notLandedPage(trx: Trx, workspaceId: string, importId: string, afterRow: number, limit: number, action?: 'skip' | 'reject') {
  let q = trx
    .selectFrom('importRows')
    .select(['rowNumber', 'action', 'reason', 'issues', 'cells'])
    .where('workspaceId', '=', workspaceId)
    .where('importId', '=', importId)
    .where('rowNumber', '>', afterRow);
  if (action) q = q.where('action', '=', action);
  return q.orderBy('rowNumber').limit(limit).execute();
}

/** Ranges of consecutive row numbers that did not land (gaps and islands, computed in the database). */
export async function notLandedRanges(trx: Trx, workspaceId: string, importId: string) {
  const { rows } = await sql<{ from: number; to: number }>`
    select min(row_number) as from, max(row_number) as to from (
      select row_number, row_number - row_number() over (order by row_number) as grp
      from import_rows where workspace_id = ${workspaceId} and import_id = ${importId}) s
    group by grp order by 1`.execute(trx);
  return rows;
}
