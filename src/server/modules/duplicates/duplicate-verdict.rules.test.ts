import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, POSSIBLE_DUPLICATE_THRESHOLD } from './company-match.rules.ts';
import {
  type DuplicateFindings,
  duplicateVerdict,
  partnerVerdict,
  possibleConflictMessage,
  type RegistrationMatch,
} from './duplicate-verdict.rules.ts';

const account = (id: string, score: number) => ({ id, name: id, score, reasons: [] });
const opportunity = (accountId: string) => ({ id: `o-${accountId}`, name: 'deal', accountId, stage: 'proposal' });
const registration = (partnerId: string, score: number, protectionActive: boolean): RegistrationMatch => ({
  id: `r-${partnerId}`,
  name: 'registered',
  score,
  reasons: [],
  accountId: null,
  partnerId,
  protectionActive,
});
const findings = (f: Partial<DuplicateFindings>): DuplicateFindings => ({ accounts: [], opportunities: [], registrations: [], ...f });

describe('duplicate verdict', () => {
  it.each([
    ['no candidate', findings({}), 'no_match'],
    ['a possible account match', findings({ accounts: [account('a', POSSIBLE_DUPLICATE_THRESHOLD)] }), 'possible_duplicate'],
    ['the same company without an open deal', findings({ accounts: [account('a', 1)] }), 'possible_duplicate'],
    [
      'the same company with an open deal',
      findings({ accounts: [account('a', DUPLICATE_THRESHOLD)], opportunities: [opportunity('a')] }),
      'conflict',
    ],
    ['an open deal on a weaker match only', findings({ accounts: [account('a', 0.9)], opportunities: [opportunity('a')] }), 'possible_duplicate'],
    ['another partner’s active protection', findings({ registrations: [registration('p2', 0.95, true)] }), 'conflict'],
    ['a protection that ran out', findings({ registrations: [registration('p2', 0.95, false)] }), 'possible_duplicate'],
    ['a protection on a weaker match', findings({ registrations: [registration('p2', 0.8, true)] }), 'possible_duplicate'],
    ['the caller’s own protection', findings({ registrations: [registration('p1', 1, true)] }), 'possible_duplicate'],
  ] as const)('%s → %s', (_, f, verdict) => {
    expect(duplicateVerdict(f, 'p1')).toBe(verdict);
  });

  it('counts any active protection as a conflict for staff', () => {
    expect(duplicateVerdict(findings({ registrations: [registration('p1', 1, true)] }), null)).toBe('conflict');
  });

  it('lets a partner learn only whether there is a conflict', () => {
    expect(partnerVerdict('conflict')).toBe('possible_conflict');
    expect(partnerVerdict('possible_duplicate')).toBe('no_match');
    expect(partnerVerdict('no_match')).toBe('no_match');
    expect(possibleConflictMessage('en')).toBe('Possible conflict — a partner manager will review your registration.');
    expect(possibleConflictMessage('de')).toContain('Partnermanager');
  });
});
