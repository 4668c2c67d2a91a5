import type { ImportMapping } from '../../../shared/imports.ts';
import type { EntityAdapter } from './adapters/adapter.ts';
import { normaliseHeader } from './imports.fields.ts';

/** Every name a field answers to, normalised: its key, its label and its aliases. */
function namesOf(f: { key: string; label: string; aliases: string[] }): string[] {
  return [...new Set([f.key, f.label, ...f.aliases].map(normaliseHeader))];
}

/** Whether a cell is a header name one of the adapter's fields knows. */
export function knownHeader(adapter: EntityAdapter<unknown>): (cell: string) => boolean {
  const names = new Set(adapter.fields.flatMap(namesOf));
  return (cell) => names.has(normaliseHeader(cell));
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const DOMAIN = /^(https?:\/\/)?(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?$/i;

/**
 * Suggests a field for every column: an exact name match first (English and German names,
 * accents, case and punctuation ignored), then a header that starts with or contains a name
 * ("E-Mail (geschäftlich)" → emails), then — for columns without a telling header — the values
 * (all e-mail addresses → emails, all domains → domains). Each field gets one column, except list
 * fields, which take every column that matches.
 */
export function suggestMapping(adapter: EntityAdapter<unknown>, headers: string[], sample: string[][]): ImportMapping {
  const mapping: ImportMapping = Object.fromEntries(headers.map((h) => [h, null]));
  const taken = new Set<string>();
  const assign = (header: string, key: string, multi: boolean | undefined) => {
    if (mapping[header] !== null || (taken.has(key) && !multi)) return;
    mapping[header] = key;
    taken.add(key);
  };
  const normalised = headers.map(normaliseHeader);
  const fields = adapter.fields.map((f) => ({ f, names: namesOf(f) }));
  // Pass 1: exact names, in field order (so "Name" goes to name before anything else claims it).
  for (const { f, names } of fields) {
    headers.forEach((h, i) => {
      if (names.includes(normalised[i])) assign(h, f.key, f.multi);
    });
  }
  // Pass 2: a header that begins with a name (4+ letters) or contains one (6+), unless it is a
  // number or id of something ("Kundennummer" is not the customer's name).
  for (const { f, names } of fields) {
    headers.forEach((h, i) => {
      const n = normalised[i];
      if (!n || /(id|nr|nummer|number|no)$/.test(n)) return;
      if (names.some((a) => (a.length >= 4 && n.startsWith(a)) || (a.length >= 6 && n.includes(a)))) assign(h, f.key, f.multi);
    });
  }
  // Pass 3: the values of columns still unmapped.
  const byKey = new Map(adapter.fields.map((f) => [f.key, f]));
  headers.forEach((h, i) => {
    const values = sample.map((r) => (r[i] ?? '').trim()).filter(Boolean);
    if (!values.length || mapping[h] !== null) return;
    const all = (re: RegExp) => values.every((v) => v.split(/[;,\s]+/).every((x) => re.test(x)));
    const key = all(EMAIL) ? 'emails' : all(DOMAIN) ? 'domains' : null;
    const f = key ? byKey.get(key) : undefined;
    if (f) assign(h, f.key, f.multi);
  });
  return mapping;
}
