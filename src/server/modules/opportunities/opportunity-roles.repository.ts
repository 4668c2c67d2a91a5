import { sql } from 'kysely';
import type { Trx } from '../../db/client.ts';

/** Of these partner ids, the ones the opportunity may name: live partners of the workspace, and those already on it. */
export async function usablePartnerIds(trx: Trx, workspaceId: string, ids: string[], opportunityId?: string) {
  if (!ids.length) return new Set<string>();
  let q = trx.selectFrom('partners as p').select('p.id').where('p.workspaceId', '=', workspaceId).where('p.id', 'in', ids);
  q = opportunityId
    ? q.where((eb) =>
        eb.or([
          eb('p.deletedAt', 'is', null),
          eb.exists(
            eb
              .selectFrom('opportunityPartners as op')
              .select('op.partnerId')
              .whereRef('op.partnerId', '=', 'p.id')
              .where('op.opportunityId', '=', opportunityId),
          ),
        ]),
      )
    : q.where('p.deletedAt', 'is', null);
  return new Set((await q.execute()).map((r) => r.id));
}

/** Of these contact ids, the ones the opportunity may name: live contacts of the workspace, and those already on it. */
export async function usableContactIds(trx: Trx, workspaceId: string, ids: string[], opportunityId?: string) {
  if (!ids.length) return new Set<string>();
  let q = trx.selectFrom('contacts as c').select('c.id').where('c.workspaceId', '=', workspaceId).where('c.id', 'in', ids);
  q = opportunityId
    ? q.where((eb) =>
        eb.or([
          eb('c.deletedAt', 'is', null),
          eb.exists(
            eb
              .selectFrom('opportunityContactRoles as r')
              .select('r.contactId')
              .whereRef('r.contactId', '=', 'c.id')
              .where('r.opportunityId', '=', opportunityId),
          ),
        ]),
      )
    : q.where('c.deletedAt', 'is', null);
  return new Set((await q.execute()).map((r) => r.id));
}

/** Replaces the partner roles of an opportunity. */
export async function replacePartners(
  trx: Trx,
  workspaceId: string,
  opportunityId: string,
  partners: { partnerId: string; role: string; attribution: 'sourced' | 'influenced'; share: number }[],
) {
  await trx.deleteFrom('opportunityPartners').where('workspaceId', '=', workspaceId).where('opportunityId', '=', opportunityId).execute();
  if (!partners.length) return;
  await trx
    .insertInto('opportunityPartners')
    .values(
      partners.map((p) => ({
        workspaceId,
        opportunityId,
        partnerId: p.partnerId,
        role: p.role,
        attribution: p.attribution,
        sharePercent: p.share.toFixed(2),
      })),
    )
    .execute();
}

/** Replaces the contact roles of an opportunity. */
export async function replaceContactRoles(trx: Trx, workspaceId: string, opportunityId: string, roles: { contactId: string; role: string }[]) {
  await trx.deleteFrom('opportunityContactRoles').where('workspaceId', '=', workspaceId).where('opportunityId', '=', opportunityId).execute();
  if (!roles.length) return;
  await trx
    .insertInto('opportunityContactRoles')
    .values(roles.map((r) => ({ workspaceId, opportunityId, contactId: r.contactId, role: r.role })))
    .execute();
}

/**
 * Runs the deferred check "partner shares ≤ 100 %" now rather than at commit, so a violation
 * surfaces inside the service (as a 400) instead of failing the commit. Returns the total when over.
 */
export async function checkSharesNow(trx: Trx): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await sql`set constraints opportunity_partner_shares_max_100 immediate`.execute(trx);
    await sql`set constraints opportunity_partner_shares_max_100 deferred`.execute(trx);
    return { ok: true };
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    if (e.code === '23514' && e.constraint === 'opportunity_partner_shares_max_100') return { ok: false, message: e.message ?? '' };
    throw err;
  }
}
