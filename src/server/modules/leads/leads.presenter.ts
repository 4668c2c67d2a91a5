import type { Lead } from '../../../shared/leads.ts';
import type { LeadRow } from './leads.repository.ts';

/** The fields of a lead that leave the server. */
export function presentLead(l: LeadRow): Lead {
  return {
    id: l.id,
    firstName: l.firstName,
    lastName: l.lastName,
    name: `${l.firstName} ${l.lastName}`.trim(),
    email: l.email,
    phone: l.phone,
    title: l.title,
    company: l.company,
    companyDomain: l.companyDomain,
    status: l.status,
    ownerUserId: l.ownerUserId,
    partnerId: l.partnerId,
    convertedAccountId: l.convertedAccountId,
    convertedContactId: l.convertedContactId,
    convertedOpportunityId: l.convertedOpportunityId,
    convertedAt: l.convertedAt?.toISOString() ?? null,
    deletedAt: l.deletedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}
