import { sql } from 'kysely';
import { type Db, inWorkspace, type Trx } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { hashToken, parseScopedToken, randomSecret, scopedToken } from './tokens.ts';

export const SESSION_COOKIE = 'tandem_session';
export const SESSION_TTL_DAYS = 14;

/** Creates a server-side session; returns the cookie token (shown once) and the CSRF token. */
export async function createSession(
  trx: Trx,
  s: { workspaceId: string; userId?: string; partnerUserId?: string; ip?: string; userAgent?: string; now: Date },
) {
  const { token, secret } = scopedToken(s.workspaceId);
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(s.now.getTime() + SESSION_TTL_DAYS * 86_400_000);
  await trx
    .insertInto('sessions')
    .values({
      workspaceId: s.workspaceId,
      tokenHash: hashToken(secret),
      csrfToken,
      userId: s.userId ?? null,
      partnerUserId: s.partnerUserId ?? null,
      ip: s.ip ?? null,
      userAgent: s.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Resolves a session cookie to its actor, inside the workspace the token names; undefined when invalid. */
export async function resolveSession(db: Db, token: string | undefined, now: Date): Promise<Actor | undefined> {
  const parsed = parseScopedToken(token);
  if (!parsed) return undefined;
  return inWorkspace(db, parsed.workspaceId, async (trx) => {
    const s = await trx
      .selectFrom('sessions')
      .selectAll()
      .where('tokenHash', '=', hashToken(parsed.secret))
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
    if (!s) return undefined;
    if (now.getTime() - s.lastSeenAt.getTime() > 5 * 60_000) {
      await trx
        .updateTable('sessions')
        .set({ lastSeenAt: sql`now()` as never })
        .where('id', '=', s.id)
        .execute();
    }
    if (s.userId) {
      const u = await trx
        .selectFrom('users')
        .innerJoin('workspaceMembers as m', 'm.userId', 'users.id')
        .select(['users.id', 'users.name', 'users.email', 'm.role', 'm.status'])
        .where('users.id', '=', s.userId)
        .where('m.workspaceId', '=', s.workspaceId)
        .executeTakeFirst();
      if (!u || u.status !== 'active') return undefined;
      return {
        kind: 'staff',
        workspaceId: s.workspaceId,
        userId: u.id,
        role: u.role,
        name: u.name,
        email: u.email,
        sessionId: s.id,
        csrfToken: s.csrfToken,
      };
    }
    const pu = await trx
      .selectFrom('partnerUsers')
      .innerJoin('partners', 'partners.id', 'partnerUsers.partnerId')
      .select([
        'partnerUsers.id',
        'partnerUsers.partnerId',
        'partnerUsers.name',
        'partnerUsers.email',
        'partnerUsers.role',
        'partnerUsers.status',
        'partners.deletedAt',
      ])
      .where('partnerUsers.id', '=', s.partnerUserId as string)
      .executeTakeFirst();
    if (!pu || pu.status !== 'active' || pu.deletedAt) return undefined;
    return {
      kind: 'partner_user',
      workspaceId: s.workspaceId,
      partnerUserId: pu.id,
      partnerId: pu.partnerId,
      role: pu.role,
      name: pu.name,
      email: pu.email,
      sessionId: s.id,
      csrfToken: s.csrfToken,
    };
  });
}
