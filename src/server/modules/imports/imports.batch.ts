import { sql } from 'kysely';
import type { ImportMapping, RowIssue } from '../../../shared/imports.ts';
import type { FieldError } from '../../http/errors.ts';
import type { ApplyCtx, Draft, EntityAdapter, ImportRow, RowOutcome, ValidRow } from './adapters/adapter.ts';
import type { ConvertContext, FieldDef } from './imports.fields.ts';

/**
 * One batch of rows, from cells to records: convert the mapped cells, let the adapter resolve
 * references, validate with the API's input schema, then write the valid rows — in waves, so two
 * rows of the batch that share a dedupe key (a domain, an e-mail) are applied one after the other.
 * The caller owns the transaction: the job commits it, the preview rolls it back.
 */

export type PlannedField = { def: FieldDef; columns: number[]; names: string[] };
export type MappingPlan = { fields: PlannedField[]; headerCount: number };

/** Checks a mapping against the headers and the adapter's fields; returns the plan or what to fix. */
export function planMapping(
  adapter: EntityAdapter<unknown>,
  headers: string[],
  mapping: ImportMapping,
): { plan: MappingPlan; errors: FieldError[]; missing: string[] } {
  const errors: FieldError[] = [];
  const byKey = new Map(adapter.fields.map((f) => [f.key, f]));
  const columns = new Map<string, { columns: number[]; names: string[] }>();
  for (const [header, key] of Object.entries(mapping)) {
    if (key === null) continue;
    const index = headers.indexOf(header);
    if (index < 0) {
      errors.push({
        field: `body.mapping.${header}`,
        message: `is not a column of the file; its columns are ${headers.map((h) => `"${h}"`).join(', ')}`,
      });
      continue;
    }
    const def = byKey.get(key);
    if (!def) {
      errors.push({
        field: `body.mapping.${header}`,
        message: `"${key}" is not a field of ${adapter.entity}; use one of ${[...byKey.keys()].join(', ')}`,
      });
      continue;
    }
    const entry = columns.get(key) ?? { columns: [], names: [] };
    entry.columns.push(index);
    entry.names.push(header);
    columns.set(key, entry);
  }
  for (const [key, c] of columns) {
    if (c.names.length > 1 && !byKey.get(key)?.multi) {
      errors.push({
        field: `body.mapping.${c.names[1]}`,
        message: `maps to ${key} like "${c.names[0]}"; ${key} takes one column (map the others to null)`,
      });
    }
  }
  const missing = adapter.fields.filter((f) => f.required && !columns.has(f.key)).map((f) => f.key);
  const fields = adapter.fields.flatMap((def) => {
    const c = columns.get(def.key);
    return c ? [{ def, ...c }] : [];
  });
  return { plan: { fields, headerCount: headers.length }, errors, missing };
}

/** Message for required fields without a column, naming them and the headers that would match. */
export function missingColumnsMessage(adapter: EntityAdapter<unknown>, missing: string[]): string {
  const named = missing.map((key) => {
    const f = adapter.fields.find((x) => x.key === key);
    return `${f?.label ?? key} (${key}; e.g. a column headed ${(f?.aliases ?? [])
      .slice(0, 3)
      .map((a) => `"${a}"`)
      .join(' or ')})`;
  });
  return `The file has no column for the required field${missing.length > 1 ? 's' : ''} ${named.join(', ')}. Add the column to the file or map an existing column to it.`;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

function draftOf(row: ImportRow, plan: MappingPlan, cc: ConvertContext): Draft {
  const values: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  const extra = row.cells.slice(plan.headerCount).filter((c) => c.trim() !== '');
  if (extra.length) {
    issues.push({
      column: null,
      field: null,
      value: extra[0],
      message: `has ${row.cells.length} values but the header has ${plan.headerCount} columns; a value probably contains the delimiter — put that value in double quotes`,
    });
  }
  for (const p of plan.fields) {
    const cells = p.columns.map((i) => row.cells[i] ?? '');
    const r = p.def.convert(cells, cc);
    if (r.error) issues.push({ column: p.names.join(', '), field: p.def.key, value: cells.join(' ').trim(), message: r.error });
    else if (r.value !== undefined) values[p.def.key] = r.value;
    else if (p.def.required) {
      issues.push({ column: p.names.join(', '), field: p.def.key, value: '', message: `is empty; every row needs a ${p.def.label.toLowerCase()}` });
    }
  }
  const columnOf = (key: string) => plan.fields.find((f) => f.def.key === key)?.names.join(', ') ?? null;
  return { values, issues, columnOf };
}

/** Splits rows into waves in which no two rows share a dedupe key; order within the file is kept. */
export function waves<T>(rows: T[], keys: (row: T) => string[]): T[][] {
  const out: T[][] = [];
  let pending = rows;
  while (pending.length) {
    const taken = new Set<string>();
    const wave: T[] = [];
    const rest: T[] = [];
    for (const r of pending) {
      const k = keys(r);
      if (k.some((x) => taken.has(x))) rest.push(r);
      else {
        for (const x of k) taken.add(x);
        wave.push(r);
      }
    }
    out.push(wave);
    pending = rest;
  }
  return out;
}

/** A batch converted (no database needed), ready to be applied in a transaction. */
export type PreparedBatch = { rows: ImportRow[]; outcomes: (RowOutcome | undefined)[]; drafts: (Draft | undefined)[] };

/** Converts the cells of a batch: empty rows are skipped, cells that cannot be read get issues. Pure. */
export function prepareBatch(plan: MappingPlan, rows: ImportRow[], cc: ConvertContext): PreparedBatch {
  const outcomes: (RowOutcome | undefined)[] = rows.map((r) =>
    isBlank(r.cells) ? { action: 'skip', id: null, reason: 'the row is empty' } : undefined,
  );
  const drafts = rows.map((r, i) => (outcomes[i] ? undefined : draftOf(r, plan, cc)));
  return { rows, outcomes, drafts };
}

/** Outcome of every row of the batch, in order. */
export async function processBatch<I>(
  ctx: ApplyCtx,
  adapter: EntityAdapter<I>,
  plan: MappingPlan,
  rows: ImportRow[],
  cc: ConvertContext,
): Promise<RowOutcome[]> {
  return applyBatch(ctx, adapter, prepareBatch(plan, rows, cc));
}

/** Resolves references, validates with the input schema and writes the valid rows; outcome of every row. */
export async function applyBatch<I>(ctx: ApplyCtx, adapter: EntityAdapter<I>, batch: PreparedBatch): Promise<RowOutcome[]> {
  const { rows, drafts } = batch;
  const outcomes = [...batch.outcomes];
  const open = drafts.filter((d): d is Draft => d !== undefined && d.issues.length === 0);
  if (adapter.resolve && open.length) await adapter.resolve(ctx, open);
  const valid: (ValidRow<I> & { at: number })[] = [];
  drafts.forEach((d, i) => {
    if (!d) return;
    if (d.issues.length) {
      outcomes[i] = { action: 'reject', issues: d.issues };
      return;
    }
    const parsed = adapter.inputSchema.safeParse(d.values);
    if (parsed.success) {
      valid.push({ ...rows[i], input: parsed.data, at: i });
      return;
    }
    outcomes[i] = {
      action: 'reject',
      issues: parsed.error.issues.map((issue) => {
        const key = adapter.issueFields?.[issue.path.join('.')] ?? String(issue.path[0] ?? '');
        const raw = issue.path.reduce<unknown>((v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey], d.values);
        return { column: d.columnOf(key), field: key || null, value: raw == null ? null : String(raw), message: issue.message };
      }),
    };
  });
  for (const wave of waves(valid, (r) => adapter.dedupeKey(r.input))) {
    const results = await applyIsolated(ctx, adapter, wave);
    wave.forEach((r, j) => {
      outcomes[r.at] = results[j];
    });
  }
  return outcomes as RowOutcome[];
}

/**
 * Applies a wave with multi-row statements; when the database refuses it (a constraint a
 * concurrent edit broke, a value the schema let through), finds the culprits row by row under
 * savepoints and rejects only them.
 */
async function applyIsolated<I>(ctx: ApplyCtx, adapter: EntityAdapter<I>, wave: ValidRow<I>[]): Promise<RowOutcome[]> {
  await sql`savepoint import_wave`.execute(ctx.trx);
  try {
    const r = await adapter.apply(ctx, wave);
    await sql`release savepoint import_wave`.execute(ctx.trx);
    return r;
  } catch (err) {
    await sql`rollback to savepoint import_wave; release savepoint import_wave`.execute(ctx.trx);
    if (!isDatabaseError(err)) throw err;
    if (wave.length === 1) return [databaseRejection(err)];
  }
  const out: RowOutcome[] = [];
  for (const row of wave) out.push(...(await applyIsolated(ctx, adapter, [row])));
  return out;
}

type PgError = Error & { code: string; detail?: string; constraint?: string };
// Data and integrity errors (classes 22 and 23) are about the rows; anything else is not.
const isDatabaseError = (e: unknown): e is PgError => typeof (e as PgError)?.code === 'string' && /^2[23]/.test((e as PgError).code);

function databaseRejection(err: PgError): RowOutcome {
  const duplicate = /Key \((?:workspace_id, )?(\w+)\)=\((?:[^,]+, )?(.+)\) already exists/.exec(err.detail ?? '');
  const message = duplicate
    ? `${duplicate[1]} ${duplicate[2]} is already taken (it was added while the import ran); import the row again`
    : `the database refused the row: ${err.message}`;
  return { action: 'reject', issues: [{ column: null, field: null, value: null, message }] };
}
