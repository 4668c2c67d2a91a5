import { z } from 'zod';
import { MOTIONS } from '../../../shared/opportunities.ts';
import { DEFAULT_REJECTION_REASONS, REQUIRABLE_FIELDS } from '../../../shared/registrations.ts';
import type { Ctx } from '../../context.ts';
import { COUNTERS, ensureCounters } from '../../db/counters.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type BusinessCalendar, businessCalendar, businessCalendarSchema } from '../registrations/business-hours.rules.ts';
import { conflictPolicySchema } from '../registrations/conflict-policy.rules.ts';
import { protectionSettingsSchema } from '../registrations/protection.rules.ts';
import { routingConfigSchema } from '../registrations/routing.rules.ts';
import { rulesOfEngagement } from '../registrations/rules-of-engagement.ts';
import type { SlaPolicies } from '../registrations/sla.rules.ts';
import { resolveSlaPolicies, slaSettingsSchema } from '../registrations/sla.schemas.ts';
import { forgetWorkspaceRow, type WorkspaceRow, workspaceRow } from '../workspaces/workspace-row.ts';

/**
 * The partner program's rules as a workspace sets them (`workspaces.settings.program`): the
 * conflict policy, protection windows, SLAs, the business calendar, approval routing, what a
 * registration must contain and why it may be rejected. Stored values are read through the
 * schemas, so a missing or older setting comes back with its defaults.
 */

const requiredFields = z
  .array(z.enum(REQUIRABLE_FIELDS, { message: `must be one of ${REQUIRABLE_FIELDS.join(', ')}` }))
  .max(REQUIRABLE_FIELDS.length);
const ALL_REQUIRED = [...REQUIRABLE_FIELDS];
const LEAD_REQUIRED = ['contactName', 'contactEmail'] as const;

export const registrationSettingsSchema = z.strictObject({
  /** REG-2: fields a deal registration needs per motion (defaults: all of REQUIRABLE_FIELDS). */
  requiredFields: z.partialRecord(z.enum(MOTIONS), requiredFields).default({}).describe('per motion; a motion not listed requires every field'),
  leadRequiredFields: requiredFields.default([...LEAD_REQUIRED]),
  rejectionReasons: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'must be a short key such as not_qualified'),
        label: z.strictObject({ en: z.string().trim().min(1).max(200), de: z.string().trim().min(1).max(200) }),
      }),
    )
    .min(1, 'keep at least one reason')
    .max(50)
    .default(DEFAULT_REJECTION_REASONS.map((r) => ({ key: r.key, label: { ...r.label } }))),
});

export const programSettingsSchema = z.strictObject({
  conflictPolicy: conflictPolicySchema.default(conflictPolicySchema.parse({})),
  protection: protectionSettingsSchema.default(protectionSettingsSchema.parse({})),
  sla: slaSettingsSchema.default({}),
  /** The business calendar of SLAs; without one: the workspace's time zone, Mon–Fri 09:00–17:00, no holidays. */
  calendar: businessCalendarSchema.optional(),
  routing: routingConfigSchema.default({ rules: [] }),
  registration: registrationSettingsSchema.default(registrationSettingsSchema.parse({})),
  /** Share links: how long a new one lives unless the sender says otherwise, and the longest allowed. */
  shareLinks: z
    .strictObject({
      defaultHours: z.number().int().min(1).max(8_760).default(168),
      maxHours: z.number().int().min(1).max(8_760).default(720),
    })
    .default({ defaultHours: 168, maxHours: 720 }),
});
export type ProgramSettings = z.infer<typeof programSettingsSchema>;

/**
 * A change of some sections; each given section replaces the stored one whole. The sections'
 * defaults are unwrapped: a default inside `.optional()` would still fill every absent section,
 * and a PATCH of one section would reset all the others.
 */
export const programSettingsPatch = z
  .strictObject(
    Object.fromEntries(
      Object.entries(programSettingsSchema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.unwrap() : (v as z.ZodType)).optional()]),
    ) as {
      [K in keyof typeof programSettingsSchema.shape]: z.ZodOptional<(typeof programSettingsSchema.shape)[K]>;
    },
  )
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one section to change' });

export type ResolvedProgram = ProgramSettings & { timeZone: string; locale: 'en' | 'de'; calendarOf: BusinessCalendar; slaPolicies: SlaPolicies };

/** The workspace's program settings with defaults filled in; unreadable stored settings fall back to the defaults. */
export async function getProgramSettings(ctx: Ctx): Promise<ResolvedProgram> {
  const w = await workspaceRow(ctx);
  // Parsed once per row read (once per transaction): a group commit's requests share it.
  let resolved = resolvedOf.get(w);
  if (!resolved) {
    resolved = resolve(w);
    resolvedOf.set(w, resolved);
  }
  return resolved;
}

const resolvedOf = new WeakMap<WorkspaceRow, ResolvedProgram>();

function resolve(w: WorkspaceRow): ResolvedProgram {
  const stored = (w.settings as { program?: unknown } | null)?.program ?? {};
  const parsed = programSettingsSchema.safeParse(stored);
  const s = parsed.success ? parsed.data : programSettingsSchema.parse({});
  return {
    ...s,
    timeZone: w.timeZone,
    locale: w.locale,
    calendarOf: s.calendar ?? businessCalendar({ timeZone: w.timeZone }),
    slaPolicies: resolveSlaPolicies(s.sla),
  };
}

/** The settings as stored and resolved, for the settings screen. */
export async function readProgramSettings(ctx: Ctx) {
  const s = await getProgramSettings(ctx);
  const { timeZone: _tz, locale: _l, calendarOf, slaPolicies, ...settings } = s;
  return { settings, calendar: calendarOf, slaPolicies };
}

/** Replaces the given sections of the program settings (validated whole), audited before and after. */
export async function updateProgramSettings(ctx: Ctx, patch: z.infer<typeof programSettingsPatch>) {
  const w = await ctx.trx.selectFrom('workspaces').select('settings').where('id', '=', ctx.workspaceId).forUpdate().executeTakeFirstOrThrow();
  const all = (w.settings ?? {}) as Record<string, unknown>;
  const before = programSettingsSchema.safeParse(all.program ?? {});
  const merged = { ...(before.success ? before.data : {}), ...patch };
  const next = programSettingsSchema.safeParse(merged);
  if (!next.success) {
    throw new AppError('validation_failed', 'The program settings are invalid.', {
      fields: next.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })),
    });
  }
  await ctx.trx
    .updateTable('workspaces')
    .set({ settings: JSON.stringify({ ...all, program: next.data }) })
    .where('id', '=', ctx.workspaceId)
    .execute();
  forgetWorkspaceRow(ctx.trx);
  // The queues' turn counters exist before the first submission routes into them.
  const queues = next.data.routing.rules.flatMap((r) => (r.assignTo.kind === 'queue' ? [COUNTERS.routingTurns(r.assignTo.queueId)] : []));
  await ensureCounters(ctx.trx, queues);
  await recordAudit(ctx, {
    action: 'program.settings_updated',
    entityType: 'workspace',
    entityId: ctx.workspaceId,
    before: before.success ? before.data : null,
    after: next.data,
  });
  return readProgramSettings(ctx);
}

/** The fields a registration of this type and motion must have. */
export function requiredFor(s: ProgramSettings, type: 'deal' | 'lead', motion: (typeof MOTIONS)[number]): readonly string[] {
  if (type === 'lead') return s.registration.leadRequiredFields;
  return s.registration.requiredFields[motion] ?? ALL_REQUIRED;
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
  const text = rulesOfEngagement(s.conflictPolicy, locale, { protection: s.protection, sla: s.slaPolicies, tierLabels });
  return { ...text, locale, policy: s.conflictPolicy, protectionDays: s.protection.defaultDays };
}
