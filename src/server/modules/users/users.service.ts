import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { nonEmpty } from '../../../shared/validation.ts';
import { PARTNER_USER_ROLES, STAFF_ROLES } from '../../../shared/workspace.ts';
import type { Ctx } from '../../context.ts';
import type { StaffRole } from '../../db/schema.ts';
import { AppError, found } from '../../http/errors.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sendLoginLink } from '../auth/auth.service.ts';

const email = z
  .email({ message: 'must be an email address' })
  .max(320)
  .transform((e) => e.toLowerCase());
export const staffInvite = z.strictObject({
  email,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(STAFF_ROLES, { message: `must be one of ${STAFF_ROLES.join(', ')}` }),
});
export const staffPatch = nonEmpty(
  z.strictObject({
    role: z.enum(STAFF_ROLES, { message: `must be one of ${STAFF_ROLES.join(', ')}` }).optional(),
    status: z.enum(['active', 'deactivated']).optional(),
  }),
);
export const staffSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  status: z.enum(['active', 'deactivated']),
  createdAt: z.string(),
});
export const partnerUserInvite = z.strictObject({
  email,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(PARTNER_USER_ROLES, { message: 'must be partner_admin or partner_rep' }).default('partner_rep'),
});
export const partnerUserPatch = z
  .strictObject({
    role: z.enum(PARTNER_USER_ROLES, { message: 'must be partner_admin or partner_rep' }).optional(),
    status: z.enum(['active', 'deactivated'], { message: 'must be active or deactivated' }).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one field to change' });
export const partnerUserSchema = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(PARTNER_USER_ROLES),
  status: z.enum(['invited', 'active', 'deactivated']),
  createdAt: z.string(),
});

export type UserDeps = { jobs: Jobs; publicUrl: string };

const staffQuery = (ctx: Ctx) =>
  ctx.trx
    .selectFrom('users')
    .innerJoin('workspaceMembers as m', 'm.userId', 'users.id')
    .select(['users.id', 'users.name', 'users.email', 'm.role', 'm.status', 'm.createdAt'])
    .where('m.workspaceId', '=', ctx.workspaceId);

type StaffRow = { id: string; name: string; email: string; role: StaffRole; status: 'active' | 'deactivated'; createdAt: Date };
const presentStaff = (r: StaffRow) => ({ ...r, createdAt: r.createdAt.toISOString() });

/** Staff members of the workspace, by name. */
export async function listStaff(ctx: Ctx) {
  const rows = await staffQuery(ctx).orderBy('users.name').orderBy('users.id').execute();
  return { data: rows.map(presentStaff), nextCursor: null };
}

/** Adds a staff member (new identity or an existing one from another workspace) and emails a sign-in link. */
export async function inviteStaff(ctx: Ctx, deps: UserDeps, input: z.infer<typeof staffInvite>) {
  const { rows } = await sql<{ id: string | null }>`select user_exists_by_email(${input.email}) as id`.execute(ctx.trx);
  let userId = rows[0]?.id ?? null;
  if (userId && (await staffQuery(ctx).where('users.id', '=', userId).executeTakeFirst())) {
    throw new AppError('conflict', `${input.email} is already a member of this workspace.`, {
      fields: [{ field: 'body.email', message: 'is already a member' }],
    });
  }
  if (!userId) {
    userId = randomUUID();
    await ctx.trx.insertInto('users').values({ id: userId, email: input.email, name: input.name, passwordHash: null, locale: null }).execute();
  }
  await ctx.trx.insertInto('workspaceMembers').values({ workspaceId: ctx.workspaceId, userId, role: input.role }).execute();
  const user = presentStaff(found(await staffQuery(ctx).where('users.id', '=', userId).executeTakeFirst(), 'User'));
  await recordAudit(ctx, { action: 'user.invited', entityType: 'user', entityId: userId, before: null, after: user });
  await sendLoginLink(ctx, deps, { userId, email: input.email, locale: null, purpose: 'invite', vars: { inviter: inviterName(ctx) } });
  return user;
}

function inviterName(ctx: Ctx): string {
  const a = ctx.actor;
  return a.kind === 'staff' || a.kind === 'partner_user' ? a.name : a.name;
}

/** Changes a member's role or deactivates them (their sessions end at once). */
export async function updateStaff(ctx: Ctx, userId: string, patch: z.infer<typeof staffPatch>) {
  const before = presentStaff(found(await staffQuery(ctx).where('users.id', '=', userId).executeTakeFirst(), 'User'));
  const demotes = patch.status === 'deactivated' || (patch.role !== undefined && patch.role !== 'admin');
  if (ctx.actor.kind === 'staff' && ctx.actor.userId === userId && demotes) {
    throw new AppError('conflict', 'You cannot deactivate yourself or remove your own admin role. Ask another admin.');
  }
  if (demotes && before.role === 'admin' && before.status === 'active') {
    const admins = await staffQuery(ctx).where('m.role', '=', 'admin').where('m.status', '=', 'active').execute();
    if (admins.length <= 1) throw new AppError('conflict', 'This is the last active admin of the workspace. Make someone else admin first.');
  }
  await ctx.trx
    .updateTable('workspaceMembers')
    .set({ role: patch.role, status: patch.status })
    .where('userId', '=', userId)
    .where('workspaceId', '=', ctx.workspaceId)
    .execute();
  if (patch.status === 'deactivated') {
    await ctx.trx.updateTable('sessions').set({ revokedAt: ctx.now() }).where('userId', '=', userId).where('revokedAt', 'is', null).execute();
  }
  const after = presentStaff(found(await staffQuery(ctx).where('users.id', '=', userId).executeTakeFirst(), 'User'));
  await recordAudit(ctx, { action: 'user.updated', entityType: 'user', entityId: userId, before, after });
  return after;
}

type PartnerUserRow = {
  id: string;
  partnerId: string;
  name: string;
  email: string;
  role: 'partner_admin' | 'partner_rep';
  status: 'invited' | 'active' | 'deactivated';
  createdAt: Date;
};
const presentPartnerUser = (r: PartnerUserRow) => ({ ...r, createdAt: r.createdAt.toISOString() });
const partnerUserQuery = (ctx: Ctx) =>
  ctx.trx
    .selectFrom('partnerUsers')
    .select(['id', 'partnerId', 'name', 'email', 'role', 'status', 'createdAt'])
    .where('workspaceId', '=', ctx.workspaceId);

async function livePartner(ctx: Ctx, partnerId: string) {
  return found(
    await ctx.trx.selectFrom('partners').select(['id', 'name']).where('id', '=', partnerId).where('deletedAt', 'is', null).executeTakeFirst(),
    'Partner',
  );
}

/** People of one partner organisation. */
export async function listPartnerUsers(ctx: Ctx, partnerId: string) {
  await livePartner(ctx, partnerId);
  const rows = await partnerUserQuery(ctx).where('partnerId', '=', partnerId).orderBy('name').execute();
  return { data: rows.map(presentPartnerUser), nextCursor: null };
}

/** Adds a person to a partner organisation and emails them a portal sign-in link. */
export async function invitePartnerUser(ctx: Ctx, deps: UserDeps, partnerId: string, input: z.infer<typeof partnerUserInvite>) {
  const partner = await livePartner(ctx, partnerId);
  const existing = await partnerUserQuery(ctx).where('email', '=', input.email).executeTakeFirst();
  if (existing)
    throw new AppError('conflict', `${input.email} is already a partner user in this workspace.`, {
      fields: [{ field: 'body.email', message: 'is already a partner user' }],
    });
  const row = await ctx.trx
    .insertInto('partnerUsers')
    .values({
      workspaceId: ctx.workspaceId,
      partnerId,
      email: input.email,
      name: input.name,
      role: input.role,
      status: 'invited',
      passwordHash: null,
      locale: null,
    })
    .returning(['id', 'partnerId', 'name', 'email', 'role', 'status', 'createdAt'])
    .executeTakeFirstOrThrow();
  const user = presentPartnerUser(row);
  await recordAudit(ctx, { action: 'partner_user.invited', entityType: 'partner_user', entityId: row.id, before: null, after: user });
  await sendLoginLink(ctx, deps, {
    partnerUserId: row.id,
    email: input.email,
    locale: null,
    purpose: 'invite',
    vars: { inviter: inviterName(ctx), partner: partner.name },
  });
  return user;
}

/** Changes a partner user's role, or deactivates them: their sessions end at once, and they cannot sign in again. */
export async function updatePartnerUser(ctx: Ctx, partnerId: string, partnerUserId: string, patch: z.infer<typeof partnerUserPatch>) {
  await livePartner(ctx, partnerId);
  const before = presentPartnerUser(
    found(await partnerUserQuery(ctx).where('partnerId', '=', partnerId).where('id', '=', partnerUserId).executeTakeFirst(), 'Partner user'),
  );
  if (
    ctx.actor.kind === 'partner_user' &&
    ctx.actor.partnerUserId === partnerUserId &&
    (patch.status === 'deactivated' || patch.role === 'partner_rep')
  ) {
    throw new AppError(
      'conflict',
      'You cannot deactivate yourself or give up your own admin role. Ask another partner admin or your partner manager.',
    );
  }
  // Reactivating someone who never signed in leaves them invited.
  const status = patch.status === 'active' && before.status === 'invited' ? undefined : patch.status;
  await ctx.trx
    .updateTable('partnerUsers')
    .set({ role: patch.role, status })
    .where('workspaceId', '=', ctx.workspaceId)
    .where('id', '=', partnerUserId)
    .execute();
  if (patch.status === 'deactivated') {
    await ctx.trx
      .updateTable('sessions')
      .set({ revokedAt: ctx.now() })
      .where('partnerUserId', '=', partnerUserId)
      .where('revokedAt', 'is', null)
      .execute();
  }
  const after = presentPartnerUser(found(await partnerUserQuery(ctx).where('id', '=', partnerUserId).executeTakeFirst(), 'Partner user'));
  await recordAudit(ctx, { action: 'partner_user.updated', entityType: 'partner_user', entityId: partnerUserId, before, after });
  return after;
}
