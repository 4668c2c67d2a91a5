import { sql } from 'kysely';
import type { Db, Trx } from '../../db/client.ts';

/** Public facts of a workspace by slug (cross-tenant look-up through a SECURITY DEFINER function). */
export async function workspaceBySlug(db: Db | Trx, slug: string) {
  const { rows } = await sql<{ id: string; slug: string; name: string; locale: 'en' | 'de'; branding: Record<string, unknown> }>`
    select * from workspace_by_slug(${slug})`.execute(db);
  return rows[0];
}

/** Workspaces where an email is an active staff member, oldest membership first. */
export async function staffCandidates(db: Db, email: string) {
  const { rows } = await sql<{ userId: string; workspaceId: string; slug: string }>`
    select * from staff_login_candidates(${email})`.execute(db);
  return rows;
}

export function findStaffLogin(trx: Trx, workspaceId: string, email: string) {
  return trx
    .selectFrom('users')
    .innerJoin('workspaceMembers as m', 'm.userId', 'users.id')
    .select(['users.id', 'users.name', 'users.email', 'users.passwordHash', 'users.failedLogins', 'users.lockedUntil', 'users.locale', 'm.status'])
    .where('m.workspaceId', '=', workspaceId)
    .where('users.email', '=', email)
    .executeTakeFirst();
}

export function findPartnerLogin(trx: Trx, workspaceId: string, email: string) {
  return trx
    .selectFrom('partnerUsers')
    .innerJoin('partners', 'partners.id', 'partnerUsers.partnerId')
    .select([
      'partnerUsers.id',
      'partnerUsers.name',
      'partnerUsers.email',
      'partnerUsers.passwordHash',
      'partnerUsers.failedLogins',
      'partnerUsers.lockedUntil',
      'partnerUsers.locale',
      'partnerUsers.status',
      'partners.deletedAt',
    ])
    .where('partnerUsers.workspaceId', '=', workspaceId)
    .where('partnerUsers.email', '=', email)
    .executeTakeFirst();
}
