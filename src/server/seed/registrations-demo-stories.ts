import type { Motion } from '../../shared/opportunities.ts';

/**
 * The demo's registration queue as stories: who registers which company, how, and what happens
 * next, at times counted back from the seed's "now" (business hours for the open ones, so their
 * decision SLAs are on track, at risk or breached whatever the weekday). registrations-demo.ts
 * plays them through the services in the order they happened.
 */

/** The demo partners by role in the stories (their names in demo.ts). */
export const DEMO_PARTNERS = {
  nordlicht: 'Nordlicht IT-Services GmbH',
  bergmann: 'Bergmann & Söhne Systemhaus KG',
  cloudbridge: 'CloudBridge Marketplace Ltd',
  referral: 'Referral Partners Inc.',
  mueller: 'Müller Datentechnik AG',
} as const;
export type Who = keyof typeof DEMO_PARTNERS;

/** How each partner registers: the demo partner user in the portal, a no-login link (with its submitter), or staff through the API. */
export const CHANNEL: Record<Who, { kind: 'portal' } | { kind: 'link'; submitter: { name: string; email: string } } | { kind: 'api' }> = {
  nordlicht: { kind: 'portal' },
  bergmann: { kind: 'link', submitter: { name: 'Jonas Bergmann', email: 'jonas.bergmann@bergmann-systemhaus.de' } },
  cloudbridge: { kind: 'api' },
  referral: { kind: 'link', submitter: { name: 'Megan Cole', email: 'megan.cole@referralpartners.com' } },
  mueller: { kind: 'link', submitter: { name: 'Lukas Meier', email: 'lukas.meier@mueller-datentechnik.ch' } },
};

/** The motion each partner registers for. */
export const MOTION_OF: Record<Who, Motion> = {
  nordlicht: 'services',
  bergmann: 'resale',
  cloudbridge: 'marketplace',
  referral: 'referral',
  mueller: 'technology',
};

/** A point in time: business hours ago, or a local time some days ago, or elapsed hours ago. */
export type When = { bh: number } | { days: number; at: string } | { hours: number };

/** What happens to a registration after it is submitted. */
export type Step =
  | { at: When; do: 'review' }
  | { at: When; do: 'approve'; protectionDays?: number; note?: string }
  | { at: When; do: 'reject'; reason: string; note: string }
  | { at: When; do: 'appeal'; reason: string }
  | { at: When; do: 'deny_appeal'; note: string }
  | { at: When; do: 'extension'; evidence: 'discovery_booked' | 'stage_advanced' | 'meeting_held'; text: string }
  | { at: When; do: 'withdraw' }
  | { at: When; do: 'release'; reason: string }
  | { at: When; do: 'partner_note'; body: string };

/**
 * The company of a story: a new one, one of the demo's accounts without deals under another
 * spelling (a possible duplicate), or the account of one of the partner's open deals (the deal
 * the approval links, so the registration and the deal become one record).
 */
export type Company =
  | { kind: 'new'; name: string; domain: string; contact: string }
  | { kind: 'duplicate'; spelling: 'without_legal_form' | 'transliterated' }
  | { kind: 'deal' }
  | { kind: 'same_as'; story: string; name: string };

export type Story = {
  key: string;
  who: Who;
  type?: 'lead';
  company: Company;
  amount?: { value: number; currency: string };
  /** Days after submission the customer is expected to sign. */
  closeInDays?: number;
  notes: string;
  submitted: When;
  steps?: Step[];
};

export const STORIES: Story[] = [
  // Waiting for a decision: on track, at risk, breached.
  {
    key: 'hofmann',
    who: 'nordlicht',
    company: { kind: 'new', name: 'Hofmann Präzisionstechnik GmbH', domain: 'hofmann-praezision.de', contact: 'Sabine Hofmann' },
    amount: { value: 38_000, currency: 'EUR' },
    closeInDays: 75,
    notes: 'Discovery call with the head of production held; they want a managed rollout for two plants.',
    submitted: { bh: 2 },
  },
  {
    key: 'seeblick',
    who: 'bergmann',
    company: { kind: 'new', name: 'Seeblick Hotels & Resorts GmbH', domain: 'seeblick-hotels.de', contact: 'Marco Lehner' },
    amount: { value: 64_500, currency: 'EUR' },
    closeInDays: 60,
    notes: 'Twelve hotels, licence refresh through us; the IT lead asked for a quote by month end.',
    submitted: { bh: 7 },
    steps: [{ at: { bh: 5 }, do: 'review' }],
  },
  {
    key: 'alpengluehen',
    who: 'mueller',
    company: { kind: 'new', name: 'Alpenglühen Energie AG', domain: 'alpengluehen-energie.ch', contact: 'Reto Brunner' },
    amount: { value: 120_000, currency: 'CHF' },
    closeInDays: 120,
    notes: 'Integration with their SCADA historian; proof of concept scoped with the CTO.',
    submitted: { bh: 39 },
  },
  {
    key: 'kraemer',
    who: 'nordlicht',
    company: { kind: 'new', name: 'Krämer Logistik GmbH & Co. KG', domain: 'kraemer-logistik.de', contact: 'Thomas Krämer' },
    amount: { value: 27_500, currency: 'EUR' },
    closeInDays: 45,
    notes: 'Warehouse teams in three sites; onboarding workshop requested for Q3.',
    submitted: { bh: 44 },
    steps: [{ at: { bh: 40 }, do: 'review' }],
  },
  {
    key: 'sternwarte',
    who: 'bergmann',
    company: { kind: 'new', name: 'Sternwarte Analytics GmbH', domain: 'sternwarte-analytics.de', contact: 'Julia Stern' },
    amount: { value: 18_900, currency: 'EUR' },
    closeInDays: 30,
    notes: 'Small team, fast decision: they compare us with one competitor.',
    submitted: { bh: 58 },
  },
  {
    key: 'harbour',
    who: 'cloudbridge',
    company: { kind: 'new', name: 'Harbour Lane Foods Ltd', domain: 'harbourlanefoods.co.uk', contact: 'Emily Carter' },
    amount: { value: 41_000, currency: 'GBP' },
    closeInDays: 50,
    notes: 'Private offer through the marketplace; procurement wants to use committed spend.',
    submitted: { bh: 75 },
  },
  // Possible duplicates of the demo's accounts: the same company without its legal form, or spelt without umlauts.
  {
    key: 'duplicate-legal-form',
    who: 'bergmann',
    company: { kind: 'duplicate', spelling: 'without_legal_form' },
    amount: { value: 24_000, currency: 'EUR' },
    closeInDays: 90,
    notes: 'Met their managing director at a trade fair; they plan to replace their spreadsheets this year.',
    submitted: { bh: 12 },
  },
  {
    key: 'duplicate-umlauts',
    who: 'nordlicht',
    company: { kind: 'duplicate', spelling: 'transliterated' },
    amount: { value: 31_000, currency: 'EUR' },
    closeInDays: 80,
    notes: 'Referred by their sister company; kick-off call planned.',
    submitted: { bh: 20 },
  },
  // A conflict: two partners registered the same company.
  {
    key: 'brueckner',
    who: 'nordlicht',
    company: { kind: 'new', name: 'Brückner Medizintechnik GmbH', domain: 'brueckner-medizintechnik.de', contact: 'Dr. Anna Brückner' },
    amount: { value: 72_000, currency: 'EUR' },
    closeInDays: 100,
    notes: 'Quality management rollout; workshop with their regulatory team held last week.',
    submitted: { bh: 26 },
  },
  {
    key: 'brueckner-bergmann',
    who: 'bergmann',
    company: { kind: 'same_as', story: 'brueckner', name: 'Brückner Medizintechnik' },
    amount: { value: 69_000, currency: 'EUR' },
    closeInDays: 90,
    notes: 'Their purchasing department asked us for a licence quote.',
    submitted: { hours: 5 },
  },
  {
    key: 'fjordlicht',
    who: 'referral',
    type: 'lead',
    company: { kind: 'new', name: 'Fjordlicht Software GmbH', domain: 'fjordlicht-software.de', contact: 'Henrik Larsen' },
    notes: 'Introduced by a mutual customer; interested in a demo.',
    submitted: { bh: 4 },
  },
  // Approved, each linking the partner's deal: protection running, expiring within a week, with an extension request.
  {
    key: 'protected',
    who: 'nordlicht',
    company: { kind: 'deal' },
    notes: 'Workshop with the customer’s IT held; we lead the implementation.',
    submitted: { days: 33, at: '09:40' },
    steps: [
      { at: { days: 32, at: '11:15' }, do: 'approve', note: 'Good fit for the services motion.' },
      { at: { days: 3, at: '15:10' }, do: 'partner_note', body: 'Kick-off with the customer held; the technical workshop is booked for next week.' },
    ],
  },
  {
    key: 'expiring',
    who: 'nordlicht',
    company: { kind: 'deal' },
    notes: 'Customer asked for a fixed-price rollout proposal.',
    submitted: { days: 57, at: '11:05' },
    steps: [
      { at: { days: 56, at: '14:00' }, do: 'approve', protectionDays: 60 },
      { at: { days: 8, at: '16:20' }, do: 'partner_note', body: 'Proposal sent; the customer decides after their budget meeting.' },
    ],
  },
  {
    key: 'extension',
    who: 'nordlicht',
    company: { kind: 'deal' },
    notes: 'Long evaluation expected: security review with their group IT.',
    submitted: { days: 83, at: '10:30' },
    steps: [
      { at: { days: 82, at: '09:15' }, do: 'approve' },
      { at: { days: 2, at: '11:40' }, do: 'partner_note', body: 'Security review passed; the workshop with the CIO is booked.' },
      {
        at: { days: 2, at: '11:45' },
        do: 'extension',
        evidence: 'discovery_booked',
        text: 'Workshop with the CIO and group IT security booked for next week; our proposal follows it.',
      },
    ],
  },
  {
    key: 'bergmann-approved',
    who: 'bergmann',
    company: { kind: 'deal' },
    notes: 'Licence renewal plus 40 new seats through us.',
    submitted: { days: 14, at: '13:20' },
    steps: [{ at: { days: 13, at: '10:05' }, do: 'approve' }],
  },
  {
    key: 'mueller-approved',
    who: 'mueller',
    company: { kind: 'deal' },
    notes: 'Connector to their ERP; joint pitch with the vendor’s solution engineer.',
    submitted: { days: 34, at: '15:45' },
    steps: [{ at: { days: 33, at: '11:30' }, do: 'approve' }],
  },
  {
    key: 'cloudbridge-approved',
    who: 'cloudbridge',
    company: { kind: 'deal' },
    notes: 'Private offer prepared; the customer buys through their cloud commitment.',
    submitted: { days: 21, at: '09:05' },
    steps: [{ at: { days: 20, at: '16:30' }, do: 'approve' }],
  },
  // Protection that ended: expired (the timers sweep flags and releases it) and released early by staff.
  {
    key: 'expired',
    who: 'referral',
    company: { kind: 'deal' },
    notes: 'Warm introduction to the COO.',
    submitted: { days: 103, at: '10:00' },
    steps: [{ at: { days: 101, at: '10:00' }, do: 'approve' }],
  },
  {
    key: 'released',
    who: 'bergmann',
    company: { kind: 'deal' },
    notes: 'Customer wants to consolidate licences with one reseller.',
    submitted: { days: 75, at: '14:10' },
    steps: [
      { at: { days: 74, at: '09:30' }, do: 'approve' },
      { at: { days: 9, at: '17:05' }, do: 'release', reason: 'No activity since the kick-off; released after a call with the partner.' },
    ],
  },
  // Rejected with their reasons; one appealed (waiting), one appeal denied.
  {
    key: 'nordsee',
    who: 'bergmann',
    company: { kind: 'new', name: 'Nordsee Fisch & Feinkost GmbH', domain: 'nordsee-feinkost.de', contact: 'Hauke Petersen' },
    amount: { value: 6_800, currency: 'EUR' },
    closeInDays: 30,
    notes: 'Five users in the office.',
    submitted: { days: 10, at: '10:10' },
    steps: [{ at: { days: 9, at: '14:30' }, do: 'reject', reason: 'not_qualified', note: 'Below the minimum deal size of the reseller program.' }],
  },
  {
    key: 'sonnental',
    who: 'mueller',
    company: { kind: 'new', name: 'Sonnental Bau GmbH', domain: 'sonnental-bau.de', contact: 'Petra Sonntag' },
    amount: { value: 45_000, currency: 'EUR' },
    closeInDays: 60,
    notes: 'Integration with their construction ERP.',
    submitted: { days: 22, at: '08:50' },
    steps: [
      {
        at: { days: 20, at: '11:15' },
        do: 'reject',
        reason: 'customer_in_active_cycle',
        note: 'Our direct team has been negotiating with the customer since spring.',
      },
    ],
  },
  {
    key: 'eichhorn',
    who: 'nordlicht',
    company: { kind: 'new', name: 'Eichhorn Feinmechanik GmbH', domain: 'eichhorn-feinmechanik.de', contact: 'Klaus Eichhorn' },
    amount: { value: 26_000, currency: 'EUR' },
    closeInDays: 70,
    notes: 'Discovery workshop with their CFO held; they asked for us as their implementation partner.',
    submitted: { days: 7, at: '09:30' },
    steps: [
      { at: { days: 5, at: '15:00' }, do: 'reject', reason: 'customer_in_active_cycle', note: 'The customer is in a direct evaluation.' },
      {
        at: { days: 3, at: '10:20' },
        do: 'appeal',
        reason:
          'We ran the discovery workshop with their CFO before the direct evaluation started; the customer asked for us as their partner in writing.',
      },
    ],
  },
  {
    key: 'thornbury',
    who: 'cloudbridge',
    company: { kind: 'new', name: 'Thornbury Retail Ltd', domain: 'thornbury-retail.co.uk', contact: 'James Whitfield' },
    amount: { value: 12_000, currency: 'GBP' },
    closeInDays: 40,
    notes: 'Marketplace purchase planned.',
    submitted: { days: 4, at: '09:15' },
    steps: [
      { at: { days: 3, at: '12:40' }, do: 'reject', reason: 'incomplete', note: 'Please add the expected seats and a contact at the customer.' },
    ],
  },
  {
    key: 'holzner',
    who: 'nordlicht',
    company: { kind: 'new', name: 'Sägewerk Holzner KG', domain: 'saegewerk-holzner.de', contact: 'Martin Holzner' },
    amount: { value: 19_500, currency: 'EUR' },
    closeInDays: 120,
    notes: 'Digitising their order intake.',
    submitted: { days: 27, at: '10:00' },
    steps: [
      { at: { days: 26, at: '16:00' }, do: 'reject', reason: 'not_qualified', note: 'No budget before next year.' },
      { at: { days: 24, at: '09:30' }, do: 'appeal', reason: 'The budget was approved in their May board meeting.' },
      { at: { days: 21, at: '14:00' }, do: 'deny_appeal', note: 'The budget is for next year; register again when the project starts.' },
    ],
  },
  {
    key: 'polarstern',
    who: 'referral',
    type: 'lead',
    company: { kind: 'new', name: 'Polarstern Apps GmbH', domain: 'polarstern-apps.de', contact: 'Lena Nordmann' },
    notes: 'Met at a meetup; looking for a partner portal.',
    submitted: { days: 12, at: '15:30' },
    steps: [{ at: { days: 11, at: '10:00' }, do: 'reject', reason: 'duplicate', note: 'The lead came in through our website last week.' }],
  },
  // Withdrawn by the partner.
  {
    key: 'kranich',
    who: 'nordlicht',
    company: { kind: 'new', name: 'Kranich Reisen GmbH', domain: 'kranich-reisen.de', contact: 'Sophie Kranich' },
    amount: { value: 9_900, currency: 'EUR' },
    closeInDays: 40,
    notes: 'Travel agency with 30 staff.',
    submitted: { days: 16, at: '11:20' },
    steps: [{ at: { days: 15, at: '09:05' }, do: 'withdraw' }],
  },
];
