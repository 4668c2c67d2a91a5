import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';

/**
 * Writing CSV that spreadsheets open safely: a UTF-8 BOM so Excel reads umlauts right, CRLF line
 * ends, and formula injection neutralised — a text cell starting with = + - @ tab or CR (or their
 * full-width forms) gets a leading apostrophe, so Excel and LibreOffice show it as text instead of
 * evaluating `=cmd|' /C calc'!A0`. Numbers stay numbers: a typed number cannot carry a formula.
 */

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** A cell value as text that no spreadsheet evaluates. */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Rows as CSV text (CRLF line ends, quotes where needed), every cell neutralised. */
export function csvRows(rows: unknown[][], delimiter: string): string {
  if (!rows.length) return '';
  return stringify(
    rows.map((r) => r.map(safeCell)),
    { delimiter, record_delimiter: 'windows', cast: { string: (s) => s } },
  );
}

export type Column<T> = { header: string; value: (row: T) => unknown };

/**
 * The columns of a presented record, read off its response schema so an export holds exactly the
 * fields the presenter returns: nested objects become `account.name`, lists are joined by "; ".
 */
export function columnsOf<T>(schema: z.ZodObject, format: Record<string, (v: unknown) => unknown> = {}): Column<T>[] {
  const out: Column<T>[] = [];
  const walk = (s: z.ZodType, path: string[]) => {
    const inner = unwrap(s);
    const key = path.join('.');
    if (isObject(inner) && !format[key]) {
      for (const [k, child] of Object.entries(inner.shape)) walk(child as z.ZodType, [...path, k]);
      return;
    }
    out.push({
      header: key,
      value: (row) => {
        const v = path.reduce<unknown>((acc, p) => (acc as Record<string, unknown> | null | undefined)?.[p], row);
        if (format[key]) return format[key](v);
        return Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('; ') : v;
      },
    });
  };
  walk(schema, []);
  return out;
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s as z.ZodType & { unwrap?: () => z.ZodType; def?: { type?: string } };
  while (cur.def?.type === 'nullable' || cur.def?.type === 'optional') cur = (cur.unwrap as () => typeof cur)();
  return cur;
}

const isObject = (s: z.ZodType): s is z.ZodObject => (s as { def?: { type?: string } }).def?.type === 'object';
