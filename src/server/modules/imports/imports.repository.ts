import { type ColumnType, type Generated, type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { CsvDelimiter, CsvEncoding, DuplicateAction, ImportEntity, ImportMapping, ImportStatus, RowIssue } from '../../../shared/imports.ts';
import type { Trx } from '../../db/client.ts';
import type { Database } from '../../db/schema.ts';

type Json<T> = ColumnType<T, string, string>;

/** `imports` (migration 202612042100_create_imports); kept here until the CRM tables settle in db/schema.ts. */
export interface ImportsTable {
  id: string;
  workspaceId: string;
  entity: ImportEntity;
  status: Generated<ImportStatus>;
  fileName: string;
  fileSize: number;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  sepLine: boolean;
  hasHeader: boolean;
  headers: Json<string[]>;
  suggestedMapping: Json<ImportMapping>;
  mapping: Json<ImportMapping | null> | null;
  onDuplicate: Generated<DuplicateAction>;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  importedRows: Generated<number>;
  updatedRows: Generated<number>;
  skippedRows: Generated<number>;
  rejectedRows: Generated<number>;
  batches: Generated<number>;
  error: string | null;
  createdByKind: string;
  createdById: string | null;
  createdByLabel: string | null;
  startedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  completedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ImportRowsTable {
  workspaceId: string;
  importId: string;
  rowNumber: number;
  action: 'skip' | 'reject';
  reason: string;
  issues: Json<RowIssue[]>;
  cells: string[];
}

type ImportDb = Kysely<Database & { imports: ImportsTable; importRows: ImportRowsTable }>;
const t = (trx: Trx) => trx.withTables<{ imports: ImportsTable; importRows: ImportRowsTable }>() as ImportDb;

export type ImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

/** One import of the workspace; `forUpdate` locks it (the runner's guard against a second runner). */
export function findImport(trx: Trx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = t(trx).selectFrom('imports').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The newest imports first (keyset on created_at, id). */
export function listImports(trx: Trx, workspaceId: string, limit: number, after?: { k: string; id: string }) {
  let q = t(trx).selectFrom('imports').selectAll().where('workspaceId', '=', workspaceId);
  if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.k}::timestamptz, ${after.id}::uuid)`);
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function insertImport(trx: Trx, values: Insertable<ImportsTable>) {
  return t(trx).insertInto('imports').values(values).execute();
}

export type ImportUpdate = Updateable<ImportsTable>;

export function updateImport(trx: Trx, workspaceId: string, id: string, values: ImportUpdate) {
  return t(trx).updateTable('imports').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
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
  let q = t(trx)
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
