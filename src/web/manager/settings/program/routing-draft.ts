// Routing rules as the settings form edits them, and back: queues are listed once with their
// members (the API repeats a queue's members in every rule that uses it), deal sizes in major units.
import { fromMinorUnits, isCurrency, toMinorUnits } from '../../../../shared/money.ts';
import type { Motion } from '../../../../shared/opportunities.ts';
import type { RoutingConfig, RoutingRule } from './program-queries.ts';

type Num = number | string;
export type TargetKind = 'user' | 'partner_manager' | 'queue';

/** One rule in the form. */
export type RuleDraft = {
  id: string;
  name: string;
  enabled: boolean;
  territories: string[];
  tiers: string[];
  motions: string[];
  partnerTypes: string[];
  registrationTypes: string[];
  amountCurrency: string | null;
  amountMin: Num;
  amountMax: Num;
  target: TargetKind;
  userId: string | null;
  queueId: string | null;
  escalateTo: string | null;
};

/** A round-robin queue and its members. */
export type QueueDraft = { id: string; userIds: string[] };

/** The routing card's values. */
export type RoutingDraft = { rules: RuleDraft[]; queues: QueueDraft[]; escalateTo: string | null };

/** The queue id reserved for the fallback queue of partner managers. */
export const FALLBACK_QUEUE_ID = 'partner_managers';
/** The keys the server accepts for rule and queue ids. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

const major = (minor: number | undefined, currency: string): Num => (minor === undefined ? '' : fromMinorUnits(minor, currency));

/** The form's draft of a routing configuration. */
export function routingDraft(config: RoutingConfig): RoutingDraft {
  const queues: QueueDraft[] = [];
  for (const rule of config.rules) {
    const a = rule.assignTo;
    if (a.kind === 'queue' && !queues.some((q) => q.id === a.queueId)) queues.push({ id: a.queueId, userIds: [...a.userIds] });
  }
  return {
    escalateTo: config.escalateTo ?? null,
    queues,
    rules: config.rules.map((r) => {
      const amount = r.when.amount;
      return {
        id: r.id,
        name: r.name ?? '',
        enabled: r.enabled !== false,
        territories: [...(r.when.territories ?? [])],
        tiers: [...(r.when.tiers ?? [])],
        motions: [...(r.when.motions ?? [])],
        partnerTypes: [...(r.when.partnerTypes ?? [])],
        registrationTypes: [...(r.when.registrationTypes ?? [])],
        amountCurrency: amount?.currency ?? null,
        amountMin: amount ? major(amount.minMinor, amount.currency) : '',
        amountMax: amount ? major(amount.maxMinor, amount.currency) : '',
        target: r.assignTo.kind,
        userId: r.assignTo.kind === 'user' ? r.assignTo.userId : null,
        queueId: r.assignTo.kind === 'queue' ? r.assignTo.queueId : null,
        escalateTo: r.escalateTo ?? null,
      };
    }),
  };
}

const list = <T>(values: T[]) => (values.length ? values : undefined);
const minor = (value: Num, currency: string): number | undefined => {
  if (value === '' || value === null || value === undefined) return undefined;
  try {
    return toMinorUnits(value, currency);
  } catch {
    // Let the server name the problem (a negative amount, too many decimals) at the field.
    return Number(value);
  }
};

/** The routing configuration a draft stands for (as PATCH takes it). */
export function routingConfig(d: RoutingDraft): RoutingConfig {
  return {
    escalateTo: d.escalateTo ?? null,
    rules: d.rules.map((r): RoutingRule => {
      const currency = r.amountCurrency;
      const amount =
        currency && (r.amountMin !== '' || r.amountMax !== '')
          ? { currency, minMinor: minor(r.amountMin, currency), maxMinor: minor(r.amountMax, currency) }
          : undefined;
      const queue = d.queues.find((q) => q.id === r.queueId);
      const assignTo: RoutingRule['assignTo'] =
        r.target === 'user'
          ? { kind: 'user', userId: r.userId ?? '' }
          : r.target === 'queue'
            ? { kind: 'queue', queueId: r.queueId ?? '', userIds: queue ? [...queue.userIds] : [] }
            : { kind: 'partner_manager' };
      const when = {
        territories: list(r.territories.map((x) => x.trim()).filter(Boolean)),
        amount: amount && Object.fromEntries(Object.entries(amount).filter(([, v]) => v !== undefined)),
        tiers: list(r.tiers.map((x) => x.trim().toLowerCase()).filter(Boolean)),
        partnerTypes: list(r.partnerTypes),
        motions: list(r.motions as Motion[]),
        registrationTypes: list(r.registrationTypes as ('deal' | 'lead')[]),
      };
      return {
        id: r.id,
        ...(r.name.trim() ? { name: r.name.trim() } : {}),
        enabled: r.enabled,
        when: Object.fromEntries(Object.entries(when).filter(([, v]) => v !== undefined)) as RoutingRule['when'],
        assignTo,
        escalateTo: r.escalateTo ?? null,
      };
    }),
  };
}

/** A rule id not yet used in the draft (`rule-1`, `rule-2`, …). */
export function nextRuleId(rules: readonly { id: string }[]): string {
  const used = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (used.has(`rule-${n}`)) n += 1;
  return `rule-${n}`;
}

/** An empty rule: any registration, to the partner's own manager. */
export function emptyRule(rules: readonly { id: string }[]): RuleDraft {
  return {
    id: nextRuleId(rules),
    name: '',
    enabled: true,
    territories: [],
    tiers: [],
    motions: [],
    partnerTypes: [],
    registrationTypes: [],
    amountCurrency: null,
    amountMin: '',
    amountMax: '',
    target: 'partner_manager',
    userId: null,
    queueId: null,
    escalateTo: null,
  };
}

/**
 * Where a server error in the routing section shows in the form: conditions under their inputs,
 * a queue's members under the rule's queue, the hidden rule id under the rule's name.
 */
export function placeRoutingError(path: string): string | null {
  if (path === 'escalateTo') return 'escalateTo';
  const m = /^rules\.(\d+)(?:\.(.*))?$/.exec(path);
  if (!m) return null;
  const [, i, rest = ''] = m;
  const at = (field: string) => `rules.${i}.${field}`;
  if (rest === '' || rest.startsWith('id') || rest.startsWith('name')) return at('name');
  if (rest.startsWith('when.amount.minMinor') || rest === 'when.amount') return at('amountMin');
  if (rest.startsWith('when.amount.maxMinor')) return at('amountMax');
  if (rest.startsWith('when.amount.currency')) return at('amountCurrency');
  const cond = /^when\.(territories|tiers|motions|partnerTypes|registrationTypes)/.exec(rest);
  if (cond) return at(cond[1]);
  if (rest.startsWith('assignTo.queueId') || rest.startsWith('assignTo.userIds')) return at('queueId');
  if (rest.startsWith('assignTo.userId')) return at('userId');
  if (rest.startsWith('assignTo')) return at('target');
  if (rest.startsWith('escalateTo')) return at('escalateTo');
  return null;
}

/** Whether the currency code is one the API accepts. */
export const knownCurrency = isCurrency;
