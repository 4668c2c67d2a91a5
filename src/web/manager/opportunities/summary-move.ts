// A deal's move from one stage to another applied to the board's column totals at once, before the
// server confirms it (and its refetch replaces them).
import { CURRENCY_DIGITS } from '../../../shared/money.ts';
import type { Opportunity, OpportunitySummary, Stage, StageSummary } from '../../../shared/opportunities.ts';

const round = (value: number, currency: string) => {
  const scale = 10 ** (CURRENCY_DIGITS.get(currency) ?? 2);
  return Math.round(value * scale) / scale;
};

function shift(s: StageSummary, amount: Opportunity['amount'], sign: 1 | -1): StageSummary {
  const { currency } = amount;
  const existing = s.totals.find((x) => x.currency === currency);
  const count = (existing?.count ?? 0) + sign;
  const value = round((existing?.amount.value ?? 0) + sign * amount.value, currency);
  const others = s.totals.filter((x) => x.currency !== currency);
  const totals =
    count > 0
      ? [
          ...others,
          { currency, count, amount: { value, currency }, weighted: { value: round((value * s.probability) / 100, currency), currency } },
        ].sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency))
      : others;
  return { ...s, count: Math.max(0, s.count + sign), totals };
}

/** The summary as it is once `opp` has moved to stage `to`. */
export function moveInSummary(summary: OpportunitySummary, opp: Pick<Opportunity, 'stage' | 'amount'>, to: Stage): OpportunitySummary {
  return {
    data: summary.data.map((s) => (s.stage === opp.stage ? shift(s, opp.amount, -1) : s.stage === to ? shift(s, opp.amount, 1) : s)),
  };
}
