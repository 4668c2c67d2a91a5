import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateIndex, keyIdsNeeded, selectCandidates } from './company-candidate-index.ts';

describe('candidate index', () => {
  it('finds accounts by any shared key, each once', () => {
    const index = new CandidateIndex<string>();
    index.add('a', ['n:acme', 't:acme']);
    index.add('b', ['n:acmex', 't:acme']);
    expect(index.lookup(['t:acme', 'n:acme']).ids.sort()).toEqual(['a', 'b']);
    expect(index.lookup(['t:nothing'])).toEqual({ ids: [], skippedKeys: 0 });
    expect(index.size()).toEqual({ rows: 4, keys: 3 });
  });

  it('skips keys shared by too many accounts, but never a whole-core key', () => {
    const index = new CandidateIndex<number>({ maxKeyAccounts: 2, maxCoreKeyAccounts: 2 });
    for (let i = 0; i < 5; i++) index.add(i, ['t:gmbh', 'n:same']);
    index.add(9, ['t:rare']);
    expect(index.lookup(['t:gmbh', 't:rare'])).toEqual({ ids: [9], skippedKeys: 1 });
    expect(index.lookup(['n:same']).ids).toEqual([0, 1]);
  });

  it('takes the rarest keys first and stops before the candidates exceed the budget', () => {
    const index = new CandidateIndex<number>({ candidateBudget: 3 });
    index.add(1, ['t:rare', 't:common']);
    for (let i = 2; i < 6; i++) index.add(i, ['t:common']);
    expect(index.lookup(['t:common', 't:rare'])).toEqual({ ids: [1], skippedKeys: 1 });
    expect(index.lookup(['t:common']).ids).toHaveLength(5); // the first key is always taken
  });
});

describe('candidate selection from key hits', () => {
  // Random postings: keys of different families and sizes over a small id space, so lists overlap.
  const hitsArb = fc.array(
    fc.record({
      family: fc.constantFrom('n:', 't:', 'p:', 'd:'),
      word: fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 3 }),
      ids: fc.uniqueArray(fc.nat(60), { maxLength: 40 }),
    }),
    { maxLength: 12 },
  );
  const options = { maxKeyAccounts: 25, maxCoreKeyAccounts: 10, candidateBudget: 15 };

  it('needs only the lists keyIdsNeeded names: a store may leave out the others and get the same candidates', () => {
    fc.assert(
      fc.property(hitsArb, (raw) => {
        const seen = new Set<string>();
        const hits = raw
          .map((r) => ({ key: `${r.family}${r.word}`, count: r.ids.length, ids: r.ids as readonly number[] | null }))
          .filter((h) => !seen.has(h.key) && seen.add(h.key) && h.count > 0);
        const full = selectCandidates(hits, options);
        // What the database sends: counts capped at maxKeyAccounts + 1, lists only where needed.
        const ranked = [...hits].sort((x, y) => Number(y.key.startsWith('n:')) - Number(x.key.startsWith('n:')) || x.count - y.count);
        const sparse = hits.map((h) => ({
          key: h.key,
          count: Math.min(h.count, options.maxKeyAccounts + 1),
          ids: keyIdsNeeded(h.key, h.count, ranked.indexOf(h), options) ? h.ids : null,
        }));
        expect(selectCandidates(sparse, options)).toEqual(full);
      }),
    );
  });

  it('throws when a store left out a list the selection takes', () => {
    expect(() => selectCandidates([{ key: 't:rare', count: 2, ids: null }])).toThrow(/t:rare/);
  });
});
