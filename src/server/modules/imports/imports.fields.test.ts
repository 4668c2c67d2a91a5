import { describe, expect, it } from 'vitest';
import { accountsAdapter } from './adapters/accounts.adapter.ts';
import { contactsAdapter } from './adapters/contacts.adapter.ts';
import { opportunitiesAdapter } from './adapters/opportunities.adapter.ts';
import { waves } from './imports.batch.ts';
import { country, date, emailList, integer, list, normaliseHeader, owner, parseDecimal, text } from './imports.fields.ts';
import { suggestMapping } from './imports.mapping.ts';

const cc = {
  decimalComma: true,
  members: new Map([
    ['ada@example.com', 'u1'],
    ['u1', 'u1'],
  ]),
};

describe('cell converters', () => {
  it('reads whole numbers with thousands separators and refuses the rest', () => {
    for (const [v, n] of [
      ['1200', 1200],
      ['1.200', 1200],
      ['1,200', 1200],
      ['1 200', 1200],
      ["1'200", 1200],
      ['12.500.000', 12500000],
      ['7,0', 7],
    ] as const) {
      expect(integer([v], cc)).toEqual({ value: n });
    }
    expect(integer(['12,5'], cc).error).toBe('must be a whole number such as 1200');
    expect(integer(['ca. 500'], cc).error).toBeDefined();
    expect(integer(['  '], cc)).toEqual({});
  });

  it('reads decimals in the file’s locale, and unambiguous ones in any', () => {
    expect(parseDecimal('125.000,50', true)).toBe(125000.5);
    expect(parseDecimal('125,000.50', false)).toBe(125000.5);
    expect(parseDecimal('1.500', true)).toBe(1500);
    expect(parseDecimal('1.500', false)).toBe(1.5);
    expect(parseDecimal('1,5', false)).toBe(1.5);
    expect(parseDecimal('1.234.567', false)).toBe(1234567);
    expect(parseDecimal('EUR 9.900', true)).toBe(9900);
    expect(parseDecimal('12a', true)).toBeNull();
    expect(parseDecimal('1,2,3.4.5', true)).toBeNull();
  });

  it('reads ISO and German dates and refuses ambiguous or impossible ones', () => {
    expect(date(['2027-03-31'], cc)).toEqual({ value: '2027-03-31' });
    expect(date(['31.03.2027'], cc)).toEqual({ value: '2027-03-31' });
    expect(date(['1.7.26'], cc)).toEqual({ value: '2026-07-01' });
    expect(date(['2027-03-31T00:00:00Z'], cc)).toEqual({ value: '2027-03-31' });
    expect(date(['31/03/2027'], cc)).toEqual({ value: '2027-03-31' });
    expect(date(['03/31/2027'], cc)).toEqual({ value: '2027-03-31' });
    expect(date(['03/04/2027'], cc).error).toContain('ambiguous');
    expect(date(['31.02.2027'], cc).error).toContain('2027-03-31');
    expect(date(['next week'], cc).error).toBeDefined();
  });

  it('reads countries by code and by English or German name', () => {
    expect(country(['de'], cc)).toEqual({ value: 'DE' });
    expect(country(['Deutschland'], cc)).toEqual({ value: 'DE' });
    expect(country(['Österreich'], cc)).toEqual({ value: 'AT' });
    expect(country(['United Kingdom'], cc)).toEqual({ value: 'GB' });
    expect(country(['USA'], cc)).toEqual({ value: 'US' });
    expect(country(['Atlantis'], cc).error).toContain('DE');
  });

  it('splits lists, lower-cases e-mails, joins text and resolves owners', () => {
    expect(list(['a.de; b.de', 'c.de a.de'], cc)).toEqual({ value: ['a.de', 'b.de', 'c.de'] });
    expect(emailList(['Jane@Example.com', 'mailto:jane@example.com'], cc)).toEqual({ value: ['jane@example.com'] });
    expect(text([' Hello ', '', 'World'], cc)).toEqual({ value: 'Hello World' });
    expect(text(["'=1+1"], cc)).toEqual({ value: '=1+1' }); // our own export's escape comes off
    expect(text(["'quoted"], cc)).toEqual({ value: "'quoted" });
    expect(owner(['ADA@example.com'], cc)).toEqual({ value: 'u1' });
    expect(owner(['bob@example.com'], cc).error).toContain('staff member');
  });
});

describe('mapping suggestions', () => {
  const suggest = (
    adapter: typeof accountsAdapter | typeof contactsAdapter | typeof opportunitiesAdapter,
    headers: string[],
    rows: string[][] = [],
  ) => suggestMapping(adapter as never, headers, rows);

  it('maps English and German headers, ignoring case, accents and punctuation', () => {
    expect(normaliseHeader('E-Mail (geschäftlich)')).toBe('emailgeschaftlich');
    expect(suggest(accountsAdapter, ['Unternehmen', 'Domain', 'Branche', 'Anzahl Mitarbeiter', 'Bundesland', 'Kundennummer'])).toEqual({
      Unternehmen: 'name',
      Domain: 'domains',
      Branche: 'industry',
      'Anzahl Mitarbeiter': 'employeeCount',
      Bundesland: 'region',
      Kundennummer: null,
    });
    expect(suggest(contactsAdapter, ['First Name', 'Last Name', 'E-Mail (geschäftlich)', 'E-Mail 2', 'Mobil', 'Company'])).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'E-Mail (geschäftlich)': 'emails',
      'E-Mail 2': 'emails',
      Mobil: 'phone',
      Company: 'accountId',
    });
    expect(suggest(opportunitiesAdapter, ['Deal Name', 'Account Name', 'Amount', 'Currency', 'Deal Stage', 'Close Date'])).toEqual({
      'Deal Name': 'name',
      'Account Name': 'accountId',
      Amount: 'amount',
      Currency: 'currency',
      'Deal Stage': 'stage',
      'Close Date': 'closeDate',
    });
  });

  it('gives a single-value field one column and looks at values when headers say nothing', () => {
    expect(suggest(accountsAdapter, ['Firma', 'Name', 'Spalte 3'], [['A GmbH', 'Hans', 'a.example']])).toEqual({
      Firma: 'name',
      Name: null,
      'Spalte 3': 'domains',
    });
    expect(suggest(contactsAdapter, ['Column 1', 'Column 2'], [['Jane', 'jane@x.example']])).toMatchObject({ 'Column 2': 'emails' });
  });
});

describe('waves', () => {
  it('puts rows that share a dedupe key into later waves, keeping file order', () => {
    const rows = [{ k: ['a'] }, { k: ['b'] }, { k: ['a', 'c'] }, { k: [] }, { k: ['c'] }, { k: ['a'] }];
    expect(waves(rows, (r) => r.k).map((w) => w.map((r) => rows.indexOf(r)))).toEqual([[0, 1, 3, 4], [2], [5]]);
  });
});
