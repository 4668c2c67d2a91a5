import { fromMinorUnits, fromMinorUnitsText } from '../../../shared/money.ts';
import {
  type CurrencyTotal,
  type Opportunity,
  type OpportunitySummary,
  STAGE_PROBABILITY,
  STAGES,
  type Stage,
} from '../../../shared/opportunities.ts';
import type { OpportunityRow, StageCurrencyRow } from './opportunities.repository.ts';

/** The fields of an opportunity that leave the server (staff channels; `description` is vendor-internal). */
export function presentOpportunity(o: OpportunityRow): Opportunity {
  const stage = o.stage as Stage;
  return {
    id: o.id,
    name: o.name,
    accountId: o.accountId,
    account: { id: o.accountId, name: o.accountName },
    amount: { value: fromMinorUnits(o.amountMinor, o.currency), currency: o.currency },
    stage,
    stageChangedAt: o.stageChangedAt.toISOString(),
    probability: STAGE_PROBABILITY[stage] ?? 0,
    closeDate: o.closeDate,
    ownerUserId: o.ownerUserId,
    source: o.source,
    motion: o.motion,
    description: o.description,
    nextStep: o.nextStep,
    nextStepUpdatedAt: o.nextStepUpdatedAt?.toISOString() ?? null,
    registrationId: o.registrationId,
    partners: o.partners.map((p) => ({
      partnerId: p.partnerId,
      partnerName: p.partnerName,
      role: p.role as Opportunity['partners'][number]['role'],
      attribution: p.attribution,
      share: Number(p.share),
    })),
    contactRoles: o.contactRoles.map((r) => ({ contactId: r.contactId, name: r.name, role: r.role })),
    deletedAt: o.deletedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

/**
 * The board's column totals: every stage asked for (all of them without a stage filter), in
 * pipeline order, empty ones included; per currency the count, the sum and the sum weighted by the
 * stage's probability (rounded half up to whole minor units), most deals first.
 */
export function presentSummary(rows: StageCurrencyRow[], stages?: readonly Stage[]): OpportunitySummary {
  const wanted = stages?.length ? STAGES.filter((s) => stages.includes(s)) : STAGES;
  return {
    data: wanted.map((stage) => {
      const probability = STAGE_PROBABILITY[stage];
      const totals: CurrencyTotal[] = rows
        .filter((r) => r.stage === stage)
        .map((r) => {
          const minor = BigInt(r.amountMinor);
          const weighted = (minor * BigInt(probability) + 50n) / 100n;
          return {
            currency: r.currency,
            count: r.count,
            amount: { value: fromMinorUnitsText(minor, r.currency), currency: r.currency },
            weighted: { value: fromMinorUnitsText(weighted, r.currency), currency: r.currency },
          };
        })
        .sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
      return { stage, probability, count: totals.reduce((n, t) => n + t.count, 0), totals };
    }),
  };
}
