import type { z } from 'zod';
import { MOTIONS } from '../../../shared/opportunities.ts';
import type { linkRegistrationInput, registrationLinkInput } from '../../../shared/registrations.ts';
import type { RegistrationLinkActor } from '../../auth/registration-links.ts';
import { hashToken, scopedToken } from '../../auth/tokens.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getProgramSettings, requiredFor } from '../program/program.service.ts';
import { portalBaseUrl } from '../workspaces/workspaces.service.ts';
import { submitRegistration } from './registration-submit.service.ts';
import type { RegistrationDeps } from './registrations.service.ts';

type LinkRow = {
  id: string;
  partnerId: string;
  label: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  useCount: number;
  lastUsedAt: Date | null;
  createdAt: Date;
};

const present = (r: LinkRow, now: Date) => ({
  id: r.id,
  partnerId: r.partnerId,
  label: r.label,
  expiresAt: r.expiresAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  status: r.revokedAt ? ('revoked' as const) : r.expiresAt <= now ? ('expired' as const) : ('active' as const),
  useCount: r.useCount,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});
const cols = ['id', 'partnerId', 'label', 'expiresAt', 'revokedAt', 'useCount', 'lastUsedAt', 'createdAt'] as const;

/** A partner's no-login registration link (REG-1 b): signed, expiring, revocable; the URL is shown once. */
export async function createRegistrationLink(
  ctx: Ctx,
  deps: Pick<RegistrationDeps, 'publicUrl'>,
  partnerId: string,
  input: z.infer<typeof registrationLinkInput>,
) {
  const p = await ctx.trx.selectFrom('partners').select('id').where('id', '=', partnerId).where('deletedAt', 'is', null).executeTakeFirst();
  found(p, 'Partner');
  const { token, secret } = scopedToken(ctx.workspaceId);
  const row = await ctx.trx
    .insertInto('registrationLinks')
    .values({
      workspaceId: ctx.workspaceId,
      partnerId,
      tokenHash: hashToken(secret),
      label: input.label ?? null,
      expiresAt: new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000),
      createdByUserId: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
    })
    .returning(cols)
    .executeTakeFirstOrThrow();
  const link = present(row, ctx.now());
  await recordAudit(ctx, { action: 'registration_link.created', entityType: 'registration_link', entityId: row.id, before: null, after: link });
  return { ...link, url: `${await portalBaseUrl(ctx, deps.publicUrl)}/r/${token}` };
}

/** A partner's registration links, newest first. */
export async function listRegistrationLinks(ctx: Ctx, partnerId: string) {
  const rows = await ctx.trx
    .selectFrom('registrationLinks')
    .select(cols)
    .where('workspaceId', '=', ctx.workspaceId)
    .where('partnerId', '=', partnerId)
    .orderBy('createdAt', 'desc')
    .execute();
  return { data: rows.map((r) => present(r, ctx.now())), nextCursor: null };
}

/** Withdraws a registration link at once (it answers 410). */
export async function revokeRegistrationLink(ctx: Ctx, id: string) {
  const row = found(
    await ctx.trx.selectFrom('registrationLinks').select(cols).where('workspaceId', '=', ctx.workspaceId).where('id', '=', id).executeTakeFirst(),
    'Registration link',
  );
  if (row.revokedAt) return;
  await ctx.trx.updateTable('registrationLinks').set({ revokedAt: ctx.now() }).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'registration_link.revoked',
    entityType: 'registration_link',
    entityId: id,
    before: present(row, ctx.now()),
    after: null,
  });
}

const linkOf = (ctx: Ctx): RegistrationLinkActor => {
  if (ctx.actor.kind !== 'registration_link') throw new AppError('forbidden', 'This is for registration links.');
  return ctx.actor;
};

/** What the no-login form needs: the workspace's branding, the partner, the fields required per motion. */
export async function linkForm(ctx: Ctx) {
  const a = linkOf(ctx);
  const program = await getProgramSettings(ctx);
  const w = await ctx.trx
    .selectFrom('workspaces')
    .select(['name', 'slug', 'branding', 'locale'])
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  const link = await ctx.trx.selectFrom('registrationLinks').select(['expiresAt']).where('id', '=', a.registrationLinkId).executeTakeFirstOrThrow();
  const b = (w.branding ?? {}) as Record<string, string | null | undefined>;
  return {
    workspace: {
      name: w.name,
      slug: w.slug,
      locale: w.locale,
      branding: {
        logoUrl: b.logoUrl ?? null,
        primaryColor: b.primaryColor ?? null,
        productName: b.productName ?? null,
        supportEmail: b.supportEmail ?? null,
        faviconUrl: b.faviconUrl ?? null,
      },
    },
    partner: { name: a.name },
    expiresAt: link.expiresAt.toISOString(),
    ...formFields(program),
  };
}

/** The motions and the fields the workspace requires per motion (deals) and for leads. */
function formFields(program: Awaited<ReturnType<typeof getProgramSettings>>) {
  return {
    motions: [...MOTIONS],
    requiredFields: Object.fromEntries(MOTIONS.map((m) => [m, [...requiredFor(program, 'deal', m)]])),
    leadRequiredFields: [...requiredFor(program, 'lead', 'referral')],
  };
}

/** What the registration form in the portal (or an integration) needs to know before submitting. */
export async function registrationForm(ctx: Ctx) {
  return formFields(await getProgramSettings(ctx));
}

/** A registration through the link: for its partner, confirmed to the submitter's email; the use is counted. */
export async function registerThroughLink(ctx: Ctx, deps: RegistrationDeps, input: z.infer<typeof linkRegistrationInput>) {
  const a = linkOf(ctx);
  const { submitter, ...body } = input;
  const view = await submitRegistration(ctx, deps, body, { channel: 'link', linkId: a.registrationLinkId, submitter });
  await ctx.trx
    .updateTable('registrationLinks')
    .set((eb) => ({ useCount: eb('useCount', '+', 1), lastUsedAt: ctx.now() }))
    .where('id', '=', a.registrationLinkId)
    .execute();
  return view;
}
