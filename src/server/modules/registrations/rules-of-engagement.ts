import type { Motion } from '../../../shared/opportunities.ts';
import type { ConflictPolicy, ConflictReason } from './conflict-policy.rules.ts';
import type { ProtectionSettings } from './protection.rules.ts';
import { formatDuration, type SlaPolicies } from './sla.rules.ts';

/**
 * The published rules of engagement (REG-10: "configurable, published to partners") and the
 * explanation of single conflict decisions, in English and German, written from the same
 * configuration the rules run on — so the page partners read cannot drift from what the system
 * does. Plain strings; the portal renders them as a numbered list.
 */

type Locale = 'en' | 'de';

/** A motion in words, for rules and emails. */
export const MOTION_LABELS: Record<Motion, Record<Locale, string>> = {
  referral: { en: 'referral', de: 'Empfehlung' },
  resale: { en: 'resale', de: 'Wiederverkauf' },
  marketplace: { en: 'marketplace', de: 'Marktplatz' },
  services: { en: 'services', de: 'Services' },
  technology: { en: 'technology', de: 'Technologie' },
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function list(items: string[], locale: Locale, last = locale === 'en' ? 'then' : 'vor'): string {
  if (items.length <= 1) return items.join('');
  return locale === 'en' ? `${items.slice(0, -1).join(', ')}, ${last} ${items.at(-1)}` : items.join(` ${last} `);
}

/** What the rules page needs besides the conflict policy; each part is optional. */
export type EngagementContext = {
  protection?: ProtectionSettings;
  sla?: SlaPolicies;
  /** Display names of tier keys (`{ gold: 'Gold' }`); keys are capitalised otherwise. */
  tierLabels?: Readonly<Record<string, string>>;
};

/** The rules of engagement as a title and numbered rules, in English or German. */
export function rulesOfEngagement(policy: ConflictPolicy, locale: Locale, context: EngagementContext = {}): { title: string; rules: string[] } {
  const en = locale === 'en';
  const tier = (key: string) => context.tierLabels?.[key] ?? capitalise(key);
  const rules: string[] = [];
  rules.push(
    en
      ? 'Register every deal. A registered deal comes before an unregistered claim on the same customer and motion.'
      : 'Registrieren Sie jeden Deal. Ein registrierter Deal geht einem nicht registrierten Anspruch auf denselben Kunden und dieselbe Motion vor.',
  );
  if (policy.establishedBeatsNew) {
    rules.push(
      en
        ? 'A partner with an established relationship with the customer comes before a partner who is new to it.'
        : 'Ein Partner mit einer etablierten Kundenbeziehung geht einem Partner vor, der für den Kunden neu ist.',
    );
  }
  if (policy.mode === 'first_qualified_wins') {
    rules.push(
      en
        ? 'Among the remaining claims, the submission we qualify first wins.'
        : 'Unter den übrigen Ansprüchen gewinnt die Einreichung, die wir zuerst qualifizieren.',
    );
  } else {
    const order = list(policy.tierOrder.map(tier), locale, en ? 'then' : 'vor');
    rules.push(
      en
        ? `Among the remaining claims, the partner in the higher tier wins: ${order}. Partners in other tiers come after these.`
        : `Unter den übrigen Ansprüchen gewinnt der Partner der höheren Stufe: ${order}. Partner anderer Stufen folgen danach.`,
    );
  }
  if (policy.certificationBreaksTies) {
    rules.push(
      en
        ? 'If that is still a tie, certification decides: certified partners first, then partners in certification, then the others.'
        : 'Steht es dann noch gleich, entscheidet die Zertifizierung: zuerst zertifizierte Partner, dann Partner in Zertifizierung, dann die übrigen.',
    );
  }
  const tail =
    policy.mode === 'tier_priority'
      ? en
        ? 'After that the submission qualified first wins, then the earlier submission.'
        : 'Danach gewinnt die zuerst qualifizierte Einreichung, dann die frühere Einreichung.'
      : en
        ? 'After that the earlier submission wins.'
        : 'Danach gewinnt die frühere Einreichung.';
  rules.push(`${tail} ${en ? 'If everything is equal, a partner manager decides.' : 'Ist alles gleich, entscheidet ein Partnermanager.'}`);
  rules.push(directRule(policy, locale));
  rules.push(
    en
      ? 'Partners in different motions on the same customer – a reseller and a services partner, say – do not compete: each can hold a role on the opportunity, and benefits are split by documented contribution.'
      : 'Partner unterschiedlicher Motions beim selben Kunden – etwa ein Reseller und ein Services-Partner – konkurrieren nicht: Jeder kann eine Rolle in der Opportunity übernehmen, und die Vorteile werden nach dokumentiertem Beitrag aufgeteilt.',
  );
  if (context.protection) rules.push(...protectionRules(context.protection, locale, tier));
  if (context.sla) rules.push(...slaRules(context.sla, locale));
  rules.push(en ? 'Every decision is recorded with its reason.' : 'Jede Entscheidung wird mit ihrer Begründung dokumentiert.');
  return { title: en ? 'Rules of engagement' : 'Regeln der Zusammenarbeit', rules };
}

function directRule(policy: ConflictPolicy, locale: Locale): string {
  const en = locale === 'en';
  const unregistered = en
    ? 'Unregistered claims always give way to our own sales team.'
    : 'Nicht registrierte Ansprüche treten gegenüber unserem eigenen Vertrieb immer zurück.';
  switch (policy.direct) {
    case 'partner_yields':
      return en
        ? 'If our own sales team has an open opportunity on the customer, it takes precedence; partners can join it in a role.'
        : 'Hat unser eigener Vertrieb eine offene Opportunity für den Kunden, hat sie Vorrang; Partner können sich ihr in einer Rolle anschließen.';
    case 'partner_wins_if_registered_first':
      return en
        ? `If our own sales team opens an opportunity on the customer, a partner who registered the deal before that keeps it; later registrations give way. ${unregistered}`
        : `Eröffnet unser eigener Vertrieb eine Opportunity für den Kunden, behält ein Partner, der den Deal vorher registriert hat, den Deal; spätere Registrierungen treten zurück. ${unregistered}`;
    case 'registered_partner_wins':
      return en
        ? `A registered partner keeps the deal even when our own sales team has an open opportunity on the customer; our team then sells together with the partner. ${unregistered}`
        : `Ein registrierter Partner behält den Deal auch dann, wenn unser eigener Vertrieb eine offene Opportunity für den Kunden hat; unser Team verkauft dann gemeinsam mit dem Partner. ${unregistered}`;
  }
}

function protectionRules(p: ProtectionSettings, locale: Locale, tier: (key: string) => string): string[] {
  const en = locale === 'en';
  const days = (n: number, dative = false) => formatDuration({ amount: n, unit: 'days' }, locale, dative ? 'dative' : 'nominative');
  const out: string[] = [];
  const differs = p.overrides.map((o) => {
    const what = [o.motion ? MOTION_LABELS[o.motion][locale] : null, o.tier ? (en ? `${tier(o.tier)} tier` : `Stufe ${tier(o.tier)}`) : null]
      .filter(Boolean)
      .join(' + ');
    return `${what}: ${days(o.days)}`;
  });
  out.push(
    en
      ? `An approved registration is protected for ${days(p.defaultDays)}${differs.length ? ` (${differs.join('; ')})` : ''}, to the end of its last day. We remind you ${days(p.reminderDaysBefore)} before it ends; protection that has run out is released.`
      : `Eine genehmigte Registrierung ist ${days(p.defaultDays)} geschützt${differs.length ? ` (${differs.join('; ')})` : ''}, bis zum Ende des letzten Tages. Wir erinnern Sie ${days(p.reminderDaysBefore)} vor dem Ende; abgelaufener Schutz wird freigegeben.`,
  );
  const x = p.extension;
  if (x.maxExtensions === 0 || x.maxTotalDays === 0) {
    out.push(en ? 'Protection cannot be extended.' : 'Der Schutz kann nicht verlängert werden.');
  } else {
    const when =
      x.opensDaysBeforeExpiry === null
        ? en
          ? 'at any time during protection'
          : 'jederzeit während des Schutzes'
        : en
          ? `in the last ${days(x.opensDaysBeforeExpiry)} of protection`
          : `in den letzten ${days(x.opensDaysBeforeExpiry, true)} des Schutzes`;
    const count = en
      ? `${x.maxExtensions} extension${x.maxExtensions === 1 ? '' : 's'}`
      : `${x.maxExtensions} Verlängerung${x.maxExtensions === 1 ? '' : 'en'}`;
    const evidence = x.requireEvidence
      ? en
        ? ', with evidence of progress such as a booked discovery call, an advanced stage or a meeting held'
        : ', mit einem Nachweis des Fortschritts wie einem gebuchten Discovery-Termin, einer erreichten nächsten Phase oder einem durchgeführten Meeting'
      : '';
    out.push(
      en
        ? `You can request up to ${count} of ${days(x.days)} each (at most ${days(x.maxTotalDays)} in total) ${when}${evidence}.`
        : `Sie können ${when} bis zu ${count} um je ${days(x.days)} beantragen (insgesamt höchstens ${days(x.maxTotalDays)})${evidence}.`,
    );
  }
  out.push(
    en
      ? `A protected deal without any activity for ${days(p.noTouchDays)} is flagged and can be reassigned.`
      : `Ein geschützter Deal ohne Aktivität seit ${days(p.noTouchDays, true)} wird markiert und kann neu zugewiesen werden.`,
  );
  return out;
}

function slaRules(sla: SlaPolicies, locale: Locale): string[] {
  const en = locale === 'en';
  const d = (kind: keyof SlaPolicies) => formatDuration(sla[kind].duration, locale, 'dative');
  return en
    ? [
        `We decide on every registration within ${d('registration_decision')}. You can appeal a rejection within ${d('appeal_window')}, with evidence; we decide on an appeal within ${d('appeal_decision')}.`,
        `We acknowledge a conflict within ${d('conflict_acknowledgement')} and present a resolution plan within ${d('conflict_resolution_plan')}. Ownership of a renewal is confirmed at least ${formatDuration(sla.renewal_ownership_confirmation.duration, 'en')} before the renewal.`,
      ]
    : [
        `Wir entscheiden über jede Registrierung innerhalb von ${d('registration_decision')}. Gegen eine Ablehnung können Sie innerhalb von ${d('appeal_window')} mit Nachweisen Einspruch einlegen; über einen Einspruch entscheiden wir innerhalb von ${d('appeal_decision')}.`,
        `Einen Konflikt bestätigen wir innerhalb von ${d('conflict_acknowledgement')} und legen innerhalb von ${d('conflict_resolution_plan')} einen Lösungsplan vor. Die Zuständigkeit für eine Verlängerung wird spätestens ${formatDuration(sla.renewal_ownership_confirmation.duration, 'de')} vor der Verlängerung bestätigt.`,
      ];
}

/**
 * One step of a conflict decision in words. `nameOf` turns partner ids into names — for a
 * partner's own view, pass one that says "another partner" for everyone else.
 */
export function describeConflictReason(r: ConflictReason, locale: Locale, nameOf: (partnerId: string) => string): string {
  const en = locale === 'en';
  const [w, l] = [r.winner && r.winner !== 'direct' ? nameOf(r.winner) : '', r.loser !== 'direct' ? nameOf(r.loser) : ''];
  const cert = (v?: string) =>
    v === 'certified'
      ? en
        ? 'certified'
        : 'zertifiziert'
      : v === 'in_progress'
        ? en
          ? 'in certification'
          : 'in Zertifizierung'
        : en
          ? 'not certified'
          : 'nicht zertifiziert';
  switch (r.code) {
    case 'registered_beats_unregistered':
      return en ? `${w} registered the deal; ${l} did not.` : `${w} hat den Deal registriert, ${l} nicht.`;
    case 'established_beats_new':
      return en ? `${w} has an established relationship with the customer; ${l} does not.` : `${w} hat eine etablierte Kundenbeziehung, ${l} nicht.`;
    case 'qualified_beats_pending':
      return en ? `The claim of ${w} is qualified; that of ${l} is not yet.` : `Der Anspruch von ${w} ist qualifiziert, der von ${l} noch nicht.`;
    case 'qualified_first':
      return en ? `The claim of ${w} was qualified before that of ${l}.` : `Der Anspruch von ${w} wurde vor dem von ${l} qualifiziert.`;
    case 'higher_tier':
      return en
        ? `${w} (tier ${r.winnerValue ? capitalise(r.winnerValue) : 'none'}) ranks above ${l} (tier ${r.loserValue ? capitalise(r.loserValue) : 'none'}).`
        : `${w} (Stufe ${r.winnerValue ? capitalise(r.winnerValue) : 'keine'}) steht über ${l} (Stufe ${r.loserValue ? capitalise(r.loserValue) : 'keine'}).`;
    case 'higher_certification':
      return en
        ? `Certification breaks the tie: ${w} is ${cert(r.winnerValue)}, ${l} is ${cert(r.loserValue)}.`
        : `Die Zertifizierung entscheidet: ${w} ist ${cert(r.winnerValue)}, ${l} ist ${cert(r.loserValue)}.`;
    case 'submitted_first':
      return en ? `${w} submitted before ${l}.` : `${w} hat vor ${l} eingereicht.`;
    case 'tie':
      return en
        ? `${w} and ${l} are equal on every rule; a partner manager decides.`
        : `${w} und ${l} sind nach allen Regeln gleichauf; ein Partnermanager entscheidet.`;
    case 'not_qualified':
      return en ? `The claim of ${l} was found not qualified.` : `Der Anspruch von ${l} wurde als nicht qualifiziert bewertet.`;
    case 'direct_opportunity_open':
      return en
        ? `Our own sales team has an open opportunity on the customer, which takes precedence over ${l}.`
        : `Unser eigener Vertrieb hat eine offene Opportunity für den Kunden; sie hat Vorrang vor ${l}.`;
    case 'direct_opened_first':
      return en
        ? `Our own sales team opened its opportunity before ${l} registered.`
        : `Unser eigener Vertrieb hat seine Opportunity eröffnet, bevor ${l} registriert hat.`;
    case 'registered_before_direct':
      return en
        ? `${w} registered before our own sales team opened its opportunity.`
        : `${w} hat registriert, bevor unser eigener Vertrieb seine Opportunity eröffnet hat.`;
    case 'registered_partner_over_direct':
      return en
        ? `${w} holds a registration, which comes before our own opportunity.`
        : `${w} hat eine Registrierung; sie geht unserer eigenen Opportunity vor.`;
    case 'unregistered_yields_to_direct':
      return en
        ? `${l} did not register the deal, so our own sales team's opportunity takes precedence.`
        : `${l} hat den Deal nicht registriert; die Opportunity unseres eigenen Vertriebs hat Vorrang.`;
  }
}
