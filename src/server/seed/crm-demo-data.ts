// Names, places and phrases of the demo CRM (seedCrmDemo): European and US companies, German ones with umlauts and legal forms.

/** A seeded PRNG (sfc32): same seed, same demo. */
export class SeededRandom {
  private a = 0x9e3779b9;
  private b = 0x243f6a88;
  private c = 0xb7e15162;
  private d: number;

  constructor(seed: number) {
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A key of the table, proportionally to its weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
}

const list = (s: string) => s.split('|');

/** Where companies come from: how they are named and which legal forms, cities, domains and phone prefixes they have. */
export type Market = {
  weight: number;
  country: string;
  region: string;
  tld: string;
  phone: string;
  surnames: string[];
  firstNames: string[];
  words: string[];
  sectors: string[];
  legalForms: string[];
  cities: string[];
};

const GERMAN_SURNAMES = list(
  'Müller|Schäfer|Krüger|Böhm|Köhler|Günther|Jäger|Möller|Schröder|Weiß|Groß|Strauß|Brückner|Dürr|Hoffmann|Schmidt|Schneider|Fischer|Wagner|Becker|Schulz|Keller|Richter|Wolf|Neumann|Schwarz|Zimmermann|Braun|Hartmann|Lange|Werner|Krause|Lehmann|Maier|Huber|Vogel|Sommer|Fuchs|Kühn|Lück',
);
const GERMAN_FIRST_NAMES = list(
  'Jürgen|Jörg|Björn|Sören|Käthe|Anja|Lukas|Lena|Jonas|Marie|Felix|Sophie|Maximilian|Hannah|Tobias|Julia|Stefan|Katrin|Matthias|Sabine|Günter|Ute|Dirk|Birgit|Uwe|Heike|Ömer|Zoë|Mehmet|Jana',
);
const GERMAN_WORDS = list(
  'Nordlicht|Bergwerk|Rheintal|Alpenblick|Hanse|Elbufer|Schwarzwald|Bodensee|Sonnenhof|Löwenzahn|Adlerhorst|Falkenstein|Eichenhain|Grünwald|Weißdorn|Mühlbach|Isartal|Spreewald|Nordwind|Südstern|Mainufer|Wattenmeer',
);
const GERMAN_SECTORS = list(
  'Software|Systemhaus|IT-Beratung|Datentechnik|Informatik|Digital|Netzwerke|Logistik|Maschinenbau|Automatisierung|Medientechnik|Sicherheitstechnik|Energietechnik|Versicherungsmakler|Bauunternehmung|Lebensmittel',
);

export const MARKETS: Market[] = [
  {
    weight: 32,
    country: 'DE',
    region: 'DACH',
    tld: 'de',
    phone: '+49',
    surnames: GERMAN_SURNAMES,
    firstNames: GERMAN_FIRST_NAMES,
    words: GERMAN_WORDS,
    sectors: GERMAN_SECTORS,
    legalForms: list('GmbH|GmbH|GmbH|AG|KG|GmbH & Co. KG|GmbH & Co. KG|SE|e.K.|UG (haftungsbeschränkt)'),
    cities: list(
      'Berlin|Hamburg|München|Köln|Frankfurt|Stuttgart|Düsseldorf|Leipzig|Nürnberg|Bremen|Hannover|Dresden|Münster|Würzburg|Lübeck|Göttingen',
    ),
  },
  {
    weight: 7,
    country: 'AT',
    region: 'DACH',
    tld: 'at',
    phone: '+43',
    surnames: GERMAN_SURNAMES,
    firstNames: GERMAN_FIRST_NAMES,
    words: GERMAN_WORDS,
    sectors: GERMAN_SECTORS,
    legalForms: list('GmbH|GmbH|AG|KG|OG'),
    cities: list('Wien|Graz|Linz|Salzburg|Innsbruck|Klagenfurt'),
  },
  {
    weight: 6,
    country: 'CH',
    region: 'DACH',
    tld: 'ch',
    phone: '+41',
    surnames: [...GERMAN_SURNAMES, 'Zürcher', 'Baumgartner', 'Frei', 'Gerber'],
    firstNames: GERMAN_FIRST_NAMES,
    words: [...GERMAN_WORDS, 'Zürichsee', 'Jungfrau', 'Säntis'],
    sectors: GERMAN_SECTORS,
    legalForms: list('AG|AG|GmbH|SA|Sàrl'),
    cities: list('Zürich|Bern|Basel|Luzern|St. Gallen|Zug'),
  },
  {
    weight: 8,
    country: 'FR',
    region: 'France',
    tld: 'fr',
    phone: '+33',
    surnames: list('Dupont|Lefèvre|Moreau|Girard|Bonnet|Rousseau|Fournier|Mercier|Lambert|Faure'),
    firstNames: list('Élodie|François|Hélène|Jérôme|Camille|Thibault|Léa|Noël|Chloé|Rémi'),
    words: list('Lumière|Horizon|Azur|Étoile|Rivière|Montagne|Océan|Côte'),
    sectors: list('Conseil|Informatique|Solutions|Numérique|Systèmes|Logiciels|Industrie'),
    legalForms: list('SAS|SARL|SA|SASU'),
    cities: list('Paris|Lyon|Marseille|Toulouse|Nantes|Lille|Bordeaux|Grenoble'),
  },
  {
    weight: 6,
    country: 'NL',
    region: 'Benelux',
    tld: 'nl',
    phone: '+31',
    surnames: list('van der Berg|de Vries|Jansen|Bakker|Visser|Smit|de Jong|van Dijk|Mulder|Peeters'),
    firstNames: list('Daan|Sanne|Bram|Femke|Joost|Lotte|Pieter|Anouk'),
    words: list('Polder|Molenwaard|Tulp|Zeeland|Noordzee|Grachten'),
    sectors: list('Digital|ICT|Software|Consultancy|Data|Logistiek'),
    legalForms: list('B.V.|B.V.|N.V.'),
    cities: list('Amsterdam|Rotterdam|Utrecht|Eindhoven|Den Haag|Groningen'),
  },
  {
    weight: 6,
    country: 'SE',
    region: 'Nordics',
    tld: 'se',
    phone: '+46',
    surnames: list('Lindqvist|Andersson|Nyström|Sjöberg|Åkesson|Berg|Holm|Ekström'),
    firstNames: list('Åsa|Björn|Maja|Erik|Ingrid|Lars|Freja|Oskar'),
    words: list('Fjäll|Norrsken|Havsbris|Skog|Älv|Ljus'),
    sectors: list('Data|System|Konsult|Digital|Teknik'),
    legalForms: list('AB'),
    cities: list('Stockholm|Göteborg|Malmö|Uppsala'),
  },
  {
    weight: 5,
    country: 'ES',
    region: 'Southern Europe',
    tld: 'es',
    phone: '+34',
    surnames: list('García|Martínez|López|Núñez|Fernández|Sánchez|Romero|Muñoz'),
    firstNames: list('José|Lucía|Andrés|Inés|Carmen|Álvaro|Marta|Pablo'),
    words: list('Sierra|Costa|Levante|Aurora|Sol|Meseta'),
    sectors: list('Soluciones|Consultoría|Tecnología|Sistemas|Logística'),
    legalForms: list('S.L.|S.L.|S.A.'),
    cities: list('Madrid|Barcelona|Valencia|Sevilla|Málaga|Bilbao'),
  },
  {
    weight: 4,
    country: 'PL',
    region: 'CEE',
    tld: 'pl',
    phone: '+48',
    surnames: list('Kowalski|Nowak|Wiśniewski|Wójcik|Łukasik|Zieliński|Kamiński'),
    firstNames: list('Łukasz|Zofia|Paweł|Agnieszka|Michał|Katarzyna|Piotr'),
    words: list('Wisła|Tatry|Bałtyk|Karpaty|Mazowsze'),
    sectors: list('Systemy|Software|IT Solutions|Technologie|Logistyka'),
    legalForms: list('sp. z o.o.|sp. z o.o.|S.A.'),
    cities: list('Warszawa|Kraków|Wrocław|Gdańsk|Poznań|Łódź'),
  },
  {
    weight: 10,
    country: 'GB',
    region: 'UK & Ireland',
    tld: 'co.uk',
    phone: '+44',
    surnames: list("Clarke|Hughes|Wright|Walker|O'Brien|Evans|Roberts|Turner|Phillips|Bennett"),
    firstNames: list('Oliver|Amelia|Harry|Isla|George|Emily|Jack|Charlotte|Siobhán|Eoin'),
    words: list('Thames|Pennine|Cotswold|Highland|Kingsbridge|Brightwater|Oakfield|Mersey|Albion'),
    sectors: list('Consulting|Software|Systems|Data|Solutions|Technology|Logistics'),
    legalForms: list('Ltd|Ltd|Limited|PLC|LLP'),
    cities: list('London|Manchester|Leeds|Bristol|Edinburgh|Glasgow|Birmingham|Cambridge'),
  },
  {
    weight: 16,
    country: 'US',
    region: 'North America',
    tld: 'com',
    phone: '+1',
    surnames: list('Smith|Johnson|Miller|Davis|Garcia|Wilson|Anderson|Taylor|Thomas|Moore|Jackson|Harris'),
    firstNames: list('James|Mary|Robert|Patricia|Michael|Jennifer|David|Linda|Chris|Ashley|Kevin|Megan'),
    words: list('Summit|Blue Harbor|Redwood|Granite Peak|Lakeshore|Ironbridge|Evergreen|Silverline|Northstar|Keystone|Pioneer|Cedar Ridge'),
    sectors: list('Software|Analytics|Solutions|Systems|Consulting|Data|Cloud|Networks|Technologies|Manufacturing|Logistics|Health'),
    legalForms: list('Inc.|Inc.|LLC|Corp.|Co.'),
    cities: list('Boston|Austin|Denver|Chicago|Seattle|Atlanta|Portland|San Diego|Pittsburgh|Raleigh'),
  },
];

export const INDUSTRIES = list(
  'Software|IT Services|Manufacturing|Financial Services|Healthcare|Retail|Logistics|Energy|Telecommunications|Automotive|Public Sector|Education|Media|Insurance|Construction|Pharmaceuticals',
);

export const TITLES = list(
  'CEO|CTO|CIO|Head of IT|IT Manager|Procurement Manager|Head of Sales|VP Engineering|Geschäftsführer|Geschäftsführerin|Leiter IT|Leiterin Einkauf|Projektleiterin|Directeur informatique|Solution Architect|Data Protection Officer',
);

export const CONTACT_ROLES = list('Decision Maker|Economic Buyer|Champion|Technical Evaluator|Procurement|Influencer');

/** What an opportunity sells: "<account> – <product>". */
export const PRODUCTS = list(
  'Enterprise License|Cloud Platform|Data Analytics Suite|Security Bundle|Managed Services|Migration Project|Renewal|Expansion|Professional Services|Support Upgrade|Rahmenvertrag|Lizenzerweiterung|Pilotprojekt|Rollout Phase 2|Marketplace Private Offer|Integration Package|Training & Enablement',
);

export const NEXT_STEPS = list(
  'Send the revised proposal|Demo for the IT team|Security questionnaire back by Friday|Procurement call with legal|Angebot nachfassen|Termin mit dem Einkauf vereinbaren|Proof of concept kick-off|Pricing approval from the VP Sales|Partner to confirm the services scope|Send the order form|Technical workshop on site',
);

export const DESCRIPTIONS = list(
  'Replaces the legacy on-premise system; budget approved for this fiscal year.|Partner-led deal: the reseller owns the relationship, we support the technical win.|Competitive against two incumbents; price sensitivity is high.|Ausschreibung über den Rahmenvertrag; Entscheidung im Lenkungskreis.|Expansion into two more business units after a successful pilot.|Marketplace private offer; procurement runs through the cloud commitment.',
);

/** Bodies of the timeline entries people write, by kind. */
export const TIMELINE_BODIES = {
  note: list(
    'Champion confirmed budget for Q3; next step is the security review.|Kunde wünscht ein Angebot inkl. Schulungstagen.|Discussed the rollout plan with the partner; they will staff two consultants.|Procurement asked for a 3-year price lock.|Entscheider ist der neue CIO, Termin steht noch aus.|Competitor offered a 20 % discount; we hold on value.|Legal reviewed the DPA, two open points on sub-processors.|Technischer Ansprechpartner sehr zufrieden mit dem PoC.|Referral from the partner, warm intro to the CFO.',
  ),
  email: list(
    'Re: Angebot und nächste Schritte|Proposal attached, valid for 30 days|Follow-up on yesterday’s demo|Re: Security questionnaire|Einladung: Workshop zur Datenmigration|Order form for countersignature|Re: Pricing for the expansion',
  ),
  call: list(
    'Discovery call: 45 min, pain points in reporting|Telefonat mit dem Einkauf, Rabattrahmen besprochen|Check-in call with the partner rep|Call with the champion about the internal business case|Kurzes Update zum Projektstatus',
  ),
  meeting: list(
    'On-site workshop with IT and procurement|Quarterly business review|Vor-Ort-Termin in der Zentrale|Executive sponsor meeting|Joint planning session with the partner',
  ),
  task: list(
    'Prepare the ROI calculation|Angebot bis Freitag versenden|Book the solution engineer for the demo|Update the mutual action plan|Chase the signed order form',
  ),
} as const;

/** The 20 partners the demo adds to the 5 of seedDemo: 25 in all, five per motion, three tiers. */
export const MORE_PARTNERS = [
  { name: 'Hanse Cloud Partner GmbH & Co. KG', type: 'reseller', tier: 'platinum', region: 'DACH', domain: 'hanse-cloud.de' },
  { name: 'Wiener Netzwerk Systeme GmbH', type: 'reseller', tier: 'silver', region: 'DACH', domain: 'wiener-netzwerk.at' },
  { name: 'Polder ICT B.V.', type: 'reseller', tier: 'gold', region: 'Benelux', domain: 'polder-ict.nl' },
  { name: 'Thames Valley Solutions Ltd', type: 'reseller', tier: 'gold', region: 'UK & Ireland', domain: 'thamesvalley-solutions.co.uk' },
  { name: 'Norrsken Digital AB', type: 'referral', tier: 'silver', region: 'Nordics', domain: 'norrsken-digital.se' },
  { name: 'Sierra Consultoría S.L.', type: 'referral', tier: 'silver', region: 'Southern Europe', domain: 'sierra-consultoria.es' },
  { name: 'Brightwater Advisory LLP', type: 'referral', tier: 'silver', region: 'UK & Ireland', domain: 'brightwater-advisory.co.uk' },
  { name: 'Redwood Referral Network Inc.', type: 'referral', tier: 'silver', region: 'North America', domain: 'redwood-referrals.com' },
  { name: 'Alpenblick Consulting GmbH', type: 'services', tier: 'gold', region: 'DACH', domain: 'alpenblick-consulting.de' },
  { name: 'Lumière Numérique SAS', type: 'services', tier: 'silver', region: 'France', domain: 'lumiere-numerique.fr' },
  { name: 'Wisła Software sp. z o.o.', type: 'services', tier: 'silver', region: 'CEE', domain: 'wisla-software.pl' },
  { name: 'Granite Peak Consulting Group LLC', type: 'services', tier: 'gold', region: 'North America', domain: 'granitepeak-consulting.com' },
  { name: 'Zürichsee Data AG', type: 'technology', tier: 'gold', region: 'DACH', domain: 'zuerichsee-data.ch' },
  { name: 'Datenfluss Technologie AG', type: 'technology', tier: 'platinum', region: 'DACH', domain: 'datenfluss-technologie.de' },
  { name: 'Fjordline Integrasjon AS', type: 'technology', tier: 'silver', region: 'Nordics', domain: 'fjordline.no' },
  { name: 'Keystone Integrations LLC', type: 'technology', tier: 'gold', region: 'North America', domain: 'keystone-integrations.com' },
  { name: 'Summit Cloud Marketplace Inc.', type: 'marketplace', tier: 'platinum', region: 'North America', domain: 'summitcloud-marketplace.com' },
  { name: 'Südstern Marktplatz GmbH', type: 'marketplace', tier: 'gold', region: 'DACH', domain: 'suedstern-marktplatz.de' },
  { name: 'Adriatic Cloud Exchange d.o.o.', type: 'marketplace', tier: 'silver', region: 'Southern Europe', domain: 'adriatic-cloud.hr' },
  { name: 'Nordic AppMarket Oy', type: 'marketplace', tier: 'platinum', region: 'Nordics', domain: 'nordic-appmarket.fi' },
] as const;

/** Hostnames and mailboxes: German convention for umlauts, other diacritics dropped. */
export function asciiSlug(s: string, sep = '-'): string {
  return s
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, 'l')
    .replace(/[åÅ]/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
}
