import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';

/**
 * Policies are plain functions of the actor. API keys act through scopes: `*` (admin), or
 * `<area>:read` / `<area>:write`; write implies read.
 */
export function hasScope(actor: Actor, area: string, access: 'read' | 'write'): boolean {
  if (actor.kind !== 'api_key') return false;
  return actor.scopes.some((s) => s === '*' || s === `${area}:write` || (access === 'read' && s === `${area}:read`));
}

const isStaff = (a: Actor, roles?: string[]) => a.kind === 'staff' && (!roles || roles.includes(a.role));
const staffKey = (a: Actor) => a.kind === 'api_key' && a.partnerId === null;
// A partner-bound key has the rights of a partner_admin of its partner (its scope is `partner`).
const partnerKey = (a: Actor) => a.kind === 'api_key' && a.partnerId !== null;
const isPartnerUser = (a: Actor, roles?: string[]) => a.kind === 'partner_user' && (!roles || roles.includes(a.role));

export const can = {
  readPartners: (a: Actor) => isStaff(a) || (staffKey(a) && hasScope(a, 'partners', 'read')),
  managePartners: (a: Actor) => isStaff(a, ['admin', 'partner_manager']) || (staffKey(a) && hasScope(a, 'partners', 'write')),
  readWorkspace: (a: Actor) => isStaff(a) || (staffKey(a) && hasScope(a, 'workspace', 'read')),
  manageWorkspace: (a: Actor) => isStaff(a, ['admin']) || (staffKey(a) && hasScope(a, 'workspace', 'write')),
  readUsers: (a: Actor) => isStaff(a) || (staffKey(a) && hasScope(a, 'users', 'read')),
  manageUsers: (a: Actor) => isStaff(a, ['admin']) || (staffKey(a) && hasScope(a, 'users', 'write')),
  readAudit: (a: Actor) => isStaff(a, ['admin', 'revops']) || (staffKey(a) && hasScope(a, 'audit', 'read')),
  manageApiKeys: (a: Actor) => isStaff(a, ['admin']) || (staffKey(a) && hasScope(a, '*', 'write')),
  readCrm: (a: Actor) => isStaff(a) || (staffKey(a) && hasScope(a, 'crm', 'read')),
  manageCrm: (a: Actor) => isStaff(a, ['admin', 'partner_manager', 'sales']) || (staffKey(a) && hasScope(a, 'crm', 'write')),
  /** The duplicate check: staff and staff keys that read the CRM get candidates; partners only a verdict (duplicates.service.ts). */
  checkDuplicates: (a: Actor) =>
    isStaff(a) || a.kind === 'partner_user' || (a.kind === 'api_key' && (a.partnerId !== null || hasScope(a, 'crm', 'read'))),
  readMailbox: (a: Actor) => isStaff(a, ['admin']) || (staffKey(a) && hasScope(a, 'mailbox', 'read')),
  manageSafelists: (a: Actor) => isStaff(a, ['admin']) || (staffKey(a) && hasScope(a, 'workspace', 'write')),
  shareRecords: (a: Actor) => isStaff(a, ['admin', 'partner_manager', 'sales']) || (staffKey(a) && hasScope(a, 'crm', 'write')),
  readRegistrations: (a: Actor) => isStaff(a) || (staffKey(a) && hasScope(a, 'registrations', 'read')) || isPartnerUser(a) || partnerKey(a),
  registerDeals: (a: Actor) =>
    isStaff(a, ['admin', 'partner_manager', 'sales']) || (staffKey(a) && hasScope(a, 'registrations', 'write')) || isPartnerUser(a) || partnerKey(a),
  decideRegistrations: (a: Actor) => isStaff(a, ['admin', 'partner_manager']) || (staffKey(a) && hasScope(a, 'registrations', 'write')),
  manageProgram: (a: Actor) => isStaff(a, ['admin']) || (staffKey(a) && hasScope(a, 'workspace', 'write')),
  // The portal: partner users, and API keys bound to a partner (with the rights of its partner_admin).
  readPortal: (a: Actor) => isPartnerUser(a) || partnerKey(a),
  writePortal: (a: Actor) => isPartnerUser(a) || partnerKey(a),
  managePartnerTeam: (a: Actor) => isPartnerUser(a, ['partner_admin']) || partnerKey(a),
};

export type Policy = (actor: Actor) => boolean;

/** Throws forbidden unless the policy allows the actor. */
export function authorize(actor: Actor, policy: Policy, what = 'do this'): void {
  if (!policy(actor)) throw new AppError('forbidden', `Your role is not allowed to ${what}.`);
}
