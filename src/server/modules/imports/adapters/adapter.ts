import type { z } from 'zod';
import type { DuplicateAction, ImportEntity, RowIssue } from '../../../../shared/imports.ts';
import type { Ctx } from '../../../context.ts';
import type { FieldDef } from '../imports.fields.ts';

/** One data record of the file. */
export type ImportRow = {
  /** 0-based index among the data records: the resume cursor counts these. */
  index: number;
  /** Spreadsheet row number (header = 1). */
  row: number;
  cells: string[];
};

/** A row whose cells converted and passed the API's input schema. */
export type ValidRow<I> = ImportRow & { input: I };

/** What happened to a row (or would, in a preview). `id` is the record created, updated or matched. */
export type RowOutcome =
  | { action: 'create'; id: string }
  | { action: 'update'; id: string }
  | { action: 'skip'; id: string | null; reason: string }
  | { action: 'reject'; issues: RowIssue[] };

export type ApplyCtx = Ctx & { onDuplicate: DuplicateAction };

/** Converted values of a row before validation; `resolve` may replace references (names → ids). */
export type Draft = { values: Record<string, unknown>; issues: RowIssue[]; columnOf: (field: string) => string | null };

/**
 * Everything the import needs to know about one kind of record. The generic part (reading,
 * converting, validating with `inputSchema` — the API's own create schema — batching, in-file
 * duplicates, the report) is the same for all; an adapter adds how to find duplicates and how
 * to write many rows with few statements.
 */
export interface EntityAdapter<I = Record<string, unknown>> {
  entity: ImportEntity;
  /** The fields a column can be mapped to; `key` is the input schema's key. */
  fields: FieldDef[];
  inputSchema: z.ZodType<I>;
  /**
   * Normalised keys that identify an existing record (an account's domains, a contact's e-mails).
   * Two rows of one batch sharing a key are applied one after the other, so the second sees the first.
   */
  dedupeKey(input: I): string[];
  /** Where a validation issue at a nested path belongs, e.g. `amount.currency` → the field `currency`. */
  issueFields?: Record<string, string>;
  /** Replaces references in the drafts (e.g. an account name with its id), adding issues where none is found. */
  resolve?(ctx: Ctx, drafts: Draft[]): Promise<void>;
  /** Writes the rows (multi-row statements) and returns one outcome per row, in order. */
  apply(ctx: ApplyCtx, rows: ValidRow<I>[]): Promise<RowOutcome[]>;
}
