import { sql } from 'kysely';
import type { Db, Trx } from '../db/client.ts';
import type { PartnerUserRole, StaffRole } from '../db/schema.ts';
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

/** Resolves a session cookie to its actor in one statement; undefined when invalid, ended or its person is inactive. */
export async function resolveSession(db: Db, token: string | undefined): Promise<Actor | undefined> {
  const parsed = parseScopedToken(token);
  if (!parsed) return undefined;
  const { rows } = await sql<{
    sessionId: string;
    csrfToken: string;
    userId: string | null;
    partnerUserId: string | null;
    partnerId: string | null;
    name: string;
    email: string;
    role: string;
  }>`select * from resolve_session(${parsed.workspaceId}::uuid, ${hashToken(parsed.secret)})`.execute(db);
  const s = rows[0];
  if (!s) return undefined;
  const person = { workspaceId: parsed.workspaceId, name: s.name, email: s.email, sessionId: s.sessionId, csrfToken: s.csrfToken };
  if (s.userId) return { kind: 'staff', userId: s.userId, role: s.role as StaffRole, ...person };
  return {
    kind: 'partner_user',
    partnerUserId: s.partnerUserId as string,
    partnerId: s.partnerId as string,
    role: s.role as PartnerUserRole,
    ...person,
  };
}
