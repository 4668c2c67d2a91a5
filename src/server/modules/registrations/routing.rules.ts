import { z } from 'zod';
import { currencyCode, MAX_MINOR_UNITS } from '../../../shared/money.ts';
import { MOTIONS, type Motion } from '../../../shared/opportunities.ts';
import { PARTNER_TYPES } from '../../../shared/partners.ts';

/**
 * Who decides a registration (PRODUCT.md REG-5): an ordered list of rules per workspace; the
 * first enabled rule whose conditions all hold assigns an approver — a named user, the partner's
 * own partner manager, or a queue served round robin. Without a match, the queue of the
 * workspace's partner managers takes it. Pure: the round-robin cursor comes in and goes out, the
 * caller stores it (in the same transaction as the assignment, so two routings cannot both take
 * the same turn).
 */

/** A partner's type (referral, reseller, …). */
export type PartnerType = (typeof PARTNER_TYPES)[number];
/** Registrations claim a deal or a lead. */
export const REGISTRATION_TYPES = ['deal', 'lead'] as const;
/** One of REGISTRATION_TYPES. */
export type RegistrationType = (typeof REGISTRATION_TYPES)[number];

/** Conditions of a rule; each one given must hold, and within a list any value will do. */
export type RoutingConditions = {
  /** Territory keys; `DE` also matches the sub-territory `DE-BY` (split at `-`). */
  territories?: readonly string[];
  /** Deal size in integer minor units of one currency: from `minMinor` (inclusive) below `maxMinor` (exclusive). */
  amount?: { currency: string; minMinor?: number; maxMinor?: number };
  tiers?: readonly string[];
  partnerTypes?: readonly PartnerType[];
  motions?: readonly Motion[];
  registrationTypes?: readonly RegistrationType[];
};

/** Whom a rule assigns: a user, the partner's own manager, or a queue (round robin over its users). */
export type RoutingTarget =
  | { kind: 'user'; userId: string }
  | { kind: 'partner_manager' }
  | { kind: 'queue'; queueId: string; userIds: readonly string[] };

/** One routing rule; `escalateTo` receives breaches of what it routed. */
export type RoutingRule = {
  id: string;
  name?: string;
  enabled?: boolean;
  when: RoutingConditions;
  assignTo: RoutingTarget;
  escalateTo?: string | null;
};

/** A workspace's routing: the rules in order and who receives escalations by default. */
export type RoutingConfig = { rules: readonly RoutingRule[]; escalateTo?: string | null };

/** What routing looks at in a registration. */
export type RoutableRegistration = {
  type: RegistrationType;
  territory: string | null;
  amount: { minor: number; currency: string } | null;
  partnerTier: string | null;
  partnerType: PartnerType;
  motion: Motion | null;
  /** The staff user who manages the partner, when the partner has one. */
  partnerManagerId: string | null;
};

/** Round-robin cursors: queue id → the user who got that queue's last registration. */
export type RoutingState = Readonly<Record<string, string>>;

/** The queue id of the fallback queue of partner managers. */
export const FALLBACK_QUEUE_ID = 'partner_managers';

/** The outcome: the approver (null when nobody is available), where it came from and the next cursors. */
export type RoutingResult = {
  approverId: string | null;
  /** The rule that matched, or null for the fallback. */
  ruleId: string | null;
  queueId: string | null;
  escalateToId: string | null;
  state: RoutingState;
  /** Rules whose conditions held but whose approvers were all unavailable, in order. */
  skipped: string[];
};

function matchesTerritory(rule: readonly string[], territory: string | null): boolean {
  if (!territory) return false;
  const t = territory.trim().toUpperCase();
  return rule.some((r) => {
    const key = r.trim().toUpperCase();
    return t === key || t.startsWith(`${key}-`);
  });
}

/** Whether every condition of a rule holds for the registration (an empty `when` always does). */
export function matchesRule(when: RoutingConditions, r: RoutableRegistration): boolean {
  if (when.territories && !matchesTerritory(when.territories, r.territory)) return false;
  if (when.amount) {
    // No currency conversion here: an amount condition is about one currency; convert before routing if needed.
    const { currency, minMinor, maxMinor } = when.amount;
    if (!r.amount || r.amount.currency !== currency) return false;
    if (minMinor !== undefined && r.amount.minor < minMinor) return false;
    if (maxMinor !== undefined && r.amount.minor >= maxMinor) return false;
  }
  if (when.tiers && !(r.partnerTier && when.tiers.some((t) => t.toLowerCase() === r.partnerTier?.toLowerCase()))) return false;
  if (when.partnerTypes && !when.partnerTypes.includes(r.partnerType)) return false;
  if (when.motions && !(r.motion && when.motions.includes(r.motion))) return false;
  if (when.registrationTypes && !when.registrationTypes.includes(r.type)) return false;
  return true;
}

// The next available user after the one who had the last turn (wrapping around), or null.
function nextInQueue(userIds: readonly string[], last: string | undefined, unavailable: ReadonlySet<string>): string | null {
  if (userIds.length === 0) return null;
  const start = last === undefined ? 0 : userIds.indexOf(last) + 1; // a departed last user: start from the top
  for (let i = 0; i < userIds.length; i++) {
    const candidate = userIds[(start + i) % userIds.length];
    if (!unavailable.has(candidate)) return candidate;
  }
  return null;
}

/**
 * Routes a registration: the first enabled matching rule whose target has an available user
 * wins (a rule whose users are all away is skipped, so the next rule or the fallback takes the
 * registration rather than nobody). Returns the approver and the round-robin state to store.
 */
export function routeRegistration(
  registration: RoutableRegistration,
  config: RoutingConfig,
  state: RoutingState,
  context: { partnerManagerIds: readonly string[]; unavailableUserIds?: readonly string[] },
): RoutingResult {
  const unavailable = new Set(context.unavailableUserIds ?? []);
  const skipped: string[] = [];
  const fallbackEscalation = config.escalateTo ?? null;
  for (const rule of config.rules) {
    if (rule.enabled === false || !matchesRule(rule.when, registration)) continue;
    const target = rule.assignTo;
    const result = (approverId: string, queueId: string | null): RoutingResult => ({
      approverId,
      ruleId: rule.id,
      queueId,
      escalateToId: rule.escalateTo ?? fallbackEscalation,
      state: queueId ? { ...state, [queueId]: approverId } : state,
      skipped,
    });
    if (target.kind === 'user' && !unavailable.has(target.userId)) return result(target.userId, null);
    if (target.kind === 'partner_manager' && registration.partnerManagerId && !unavailable.has(registration.partnerManagerId)) {
      return result(registration.partnerManagerId, null);
    }
    if (target.kind === 'queue') {
      const next = nextInQueue(target.userIds, state[target.queueId], unavailable);
      if (next) return result(next, target.queueId);
    }
    skipped.push(rule.id);
  }
  const next = nextInQueue(context.partnerManagerIds, state[FALLBACK_QUEUE_ID], unavailable);
  return {
    approverId: next,
    ruleId: null,
    queueId: next ? FALLBACK_QUEUE_ID : null,
    escalateToId: fallbackEscalation,
    state: next ? { ...state, [FALLBACK_QUEUE_ID]: next } : state,
    skipped,
  };
}

const userId = z.uuid({ message: 'must be the id of a staff user' });
const keyOf = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, `must be a short ${what} such as emea-large (letters, digits, - and _)`);
const nonEmptyList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, `give at least one ${what}, or leave the condition out`).max(100, `at most 100 ${what}s`);

const conditionsSchema = z.strictObject({
  territories: nonEmptyList(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'), 'territory').optional(),
  amount: z
    .strictObject({
      currency: currencyCode,
      minMinor: z.number().int('must be a whole number of minor units').min(0, 'must not be negative').max(MAX_MINOR_UNITS).optional(),
      maxMinor: z.number().int('must be a whole number of minor units').min(1, 'must be more than 0').max(MAX_MINOR_UNITS).optional(),
    })
    .superRefine((a, ctx) => {
      if (a.minMinor === undefined && a.maxMinor === undefined) ctx.addIssue({ code: 'custom', message: 'give minMinor, maxMinor or both' });
      else if (a.minMinor !== undefined && a.maxMinor !== undefined && a.maxMinor <= a.minMinor) {
        ctx.addIssue({ code: 'custom', path: ['maxMinor'], message: `must be more than minMinor (${a.minMinor})` });
      }
    })
    .optional(),
  tiers: nonEmptyList(keyOf('tier key'), 'tier').optional(),
  partnerTypes: nonEmptyList(z.enum(PARTNER_TYPES, { message: `must be one of ${PARTNER_TYPES.join(', ')}` }), 'partner type').optional(),
  motions: nonEmptyList(z.enum(MOTIONS, { message: `must be one of ${MOTIONS.join(', ')}` }), 'motion').optional(),
  registrationTypes: nonEmptyList(z.enum(REGISTRATION_TYPES, { message: 'must be deal or lead' }), 'registration type').optional(),
});

const targetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('user'), userId }),
    z.strictObject({ kind: z.literal('partner_manager') }),
    z.strictObject({
      kind: z.literal('queue'),
      queueId: keyOf('queue id').refine((id) => id !== FALLBACK_QUEUE_ID, `${FALLBACK_QUEUE_ID} is reserved for the fallback queue`),
      userIds: z
        .array(userId)
        .min(1, 'a queue needs at least one user')
        .max(100, 'at most 100 users in a queue')
        .refine((ids) => new Set(ids).size === ids.length, 'must not list a user twice'),
    }),
  ],
  { message: 'kind must be user, partner_manager or queue' },
);

/** One rule as configured. */
export const routingRuleSchema = z.strictObject({
  id: keyOf('rule id'),
  name: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  enabled: z.boolean({ message: 'must be true or false' }).default(true),
  when: conditionsSchema.default({}),
  assignTo: targetSchema,
  escalateTo: userId.nullish(),
});

/** A workspace's routing configuration; rule ids unique, a queue id always with the same users. */
export const routingConfigSchema = z
  .strictObject({
    rules: z.array(routingRuleSchema).max(200, 'at most 200 rules').default([]),
    escalateTo: userId.nullish(),
  })
  .superRefine((config, ctx) => {
    const ids = new Map<string, number>();
    const queues = new Map<string, { index: number; users: string }>();
    config.rules.forEach((rule, i) => {
      const first = ids.get(rule.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `repeats the id of rule ${first + 1}` });
      else ids.set(rule.id, i);
      if (rule.assignTo.kind !== 'queue') return;
      const users = rule.assignTo.userIds.join(',');
      const seen = queues.get(rule.assignTo.queueId);
      if (!seen) queues.set(rule.assignTo.queueId, { index: i, users });
      else if (seen.users !== users) {
        // One cursor per queue id: two member lists under one id would make the turns meaningless.
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'assignTo', 'userIds'],
          message: `must be the same users as queue ${rule.assignTo.queueId} in rule ${seen.index + 1}`,
        });
      }
    });
  }) satisfies z.ZodType<RoutingConfig>;
