import { z } from 'zod';

/**
 * Money on the API is `{ value, currency }`: value in major units (125000.5), currency an ISO 4217
 * code. The database keeps integer minor units (12500050) plus the code.
 *
 * The number of minor digits comes from the table below (ISO 4217), not from `Intl`: ICU's digits
 * (CLDR) differ from ISO for some currencies (HUF, IDR, COP, IQD, …) and change between ICU versions,
 * and stored minor units must never be reinterpreted because a browser or Node.js was upgraded.
 */

const ZERO_DIGITS = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const THREE_DIGITS = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const FOUR_DIGITS = ['CLF', 'UYW'];
const TWO_DIGITS = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW
  CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR
  JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD
  PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD
  TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL`.split(/\s+/);

/** ISO 4217 minor digits of every accepted currency code. */
export const CURRENCY_DIGITS: ReadonlyMap<string, number> = new Map([
  ...TWO_DIGITS.map((c) => [c, 2] as const),
  ...ZERO_DIGITS.map((c) => [c, 0] as const),
  ...THREE_DIGITS.map((c) => [c, 3] as const),
  ...FOUR_DIGITS.map((c) => [c, 4] as const),
]);

/** Every currency code the API accepts (ISO 4217, without precious metals and testing codes), sorted. */
export const CURRENCIES: readonly string[] = [...CURRENCY_DIGITS.keys()].sort();

/**
 * Amounts stay below 10^15 minor units: 15 significant digits survive the round trip through a
 * JSON number (a double) exactly, so the value a client reads back is the value it sent.
 */
export const MAX_MINOR_UNITS = 999_999_999_999_999;

export type Money = { value: number; currency: string };

/** Whether the code is an ISO 4217 currency the API accepts (upper case, e.g. EUR). */
export function isCurrency(code: string): boolean {
  return CURRENCY_DIGITS.has(code);
}

/** The currency's minor digits per ISO 4217: JPY 0, EUR 2, KWD 3, CLF 4. Throws for an unknown code. */
export function currencyDigits(currency: string): number {
  const d = CURRENCY_DIGITS.get(currency);
  if (d === undefined) throw new RangeError(`${currency} is not an ISO 4217 currency code`);
  return d;
}

type Decimal = { int: string; frac: string };

/** A non-negative decimal written out in digits, without float arithmetic; null when it is not one. */
function toDecimal(value: number | string): Decimal | null {
  // String(number) is the shortest text that reads back as the same double: what the client wrote.
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[1] === '' && !m[2])) return null;
  let digits = `${m[1]}${m[2] ?? ''}`;
  let point = m[1].length + Number(m[3] ?? 0);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  return { int, frac: digits.slice(point).replace(/0+$/, '') };
}

/** How many decimals a number is written with (1.25 → 2, 3 → 0), counted exactly; NaN when not a plain non-negative number. */
export function decimalPlaces(value: number | string): number {
  const d = toDecimal(value);
  return d ? d.frac.length : Number.NaN;
}

/** Why the value is not an amount of the currency, in words for the user, or null when it is one. */
export function moneyProblem(value: number | string, currency: string): string | null {
  const digits = CURRENCY_DIGITS.get(currency);
  if (digits === undefined) return `${currency} is not an ISO 4217 currency code; use one such as EUR, USD or JPY`;
  if (typeof value === 'number' && value < 0) return 'must not be negative';
  const d = toDecimal(value);
  if (!d) return 'must be a number such as 125000.50';
  if (d.frac.length > digits) {
    return digits === 0
      ? `must be a whole number: ${currency} has no minor unit`
      : `${currency} allows at most ${digits} decimal${digits === 1 ? '' : 's'}`;
  }
  const minor = (d.int + d.frac.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  if (minor.length > String(MAX_MINOR_UNITS).length) return `must be at most ${fromMinorUnits(MAX_MINOR_UNITS, currency)} ${currency}`;
  return null;
}

/** Major units → integer minor units (125000.5 EUR → 12500050), exactly; throws a RangeError saying what is wrong. */
export function toMinorUnits(value: number | string, currency: string): number {
  const problem = moneyProblem(value, currency);
  if (problem) throw new RangeError(`amount ${value} ${currency}: ${problem}`);
  const digits = currencyDigits(currency);
  const d = toDecimal(value) as Decimal;
  return Number(d.int + d.frac.padEnd(digits, '0'));
}

/** Integer minor units → major units (12500050 EUR → 125000.5). */
export function fromMinorUnits(minor: number, currency: string): number {
  const digits = currencyDigits(currency);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  if (digits === 0) return minor;
  // Through the decimal text rather than a division, so the double is the one the text denotes.
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const major = Number(`${text.slice(0, -digits)}.${text.slice(-digits)}`);
  return minor < 0 ? -major : major;
}

/**
 * A whole number of minor units of any size, as text or a bigint (what SQL `sum()` returns) →
 * major units; exact up to 15 significant digits, the nearest double beyond.
 */
export function fromMinorUnitsText(minor: string | bigint, currency: string): number {
  const digits = currencyDigits(currency);
  const text = String(minor);
  if (!/^-?\d+$/.test(text)) throw new RangeError(`${text} is not a whole number of minor units`);
  const negative = text.startsWith('-');
  const abs = (negative ? text.slice(1) : text).padStart(digits + 1, '0');
  const major = digits === 0 ? Number(abs) : Number(`${abs.slice(0, -digits)}.${abs.slice(-digits)}`);
  return negative ? -major : major;
}

/**
 * A bound in major units as whole minor units with `digits` decimals, rounded up or down (for range
 * filters: amount ≥ 10.005 EUR is amount_minor ≥ 1001), capped just beyond the storable range.
 */
export function minorUnitsBound(value: number | string, digits: number, round: 'up' | 'down'): number {
  const d = toDecimal(value);
  if (!d) throw new RangeError(`${value} is not a non-negative number`);
  let whole = BigInt(d.int + d.frac.padEnd(digits, '0').slice(0, digits));
  if (round === 'up' && /[1-9]/.test(d.frac.slice(digits))) whole += 1n;
  const cap = BigInt(MAX_MINOR_UNITS) + 1n;
  return Number(whole > cap ? cap : whole);
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount for people, e.g. `€125,000.50` (en) or `125.000,50 €` (de). Shows at most the
 * currency's ISO digits and at least as many as the locale usually shows (JPY ¥1,500, HUF Ft 1,500).
 */
export function formatMoney(
  money: Money,
  locale?: string,
  opts: { notation?: 'standard' | 'compact'; currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name' } = {},
): string {
  const key = `${locale ?? ''}|${money.currency}|${opts.notation ?? ''}|${opts.currencyDisplay ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = CURRENCY_DIGITS.get(money.currency) ?? 2;
    const base = { style: 'currency', currency: money.currency, currencyDisplay: opts.currencyDisplay ?? 'symbol' } as const;
    const usual = new Intl.NumberFormat(locale, base).resolvedOptions().maximumFractionDigits ?? digits;
    f =
      opts.notation === 'compact'
        ? new Intl.NumberFormat(locale, { ...base, notation: 'compact', maximumFractionDigits: 1 })
        : new Intl.NumberFormat(locale, { ...base, minimumFractionDigits: Math.min(usual, digits), maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f.format(money.value);
}

/** An ISO 4217 code; lower case is accepted and upper-cased. */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrency, { message: 'must be an ISO 4217 currency code such as EUR, USD or JPY' });

/** An amount in a request: `{ value, currency }`; too many decimals for the currency is an error on `value`. */
export const moneyInput = z
  .strictObject({
    value: z.number({ message: 'must be a number such as 125000.50' }).min(0, 'must not be negative'),
    currency: currencyCode,
  })
  .superRefine((m, ctx) => {
    if (!isCurrency(m.currency)) return;
    const problem = moneyProblem(m.value, m.currency);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

/** An amount in a response. */
export const moneySchema = z.object({ value: z.number(), currency: z.string() });
