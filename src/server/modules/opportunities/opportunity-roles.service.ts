import type { OpportunityContactRoleInput, OpportunityPartnerInput } from '../../../shared/opportunities.ts';
import { totalShare } from '../../../shared/opportunities.ts';
import type { Ctx } from '../../context.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import * as roles from './opportunity-roles.repository.ts';

const invalid = (fields: FieldError[]) =>
  new AppError('validation_failed', `The request is invalid. Fix these fields: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, {
    fields,
  });

/**
 * Checks partner roles before they are written: each partner once, shares together at most 100 %,
 * every partner a live partner of the workspace (or already on this opportunity). The database
 * checks the shares again at commit; this check answers first, naming the field.
 */
export async function assertPartners(ctx: Ctx, partners: OpportunityPartnerInput[], field: string, opportunityId?: string) {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  partners.forEach((p, i) => {
    if (seen.has(p.partnerId)) fields.push({ field: `${field}.${i}.partnerId`, message: 'lists this partner a second time; give each partner once' });
    seen.add(p.partnerId);
  });
  const total = totalShare(partners);
  if (total > 100) fields.push({ field, message: `partner shares add up to ${total} %; together they must not exceed 100 %` });
  if (fields.length) throw invalid(fields);
  const usable = await roles.usablePartnerIds(ctx.trx, ctx.workspaceId, [...seen], opportunityId);
  partners.forEach((p, i) => {
    if (!usable.has(p.partnerId)) fields.push({ field: `${field}.${i}.partnerId`, message: 'is not a partner of this workspace' });
  });
  if (fields.length) throw invalid(fields);
}

/** Checks contact roles: each contact once, every contact a live contact of the workspace (or already on this opportunity). */
export async function assertContactRoles(ctx: Ctx, contactRoles: OpportunityContactRoleInput[], field: string, opportunityId?: string) {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  contactRoles.forEach((r, i) => {
    if (seen.has(r.contactId)) fields.push({ field: `${field}.${i}.contactId`, message: 'lists this contact a second time; give each contact once' });
    seen.add(r.contactId);
  });
  if (fields.length) throw invalid(fields);
  const usable = await roles.usableContactIds(ctx.trx, ctx.workspaceId, [...seen], opportunityId);
  contactRoles.forEach((r, i) => {
    if (!usable.has(r.contactId)) fields.push({ field: `${field}.${i}.contactId`, message: 'is not a contact of this workspace' });
  });
  if (fields.length) throw invalid(fields);
}

/** Writes the partner roles (already checked) and has the database confirm the 100 % limit now. */
export async function writePartners(ctx: Ctx, opportunityId: string, partners: OpportunityPartnerInput[], field: string) {
  await roles.replacePartners(ctx.trx, ctx.workspaceId, opportunityId, partners);
  const check = await roles.checkSharesNow(ctx.trx);
  if (!check.ok) throw invalid([{ field, message: 'partner shares together must not exceed 100 %' }]);
}

/** Writes the contact roles (already checked). */
export async function writeContactRoles(ctx: Ctx, opportunityId: string, contactRoles: OpportunityContactRoleInput[]) {
  await roles.replaceContactRoles(ctx.trx, ctx.workspaceId, opportunityId, contactRoles);
}
