import { describe, expect, it } from 'vitest';
import {
  CURRENCIES,
  currencyDigits,
  decimalPlaces,
  formatMoney,
  fromMinorUnits,
  fromMinorUnitsText,
  isCurrency,
  MAX_MINOR_UNITS,
  moneyInput,
  moneyProblem,
  toMinorUnits,
} from './money.ts';

describe('currency digits', () => {
  it('follows ISO 4217: JPY 0, EUR 2, KWD 3, CLF 4', () => {
    expect([currencyDigits('JPY'), currencyDigits('EUR'), currencyDigits('KWD'), currencyDigits('CLF')]).toEqual([0, 2, 3, 4]);
    expect([currencyDigits('BHD'), currencyDigits('TND'), currencyDigits('KRW'), currencyDigits('ISK')]).toEqual([3, 3, 0, 0]);
  });

  it('keeps ISO digits where ICU shows fewer, so stored amounts never depend on the runtime', () => {
    expect(currencyDigits('HUF')).toBe(2);
    expect(currencyDigits('IDR')).toBe(2);
    expect(currencyDigits('IQD')).toBe(3);
  });

  it('knows the active codes and refuses unknown or lower-case ones', () => {
    expect(CURRENCIES.length).toBeGreaterThan(150);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('XYZ')).toBe(false);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('XAU')).toBe(false);
    expect(() => currencyDigits('XYZ')).toThrow(RangeError);
  });

  it('agrees with Intl for the common currencies', () => {
    for (const c of ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'KWD', 'BHD', 'SEK', 'PLN', 'CNY', 'INR', 'BRL']) {
      const intl = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits;
      expect(currencyDigits(c), c).toBe(intl);
    }
  });
});

describe('major ↔ minor units', () => {
  it('converts exactly, without float error', () => {
    expect(toMinorUnits(125000.5, 'EUR')).toBe(12500050);
    expect(toMinorUnits(0.3, 'EUR')).toBe(30);
    expect(moneyProblem(0.1 + 0.2, 'EUR')).toBe('EUR allows at most 2 decimals'); // 0.30000000000000004
    expect(toMinorUnits(1.15, 'EUR')).toBe(115); // 1.15 * 100 is 114.99999999999999 in floating point
    expect(toMinorUnits(4.35, 'USD')).toBe(435);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits(1.234, 'KWD')).toBe(1234);
    expect(toMinorUnits(0.001, 'BHD')).toBe(1);
    expect(toMinorUnits(2.5, 'CLF')).toBe(25000);
    expect(toMinorUnits(0, 'EUR')).toBe(0);
  });

  it('reads decimal text too (CSV), with exponents and surrounding space', () => {
    expect(toMinorUnits('125000.50', 'EUR')).toBe(12500050);
    expect(toMinorUnits(' 7 ', 'EUR')).toBe(700);
    expect(toMinorUnits('.5', 'EUR')).toBe(50);
    expect(toMinorUnits('1.5e3', 'JPY')).toBe(1500);
    expect(toMinorUnits(1e-2, 'EUR')).toBe(1);
    expect(toMinorUnits(1e14, 'JPY')).toBe(100_000_000_000_000);
  });

  it('converts back to the value the client sent', () => {
    for (const [value, currency] of [
      [125000.5, 'EUR'],
      [0.01, 'EUR'],
      [9999999999999.99, 'EUR'],
      [1.15, 'EUR'],
      [1500, 'JPY'],
      [1.234, 'KWD'],
      [0.001, 'BHD'],
      [2.5, 'CLF'],
    ] as const) {
      expect(fromMinorUnits(toMinorUnits(value, currency), currency), `${value} ${currency}`).toBe(value);
    }
    expect(fromMinorUnits(MAX_MINOR_UNITS, 'EUR')).toBe(9999999999999.99);
    expect(fromMinorUnits(5, 'KWD')).toBe(0.005);
  });

  it('turns sums of minor units beyond a safe integer into major units', () => {
    expect(fromMinorUnitsText('12500050', 'EUR')).toBe(125000.5);
    expect(fromMinorUnitsText(5n, 'KWD')).toBe(0.005);
    expect(fromMinorUnitsText('0', 'EUR')).toBe(0);
    expect(fromMinorUnitsText('1500', 'JPY')).toBe(1500);
    // 10^21 minor units: a million deals at the largest amount, summed.
    expect(fromMinorUnitsText(`1${'0'.repeat(21)}`, 'EUR')).toBe(1e19);
    expect(() => fromMinorUnitsText('1.5', 'EUR')).toThrow(RangeError);
  });

  it('says what is wrong with an amount', () => {
    expect(moneyProblem(10.5, 'JPY')).toBe('must be a whole number: JPY has no minor unit');
    expect(moneyProblem(1.234, 'EUR')).toBe('EUR allows at most 2 decimals');
    expect(moneyProblem(1.2345, 'KWD')).toBe('KWD allows at most 3 decimals');
    expect(moneyProblem(1.23, 'KWD')).toBeNull();
    expect(moneyProblem(-1, 'EUR')).toBe('must not be negative');
    expect(moneyProblem(1, 'XYZ')).toContain('XYZ is not an ISO 4217 currency code');
    expect(moneyProblem('abc', 'EUR')).toBe('must be a number such as 125000.50');
    expect(moneyProblem('1,5', 'EUR')).toBe('must be a number such as 125000.50');
    expect(moneyProblem(Number.NaN, 'EUR')).toBe('must be a number such as 125000.50');
    expect(moneyProblem(10_000_000_000_000, 'EUR')).toBe('must be at most 9999999999999.99 EUR');
    expect(moneyProblem(999_999_999_999_999, 'JPY')).toBeNull();
    expect(moneyProblem(1e15, 'JPY')).toBe('must be at most 999999999999999 JPY');
    expect(() => toMinorUnits(1.001, 'EUR')).toThrow('amount 1.001 EUR: EUR allows at most 2 decimals');
  });

  it('counts decimals exactly', () => {
    expect(decimalPlaces(33.33)).toBe(2);
    expect(decimalPlaces(100)).toBe(0);
    expect(decimalPlaces(1.5e-7)).toBe(8);
    expect(decimalPlaces(2.5e3)).toBe(0);
    expect(decimalPlaces('12.3400')).toBe(2);
    expect(decimalPlaces(-1)).toBeNaN();
  });
});

describe('formatMoney', () => {
  it('shows the currency in the locale’s way with its digits', () => {
    expect(formatMoney({ value: 125000.5, currency: 'EUR' }, 'en')).toBe('€125,000.50');
    expect(formatMoney({ value: 125000.5, currency: 'EUR' }, 'de')).toBe('125.000,50\u00a0€');
    expect(formatMoney({ value: 1500, currency: 'JPY' }, 'en')).toBe('¥1,500');
    expect(formatMoney({ value: 1.234, currency: 'KWD' }, 'en')).toBe('KWD\u00a01.234');
    expect(formatMoney({ value: 12, currency: 'USD' }, 'en', { currencyDisplay: 'code' })).toBe('USD\u00a012.00');
  });

  it('never hides minor units that were stored, even where the locale usually shows none', () => {
    expect(formatMoney({ value: 1500, currency: 'HUF' }, 'en')).toBe('HUF\u00a01,500');
    expect(formatMoney({ value: 1500.5, currency: 'HUF' }, 'en')).toBe('HUF\u00a01,500.5');
  });

  it('abbreviates large amounts in compact notation', () => {
    expect(formatMoney({ value: 1_250_000, currency: 'USD' }, 'en', { notation: 'compact' })).toBe('$1.3M');
  });
});

describe('moneyInput', () => {
  it('accepts an amount and upper-cases the currency', () => {
    expect(moneyInput.parse({ value: 99.9, currency: 'eur' })).toEqual({ value: 99.9, currency: 'EUR' });
  });

  it('names the value when it has too many decimals, and the currency when it is unknown', () => {
    const tooPrecise = moneyInput.safeParse({ value: 10.5, currency: 'JPY' });
    expect(tooPrecise.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['value', 'must be a whole number: JPY has no minor unit']]);
    const unknown = moneyInput.safeParse({ value: 10, currency: 'ABC' });
    expect(unknown.error?.issues.map((i) => i.path.join('.'))).toEqual(['currency']);
    const extra = moneyInput.safeParse({ value: 10, currency: 'EUR', minor: 1000 });
    expect(extra.success).toBe(false);
  });
});
