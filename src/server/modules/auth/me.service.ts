import type { z } from 'zod';
import type { Me } from '../../../shared/workspace.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getWorkspace } from '../workspaces/workspaces.service.ts';
import type { mePatch } from './auth.schemas.ts';

/** The signed-in person, their workspace (with branding) and what they may do. */
export async function getMe(ctx: Ctx): Promise<Me> {
  const a = ctx.actor;
  if (a.kind !== 'staff' && a.kind !== 'partner_user')
    throw new AppError('forbidden', 'GET /me is for signed-in people; API keys see GET /workspace.');
  const workspace = await getWorkspace(ctx);
  const permissions = {
    manageWorkspace: can.manageWorkspace(a),
    manageUsers: can.manageUsers(a),
    managePartners: can.managePartners(a),
    readAudit: can.readAudit(a),
    readMailbox: can.readMailbox(a),
    manageApiKeys: can.manageApiKeys(a),
  };
  if (a.kind === 'staff') {
    const u = await ctx.trx.selectFrom('users').select(['name', 'locale']).where('id', '=', a.userId).executeTakeFirstOrThrow();
    return {
      actor: { kind: 'staff', id: a.userId, name: u.name, email: a.email, role: a.role, locale: u.locale },
      workspace,
      permissions,
      csrfToken: a.csrfToken,
    };
  }
  const pu = await ctx.trx
    .selectFrom('partnerUsers')
    .innerJoin('partners', 'partners.id', 'partnerUsers.partnerId')
    .select(['partnerUsers.name', 'partnerUsers.locale', 'partners.name as partnerName'])
    .where('partnerUsers.id', '=', a.partnerUserId)
    .executeTakeFirstOrThrow();
  return {
    actor: {
      kind: 'partner_user',
      id: a.partnerUserId,
      name: pu.name,
      email: a.email,
      role: a.role,
      locale: pu.locale,
      partner: { id: a.partnerId, name: pu.partnerName },
    },
    workspace,
    permissions,
    csrfToken: a.csrfToken,
  };
}

/** Changes the caller's display name or language. */
export async function updateMe(ctx: Ctx, patch: z.infer<typeof mePatch>): Promise<Me> {
  const a = ctx.actor;
  if (a.kind !== 'staff' && a.kind !== 'partner_user') throw new AppError('forbidden', 'Only signed-in people have a profile.');
  const table = a.kind === 'staff' ? 'users' : 'partnerUsers';
  const id = a.kind === 'staff' ? a.userId : a.partnerUserId;
  const before = await ctx.trx.selectFrom(table).select(['name', 'locale']).where('id', '=', id).executeTakeFirstOrThrow();
  await ctx.trx.updateTable(table).set({ name: patch.name, locale: patch.locale }).where('id', '=', id).execute();
  const after = { name: patch.name ?? before.name, locale: patch.locale === undefined ? before.locale : patch.locale };
  await recordAudit(ctx, { action: 'profile.updated', entityType: a.kind, entityId: id, before, after });
  return getMe(ctx);
}
