// Word pools of the CRM data generator: what a B2B software vendor's CRM says, in English and German.

export const INDUSTRIES = [
  'Software',
  'IT Services',
  'Manufacturing',
  'Financial Services',
  'Healthcare',
  'Retail',
  'Logistics',
  'Energy',
  'Telecommunications',
  'Automotive',
  'Public Sector',
  'Education',
  'Media',
  'Insurance',
  'Construction',
  'Pharmaceuticals',
] as const;

/** Segment → weight and employee range. */
export const SEGMENTS = {
  Enterprise: { weight: 10, min: 1000, max: 200_000 },
  'Mid-Market': { weight: 30, min: 100, max: 1000 },
  SMB: { weight: 60, min: 2, max: 100 },
} as const;

export const TITLES = [
  'CEO',
  'CTO',
  'CIO',
  'Head of IT',
  'IT Manager',
  'Procurement Manager',
  'Head of Sales',
  'VP Engineering',
  'Geschäftsführer',
  'Geschäftsführerin',
  'Leiter IT',
  'Leiterin Einkauf',
  'Projektleiter',
  'Directeur informatique',
  'Responsable achats',
  'Data Protection Officer',
  'Solution Architect',
  'Office Manager',
];

/** Dialling prefix per country. */
export const PHONE_PREFIX: Record<string, string> = {
  DE: '+49',
  AT: '+43',
  CH: '+41',
  FR: '+33',
  NL: '+31',
  SE: '+46',
  DK: '+45',
  FI: '+358',
  NO: '+47',
  IT: '+39',
  ES: '+34',
  PT: '+351',
  PL: '+48',
  CZ: '+420',
  HU: '+36',
  GB: '+44',
  US: '+1',
};

/** What an opportunity sells; its name is "<account> – <product> <close year>". */
export const PRODUCTS = [
  'Enterprise License',
  'Cloud Platform',
  'Data Analytics Suite',
  'Security Bundle',
  'Managed Services',
  'Migration Project',
  'Renewal',
  'Expansion',
  'Professional Services',
  'Support Upgrade',
  'Rahmenvertrag',
  'Lizenzerweiterung',
  'Pilotprojekt',
  'Rollout Phase 2',
  'Marketplace Subscription',
  'Integration Package',
  'Training & Enablement',
  'Private Offer',
];

export const NEXT_STEPS = [
  'Send the revised proposal',
  'Demo for the IT team',
  'Security questionnaire back by Friday',
  'Procurement call with legal',
  'Angebot nachfassen',
  'Termin mit dem Einkauf vereinbaren',
  'Proof of concept kick-off',
  'Pricing approval from the VP Sales',
  'Partner to confirm the services scope',
  'Referenzkunde vermitteln',
  'Send the order form',
  'Technical workshop on site',
];

export const DESCRIPTIONS = [
  'Replaces the legacy on-premise system; budget approved for this fiscal year.',
  'Partner-led deal: the reseller owns the relationship, we support the technical win.',
  'Competitive against two incumbents; price sensitivity high.',
  'Ausschreibung über den Rahmenvertrag; Entscheidung im Lenkungskreis.',
  'Expansion into two more business units after a successful pilot.',
  'Marketplace private offer; procurement runs through the cloud commitment.',
];

export const TIMELINE_BODIES = {
  note: [
    'Champion confirmed budget for Q3; next step is the security review.',
    'Kunde wünscht ein Angebot inkl. Schulungstagen.',
    'Discussed the rollout plan with the partner; they will staff two consultants.',
    'Procurement asked for a 3-year price lock.',
    'Entscheider ist der neue CIO, Termin steht noch aus.',
    'Competitor offered a 20 % discount; we hold on value.',
    'Legal reviewed the DPA, two open points on sub-processors.',
    'Technischer Ansprechpartner sehr zufrieden mit dem PoC.',
    'Renewal at risk: usage dropped after the reorganisation.',
    'Referral from the partner, warm intro to the CFO.',
  ],
  email: [
    'Re: Angebot und nächste Schritte',
    'Proposal attached, valid for 30 days',
    'Follow-up on yesterday’s demo',
    'Re: Security questionnaire',
    'Einladung: Workshop zur Datenmigration',
    'Order form for countersignature',
    'Re: Pricing for the expansion',
    'Introductions: partner team and account team',
  ],
  call: [
    'Discovery call: 45 min, pain points in reporting',
    'Telefonat mit dem Einkauf, Rabattrahmen besprochen',
    'Check-in call with the partner rep',
    'Call with the champion about the internal business case',
    'Kurzes Update zum Projektstatus',
  ],
  meeting: [
    'On-site workshop with IT and procurement',
    'Quarterly business review',
    'Vor-Ort-Termin in der Zentrale',
    'Executive sponsor meeting',
    'Joint planning session with the partner',
  ],
  task: [
    'Prepare the ROI calculation',
    'Angebot bis Freitag versenden',
    'Book the solution engineer for the demo',
    'Update the mutual action plan',
    'Chase the signed order form',
  ],
  slack_message: [
    'Partner posted in #deal-room: customer wants a call this week',
    'Slack: legal approved the redlines',
    'Slack: Kunde hat die Bestellung freigegeben',
  ],
  system: ['Synced from HubSpot', 'Imported from CSV', 'Owner changed by assignment rule', 'Record merged with a duplicate'],
} as const;
