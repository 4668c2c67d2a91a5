import { describe, expect, it } from 'vitest';
import { CandidateIndex } from './company-candidate-index.ts';

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
