import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POSSIBLE_DUPLICATE_THRESHOLD } from './company-match.rules.ts';
import { normaliseCompanyName } from './company-name.rules.ts';
import { compareCompanyNames, EQUAL_CORE_OTHER_FORM_SCORE, EQUAL_IGNORING_SPACES_SCORE } from './company-name-similarity.rules.ts';

const compare = (query: string, record: string) => compareCompanyNames(normaliseCompanyName(query), normaliseCompanyName(record));
const score = (query: string, record: string) => compare(query, record).score;
const codes = (query: string, record: string) => compare(query, record).reasons.map((r) => r.code);
const flagged = (query: string, record: string) => score(query, record) >= POSSIBLE_DUPLICATE_THRESHOLD;

describe('equal names', () => {
  it('scores 1 for the same name and legal form, whatever the spelling', () => {
    expect(compare('AKZO NOBEL N.V.', 'Akzo Nobel NV')).toEqual({ score: 1, reasons: [{ code: 'name_equal', text: 'same name' }] });
  });

  it('scores just below 1 when only the legal form differs, and says so', () => {
    expect(compare('Honeywell GmbH', 'Honeywell B.V.')).toEqual({
      score: EQUAL_CORE_OTHER_FORM_SCORE,
      reasons: [{ code: 'name_equal_after_legal_form', text: 'same name after removing the legal form' }],
    });
    expect(score('Honeywell', 'Honeywell B.V.')).toBe(EQUAL_CORE_OTHER_FORM_SCORE);
  });

  it('treats names written together or apart as equal', () => {
    const c = compare('ST Microelectronics N.V.', 'STMicroelectronics NV');
    expect(c.score).toBeGreaterThanOrEqual(EQUAL_IGNORING_SPACES_SCORE);
    expect(c.reasons).toContainEqual({
      code: 'words_joined',
      query: 'st microelectronics',
      record: 'stmicroelectronics',
      text: "'st microelectronics' is written 'stmicroelectronics'",
    });
    expect(codes('SaraLee/DE N.V.', 'Sara Lee DE N.V.')).toContain('name_equal_ignoring_spaces');
    expect(codes('Konin Klijke Philips', 'Koninklijke Philips')).toEqual(expect.arrayContaining(['name_similar']));
  });

  it('scores nothing for an empty name', () => {
    expect(score('', 'Acme')).toBe(0);
    expect(score('---', 'Acme')).toBe(0);
  });
});

describe('typos and spelling', () => {
  it('flags a typo in a long word and names it', () => {
    const c = compare('Unilver N.V.', 'Unilever N.V.');
    expect(c.score).toBeGreaterThanOrEqual(POSSIBLE_DUPLICATE_THRESHOLD);
    expect(c.reasons).toContainEqual({ code: 'token_typo', query: 'unilver', record: 'unilever', text: "'unilver' ≈ 'unilever' (typo)" });
  });

  it('counts a swap of neighbouring letters as one typo', () => {
    expect(codes('Akzo Noble', 'Akzo Nobel')).toContain('token_typo');
    expect(flagged('Akzo Noble', 'Akzo Nobel')).toBe(true);
  });

  it('does not flag short names one letter apart on their own', () => {
    expect(flagged('Bosch GmbH', 'Busch GmbH')).toBe(false);
    expect(flagged('Sony', 'Sonu')).toBe(false);
  });

  it('matches words that sound alike across transliterations', () => {
    expect(compare('Filips Elektroniks', 'Philips Electronics').reasons.map((r) => r.code)).toContain('token_sounds_alike');
    expect(flagged('Shljumberger Ltd', 'Schlumberger Limited')).toBe(true);
  });

  it('matches a truncated word', () => {
    expect(codes('Philips Gloeilampenfab', 'Philips Gloeilampenfabrieken')).toContain('token_truncated');
  });

  it('recognises a misspelt trade word on either side', () => {
    expect(flagged('Torra Services s.r.o.', 'Torra Srevices s.r.o.')).toBe(true);
    expect(flagged('Fitzgerald Servcices', 'Fitzgerald Services UAB')).toBe(true);
  });

  it('never flags numbers that differ', () => {
    expect(flagged('Studio 54 GmbH', 'Studio 55 GmbH')).toBe(false);
  });
});

describe('word order, abbreviations, acronyms', () => {
  it('accepts the same words in another order, with a reason', () => {
    const c = compare('Schäfer & Müller GmbH', 'Müller & Schäfer GmbH');
    expect(c.score).toBeGreaterThanOrEqual(POSSIBLE_DUPLICATE_THRESHOLD);
    expect(c.reasons.map((r) => r.code)).toContain('word_order');
  });

  it('explains an abbreviation that made the match', () => {
    const c = compare('Seagate Tech Intl', 'Seagate Technology International');
    expect(c.score).toBe(1);
    expect(compare('Acme Intl Ltd', 'Acme International GmbH').reasons.map((r) => r.code)).toEqual(['name_equal_after_legal_form']);
    expect(compare('Acme Intl Mfg', 'Acme International Manufacturing Group').reasons).toContainEqual({
      code: 'abbreviation',
      from: 'intl',
      to: 'international',
      text: "'intl' read as 'international'",
    });
  });

  it('reads an acronym as a possible duplicate, never as a certain one', () => {
    const c = compare('IBM Corp.', 'International Business Machines Corporation');
    expect(c.reasons).toContainEqual({
      code: 'acronym',
      acronym: 'ibm',
      expansion: 'international business machine',
      text: "'ibm' stands for 'international business machine'",
    });
    expect(c.score).toBeGreaterThanOrEqual(POSSIBLE_DUPLICATE_THRESHOLD);
    expect(c.score).toBeLessThan(EQUAL_CORE_OTHER_FORM_SCORE);
    expect(score('IBM', 'Intel Broadcom')).toBe(0);
  });
});

describe('what makes another company', () => {
  it('weighs a place on one side lightly', () => {
    expect(flagged('ASML US Inc.', 'ASML Netherlands B.V.')).toBe(true);
    expect(flagged('Shell Canada Ltd', 'Shell')).toBe(true);
    expect(flagged('Honeywell B.V., Amsterdam', 'Honeywell GmbH')).toBe(true);
  });

  it('takes one shared word beside another trade word for a different entity', () => {
    expect(flagged('Schlumberger Technology B.V.', 'Schlumberger Limited')).toBe(false);
    expect(compare('Schlumberger Technology B.V.', 'Schlumberger Limited').reasons).toContainEqual({
      code: 'extra_words',
      side: 'query',
      words: ['technology'],
      text: 'only in the new name: technology',
    });
  });

  it('does not match companies that only share their trade', () => {
    expect(score('Janssen Pharmaceutica N.V.', 'Millennium Pharmaceuticals Inc.')).toBeLessThan(0.3);
    expect(score('Agilent Technologies', 'Seagate Technology International')).toBeLessThan(0.3);
    expect(flagged('Deutsche Bank', 'Bank Austria')).toBe(false);
  });

  it('does not match companies that share one of two partners', () => {
    expect(flagged('Müller & Schäfer GmbH', 'Müller GmbH')).toBe(false);
    expect(flagged('Merck Patent GmbH', 'Merck Sharp & Dohme B.V.')).toBe(false);
  });

  it('lets two shared own words outweigh one extra word', () => {
    expect(flagged('Elf Atochem Vlissingen B.V.', 'Elf Atochem S.A.')).toBe(true);
  });

  it('ignores honorifics', () => {
    expect(flagged('Koninklijke DSM N.V.', 'DSM N.V.')).toBe(true);
  });
});

describe('properties', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), minLength: 4, maxLength: 12 });
  const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

  it('scores in [0, 1], 1 exactly for equal cores', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const s = score(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s === 1).toBe(normaliseCompanyName(a).core === normaliseCompanyName(b).core);
      }),
      { numRuns: 300 },
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(score(a, b)).toBeCloseTo(score(b, a), 2);
      }),
      { numRuns: 300 },
    );
  });

  it('flags a name against itself with any legal form added', () => {
    fc.assert(
      fc.property(name, fc.constantFrom('GmbH', 'Ltd.', 'S.p.A.', 'Oy', 'Sp. z o.o.', 'K.K.', 'Pty Ltd', 'S.A. de C.V.'), (n, form) => {
        expect(flagged(`${n} ${form}`, n)).toBe(true);
      }),
    );
  });
});
