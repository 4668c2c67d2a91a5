import { z } from 'zod';
import { nonEmpty } from './validation.ts';

/** The records a CSV file can be imported into (and exported from). */
export const IMPORT_ENTITIES = ['accounts', 'contacts', 'opportunities'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** `validating` is reserved for a full-file dry run; today the preview checks a sample synchronously. */
export const IMPORT_STATUSES = ['uploaded', 'validating', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Largest accepted upload: 100 MiB. One byte more is refused with 413. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Data rows shown in a preview, and data rows the preview validates (against the database, rolled back). */
export const PREVIEW_ROWS = 20;
export const VALIDATION_SAMPLE_ROWS = 1_000;

export const CSV_ENCODINGS = ['utf-8', 'utf-8-bom', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
export const DUPLICATE_ACTIONS = ['skip', 'update'] as const;
export type DuplicateAction = (typeof DUPLICATE_ACTIONS)[number];

/** What happened (or, in a preview, would happen) to one data row. */
export const ROW_ACTIONS = ['create', 'update', 'skip', 'reject'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

/**
 * Column header → target field (`null` ignores the column). Several columns may feed a list field
 * (e.g. "E-Mail" and "E-Mail 2" → emails); every other field takes one column.
 */
export const importMapping = z.record(
  z.string().max(300, 'a column header has at most 300 characters'),
  z.string().max(60, 'a field name has at most 60 characters').nullable(),
);
export type ImportMapping = z.infer<typeof importMapping>;

export const importPatch = nonEmpty(
  z.strictObject({
    mapping: importMapping.optional().describe('column header → field; null ignores the column'),
    onDuplicate: z.enum(DUPLICATE_ACTIONS, { message: 'must be skip or update' }).optional(),
    delimiter: z.enum(CSV_DELIMITERS, { message: 'must be a comma, a semicolon or a tab' }).optional().describe('overrides the detected delimiter'),
    hasHeader: z.boolean().optional().describe('whether the first row holds column names (detected)'),
  }),
);
export type ImportPatch = z.infer<typeof importPatch>;

export const importStart = z.strictObject({
  mapping: importMapping.optional().describe('default: the mapping saved with PATCH, else the suggested one'),
  onDuplicate: z.enum(DUPLICATE_ACTIONS, { message: 'must be skip or update' }).optional(),
});
export type ImportStart = z.infer<typeof importStart>;

/** A problem with one cell (or the whole row when `column` is null), in words that say how to fix it. */
export const rowIssue = z.object({
  column: z.string().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type RowIssue = z.infer<typeof rowIssue>;

export const previewRow = z.object({
  /** Spreadsheet row number: the header is row 1, the first data row row 2. */
  row: z.number(),
  cells: z.record(z.string(), z.string()),
  action: z.enum(ROW_ACTIONS).optional(),
  /** For update and skip: the existing record the row matched. */
  matchId: z.string().nullable().optional(),
  issues: z.array(rowIssue).optional(),
});
export type PreviewRow = z.infer<typeof previewRow>;

export const importField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  multi: z.boolean(),
  hint: z.string(),
});
export type ImportField = z.infer<typeof importField>;

export const importValidation = z.object({
  /** Data rows checked (the first VALIDATION_SAMPLE_ROWS) and whether that was the whole file. */
  checkedRows: z.number(),
  wholeFile: z.boolean(),
  create: z.number(),
  update: z.number(),
  skip: z.number(),
  reject: z.number(),
  /** The first 100 rejected rows of the sample with their issues. */
  rejected: z.array(z.object({ row: z.number(), issues: z.array(rowIssue) })),
});
export type ImportValidation = z.infer<typeof importValidation>;

export const importReport = z.object({
  /** Spreadsheet rows that landed (created or updated), as ranges such as "2-1001, 1003-5000". */
  landedRows: z.string(),
  /** Whether landedRows lists every range (false when there were too many to list). */
  landedRowsComplete: z.boolean(),
  batches: z.number(),
  /** Where the rejected rows (with a reason column) can be downloaded. */
  rejectedCsv: z.string(),
  /** The first 100 rows that did not land, with why. */
  notLanded: z.array(z.object({ row: z.number(), action: z.enum(['skip', 'reject']), reason: z.string() })),
});
export type ImportReport = z.infer<typeof importReport>;

export const importSchema = z.object({
  id: z.uuid(),
  entity: z.enum(IMPORT_ENTITIES),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  fileSize: z.number(),
  encoding: z.enum(CSV_ENCODINGS),
  delimiter: z.enum(CSV_DELIMITERS),
  hasHeader: z.boolean(),
  headers: z.array(z.string()),
  fields: z.array(importField),
  suggestedMapping: importMapping,
  mapping: importMapping.nullable(),
  /** Required fields that the mapping in effect (saved, else suggested) leaves without a column. */
  missingFields: z.array(z.string()),
  onDuplicate: z.enum(DUPLICATE_ACTIONS),
  progress: z.object({
    /** Data rows in the file (counted at upload; exact once the import completes). */
    total: z.number(),
    processed: z.number(),
    imported: z.number(),
    updated: z.number(),
    skipped: z.number(),
    rejected: z.number(),
  }),
  preview: z.array(previewRow).optional(),
  /** Where the file stops being valid CSV (e.g. a quote never closed), when it does. */
  fileProblem: z.string().nullable().optional(),
  validation: importValidation.optional(),
  report: importReport.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Import = z.infer<typeof importSchema>;

export const importSummarySchema = importSchema.omit({ preview: true, validation: true, report: true, fields: true, fileProblem: true });

/** Extra query of every `GET /api/v1/{entity}/export.csv`: the list filters plus the delimiter. */
export const exportFormatQuery = {
  delimiter: z
    .enum(['comma', 'semicolon', 'tab'], { message: 'must be comma, semicolon or tab' })
    .default('comma')
    .describe('semicolon for Excel with a German (or other comma-decimal) locale'),
};
