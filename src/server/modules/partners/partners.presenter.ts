import type { Partner } from '../../../shared/partners.ts';
import type { PartnerRow } from './partners.repository.ts';

/** The fields of a partner that leave the server. */
export function presentPartner(p: NonNullable<PartnerRow>): Partner {
  return {
    id: p.id,
    name: p.name,
    type: p.type as Partner['type'],
    tier: p.tier,
    region: p.region,
    domains: p.domains,
    lifecycleState: p.lifecycleState as Partner['lifecycleState'],
    certificationStatus: p.certificationStatus as Partner['certificationStatus'],
    isEstablished: p.isEstablished,
    managerUserId: p.managerUserId,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
