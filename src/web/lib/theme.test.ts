import { describe, expect, it } from 'vitest';
import { accessibleColor, contrastRatio, readableTextOn } from './theme.ts';

describe('the brand colour on text-bearing surfaces', () => {
  it('stays as chosen when its readable text already has a contrast of 4.5:1', () => {
    for (const colour of ['#0b7285', '#c2255c', '#1a1b1e', '#ffd43b', '#3b5bdb']) expect(accessibleColor(colour)).toBe(colour);
  });

  it('is darkened just enough for white text where the colour is too light for it', () => {
    expect(contrastRatio('#1c7ed6', '#ffffff')).toBeLessThan(4.5);
    const adjusted = accessibleColor('#1c7ed6');
    expect(contrastRatio(adjusted, readableTextOn(adjusted))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(adjusted, '#ffffff')).toBeLessThan(5.2);
  });

  it('falls back to the default for anything that is not #rrggbb', () => {
    expect(accessibleColor('blue')).toBe('#3b5bdb');
  });
});
