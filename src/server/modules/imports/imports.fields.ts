/**
 * Cell converters: turn the text of CSV cells into the values the API's input schemas take
 * (numbers, lists, ISO dates, enum keys, ids), accepting what German and English spreadsheets
 * hold ("1.200", "31.03.2027", "Deutschland", "Kunde"). A converter never guesses silently: a value
 * it cannot read becomes an issue that says what to write instead. Pure.
 */

/** What a converter gets besides the cells: facts about the file and look-ups prepared per run. */
export type ConvertContext = {
  /** `;`-delimited files come from comma-decimal locales: "1.234,50" there, "1,234.50" elsewhere. */
  decimalComma: boolean;
  /** Staff members of the workspace: id → id and lower-cased e-mail → id. */
  members: Map<string, string>;
};

export type Converted = { value?: unknown; error?: string };
export type Converter = (cells: string[], ctx: ConvertContext) => Converted;

/** A field a column can be mapped to. */
export type FieldDef = {
  key: string;
  label: string;
  required?: boolean;
  /** Several columns may feed it; their values are concatenated (list fields). */
  multi?: boolean;
  /** Header names that suggest this field (English and German; compared normalised). */
  aliases: string[];
  /** One line for the mapping screen: what the column should hold. */
  hint: string;
  convert: Converter;
};

/** "E-Mail (geschäftlich)" → "emailgeschaftlich": lower case, no accents, letters and digits only. */
export function normaliseHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

// Our own exports neutralise formula-like cells with a leading apostrophe; take it off again.
const unescapeCell = (s: string) => (/^'[=+\-@\t\r＝＋－＠]/.test(s) ? s.slice(1) : s);

/** The non-empty trimmed values of the mapped cells. */
export function present(cells: string[]): string[] {
  return cells.map((c) => unescapeCell(c.trim())).filter((c) => c !== '');
}

export const text: Converter = (cells) => {
  const v = present(cells);
  return v.length ? { value: v.join(' ') } : {};
};

/** Several values per cell, split on `;`, `,`, whitespace or line breaks. */
export const list: Converter = (cells) => {
  const v = present(cells).flatMap((c) => c.split(/[;,\s]+/).filter(Boolean));
  return v.length ? { value: [...new Set(v)] } : {};
};

/** E-mail addresses, lower-cased, `mailto:` dropped. */
export const emailList: Converter = (cells, ctx) => {
  const r = list(cells, ctx);
  return r.value ? { value: [...new Set((r.value as string[]).map((e) => e.replace(/^mailto:/i, '').toLowerCase()))] } : r;
};

/** Whole numbers with thousands separators: 1200, 1.200, 1,200, 1 200, 1'200. */
export const integer: Converter = (cells) => {
  const [v] = present(cells);
  if (v === undefined) return {};
  const compact = v.replace(/[\s\u00a0\u202f']/g, '');
  if (/^\d+$/.test(compact)) return { value: Number(compact) };
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(compact)) return { value: Number(compact.replace(/[.,]/g, '')) };
  if (/^\d+[.,]0+$/.test(compact)) return { value: Number(compact.split(/[.,]/)[0]) };
  return { error: 'must be a whole number such as 1200' };
};

/**
 * A decimal amount in the file's locale: "125.000,50" in `;` files, "125,000.50" otherwise; an
 * unambiguous form is read in either. Currency symbols and codes around it are ignored here.
 */
export function parseDecimal(raw: string, decimalComma: boolean): number | null {
  let v = raw.replace(/[\s\u00a0\u202f']/g, '').replace(/^[A-Z]{3}|[A-Z]{3}$|[€$£¥]/g, '');
  if (!/^\d[\d.,]*$/.test(v)) return null;
  const lastDot = v.lastIndexOf('.');
  const lastComma = v.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const once = v.indexOf(sep) === v.lastIndexOf(sep);
    const digitsAfter = v.length - v.lastIndexOf(sep) - 1;
    if (!once) decimal = null;
    else if (digitsAfter !== 3) decimal = sep;
    else decimal = (sep === ',') === decimalComma ? sep : null; // "1.500" is 1500 in de, 1.5 in en
  }
  const thousands = decimal === ',' ? '.' : decimal === '.' ? ',' : /[.]/.test(v) ? '.' : ',';
  const [int, frac, extra] = v
    .split(thousands)
    .join('')
    .split(decimal ?? '\u0000');
  if (extra !== undefined || !/^\d+$/.test(int) || (frac !== undefined && !/^\d+$/.test(frac))) return null;
  v = frac === undefined ? int : `${int}.${frac}`;
  return Number(v);
}

const pad = (n: number) => String(n).padStart(2, '0');
function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Dates as 2027-03-31, 31.03.2027, 31.3.27 or (when unambiguous) 3/31/2027; a time part is ignored. */
export const date: Converter = (cells) => {
  const [v] = present(cells);
  if (v === undefined) return {};
  const bad = { error: 'must be a date such as 2027-03-31 (or 31.03.2027)' };
  const value = v.replace(/[T\s].*$/, '');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (m) return toValue(isoDate(+m[1], +m[2], +m[3]), bad);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(value);
  if (m) return toValue(isoDate(fullYear(m[3]), +m[2], +m[1]), bad);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(value);
  if (m) {
    const [a, b] = [+m[1], +m[2]];
    if (a <= 12 && b <= 12 && a !== b) return { error: `is ambiguous (${v} could be day/month or month/day); write it as 2027-03-31` };
    return toValue(a > 12 ? isoDate(fullYear(m[3]), b, a) : isoDate(fullYear(m[3]), a, b), bad);
  }
  return bad;
};
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
const toValue = (v: string | null, bad: Converted): Converted => (v ? { value: v } : bad);

/** An enum value by key or by any of its synonyms (compared normalised). */
export function choice(options: Record<string, string[]>): Converter {
  const lookup = new Map<string, string>();
  for (const [key, synonyms] of Object.entries(options)) for (const s of [key, ...synonyms]) lookup.set(normaliseHeader(s), key);
  const keys = Object.keys(options).join(', ');
  return (cells) => {
    const [v] = present(cells);
    if (v === undefined) return {};
    const key = lookup.get(normaliseHeader(v));
    return key ? { value: key } : { error: `must be one of ${keys}` };
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** A staff member of the workspace, by e-mail or id. */
export const owner: Converter = (cells, ctx) => {
  const [v] = present(cells);
  if (v === undefined) return {};
  const id = ctx.members.get(v.toLowerCase());
  return id ? { value: id } : { error: 'must be the e-mail address (or id) of a staff member of this workspace' };
};

// Codes CLDR names that are not current ISO 3166-1 countries (withdrawn, groupings, private use).
const NOT_COUNTRIES = new Set(['AN', 'BU', 'CS', 'DD', 'EU', 'EZ', 'FX', 'NT', 'QO', 'SU', 'TP', 'UK', 'UN', 'XA', 'XB', 'YU', 'ZR', 'ZZ']);
let countryNames: Map<string, string> | undefined;
/** Every ISO 3166-1 alpha-2 code by its English and German name ("Deutschland", "Germany" → DE). */
function countries(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  const names = ['en', 'de'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  const A = 65;
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      if (NOT_COUNTRIES.has(code)) continue;
      for (const dn of names) {
        const name = dn.of(code);
        if (name && !countryNames.has(normaliseHeader(name))) countryNames.set(normaliseHeader(name), code);
      }
    }
  }
  for (const [alias, code] of Object.entries({
    usa: 'US',
    unitedstatesofamerica: 'US',
    uk: 'GB',
    england: 'GB',
    grossbritannien: 'GB',
    holland: 'NL',
  })) {
    countryNames.set(alias, code);
  }
  return countryNames;
}

/** A country as ISO code ("DE", "de") or as its English or German name. */
export const country: Converter = (cells) => {
  const [v] = present(cells);
  if (v === undefined) return {};
  if (/^[a-z]{2}$/i.test(v)) return { value: v.toUpperCase() === 'UK' ? 'GB' : v.toUpperCase() };
  const code = countries().get(normaliseHeader(v));
  return code ? { value: code } : { error: 'must be a country code such as DE or a country name such as Germany' };
};
