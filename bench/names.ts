/** A seeded PRNG (sfc32) with the few draws the data generator needs; same seed, same data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** Picks a key of a weight table, proportionally to its weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A version-4-shaped UUID drawn from this generator (deterministic, unlike randomUUID). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++)
      hex.push(
        Math.floor(this.next() * 0x1_0000_0000)
          .toString(16)
          .padStart(8, '0'),
      );
    const h = hex.join('');
    const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** A market: how companies there are named, their legal forms, web domain and CRM region. */
type Market = {
  weight: number;
  region: string;
  tld: string;
  surnames: readonly string[];
  firstNames: readonly string[];
  words: readonly string[];
  sectors: readonly string[];
  legalForms: readonly string[];
};

/** A list written compactly as `a|b|c` (names may contain spaces). */
function words(list: string): readonly string[] {
  return list.split('|');
}

const GERMAN_SURNAMES = words(
  'Müller|Schäfer|Krüger|Böhm|Köhler|Günther|Jäger|Möller|Schröder|Weiß|Groß|Strauß|Brückner|Dürr|Hoffmann|Schmidt|Schneider|Fischer|Wagner|Becker|Schulz|Keller|Richter|Wolf|Neumann|Schwarz|Zimmermann|Braun|Hartmann|Lange|Werner|Krause|Lehmann|Maier|Huber|Vogel|Sommer',
);
const GERMAN_FIRST_NAMES = words(
  'Jürgen|Jörg|Björn|Sören|Käthe|Anja|Lukas|Lena|Jonas|Marie|Felix|Sophie|Maximilian|Hannah|Tobias|Julia|Stefan|Katrin|Matthias|Sabine|Günter|Ute|Dirk|Birgit|Uwe|Heike|Ömer|Zoë',
);
const GERMAN_WORDS = words(
  'Nordlicht|Bergwerk|Rheintal|Alpenblick|Hanse|Elbufer|Schwarzwald|Bodensee|Sonnenhof|Löwenzahn|Adlerhorst|Falkenstein|Eichenhain|Brückenbau|Grünwald|Weißdorn|Mühlbach|Isartal|Spreewald|Nordwind|Südstern',
);
const GERMAN_SECTORS = words(
  'Software|Systemhaus|IT-Beratung|Datentechnik|Informatik|Digital|Netzwerke|Cloud Services|Logistik|Unternehmensberatung|Automatisierung|Medientechnik|Sicherheitstechnik',
);

const US_SURNAMES = words('Smith|Johnson|Miller|Davis|Garcia|Wilson|Anderson|Taylor|Thomas|Moore|Jackson|Harris');
const US_FIRST_NAMES = words('James|Mary|Robert|Patricia|Michael|Jennifer|David|Linda|Chris|Ashley|Kevin|Megan');
const US_WORDS = words(
  'Summit|Blue Harbor|Redwood|Granite Peak|Lakeshore|Ironbridge|Evergreen|Silverline|Northstar|Bright Path|Keystone|Pioneer|Cedar Ridge|Golden Gate',
);
const US_SECTORS = words('Software|Analytics|Solutions|Systems|Consulting|Data|Cloud|Networks|Technologies|Labs');

const UK_SURNAMES = words("Clarke|Hughes|Wright|Walker|O'Brien|Evans|Roberts|Turner|Phillips|Bennett");
const UK_FIRST_NAMES = words('Oliver|Amelia|Harry|Isla|George|Emily|Jack|Charlotte|Siobhán|Eoin');
const UK_WORDS = words('Thames|Pennine|Cotswold|Highland|Kingsbridge|Brightwater|Oakfield|Mersey|Albion|Lothian');

export const MARKETS: readonly Market[] = [
  {
    weight: 30,
    region: 'DACH',
    tld: 'de',
    surnames: GERMAN_SURNAMES,
    firstNames: GERMAN_FIRST_NAMES,
    words: GERMAN_WORDS,
    sectors: GERMAN_SECTORS,
    legalForms: words('GmbH|GmbH|GmbH|AG|KG|GmbH & Co. KG|SE|e.K.|UG (haftungsbeschränkt)'),
  },
  {
    weight: 6,
    region: 'DACH',
    tld: 'at',
    surnames: GERMAN_SURNAMES,
    firstNames: GERMAN_FIRST_NAMES,
    words: GERMAN_WORDS,
    sectors: GERMAN_SECTORS,
    legalForms: words('GmbH|AG|KG|OG'),
  },
  {
    weight: 6,
    region: 'DACH',
    tld: 'ch',
    surnames: [...GERMAN_SURNAMES, 'Zürcher', 'Baumgartner', 'Frei', 'Gerber'],
    firstNames: GERMAN_FIRST_NAMES,
    words: [...GERMAN_WORDS, 'Zürichsee', 'Jungfrau', 'Säntis'],
    sectors: GERMAN_SECTORS,
    legalForms: words('AG|GmbH|SA|Sàrl'),
  },
  {
    weight: 8,
    region: 'France',
    tld: 'fr',
    surnames: words('Dupont|Lefèvre|Moreau|Girard|Bonnet|Rousseau|Fournier|Mercier|Lambert|Faure'),
    firstNames: words('Élodie|François|Hélène|Jérôme|Camille|Thibault|Léa|Noël|Chloé|Rémi'),
    words: words('Lumière|Horizon|Azur|Étoile|Rivière|Montagne|Océan|Côte'),
    sectors: words('Conseil|Informatique|Solutions|Numérique|Systèmes|Logiciels'),
    legalForms: words('SAS|SARL|SA|SASU'),
  },
  {
    weight: 6,
    region: 'Benelux',
    tld: 'nl',
    surnames: words('van der Berg|de Vries|Jansen|Bakker|Visser|Smit|de Jong|van Dijk|Mulder|Peeters'),
    firstNames: words('Daan|Sanne|Bram|Femke|Joost|Lotte|Pieter|Anouk'),
    words: words('Polder|Molenwaard|Tulp|Zeeland|Dijkstra|Noordzee'),
    sectors: words('Digital|ICT|Software|Consultancy|Data'),
    legalForms: words('B.V.|B.V.|N.V.|BV'),
  },
  {
    weight: 6,
    region: 'Nordics',
    tld: 'se',
    surnames: words('Lindqvist|Andersson|Nyström|Sjöberg|Åkesson|Sørensen|Jørgensen|Virtanen|Mäkinen|Berg'),
    firstNames: words('Åsa|Björn|Maja|Erik|Søren|Ingrid|Mikko|Saana|Lars|Freja'),
    words: words('Fjäll|Norrsken|Havsbris|Skog|Fjord|Isbjørn'),
    sectors: words('Data|System|Konsult|Digital|Teknik'),
    legalForms: words('AB|AB|ApS|A/S|Oy|AS'),
  },
  {
    weight: 5,
    region: 'Southern Europe',
    tld: 'it',
    surnames: words('Rossi|Bianchi|Ferrari|Esposito|García|Martínez|López|Núñez|Gonçalves|Conti'),
    firstNames: words('Giulia|Marco|Chiara|Luca|José|Lucía|Andrés|Inês|João|Francesca'),
    words: words('Sole|Mare|Levante|Aurora|Sierra|Costa|Vento'),
    sectors: words('Informatica|Soluciones|Sistemi|Tecnologia|Consultoría|Digitale'),
    legalForms: words('S.r.l.|S.p.A.|S.L.|S.A.|Lda.'),
  },
  {
    weight: 5,
    region: 'CEE',
    tld: 'pl',
    surnames: words('Kowalski|Nowak|Wiśniewski|Wójcik|Dvořák|Novák|Horváth|Kovács|Łukasik|Černý'),
    firstNames: words('Łukasz|Zofia|Paweł|Agnieszka|Jiří|Tereza|Bence|Zsófia|Michał|Kateřina'),
    words: words('Wisła|Tatry|Morava|Duna|Bałtyk|Karpaty'),
    sectors: words('Systemy|Software|Informatika|IT Solutions|Technologie'),
    legalForms: words('sp. z o.o.|S.A.|s.r.o.|a.s.|Kft.|Zrt.'),
  },
  {
    weight: 10,
    region: 'UK & Ireland',
    tld: 'co.uk',
    surnames: UK_SURNAMES,
    firstNames: UK_FIRST_NAMES,
    words: UK_WORDS,
    sectors: words('Consulting|Software|Systems|Data|Solutions|Technology|Partners'),
    legalForms: words('Ltd|Ltd|Ltd.|Limited|PLC|LLP'),
  },
  {
    weight: 18,
    region: 'North America',
    tld: 'com',
    surnames: US_SURNAMES,
    firstNames: US_FIRST_NAMES,
    words: US_WORDS,
    sectors: US_SECTORS,
    legalForms: words('Inc|Inc.|LLC|Corp.|Co.|Ltd'),
  },
];

const MARKET_WEIGHTS = Object.fromEntries(MARKETS.map((m, i) => [String(i), m.weight])) as Record<string, number>;

/** Transliterates for hostnames and mailboxes: German convention for umlauts, diacritics dropped. */
export function asciiSlug(s: string, sep = '-'): string {
  return s
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[åÅ]/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
}

export type Company = { name: string; base: string; market: Market };

/** A plausible company: "Müller & Schäfer GmbH", "Nordlicht Datentechnik GmbH & Co. KG", "Summit Analytics Inc". */
export function companyName(rng: Rng): Company {
  const market = MARKETS[Number(rng.weighted(MARKET_WEIGHTS))];
  const legal = rng.pick(market.legalForms);
  let base: string;
  switch (rng.int(4)) {
    case 0:
      base = `${rng.pick(market.surnames)} ${rng.pick(market.sectors)}`;
      break;
    case 1: {
      const a = rng.pick(market.surnames);
      let b = rng.pick(market.surnames);
      if (b === a) b = rng.pick(market.surnames);
      base = `${a} & ${b}`;
      break;
    }
    case 2:
      base = `${rng.pick(market.words)} ${rng.pick(market.sectors)}`;
      break;
    default:
      base = rng.pick(market.words);
  }
  return { name: `${base} ${legal}`, base, market };
}

/** A person's name from a market's first names and surnames. */
export function personName(rng: Rng, market: Market): { first: string; last: string } {
  return { first: rng.pick(market.firstNames), last: rng.pick(market.surnames) };
}

/** Country (ISO 3166-1 alpha-2) by legal form where the form tells, else by web domain. */
const COUNTRY_BY_LEGAL_FORM: Record<string, string> = {
  ApS: 'DK',
  'A/S': 'DK',
  Oy: 'FI',
  AS: 'NO',
  'S.L.': 'ES',
  'S.A.': 'ES',
  'Lda.': 'PT',
  's.r.o.': 'CZ',
  'a.s.': 'CZ',
  'Kft.': 'HU',
  'Zrt.': 'HU',
};
const COUNTRY_BY_TLD: Record<string, string> = {
  de: 'DE',
  at: 'AT',
  ch: 'CH',
  fr: 'FR',
  nl: 'NL',
  se: 'SE',
  it: 'IT',
  pl: 'PL',
  'co.uk': 'GB',
  com: 'US',
};

/** Cities companies put into their names ("Müller Logistik Hamburg GmbH"), per country. */
export const CITIES: Record<string, readonly string[]> = {
  DE: words(
    'Berlin|Hamburg|München|Köln|Frankfurt|Stuttgart|Düsseldorf|Leipzig|Nürnberg|Bremen|Hannover|Dresden|Münster|Würzburg|Lübeck|Göttingen|Freiburg|Regensburg|Saarbrücken|Osnabrück',
  ),
  AT: words('Wien|Graz|Linz|Salzburg|Innsbruck|Klagenfurt|Villach|Wels'),
  CH: words('Zürich|Bern|Basel|Luzern|St. Gallen|Winterthur|Zug|Lugano'),
  FR: words('Paris|Lyon|Marseille|Toulouse|Nantes|Lille|Bordeaux|Grenoble|Nîmes|Besançon'),
  NL: words('Amsterdam|Rotterdam|Utrecht|Eindhoven|Den Haag|Groningen|Antwerpen|Gent'),
  SE: words('Stockholm|Göteborg|Malmö|Uppsala|Linköping|Västerås'),
  DK: words('København|Aarhus|Odense|Aalborg'),
  FI: words('Helsinki|Tampere|Espoo|Oulu|Jyväskylä'),
  NO: words('Oslo|Bergen|Trondheim|Stavanger|Tromsø'),
  IT: words('Milano|Torino|Bologna|Roma|Firenze|Napoli|Verona'),
  ES: words('Madrid|Barcelona|Valencia|Sevilla|Málaga|Bilbao|Zaragoza'),
  PT: words('Lisboa|Porto|Braga|Coimbra'),
  PL: words('Warszawa|Kraków|Wrocław|Gdańsk|Poznań|Łódź|Katowice'),
  CZ: words('Praha|Brno|Ostrava|Plzeň'),
  HU: words('Budapest|Debrecen|Szeged|Győr'),
  GB: words('London|Manchester|Leeds|Bristol|Edinburgh|Glasgow|Birmingham|Cambridge|Belfast'),
  US: words('Boston|Austin|Denver|Chicago|Seattle|Atlanta|Portland|San Diego|Pittsburgh|Raleigh'),
};

export type CrmCompany = Company & { legalForm: string; country: string; city: string | null };

/**
 * A company for a CRM's account list: companyName() plus the country its legal form or domain
 * says and, for most, a city ("Nordlicht Datentechnik Leipzig GmbH & Co. KG"), so a million of
 * them stay mostly distinct.
 */
export function crmCompany(rng: Rng, cityShare = 0.6): CrmCompany {
  const c = companyName(rng);
  const legalForm = c.name.slice(c.base.length + 1);
  const country = COUNTRY_BY_LEGAL_FORM[legalForm] ?? COUNTRY_BY_TLD[c.market.tld] ?? 'US';
  const city = rng.chance(cityShare) ? rng.pick(CITIES[country] ?? CITIES.US) : null;
  const base = city ? `${c.base} ${city}` : c.base;
  return { ...c, name: `${base} ${legalForm}`, base, legalForm, country, city };
}
