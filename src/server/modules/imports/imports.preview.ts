import { CsvError } from 'csv-parse';
import { sql } from 'kysely';
import { type Import, type ImportValidation, PREVIEW_ROWS, type PreviewRow, VALIDATION_SAMPLE_ROWS } from '../../../shared/imports.ts';
import type { Ctx } from '../../context.ts';
import type { Trx } from '../../db/client.ts';
import type { EntityAdapter, ImportRow, RowOutcome } from './adapters/adapter.ts';
import { spreadsheetRow } from './csv-format.rules.ts';
import { planMapping, processBatch } from './imports.batch.ts';
import type { ConvertContext } from './imports.fields.ts';
import type * as repo from './imports.repository.ts';
import { readRecords } from './imports.storage.ts';

type Present = (imp: repo.ImportRow, extra?: Partial<Import>) => Import;

/** Staff members of the workspace by id and by lower-cased e-mail (for owner columns). */
export async function convertContext(trx: Trx, workspaceId: string, delimiter: string): Promise<ConvertContext> {
  const rows = await trx
    .selectFrom('workspaceMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.email'])
    .where('m.workspaceId', '=', workspaceId)
    .execute();
  const members = new Map<string, string>();
  for (const r of rows) {
    members.set(r.id, r.id);
    members.set(r.email.toLowerCase(), r.id);
  }
  return { decimalComma: delimiter === ';', members };
}

/**
 * The first rows with what would happen to them: the sample runs through the real import code
 * inside a savepoint that is rolled back, so the preview matches the run (duplicates, references
 * and database constraints included).
 */
export async function withPreview(
  ctx: Ctx,
  imp: repo.ImportRow,
  file: string,
  adapter: EntityAdapter<unknown>,
  mapping: repo.ImportRow['mapping'] & object,
  present: Present,
): Promise<Import> {
  const rows: ImportRow[] = [];
  let wholeFile = true;
  let index = 0;
  let header = imp.hasHeader;
  let fileProblem: string | null = null;
  try {
    for await (const record of readRecords(file, imp)) {
      if (header) {
        header = false;
        continue;
      }
      if (rows.length === VALIDATION_SAMPLE_ROWS) {
        wholeFile = false;
        break;
      }
      rows.push({ index, row: spreadsheetRow(index, imp.hasHeader), cells: record as string[] });
      index++;
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // The rows before the broken record can still be previewed (and imported); say where it breaks.
    fileProblem = csvProblem(err, rows.length ? rows[rows.length - 1].row + 1 : spreadsheetRow(0, imp.hasHeader));
  }
  const cellsOf = (r: ImportRow) => Object.fromEntries(imp.headers.map((h, i) => [h, r.cells[i] ?? '']));
  const { plan, errors, missing } = planMapping(adapter, imp.headers, mapping);
  if (errors.length || missing.length) {
    return present(imp, { preview: rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, cells: cellsOf(r) })), fileProblem });
  }
  const cc = await convertContext(ctx.trx, ctx.workspaceId, imp.delimiter);
  await sql`savepoint import_preview`.execute(ctx.trx);
  let outcomes: RowOutcome[];
  try {
    outcomes = await processBatch({ ...ctx, onDuplicate: imp.onDuplicate }, adapter, plan, rows, cc);
  } finally {
    await sql`rollback to savepoint import_preview; release savepoint import_preview`.execute(ctx.trx);
  }
  const preview: PreviewRow[] = rows.slice(0, PREVIEW_ROWS).map((r, i) => previewRow(r, outcomes[i], cellsOf(r)));
  const count = (a: RowOutcome['action']) => outcomes.filter((o) => o.action === a).length;
  const validation: ImportValidation = {
    checkedRows: rows.length,
    wholeFile: wholeFile && !fileProblem,
    create: count('create'),
    update: count('update'),
    skip: count('skip'),
    reject: count('reject'),
    rejected: rows
      .map((r, i) => ({ row: r.row, o: outcomes[i] }))
      .filter((x) => x.o.action === 'reject')
      .slice(0, 100)
      .map((x) => ({ row: x.row, issues: x.o.action === 'reject' ? x.o.issues : [] })),
  };
  return present(imp, { preview, validation, fileProblem });
}

/** What to tell about a record the parser cannot read: where, and how to fix the file. */
export function csvProblem(err: CsvError, row: number): string {
  const what =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a value opens a double quote that is never closed'
      : err.code === 'CSV_MAX_RECORD_SIZE'
        ? 'a row is longer than 1 MB (probably an unclosed double quote)'
        : err.message;
  return `The file is not valid CSV from row ${row} on: ${what}. Rows before it can be imported; fix the file from that row and import the rest.`;
}

function previewRow(r: ImportRow, o: RowOutcome, cells: Record<string, string>): PreviewRow {
  if (o.action === 'reject') return { row: r.row, cells, action: 'reject', issues: o.issues };
  if (o.action === 'skip')
    return { row: r.row, cells, action: 'skip', matchId: o.id, issues: [{ column: null, field: null, value: null, message: o.reason }] };
  // A created record does not exist after the rollback; only a match is worth naming.
  return { row: r.row, cells, action: o.action, matchId: o.action === 'update' ? o.id : null, issues: [] };
}
