import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { businessCalendarSchema } from '../registrations/business-hours.rules.ts';
import { conflictPolicySchema } from '../registrations/conflict-policy.rules.ts';
import { protectionSettingsSchema } from '../registrations/protection.rules.ts';
import { rulesOfEngagement } from '../registrations/rules-of-engagement.ts';
import { resolveSlaPolicies, slaSettingsSchema } from '../registrations/sla.schemas.ts';

/**
 * The partner program's rules as a workspace sets them (`workspaces.settings.program`): the
 * conflict policy, protection windows, SLAs and the business calendar. Stored values are read
 * through the schemas, so a missing or older setting comes back with its defaults.
 */
export const programSettingsSchema = z.strictObject({
  conflictPolicy: conflictPolicySchema.default(conflictPolicySchema.parse({})),
  protection: protectionSettingsSchema.default(protectionSettingsSchema.parse({})),
  sla: slaSettingsSchema.default({}),
  calendar: businessCalendarSchema.optional(),
  /** Share links: how long a new one lives unless the sender says otherwise, and the longest allowed. */
  shareLinks: z
    .strictObject({
      defaultHours: z.number().int().min(1).max(8_760).default(168),
      maxHours: z.number().int().min(1).max(8_760).default(720),
    })
    .default({ defaultHours: 168, maxHours: 720 }),
});
export type ProgramSettings = z.infer<typeof programSettingsSchema>;

/** The workspace's program settings with defaults filled in; unreadable stored settings fall back to the defaults. */
export async function getProgramSettings(ctx: Ctx): Promise<ProgramSettings & { timeZone: string; locale: 'en' | 'de' }> {
  const w = await ctx.trx
    .selectFrom('workspaces')
    .select(['settings', 'timeZone', 'locale'])
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  const stored = (w.settings as { program?: unknown } | null)?.program ?? {};
  const parsed = programSettingsSchema.safeParse(stored);
  return { ...(parsed.success ? parsed.data : programSettingsSchema.parse({})), timeZone: w.timeZone, locale: w.locale };
}

/** The published rules of engagement in the reader's language, from the workspace's current settings. */
export async function getRulesOfEngagement(ctx: Ctx, locale: 'en' | 'de') {
  const s = await getProgramSettings(ctx);
  const tiers = await ctx.trx
    .selectFrom('partners')
    .select('tier')
    .distinct()
    .where('workspaceId', '=', ctx.workspaceId)
    .where('tier', 'is not', null)
    .execute();
  const tierLabels = Object.fromEntries(
    tiers.map((t) => [t.tier as string, (t.tier as string).charAt(0).toUpperCase() + (t.tier as string).slice(1)]),
  );
  const text = rulesOfEngagement(s.conflictPolicy, locale, { protection: s.protection, sla: resolveSlaPolicies(s.sla), tierLabels });
  return { ...text, locale, policy: s.conflictPolicy, protectionDays: s.protection.defaultDays };
}
