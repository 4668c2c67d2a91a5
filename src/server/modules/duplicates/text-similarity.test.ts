import { describe, expect, it } from 'vitest';
import { editDistance, editSimilarity } from './text-similarity.ts';

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('nobel', 'nobel')).toBe(0);
    expect(editDistance('nobel', 'noble')).toBe(1);
    expect(editDistance('unilever', 'unilver')).toBe(1);
    expect(editDistance('akzo', 'akso')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops early once the distance exceeds the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
    expect(editDistance('nobel', 'noble', 1)).toBe(1);
  });

  it('turns the distance into a similarity by the longer length', () => {
    expect(editSimilarity('abcd', 'abcd')).toBe(1);
    expect(editSimilarity('abcd', 'abce')).toBe(0.75);
    expect(editSimilarity('', '')).toBe(1);
  });
});
