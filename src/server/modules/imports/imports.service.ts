import { existsSync } from 'node:fs';
import {
  type DuplicateAction,
  type Import,
  type ImportEntity,
  type ImportMapping,
  type ImportPatch,
  type ImportStart,
  PREVIEW_ROWS,
} from '../../../shared/imports.ts';
import { actorId } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { EntityAdapter } from './adapters/adapter.ts';
import { adapterFor } from './adapters/index.ts';
import { formatRanges, looksLikeHeader, spreadsheetRow, uniqueHeaders } from './csv-format.rules.ts';
import { missingColumnsMessage, planMapping } from './imports.batch.ts';
import { knownHeader, suggestMapping } from './imports.mapping.ts';
import { withPreview } from './imports.preview.ts';
import * as repo from './imports.repository.ts';
import { headRecords, importFilePath, readRecords, removeImportFile, type UploadFacts } from './imports.storage.ts';

export const RUN_JOB = 'imports.run';

export type ImportDeps = { dataDir: string; jobs: Jobs };

/** Why an upload cannot be imported, as problem+json: 400 with the file named in `errors`. */
function fileProblem(reason: 'empty' | 'not_csv' | 'encoding', message: string): AppError {
  const title = { empty: 'empty_file', not_csv: 'not_csv', encoding: 'wrong_encoding' }[reason];
  return new AppError('validation_failed', message, { fields: [{ field: 'file', message }], problem: title });
}

function adapterOf(entity: ImportEntity): EntityAdapter<unknown> {
  const a = adapterFor(entity);
  if (!a)
    throw new AppError('validation_failed', `Importing ${entity} is not available yet.`, {
      fields: [{ field: 'entity', message: 'cannot be imported yet' }],
    });
  return a;
}

/** The mapping an import runs with: the saved one, else the suggestion. */
const mappingOf = (imp: repo.ImportRow): ImportMapping => imp.mapping ?? imp.suggestedMapping;

/** The fields of an import that leave the server (preview, validation and report added by callers). */
export function presentImport(imp: repo.ImportRow, extra: Partial<Import> = {}): Import {
  const adapter = adapterFor(imp.entity);
  const missing = adapter ? planMapping(adapter, imp.headers, mappingOf(imp)).missing : [];
  return {
    id: imp.id,
    entity: imp.entity,
    status: imp.status,
    fileName: imp.fileName,
    fileSize: Number(imp.fileSize),
    encoding: imp.encoding,
    delimiter: imp.delimiter,
    hasHeader: imp.hasHeader,
    headers: imp.headers,
    fields: (adapter?.fields ?? []).map((f) => ({
      key: f.key,
      label: f.label,
      required: Boolean(f.required),
      multi: Boolean(f.multi),
      hint: f.hint,
    })),
    suggestedMapping: imp.suggestedMapping,
    mapping: imp.mapping,
    missingFields: missing,
    onDuplicate: imp.onDuplicate,
    progress: {
      total: imp.totalRows,
      processed: imp.processedRows,
      imported: imp.importedRows,
      updated: imp.updatedRows,
      skipped: imp.skippedRows,
      rejected: imp.rejectedRows,
    },
    report: null,
    error: imp.error,
    createdAt: imp.createdAt.toISOString(),
    startedAt: imp.startedAt?.toISOString() ?? null,
    completedAt: imp.completedAt?.toISOString() ?? null,
    updatedAt: imp.updatedAt.toISOString(),
    ...extra,
  };
}

/**
 * Registers an uploaded file (already on disk): checks its encoding, reads the header and the
 * first rows, suggests a mapping and, when the suggestion covers the required fields, validates
 * a sample against the database.
 */
export async function createImport(
  ctx: Ctx,
  deps: ImportDeps,
  upload: { id: string; entity: ImportEntity; fileName: string; facts: UploadFacts },
): Promise<Import> {
  const { facts } = upload;
  const adapter = adapterOf(upload.entity);
  if (!facts.verdict.ok) throw fileProblem(facts.verdict.reason, facts.verdict.message);
  const read = { encoding: facts.verdict.encoding, delimiter: facts.delimiter, sepLine: facts.sepLine };
  let first: string[][];
  try {
    first = await headRecords(facts.head, read, PREVIEW_ROWS + 1, facts.bytes === facts.head.length);
  } catch (err) {
    throw fileProblem('not_csv', `The file cannot be read as CSV: ${(err as Error).message}. Save it from Excel as "CSV UTF-8" and upload it again.`);
  }
  const hasHeader = first.length > 0 && looksLikeHeader(first[0], knownHeader(adapter));
  const dataRecords = facts.records - (hasHeader ? 1 : 0) - (facts.sepLine ? 1 : 0);
  if (!first.length || dataRecords <= 0) {
    throw fileProblem('empty', 'The file has a header row but no data rows. Add at least one row below the header.');
  }
  const headers = hasHeader ? uniqueHeaders(first[0]) : first[0].map((_, i) => `Column ${i + 1}`);
  const sample = first.slice(hasHeader ? 1 : 0);
  const suggestedMapping = suggestMapping(adapter, headers, sample);
  await repo.insertImport(ctx.trx, {
    id: upload.id,
    workspaceId: ctx.workspaceId,
    entity: upload.entity,
    fileName: upload.fileName.slice(0, 255),
    fileSize: facts.bytes,
    encoding: read.encoding,
    delimiter: read.delimiter,
    sepLine: read.sepLine,
    hasHeader,
    headers: JSON.stringify(headers),
    suggestedMapping: JSON.stringify(suggestedMapping),
    totalRows: dataRecords,
    createdByKind: ctx.actor.kind,
    createdById: actorId(ctx.actor),
    createdByLabel: ctx.actor.kind === 'staff' ? ctx.actor.email : ctx.actor.name,
  });
  const imp = found(await repo.findImport(ctx.trx, ctx.workspaceId, upload.id), 'Import');
  await recordAudit(ctx, {
    action: 'import.uploaded',
    entityType: 'import',
    entityId: imp.id,
    data: { entity: imp.entity, fileName: imp.fileName, fileSize: Number(imp.fileSize), encoding: imp.encoding, rows: dataRecords },
  });
  return preview(ctx, deps, imp);
}

/** An import with its progress; with the preview while it waits for its mapping, with the report once it ran. */
export async function getImport(ctx: Ctx, deps: ImportDeps, id: string): Promise<Import> {
  const imp = found(await repo.findImport(ctx.trx, ctx.workspaceId, id), 'Import');
  if (imp.status === 'uploaded') return preview(ctx, deps, imp);
  return presentImport(imp, { report: await reportOf(ctx, imp) });
}

/** Saves the mapping (and format overrides) of an uploaded import and answers with a fresh validation preview. */
export async function updateImport(ctx: Ctx, deps: ImportDeps, id: string, patch: ImportPatch): Promise<Import> {
  const imp = found(await repo.findImport(ctx.trx, ctx.workspaceId, id, { forUpdate: true }), 'Import');
  if (imp.status !== 'uploaded')
    throw new AppError('conflict', `The import is ${imp.status}; only an uploaded import can be changed. Upload the file again for a new import.`);
  const adapter = adapterOf(imp.entity);
  const changes: repo.ImportUpdate = {};
  let headers = imp.headers;
  if (patch.delimiter !== undefined || patch.hasHeader !== undefined) {
    const reread = await reReadFormat(deps, imp, adapter, patch.delimiter ?? imp.delimiter, patch.hasHeader ?? imp.hasHeader);
    headers = reread.headers;
    Object.assign(changes, reread.changes);
  }
  if (patch.mapping) {
    const { errors } = planMapping(adapter, headers, patch.mapping);
    if (errors.length) {
      throw new AppError(
        'validation_failed',
        `The mapping does not fit the file. Fix these columns: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
        {
          fields: errors,
        },
      );
    }
    changes.mapping = JSON.stringify(patch.mapping);
  }
  if (patch.onDuplicate) changes.onDuplicate = patch.onDuplicate;
  await repo.updateImport(ctx.trx, ctx.workspaceId, id, changes);
  const after = found(await repo.findImport(ctx.trx, ctx.workspaceId, id), 'Import');
  await recordAudit(ctx, {
    action: 'import.updated',
    entityType: 'import',
    entityId: id,
    before: { mapping: imp.mapping, onDuplicate: imp.onDuplicate, delimiter: imp.delimiter, hasHeader: imp.hasHeader },
    after: { mapping: after.mapping, onDuplicate: after.onDuplicate, delimiter: after.delimiter, hasHeader: after.hasHeader },
  });
  return preview(ctx, deps, after);
}

/** Headers, suggestion and row count after a changed delimiter or header setting. */
async function reReadFormat(
  deps: ImportDeps,
  imp: repo.ImportRow,
  adapter: EntityAdapter<unknown>,
  delimiter: repo.ImportRow['delimiter'],
  hasHeader: boolean,
) {
  const file = fileOf(deps, imp);
  const parser = readRecords(file, { encoding: imp.encoding, delimiter, sepLine: imp.sepLine });
  const first: string[][] = [];
  let records = 0;
  for await (const r of parser) {
    if (first.length <= PREVIEW_ROWS) first.push(r as string[]);
    records++;
  }
  const headers = hasHeader ? uniqueHeaders(first[0] ?? []) : (first[0] ?? []).map((_, i) => `Column ${i + 1}`);
  const suggested = suggestMapping(adapter, headers, first.slice(hasHeader ? 1 : 0));
  const changes: repo.ImportUpdate = {
    delimiter,
    hasHeader,
    headers: JSON.stringify(headers),
    suggestedMapping: JSON.stringify(suggested),
    // A mapping made for other headers no longer fits.
    mapping: null,
    totalRows: Math.max(0, records - (hasHeader ? 1 : 0)),
  };
  return { headers, changes };
}

function fileOf(deps: ImportDeps, imp: repo.ImportRow): string {
  const file = importFilePath(deps.dataDir, imp.workspaceId, imp.id);
  if (!existsSync(file)) throw new AppError('gone', 'The uploaded file of this import is no longer stored. Upload it again.');
  return file;
}

/** An import with its preview: the first rows and what would happen to them (see imports.preview.ts). */
function preview(ctx: Ctx, deps: ImportDeps, imp: repo.ImportRow): Promise<Import> {
  return withPreview(ctx, imp, fileOf(deps, imp), adapterOf(imp.entity), mappingOf(imp), presentImport);
}

/** Starts (or resumes a failed or stalled) import: the job picks it up. */
export async function startImport(ctx: Ctx, deps: ImportDeps, id: string, body: ImportStart): Promise<Import> {
  const imp = found(await repo.findImport(ctx.trx, ctx.workspaceId, id, { forUpdate: true }), 'Import');
  const stalled = imp.status === 'running' && ctx.now().getTime() - imp.updatedAt.getTime() > STALLED_AFTER_MS;
  if (!(imp.status === 'uploaded' || imp.status === 'failed' || stalled)) {
    throw new AppError('conflict', `The import is ${imp.status}; only an uploaded, failed or stalled import can be started.`);
  }
  const adapter = adapterOf(imp.entity);
  const resuming = imp.status !== 'uploaded';
  if (resuming && (body.mapping || body.onDuplicate)) {
    throw new AppError('validation_failed', 'A resumed import keeps its mapping and duplicate handling; start it without them.', {
      fields: [{ field: 'body', message: 'give no mapping or onDuplicate when resuming' }],
    });
  }
  const mapping = body.mapping ?? mappingOf(imp);
  const { errors, missing } = planMapping(adapter, imp.headers, mapping);
  if (errors.length) throw new AppError('validation_failed', 'The mapping does not fit the file.', { fields: errors });
  if (missing.length) {
    throw new AppError('validation_failed', missingColumnsMessage(adapter, missing), {
      fields: missing.map((m) => ({ field: `body.mapping`, message: `has no column for ${m} (required)` })),
      missingFields: missing,
    });
  }
  fileOf(deps, imp);
  const onDuplicate: DuplicateAction = body.onDuplicate ?? imp.onDuplicate;
  await repo.updateImport(ctx.trx, ctx.workspaceId, id, {
    status: 'running',
    mapping: JSON.stringify(mapping),
    onDuplicate,
    error: null,
    startedAt: imp.startedAt ?? ctx.now(),
  });
  await recordAudit(ctx, {
    action: resuming ? 'import.resumed' : 'import.started',
    entityType: 'import',
    entityId: id,
    data: { entity: imp.entity, fileName: imp.fileName, onDuplicate, mapping, fromRow: imp.processedRows },
  });
  await deps.jobs.send(ctx.trx, RUN_JOB, { workspaceId: ctx.workspaceId, importId: id });
  return presentImport(found(await repo.findImport(ctx.trx, ctx.workspaceId, id), 'Import'));
}

/** A running import that has not committed a batch for this long may be started again. */
export const STALLED_AFTER_MS = 2 * 60_000;

/** Cancels an import that has not finished; committed batches stay. */
export async function cancelImport(ctx: Ctx, deps: ImportDeps, id: string): Promise<Import> {
  const imp = found(await repo.findImport(ctx.trx, ctx.workspaceId, id, { forUpdate: true }), 'Import');
  if (imp.status === 'completed' || imp.status === 'cancelled') throw new AppError('conflict', `The import is already ${imp.status}.`);
  await repo.updateImport(ctx.trx, ctx.workspaceId, id, { status: 'cancelled', completedAt: ctx.now() });
  await recordAudit(ctx, { action: 'import.cancelled', entityType: 'import', entityId: id, data: { processedRows: imp.processedRows } });
  await removeImportFile(importFilePath(deps.dataDir, imp.workspaceId, imp.id));
  const after = found(await repo.findImport(ctx.trx, ctx.workspaceId, id), 'Import');
  return presentImport(after, { report: await reportOf(ctx, after) });
}

/** The workspace's imports, newest first. */
export async function listImports(ctx: Ctx, limit: number, after?: Cursor) {
  const rows = await repo.listImports(ctx.trx, ctx.workspaceId, limit, after ? { k: String(after.k), id: after.id } : undefined);
  const page = toPage(
    rows.map((r) => {
      const { fields: _f, preview: _p, validation: _v, report: _r, fileProblem: _x, ...summary } = presentImport(r);
      return summary;
    }),
    limit,
    (i) => i.createdAt,
  );
  return page;
}

/** Exactly which rows landed: every processed row except those recorded as skipped or rejected. */
export async function reportOf(ctx: Ctx, imp: repo.ImportRow) {
  if (imp.processedRows === 0 && imp.status !== 'completed') return null;
  const first = spreadsheetRow(0, imp.hasHeader);
  const last = spreadsheetRow(imp.processedRows - 1, imp.hasHeader);
  const gaps = await repo.notLandedRanges(ctx.trx, ctx.workspaceId, imp.id);
  function* landed(): Generator<[number, number]> {
    let from = first;
    for (const g of gaps) {
      if (g.from > from) yield [from, g.from - 1];
      from = g.to + 1;
    }
    if (from <= last) yield [from, last];
  }
  const ranges = formatRanges(landed());
  const notLanded = await repo.notLandedPage(ctx.trx, ctx.workspaceId, imp.id, 0, 100);
  return {
    landedRows: ranges.text,
    landedRowsComplete: ranges.complete,
    batches: imp.batches,
    rejectedCsv: `/api/v1/imports/${imp.id}/rejected.csv`,
    notLanded: notLanded.map((r) => ({ row: r.rowNumber, action: r.action, reason: r.reason })),
  };
}

/** Checks the import exists (for the rejected-rows download). */
export async function assertImport(ctx: Ctx, id: string) {
  return found(await repo.findImport(ctx.trx, ctx.workspaceId, id), 'Import');
}
