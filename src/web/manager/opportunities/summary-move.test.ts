import { describe, expect, it } from 'vitest';
import type { OpportunitySummary } from '../../../shared/opportunities.ts';
import { moveInSummary } from './summary-move.ts';

const eur = (value: number) => ({ value, currency: 'EUR' });

describe('moving a deal in the board totals', () => {
  it('takes count and amount from one column to the other, per currency, with the new stage’s weight', () => {
    const before: OpportunitySummary = {
      data: [
        {
          stage: 'prospecting',
          probability: 10,
          count: 2,
          totals: [
            { currency: 'EUR', count: 1, amount: eur(1000.1), weighted: eur(100.01) },
            { currency: 'JPY', count: 1, amount: { value: 1500, currency: 'JPY' }, weighted: { value: 150, currency: 'JPY' } },
          ],
        },
        { stage: 'qualification', probability: 25, count: 1, totals: [{ currency: 'EUR', count: 1, amount: eur(0.2), weighted: eur(0.05) }] },
      ],
    };
    const after = moveInSummary(before, { stage: 'prospecting', amount: eur(1000.1) }, 'qualification');
    expect(after.data[0]).toEqual({
      stage: 'prospecting',
      probability: 10,
      count: 1,
      totals: [{ currency: 'JPY', count: 1, amount: { value: 1500, currency: 'JPY' }, weighted: { value: 150, currency: 'JPY' } }],
    });
    expect(after.data[1]).toEqual({
      stage: 'qualification',
      probability: 25,
      count: 2,
      totals: [{ currency: 'EUR', count: 2, amount: eur(1000.3), weighted: eur(250.08) }],
    });
  });
});
