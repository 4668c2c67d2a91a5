import { describe, expect, it } from 'vitest';
import { colognePhonetic } from './cologne-phonetic.ts';

describe('Kölner Phonetik', () => {
  it('gives the published codes of the reference examples', () => {
    expect(colognePhonetic('Wikipedia')).toBe('3412');
    expect(colognePhonetic('Müller-Lüdenscheidt'.normalize('NFKD'))).toBe('65752682');
    expect(colognePhonetic('Breschnew')).toBe('17863');
    expect(colognePhonetic('Christoph')).toBe('47823');
  });

  it('groups the spellings of one name', () => {
    for (const group of [
      ['meier', 'mayer', 'maier', 'meyer'],
      ['philips', 'filips'],
      ['schlumberger', 'shljumberger'],
      ['schmidt', 'schmitt'],
    ]) {
      expect(new Set(group.map(colognePhonetic)).size).toBe(1);
    }
  });

  it('reads C by its neighbours and X as KS', () => {
    expect(colognePhonetic('Casar')).toBe('487');
    expect(colognePhonetic('Cent')).toBe('862');
    expect(colognePhonetic('Sachs')).toBe('848');
    expect(colognePhonetic('Carl')).toBe('475');
    expect(colognePhonetic('Xaver')).toBe('4837');
    expect(colognePhonetic('Hexe')).toBe('048');
  });

  it('ignores what is not a letter', () => {
    expect(colognePhonetic('')).toBe('');
    expect(colognePhonetic('123 - !')).toBe('');
  });
});
