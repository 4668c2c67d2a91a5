import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCKING_KEYS_VERSION, blockingKeys, domainBlockingKeys, isCoreKey } from './company-blocking.rules.ts';
import { companyProfile, profileBlockingKeys } from './company-match.rules.ts';
import { normaliseCompanyName } from './company-name.rules.ts';
import { registrationScenario } from './registration-scenario.ts';
import { syntheticCompanyNames } from './synthetic-company-names.ts';

const keys = (name: string) => blockingKeys(normaliseCompanyName(name));
const share = (a: string, b: string) => {
  const kb = new Set(keys(b));
  return keys(a).some((k) => kb.has(k));
};

describe('blocking keys', () => {
  it('makes one whole-core key, sorted words, own words, phonetic codes and deletions', () => {
    const k = keys('Müller Datentechnik GmbH');
    expect(k).toEqual(expect.arrayContaining(['n:mullerdatentechnik', 'w:datentechnik muller', 't:muller', 't:mller']));
    expect(k.some((key) => key.startsWith('t:daten'))).toBe(false); // a trade word is no key of its own when there is an own word
    expect(keys('Philips')).toContain('p:3518');
    expect(k.filter(isCoreKey)).toEqual(['n:mullerdatentechnik']);
    expect(new Set(k).size).toBe(k.length);
  });

  it('shares a key between legal-form, case, punctuation and transliteration variants', () => {
    for (const v of ['MUELLER DATENTECHNIK G.M.B.H.', 'Muller Datentechnik', 'müller datentechnik gmbh & co. kg', '* Müller-Datentechnik, GmbH'])
      expect(share(v, 'Müller Datentechnik GmbH')).toBe(true);
  });

  it('shares a key between names with the words in another order', () => {
    expect(share('Schäfer & Müller', 'Müller & Schäfer GmbH')).toBe(true);
  });

  it('shares a key between a single-word name and any one-typo variant of it', () => {
    const word = fc.string({ unit: fc.constantFrom(...'bcdfghklmnprstvz'.split('')), minLength: 4, maxLength: 12 }).map((w) => `${w}a`);
    const edit = fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'substitute', 'transpose'), fc.constantFrom(...'aeiouxyqjw'.split('')));
    fc.assert(
      fc.property(word, edit, (w, [at, kind, c]) => {
        const i = at % (w.length - 1);
        const typo =
          kind === 'delete'
            ? w.slice(0, i) + w.slice(i + 1)
            : kind === 'insert'
              ? w.slice(0, i) + c + w.slice(i)
              : kind === 'substitute'
                ? w.slice(0, i) + c + w.slice(i + 1)
                : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        // A typo that lands one edit from a word the normaliser knows ("gruppa" → group) is read as
        // that word, by design: the property is about names the normaliser leaves as typed.
        fc.pre(normaliseCompanyName(`${typo} GmbH`).core === typo && normaliseCompanyName(`${w} AG`).core === w);
        expect(share(`${typo} GmbH`, `${w} AG`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('shares a key for transliterations, acronyms and words written together', () => {
    expect(share('Filips', 'Philips')).toBe(true);
    expect(share('IBM Corp', 'International Business Machines Corporation')).toBe(true);
    expect(share('ST Microelectronics Crolles 2', 'STMicroelectronics N.V.')).toBe(true);
    expect(share('E-Traction Europe', 'Etraction Europe B.V.')).toBe(true);
  });

  it('keeps the number of keys small', () => {
    for (const n of [
      'A',
      'Acme',
      'Koninklijke Philips Electronics N.V.',
      'Nordlicht Datentechnik Leipzig GmbH & Co. KG',
      'International Business Machines Corporation',
    ]) {
      expect(keys(n).length).toBeLessThanOrEqual(30);
    }
    expect(keys('')).toEqual([]);
  });

  it('makes domain keys of domains', () => {
    expect(domainBlockingKeys(['acme.de', 'acme.de', 'acme.com'])).toEqual(['d:acme.de', 'd:acme.com']);
  });
});

describe('blocking on a labelled set', () => {
  const { accounts, queries } = registrationScenario(syntheticCompanyNames(100, 99));
  const accountKeys = new Map(accounts.map((a) => [a.id, new Set(keys(a.name))]));

  it('puts the true account among the candidates of almost every query of a company in the CRM', () => {
    const inCrm = queries.filter((q) => q.inCrm);
    const found = inCrm.filter((q) => keys(q.name).some((k) => accountKeys.get(q.cluster)!.has(k)));
    expect(found.length / inCrm.length).toBeGreaterThan(0.95);
  });

  it('rarely gives a name a key in common with a random other company', () => {
    let pairs = 0;
    let shared = 0;
    for (const q of queries) {
      const qk = keys(q.name);
      for (const [id, ak] of accountKeys) {
        if (id === q.cluster) continue;
        pairs++;
        if (qk.some((k) => ak.has(k))) shared++;
      }
    }
    expect(shared / pairs).toBeLessThan(0.05);
  });
});

describe('the rules version of stored keys', () => {
  // Stored keys are only as good as the version they were computed with: any change of the rules
  // that changes a key must bump BLOCKING_KEYS_VERSION, so that the rekey job recomputes them.
  const PINNED: Record<number, string> = { 1: 'cf814fa9c060154d' };

  it('pins the keys of a probe set to BLOCKING_KEYS_VERSION (on a rule change: bump it and pin the new fingerprint)', () => {
    const probes = [
      ...syntheticCompanyNames(120, 20261205).map((r) => r.name),
      'Müller & Söhne GmbH & Co. KG',
      'Koninklijke Philips Electronics N.V.',
      'International Business Machines Corporation',
      'ST Microelectronics Crolles 2',
      'Société Générale S.A.',
    ];
    const hash = createHash('sha256');
    for (const name of probes)
      hash.update(`${name}\n${profileBlockingKeys(companyProfile({ name, domains: ['https://www.shop.acme.co.uk/x'] })).join(' ')}\n`);
    expect({ version: BLOCKING_KEYS_VERSION, fingerprint: hash.digest('hex').slice(0, 16) }).toEqual({
      version: BLOCKING_KEYS_VERSION,
      fingerprint: PINNED[BLOCKING_KEYS_VERSION],
    });
  });
});
