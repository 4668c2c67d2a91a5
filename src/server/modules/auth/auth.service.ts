import { sql } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { createSession } from '../../auth/sessions.ts';
import { hashToken, parseScopedToken, scopedToken } from '../../auth/tokens.ts';
import type { Ctx } from '../../context.ts';
import { type Db, inWorkspace, type Trx } from '../../db/client.ts';
import { queueEmail } from '../../email/email.service.ts';
import type { Locale } from '../../email/templates.ts';
import { AppError } from '../../http/errors.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { portalBaseUrl } from '../workspaces/workspaces.service.ts';
import * as repo from './auth.repository.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const MAGIC_LINK_MINUTES = 15;

export type AuthDeps = { db: Db; jobs: Jobs; publicUrl: string; now: () => Date };
export type ClientInfo = { ip?: string; userAgent?: string; requestId?: string };
type Principal = { kind: 'staff'; id: string } | { kind: 'partner_user'; id: string };

const invalid = () =>
  new AppError(
    'invalid_credentials',
    'Email or password is wrong, or the account is locked for 15 minutes after repeated failures. You can also ask for a sign-in link by email.',
  );

/** Resolves which workspace a login is for: the given slug, or the staff member's first workspace. */
async function resolveWorkspace(db: Db, email: string, slug?: string): Promise<string | undefined> {
  if (slug) return (await repo.workspaceBySlug(db, slug))?.id;
  return (await repo.staffCandidates(db, email))[0]?.workspaceId;
}

function systemCtx(trx: Trx, workspaceId: string, principal: Actor, client: ClientInfo, now: () => Date): Ctx {
  return { trx, workspaceId, actor: principal, requestId: client.requestId, ip: client.ip, now };
}

/** Before a session exists the request acts as the system on behalf of the person logging in. */
function principalActor(workspaceId: string, p: Principal, email: string): Actor {
  return { kind: 'system', workspaceId, name: email, onBehalfOf: { kind: p.kind, id: p.id } };
}

/**
 * Password login for staff and partner users. Generic error whatever failed; after
 * MAX_FAILED_LOGINS failures the account is locked for LOCKOUT_MINUTES.
 */
export async function loginWithPassword(deps: AuthDeps, input: { email: string; password: string; workspace?: string }, client: ClientInfo) {
  const workspaceId = await resolveWorkspace(deps.db, input.email, input.workspace);
  if (!workspaceId) {
    await verifyPassword(null, input.password);
    throw invalid();
  }
  const outcome = await inWorkspace(deps.db, workspaceId, async (trx) => {
    const now = deps.now();
    const staff = await repo.findStaffLogin(trx, workspaceId, input.email);
    const partner = staff ? undefined : await repo.findPartnerLogin(trx, workspaceId, input.email);
    const who = staff ?? partner;
    const active = staff ? staff.status === 'active' : partner ? partner.status !== 'deactivated' && !partner.deletedAt : false;
    const locked = who?.lockedUntil && who.lockedUntil > now;
    const ok = (await verifyPassword(who?.passwordHash, input.password)) && active && !locked;
    if (!who) return { ok: false as const };
    const table = staff ? 'users' : 'partnerUsers';
    if (!ok) {
      if (!locked) {
        // A lock that has run out starts a fresh count.
        const failed = (who.lockedUntil ? 0 : who.failedLogins) + 1;
        await trx
          .updateTable(table)
          .set({ failedLogins: failed, lockedUntil: failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null })
          .where('id', '=', who.id)
          .execute();
      }
      const kind = staff ? 'staff' : 'partner_user';
      const ctx = systemCtx(trx, workspaceId, principalActor(workspaceId, { kind, id: who.id }, who.email), client, deps.now);
      await recordAudit(ctx, { action: 'auth.login_failed', entityType: kind, entityId: who.id, data: { locked: Boolean(locked) } });
      return { ok: false as const };
    }
    await trx.updateTable(table).set({ failedLogins: 0, lockedUntil: null }).where('id', '=', who.id).execute();
    if (partner && partner.status === 'invited')
      await trx.updateTable('partnerUsers').set({ status: 'active' }).where('id', '=', partner.id).execute();
    const principal: Principal = staff ? { kind: 'staff', id: who.id } : { kind: 'partner_user', id: who.id };
    const session = await createSession(trx, {
      workspaceId,
      userId: staff ? who.id : undefined,
      partnerUserId: staff ? undefined : who.id,
      ip: client.ip,
      userAgent: client.userAgent,
      now,
    });
    const ctx = systemCtx(trx, workspaceId, principalActor(workspaceId, principal, who.email), client, deps.now);
    await recordAudit(ctx, { action: 'auth.login', entityType: principal.kind, entityId: who.id, data: { method: 'password' } });
    return { ok: true as const, session };
  });
  if (!outcome.ok) throw invalid();
  return outcome.session;
}

/**
 * Emails a single-use sign-in link (15 minutes) when the address belongs to a user; answers the
 * same either way so the endpoint does not reveal who has an account.
 */
export async function requestMagicLink(deps: AuthDeps, input: { email: string; workspace?: string }, client: ClientInfo): Promise<void> {
  const workspaceId = await resolveWorkspace(deps.db, input.email, input.workspace);
  if (!workspaceId) return;
  await inWorkspace(deps.db, workspaceId, async (trx) => {
    const staff = await repo.findStaffLogin(trx, workspaceId, input.email);
    const partner = staff ? undefined : await repo.findPartnerLogin(trx, workspaceId, input.email);
    if (staff && staff.status !== 'active') return;
    if (partner && (partner.status === 'deactivated' || partner.deletedAt)) return;
    const who = staff ?? partner;
    if (!who) return;
    const ctx = systemCtx(
      trx,
      workspaceId,
      principalActor(workspaceId, staff ? { kind: 'staff', id: who.id } : { kind: 'partner_user', id: who.id }, who.email),
      client,
      deps.now,
    );
    await sendLoginLink(ctx, deps, { userId: staff?.id, partnerUserId: partner?.id, email: who.email, locale: who.locale, purpose: 'login' });
  });
}

/** Creates a magic link and queues its email (login or invitation). */
export async function sendLoginLink(
  ctx: Ctx,
  deps: Pick<AuthDeps, 'jobs' | 'publicUrl'>,
  to: { userId?: string; partnerUserId?: string; email: string; locale: Locale | null; purpose: 'login' | 'invite'; vars?: Record<string, string> },
) {
  const { token, secret } = scopedToken(ctx.workspaceId);
  const ws = await ctx.trx.selectFrom('workspaces').select(['locale', 'slug']).where('id', '=', ctx.workspaceId).executeTakeFirstOrThrow();
  await ctx.trx
    .insertInto('magicLinks')
    .values({
      workspaceId: ctx.workspaceId,
      tokenHash: hashToken(secret),
      userId: to.userId ?? null,
      partnerUserId: to.partnerUserId ?? null,
      purpose: to.purpose,
      expiresAt: new Date(ctx.now().getTime() + MAGIC_LINK_MINUTES * 60_000),
    })
    .execute();
  const template = to.purpose === 'login' ? 'magic_link' : to.userId ? 'staff_invite' : 'partner_invite';
  await queueEmail(ctx, deps.jobs, {
    to: to.email,
    template,
    locale: to.locale ?? ws.locale,
    // Partner users sign in on the portal's own host name when the workspace has one.
    actionUrl: `${to.partnerUserId ? await portalBaseUrl(ctx, deps.publicUrl) : deps.publicUrl}/auth/magic?token=${encodeURIComponent(token)}&workspace=${ws.slug}`,
    vars: to.vars,
  });
  await recordAudit(ctx, {
    action: to.purpose === 'login' ? 'auth.magic_link_sent' : 'auth.invitation_sent',
    entityType: to.userId ? 'staff' : 'partner_user',
    entityId: to.userId ?? to.partnerUserId,
  });
}

/** Consumes a magic link (single use, unexpired) and opens a session. */
export async function verifyMagicLink(deps: AuthDeps, token: string, client: ClientInfo) {
  const parsed = parseScopedToken(token);
  const gone = () => new AppError('gone', 'This sign-in link has expired or was already used. Ask for a new one on the sign-in page.');
  if (!parsed) throw gone();
  return inWorkspace(deps.db, parsed.workspaceId, async (trx) => {
    const now = deps.now();
    const link = await trx.selectFrom('magicLinks').selectAll().where('tokenHash', '=', hashToken(parsed.secret)).forUpdate().executeTakeFirst();
    if (!link || link.usedAt || link.expiresAt <= now) throw gone();
    await trx
      .updateTable('magicLinks')
      .set({ usedAt: sql`now()` as never })
      .where('id', '=', link.id)
      .execute();
    let email: string;
    if (link.userId) {
      const staff = await trx
        .selectFrom('users')
        .innerJoin('workspaceMembers as m', 'm.userId', 'users.id')
        .select(['users.email', 'm.status'])
        .where('users.id', '=', link.userId)
        .where('m.workspaceId', '=', parsed.workspaceId)
        .executeTakeFirst();
      if (staff?.status !== 'active') throw gone();
      email = staff.email;
    } else {
      const pu = await trx
        .selectFrom('partnerUsers')
        .innerJoin('partners', 'partners.id', 'partnerUsers.partnerId')
        .select(['partnerUsers.email', 'partnerUsers.status', 'partners.deletedAt'])
        .where('partnerUsers.id', '=', link.partnerUserId as string)
        .executeTakeFirst();
      if (!pu || pu.status === 'deactivated' || pu.deletedAt) throw gone();
      if (pu.status === 'invited')
        await trx
          .updateTable('partnerUsers')
          .set({ status: 'active' })
          .where('id', '=', link.partnerUserId as string)
          .execute();
      email = pu.email;
    }
    const session = await createSession(trx, {
      workspaceId: parsed.workspaceId,
      userId: link.userId ?? undefined,
      partnerUserId: link.partnerUserId ?? undefined,
      ip: client.ip,
      userAgent: client.userAgent,
      now,
    });
    const principal: Principal = link.userId ? { kind: 'staff', id: link.userId } : { kind: 'partner_user', id: link.partnerUserId as string };
    const ctx = systemCtx(trx, parsed.workspaceId, principalActor(parsed.workspaceId, principal, email), client, deps.now);
    await recordAudit(ctx, { action: 'auth.login', entityType: principal.kind, entityId: principal.id, data: { method: 'magic_link' } });
    return session;
  });
}

/** Ends the current session, or every session of the same person in this workspace. */
export async function logout(ctx: Ctx, everywhere: boolean) {
  const a = ctx.actor;
  if (a.kind !== 'staff' && a.kind !== 'partner_user') return;
  let q = ctx.trx.updateTable('sessions').set({ revokedAt: ctx.now() }).where('revokedAt', 'is', null);
  if (!everywhere) q = q.where('id', '=', a.sessionId);
  else if (a.kind === 'staff') q = q.where('userId', '=', a.userId);
  else q = q.where('partnerUserId', '=', a.partnerUserId);
  const res = await q.executeTakeFirst();
  await recordAudit(ctx, {
    action: everywhere ? 'auth.logout_all' : 'auth.logout',
    entityType: a.kind,
    entityId: a.kind === 'staff' ? a.userId : a.partnerUserId,
    data: { sessions: Number(res.numUpdatedRows) },
  });
}

/** Sets a new password for the calling user after checking the current one. */
export async function changePassword(ctx: Ctx, current: string | undefined, next: string) {
  const a = ctx.actor;
  if (a.kind !== 'staff' && a.kind !== 'partner_user') throw new AppError('forbidden', 'Only people have passwords.');
  const table = a.kind === 'staff' ? 'users' : 'partnerUsers';
  const id = a.kind === 'staff' ? a.userId : a.partnerUserId;
  const row = await ctx.trx.selectFrom(table).select('passwordHash').where('id', '=', id).executeTakeFirstOrThrow();
  if (row.passwordHash && !(await verifyPassword(row.passwordHash, current ?? ''))) {
    throw new AppError('validation_failed', 'The current password is wrong.', { fields: [{ field: 'body.currentPassword', message: 'is wrong' }] });
  }
  await ctx.trx
    .updateTable(table)
    .set({ passwordHash: await hashPassword(next) })
    .where('id', '=', id)
    .execute();
  // A new password ends every other session of the person.
  await ctx.trx
    .updateTable('sessions')
    .set({ revokedAt: ctx.now() })
    .where(a.kind === 'staff' ? 'userId' : 'partnerUserId', '=', id)
    .where('id', '!=', a.sessionId)
    .where('revokedAt', 'is', null)
    .execute();
  await recordAudit(ctx, { action: 'auth.password_changed', entityType: a.kind, entityId: id });
}
