import { describe, expect, it } from 'vitest';
import { type ConflictPolicy, type ConflictReasonCode, DEFAULT_CONFLICT_POLICY } from './conflict-policy.rules.ts';
import { DEFAULT_PROTECTION_SETTINGS } from './protection.rules.ts';
import { describeConflictReason, rulesOfEngagement } from './rules-of-engagement.ts';
import { DEFAULT_SLA_POLICIES } from './sla.rules.ts';

const context = { protection: DEFAULT_PROTECTION_SETTINGS, sla: DEFAULT_SLA_POLICIES };

describe('rules of engagement', () => {
  it('publishes the default policy in English, in the order the system applies it', () => {
    expect(rulesOfEngagement(DEFAULT_CONFLICT_POLICY, 'en', context)).toEqual({
      title: 'Rules of engagement',
      rules: [
        'Register every deal. A registered deal comes before an unregistered claim on the same customer and motion.',
        'A partner with an established relationship with the customer comes before a partner who is new to it.',
        'Among the remaining claims, the submission we qualify first wins.',
        'If that is still a tie, certification decides: certified partners first, then partners in certification, then the others.',
        'After that the earlier submission wins. If everything is equal, a partner manager decides.',
        'If our own sales team opens an opportunity on the customer, a partner who registered the deal before that keeps it; later registrations give way. Unregistered claims always give way to our own sales team.',
        'Partners in different motions on the same customer – a reseller and a services partner, say – do not compete: each can hold a role on the opportunity, and benefits are split by documented contribution.',
        'An approved registration is protected for 90 days, to the end of its last day. We remind you 7 days before it ends; protection that has run out is released.',
        'You can request up to 2 extensions of 30 days each (at most 60 days in total) in the last 30 days of protection, with evidence of progress such as a booked discovery call, an advanced stage or a meeting held.',
        'A protected deal without any activity for 30 days is flagged and can be reassigned.',
        'We decide on every registration within 48 business hours. You can appeal a rejection within 14 days, with evidence; we decide on an appeal within 5 business days.',
        'We acknowledge a conflict within 24 hours and present a resolution plan within 5 business days. Ownership of a renewal is confirmed at least 90 days before the renewal.',
        'Every decision is recorded with its reason.',
      ],
    });
  });

  it('publishes it in German with the right grammatical cases', () => {
    const { title, rules } = rulesOfEngagement(DEFAULT_CONFLICT_POLICY, 'de', context);
    expect(title).toBe('Regeln der Zusammenarbeit');
    expect(rules[2]).toBe('Unter den übrigen Ansprüchen gewinnt die Einreichung, die wir zuerst qualifizieren.');
    expect(rules).toContain(
      'Eine genehmigte Registrierung ist 90 Tage geschützt, bis zum Ende des letzten Tages. Wir erinnern Sie 7 Tage vor dem Ende; abgelaufener Schutz wird freigegeben.',
    );
    expect(rules).toContain(
      'Sie können in den letzten 30 Tagen des Schutzes bis zu 2 Verlängerungen um je 30 Tage beantragen (insgesamt höchstens 60 Tage), mit einem Nachweis des Fortschritts wie einem gebuchten Discovery-Termin, einer erreichten nächsten Phase oder einem durchgeführten Meeting.',
    );
    expect(rules).toContain('Ein geschützter Deal ohne Aktivität seit 30 Tagen wird markiert und kann neu zugewiesen werden.');
    expect(rules).toContain(
      'Wir entscheiden über jede Registrierung innerhalb von 48 Arbeitsstunden. Gegen eine Ablehnung können Sie innerhalb von 14 Tagen mit Nachweisen Einspruch einlegen; über einen Einspruch entscheiden wir innerhalb von 5 Arbeitstagen.',
    );
    expect(rules).toContain(
      'Einen Konflikt bestätigen wir innerhalb von 24 Stunden und legen innerhalb von 5 Arbeitstagen einen Lösungsplan vor. Die Zuständigkeit für eine Verlängerung wird spätestens 90 Tage vor der Verlängerung bestätigt.',
    );
  });

  it('lists the tier order and the rules a workspace changed', () => {
    const policy: ConflictPolicy = {
      mode: 'tier_priority',
      tierOrder: ['platinum', 'gold', 'silver'],
      establishedBeatsNew: false,
      certificationBreaksTies: false,
      direct: 'partner_yields',
    };
    const en = rulesOfEngagement(policy, 'en', { tierLabels: { platinum: 'Platinum Elite' } }).rules;
    expect(en).toContain(
      'Among the remaining claims, the partner in the higher tier wins: Platinum Elite, Gold, then Silver. Partners in other tiers come after these.',
    );
    expect(en.join(' ')).not.toContain('established');
    expect(en.join(' ')).not.toContain('certification decides');
    expect(en).toContain('If our own sales team has an open opportunity on the customer, it takes precedence; partners can join it in a role.');
    expect(en).toContain(
      'After that the submission qualified first wins, then the earlier submission. If everything is equal, a partner manager decides.',
    );
    const de = rulesOfEngagement(policy, 'de').rules;
    expect(de).toContain(
      'Unter den übrigen Ansprüchen gewinnt der Partner der höheren Stufe: Platinum vor Gold vor Silver. Partner anderer Stufen folgen danach.',
    );
    expect(rulesOfEngagement({ ...policy, direct: 'registered_partner_wins' }, 'en').rules.join(' ')).toContain(
      'our team then sells together with the partner',
    );
  });

  it('spells out protection overrides, fixed windows and missing extensions', () => {
    const protection = {
      ...DEFAULT_PROTECTION_SETTINGS,
      overrides: [
        { motion: 'resale' as const, days: 60 },
        { tier: 'gold', days: 120 },
        { motion: 'marketplace' as const, tier: 'gold', days: 75 },
      ],
      extension: { ...DEFAULT_PROTECTION_SETTINGS.extension, maxExtensions: 1, opensDaysBeforeExpiry: null, requireEvidence: false },
    };
    const en = rulesOfEngagement(DEFAULT_CONFLICT_POLICY, 'en', { protection }).rules;
    expect(en).toContain(
      'An approved registration is protected for 90 days (resale: 60 days; Gold tier: 120 days; marketplace + Gold tier: 75 days), to the end of its last day. We remind you 7 days before it ends; protection that has run out is released.',
    );
    expect(en).toContain('You can request up to 1 extension of 30 days each (at most 60 days in total) at any time during protection.');
    const de = rulesOfEngagement(DEFAULT_CONFLICT_POLICY, 'de', { protection }).rules;
    expect(de.join(' ')).toContain('(Wiederverkauf: 60 Tage; Stufe Gold: 120 Tage; Marktplatz + Stufe Gold: 75 Tage)');
    const none = { ...protection, extension: { ...protection.extension, maxExtensions: 0 } };
    expect(rulesOfEngagement(DEFAULT_CONFLICT_POLICY, 'en', { protection: none }).rules).toContain('Protection cannot be extended.');
  });
});

describe('conflict reasons in words', () => {
  const names: Record<string, string> = { a: 'Acme Partners', b: 'Beta Consulting' };
  const nameOf = (id: string) => names[id] ?? 'another partner';

  it('explains each step, naming partners through the caller', () => {
    expect(describeConflictReason({ code: 'registered_beats_unregistered', winner: 'a', loser: 'b' }, 'en', nameOf)).toBe(
      'Acme Partners registered the deal; Beta Consulting did not.',
    );
    expect(describeConflictReason({ code: 'higher_tier', winner: 'a', loser: 'b', winnerValue: 'gold', loserValue: '' }, 'de', nameOf)).toBe(
      'Acme Partners (Stufe Gold) steht über Beta Consulting (Stufe keine).',
    );
    expect(
      describeConflictReason({ code: 'higher_certification', winner: 'x', loser: 'b', winnerValue: 'certified', loserValue: 'none' }, 'en', nameOf),
    ).toBe('Certification breaks the tie: another partner is certified, Beta Consulting is not certified.');
    expect(describeConflictReason({ code: 'direct_opened_first', winner: 'direct', loser: 'a' }, 'de', nameOf)).toBe(
      'Unser eigener Vertrieb hat seine Opportunity eröffnet, bevor Acme Partners registriert hat.',
    );
  });

  it('has a sentence for every reason in both languages', () => {
    const all: ConflictReasonCode[] = [
      'registered_beats_unregistered',
      'established_beats_new',
      'qualified_beats_pending',
      'qualified_first',
      'higher_tier',
      'higher_certification',
      'submitted_first',
      'tie',
      'not_qualified',
      'direct_opportunity_open',
      'direct_opened_first',
      'registered_before_direct',
      'registered_partner_over_direct',
      'unregistered_yields_to_direct',
    ];
    for (const code of all) {
      for (const locale of ['en', 'de'] as const) {
        const text = describeConflictReason({ code, winner: 'a', loser: 'b', winnerValue: 'gold', loserValue: 'silver' }, locale, nameOf);
        expect(text, `${code} ${locale}`).toMatch(/^[A-ZÄÖÜ].*\.$/);
        expect(text).not.toMatch(/undefined|null/);
      }
    }
  });
});
