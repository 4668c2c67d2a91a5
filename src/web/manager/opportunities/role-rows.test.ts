import { describe, expect, it } from 'vitest';
import { listErrors, type PartnerRow, roleForPartnerType, rowsTotal, shareProblem } from './role-rows.ts';

const row = (share: number | string): PartnerRow => ({ key: 'k', partnerId: 'p', partnerName: 'P', role: 'reseller', attribution: 'sourced', share });

describe('partner role rows', () => {
  it('adds shares exactly to the hundredth and leaves unusable ones out', () => {
    expect(rowsTotal([row(33.33), row(33.33), row(33.34)])).toBe(100);
    expect(rowsTotal([row(60), row(40.01)])).toBe(100.01);
    expect(rowsTotal([row(''), row(30), row(120)])).toBe(30);
  });

  it('says what is wrong with a share', () => {
    expect([shareProblem(''), shareProblem(-1), shareProblem(100.5), shareProblem(12.345), shareProblem(12.34)]).toEqual([
      'shareRequired',
      'shareRange',
      'shareRange',
      'shareDecimals',
      null,
    ]);
  });

  it('suggests the role from the partner type', () => {
    expect(['referral', 'reseller', 'services', 'marketplace', 'technology', undefined].map(roleForPartnerType)).toEqual([
      'referrer',
      'reseller',
      'services',
      'marketplace',
      'technology',
      'reseller',
    ]);
  });

  it('puts the server’s field errors on the list and on the row and input they name', () => {
    const error = {
      detail: 'The request is invalid.',
      errors: [
        { field: 'body.partners', message: 'partner shares add up to 110 %; together they must not exceed 100 %' },
        { field: 'body.partners.1.partnerId', message: 'is not a partner of this workspace' },
        { field: 'body.partners.1.share', message: 'must be a percentage from 0 to 100' },
        { field: 'body.contactRoles.0.role', message: 'must not be empty' },
      ],
    };
    expect(listErrors(error, 'partners')).toEqual({
      list: ['partner shares add up to 110 %; together they must not exceed 100 %'],
      rows: { 1: { partnerId: 'is not a partner of this workspace', share: 'must be a percentage from 0 to 100' } },
      other: null,
    });
    expect(listErrors(error, 'contactRoles').rows).toEqual({ 0: { role: 'must not be empty' } });
    expect(listErrors({ detail: 'Your role is not allowed to change opportunities.', errors: [] }, 'partners').other).toBe(
      'Your role is not allowed to change opportunities.',
    );
    expect(listErrors(null, 'partners')).toEqual({ list: [], rows: {}, other: null });
  });
});
