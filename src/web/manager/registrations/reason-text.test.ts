import { describe, expect, test } from 'vitest';
import { claimNumberOf, conflictReasonMessage, matchReasonMessage } from './reason-text.ts';

describe('match reasons', () => {
  test.each([
    [
      { code: 'domain_equal', text: 'same web domain acme.de' },
      { key: 'domain_equal', values: { domain: 'acme.de' } },
    ],
    [
      { code: 'email_domain_equal', text: "contact e-mail domain acme.de is the existing company's" },
      { key: 'email_domain_equal', values: { domain: 'acme.de' } },
    ],
    [
      { code: 'name_similar', text: 'name 0.93 after removing legal form' },
      { key: 'name_similar', values: { score: '0.93' } },
    ],
    [
      { code: 'name_equal_after_legal_form', text: 'same name after removing the legal form' },
      { key: 'name_equal_after_legal_form', values: {} },
    ],
    [
      { code: 'token_typo', text: "'mueller' ≈ 'muller' (typo)" },
      { key: 'token_typo', values: { a: 'mueller', b: 'muller' } },
    ],
    [
      { code: 'extra_words', text: 'only in the new name: holding, group' },
      { key: 'extra_words', values: { side: 'new', words: 'holding, group' } },
    ],
    [
      { code: 'open_opportunity', text: 'open opportunity (proposal) on the account "Acme GmbH"' },
      { key: 'open_opportunity', values: { stage: 'proposal', name: 'Acme GmbH' } },
    ],
  ])('reads the values out of %j', (reason, message) => {
    expect(matchReasonMessage(reason)).toEqual(message);
  });

  test('an unknown code or a sentence worded differently gives null, so the server text is shown', () => {
    expect(matchReasonMessage({ code: 'brand_new_rule', text: 'something' })).toBeNull();
    expect(matchReasonMessage({ code: 'domain_equal', text: 'domains agree: acme.de' })).toBeNull();
  });
});

describe('conflict reasons', () => {
  test('names the winner and the loser, also when the server calls one "partner of REG-…"', () => {
    expect(
      conflictReasonMessage({
        code: 'established_beats_new',
        text: 'Alpenblick Consulting GmbH has an established relationship with the customer; partner of REG-00001 does not.',
      }),
    ).toEqual({ key: 'established_beats_new', values: { winner: 'Alpenblick Consulting GmbH', loser: 'partner of REG-00001' } });
  });

  test('reads tiers and certification states', () => {
    expect(conflictReasonMessage({ code: 'higher_tier', text: 'Nordlicht (tier Gold) ranks above Bergmann (tier Silver).' })?.values).toEqual({
      winner: 'Nordlicht',
      winnerTier: 'Gold',
      loser: 'Bergmann',
      loserTier: 'Silver',
    });
    expect(
      conflictReasonMessage({ code: 'higher_certification', text: 'Certification breaks the tie: A is certified, B is not certified.' })?.values,
    ).toEqual({ winner: 'A', winnerCert: 'certified', loser: 'B', loserCert: 'not certified' });
  });

  test('the claim number of "partner of REG-00001"', () => {
    expect(claimNumberOf('partner of REG-00001')).toBe('REG-00001');
    expect(claimNumberOf('the partner of REG-00007')).toBe('REG-00007');
    expect(claimNumberOf('Nordlicht IT-Services GmbH')).toBeNull();
  });
});
