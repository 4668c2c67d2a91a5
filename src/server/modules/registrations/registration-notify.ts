import type { Ctx } from '../../context.ts';
import { queueEmail } from '../../email/email.service.ts';
import type { TemplateName } from '../../email/strings.ts';
import type { ResolvedProgram } from '../program/program.service.ts';
import { portalBaseUrl } from '../workspaces/workspaces.service.ts';
import type { RegistrationRow } from './registrations.repository.ts';
import type { RegistrationDeps } from './registrations.service.ts';

/** A date as the reader's language writes it, in the program's time zone. */
export function formatDay(at: Date | string | null, locale: 'en' | 'de', timeZone: string, withTime = false): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(`${at}${at.length === 10 ? 'T12:00:00Z' : ''}`) : at;
  // Creating a formatter costs far more than formatting: one per language, zone and style.
  const key = `${locale} ${timeZone} ${withTime}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone });
    dayFormats.set(key, f);
  }
  return f.format(d);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Who at the partner hears about a registration: the person who submitted it (a partner user or a
 * link's submitter), else the partner's admins. With their language each.
 */
async function partnerRecipients(ctx: Ctx, r: RegistrationRow): Promise<{ email: string; locale: 'en' | 'de' | null }[]> {
  if (r.submittedByKind === 'partner_user' && r.submittedById) {
    const pu = await ctx.trx.selectFrom('partnerUsers').select(['email', 'locale', 'status']).where('id', '=', r.submittedById).executeTakeFirst();
    if (pu && pu.status !== 'deactivated') return [{ email: pu.email, locale: pu.locale }];
  }
  if (r.submittedByKind === 'registration_link' && r.submittedByLabel) {
    const m = /<([^>]+)>$/.exec(r.submittedByLabel);
    if (m) return [{ email: m[1], locale: null }];
  }
  const admins = await ctx.trx
    .selectFrom('partnerUsers')
    .select(['email', 'locale'])
    .where('workspaceId', '=', ctx.workspaceId)
    .where('partnerId', '=', r.partnerId)
    .where('role', '=', 'partner_admin')
    .where('status', '!=', 'deactivated')
    .execute();
  return admins;
}

/** Emails the partner side of a registration; `dedupeKey` makes a retried cause send once. */
export async function notifyPartner(
  ctx: Ctx,
  deps: RegistrationDeps,
  program: ResolvedProgram,
  r: RegistrationRow,
  template: TemplateName,
  vars: (locale: 'en' | 'de') => Record<string, string>,
  dedupeKey: string,
) {
  const base = await portalBaseUrl(ctx, deps.publicUrl);
  const ws = await ctx.trx.selectFrom('workspaces').select('slug').where('id', '=', ctx.workspaceId).executeTakeFirstOrThrow();
  for (const to of await partnerRecipients(ctx, r)) {
    const locale = to.locale ?? program.locale;
    await queueEmail(ctx, deps.jobs, {
      to: to.email,
      template,
      locale,
      actionUrl: `${base}/p/${ws.slug}/registrations/${r.id}`,
      vars: { number: r.number, company: r.companyName, partner: r.partnerName, ...vars(locale) },
      dedupeKey: `${dedupeKey}:${to.email}`,
    });
  }
}

/** Emails a staff member about a registration. */
export async function notifyStaff(
  ctx: Ctx,
  deps: RegistrationDeps,
  program: ResolvedProgram,
  userId: string | null,
  r: RegistrationRow,
  template: TemplateName,
  vars: (locale: 'en' | 'de') => Record<string, string>,
  dedupeKey: string,
) {
  if (!userId) return;
  const u = await ctx.trx.selectFrom('users').select(['email', 'locale']).where('id', '=', userId).executeTakeFirst();
  if (!u) return;
  const locale = u.locale ?? program.locale;
  await queueEmail(ctx, deps.jobs, {
    to: u.email,
    template,
    locale,
    actionUrl: `${deps.publicUrl}/app/registrations/${r.id}`,
    vars: { number: r.number, company: r.companyName, partner: r.partnerName, ...vars(locale) },
    dedupeKey: `${dedupeKey}:${userId}`,
  });
}
