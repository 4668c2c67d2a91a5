import { fromMinorUnits } from '../../../shared/money.ts';
import { type Opportunity, STAGE_PROBABILITY, type Stage } from '../../../shared/opportunities.ts';
import type { OpportunityRow } from './opportunities.repository.ts';

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
