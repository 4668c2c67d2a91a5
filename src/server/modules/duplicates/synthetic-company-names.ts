import type { LabelledName } from './registration-scenario.ts';

/**
 * A labelled set of company-name variants generated from rules, to check duplicate detection on
 * companies, countries and legal forms the dev file does not have. Deterministic (seeded).
 * Variants of one company: other legal-form spellings or none, case, punctuation, a typo,
 * transliteration, swapped partners, abbreviations, a seat or a country. Hard negatives are
 * separate companies next to it in cluster order (so one is in the CRM, the other is not): the
 * same brand in another trade, or a shared surname with another partner.
 */

class Seeded {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32: small, and good enough to draw test data
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    return (this.s >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const SYLLABLES = 'vor tex ari lum quen zel bra nik ost ra mon dal vik sol tor ka ve lin gra po'.split(' ');
const SURNAMES =
  'Müller|Schäfer|Größmann|Köhler|Weiß|Kowalski|Wiśniewski|Nyström|Jørgensen|Dupont|Lefèvre|Rossi|Esposito|García|Núñez|Tanaka|Yamamoto|Öztürk|Horváth|Dvořák|Virtanen|Van Leeuwen|Fitzgerald|Okafor'.split(
    '|',
  );
const TRADES = [
  ['Logistik', 'Logistics'],
  ['Technologies', 'Tech', 'Technology'],
  ['Systems', 'Sys', 'Systeme'],
  ['Services', 'Svcs'],
  ['Consulting', 'Consultants'],
  ['Engineering', 'Eng.'],
  ['Pharmaceuticals', 'Pharma'],
  ['Manufacturing', 'Mfg'],
  ['Maschinenbau'],
  ['Software'],
  ['Holdings', 'Hldgs'],
  ['International', 'Intl', "Int'l"],
];
const FORMS = [
  ['GmbH', 'G.m.b.H.', 'Gesellschaft mit beschränkter Haftung'],
  ['AG', 'Aktiengesellschaft'],
  ['GmbH & Co. KG', 'GmbH und Co. KG', 'GmbH & Co KG'],
  ['Sp. z o.o.', 'sp. z o. o.', 'Spółka z ograniczoną odpowiedzialnością'],
  ['Kft.', 'Kft'],
  ['Oy', 'Oyj'],
  ['A/S', 'AS'],
  ['ApS'],
  ['AB', 'Aktiebolag'],
  ['Pty Ltd', 'Pty. Ltd.', 'Proprietary Limited'],
  ['Pte. Ltd.', 'Pte Ltd'],
  ['Sdn. Bhd.', 'Sdn Bhd'],
  ['S.A. de C.V.', 'SA de CV'],
  ['K.K.', 'Kabushiki Kaisha'],
  ['Co., Ltd.', 'Co. Ltd', 'Company Limited'],
  ['LLC', 'L.L.C.'],
  ['Inc.', 'Inc', 'Incorporated'],
  ['S.r.l.', 'SRL'],
  ['S.p.A.', 'SpA', 'SPA'],
  ['S.L.', 'SL'],
  ['Lda.', 'Limitada'],
  ['s.r.o.', 'spol. s r.o.'],
  ['d.o.o.', 'doo'],
  ['SIA'],
  ['UAB'],
  ['A.Ş.', 'Anonim Şirketi'],
  ['B.V.', 'BV', 'B. V.'],
  ['N.V.', 'NV'],
  ['SAS', 'S.A.S.'],
  ['SARL', 'S.à r.l.'],
  ['Ltd', 'Limited', 'Ltd.'],
  ['PLC', 'P.L.C.'],
];
const SEATS = ', Berlin|, Wien| (Deutschland)|, Warszawa|, Helsinki|, Osaka|, São Paulo|, Sydney| - Zweigniederlassung Hamburg'.split('|');
const COUNTRY_WORDS = ['Deutschland', 'Polska', 'Nordic', 'Europe', 'Japan', 'Iberia', 'Austria', 'USA'];

function brand(r: Seeded): string {
  let w = '';
  for (let n = 2 + r.int(2); n > 0; n--) w += r.pick(SYLLABLES);
  return w[0].toUpperCase() + w.slice(1);
}

type Company = { words: string[]; trade: string[] | null; forms: string[] };

function company(r: Seeded): Company {
  const forms = r.pick(FORMS);
  switch (r.int(4)) {
    case 0:
      return { words: [brand(r)], trade: r.pick(TRADES), forms };
    case 1: {
      const a = r.pick(SURNAMES);
      let b = r.pick(SURNAMES);
      while (b === a) b = r.pick(SURNAMES);
      return { words: [a, '&', b], trade: null, forms };
    }
    case 2:
      return { words: [r.pick(SURNAMES)], trade: r.pick(TRADES), forms };
    default:
      return { words: [brand(r), brand(r)], trade: null, forms };
  }
}

const KEYS = 'qwertyuiopasdfghjklzxcvbnm';

function typo(r: Seeded, w: string): string {
  if (w.length < 6) return w;
  const i = 1 + r.int(w.length - 2);
  switch (r.int(4)) {
    case 0:
      return w.slice(0, i) + w.slice(i + 1);
    case 1:
      return w.slice(0, i) + r.pick(KEYS.split('')) + w.slice(i);
    case 2:
      return w.slice(0, i) + r.pick(KEYS.split('')) + w.slice(i + 1);
    default:
      return w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
  }
}

const TRANSLITERATIONS: [RegExp, string[]][] = [
  [/ü/g, ['ue', 'u']],
  [/ö/g, ['oe', 'o']],
  [/ä/g, ['ae', 'a']],
  [/ß/g, ['ss']],
  [/[éèê]/g, ['e']],
  [/ø/g, ['o', 'oe']],
  [/ś/g, ['s']],
];

/** One written variant of a company's name: a few of the transformations at random. */
function variant(r: Seeded, c: Company): string {
  let words = [...c.words];
  let trade = c.trade ? (r.chance(0.3) ? r.pick(c.trade) : c.trade[0]) : null;
  if (c.words.length === 3 && r.chance(0.2)) words = [words[2], '&', words[0]]; // partners swapped
  if (c.words.length === 3 && r.chance(0.2)) words[1] = r.pick(['und', 'and', '+']);
  if (trade && r.chance(0.25)) trade = typo(r, trade);
  if (r.chance(0.35)) {
    const i = r.int(words.length);
    words[i] = typo(r, words[i]);
  }
  let name = [...words, ...(trade ? [trade] : [])].join(' ');
  if (r.chance(0.15)) name += ` ${r.pick(COUNTRY_WORDS)}`;
  const form = r.chance(0.2) ? '' : r.chance(0.5) ? c.forms[0] : r.pick(c.forms);
  if (form) name += r.chance(0.2) ? `, ${form}` : ` ${form}`;
  if (r.chance(0.15)) name += r.pick(SEATS);
  if (r.chance(0.4)) for (const [re, subs] of TRANSLITERATIONS) name = name.replace(re, r.pick(subs));
  const casing = r.int(4);
  if (casing === 0) name = name.toUpperCase();
  if (casing === 1) name = name.toLowerCase();
  if (r.chance(0.1)) name = `* ${name}`;
  if (r.chance(0.1)) name = name.replace(/ /g, '  ');
  if (r.chance(0.1)) name += '.';
  return name;
}

/**
 * Another company that shares a word with `c` but is plainly another one: the brand in another
 * trade ("Voltrix Logistik" / "Voltrix Pharma"), one partner replaced ("Müller & Weiß" / "Müller
 * & Köhler"), or one of two brand words replaced.
 */
function sibling(r: Seeded, c: Company): Company {
  if (c.words.length === 3) {
    let other = r.pick(SURNAMES);
    while (c.words.includes(other)) other = r.pick(SURNAMES);
    return { words: [c.words[0], '&', other], trade: null, forms: r.pick(FORMS) };
  }
  if (!c.trade) return { words: [c.words[0], brand(r)], trade: null, forms: r.pick(FORMS) };
  let trade = r.pick(TRADES);
  while (trade === c.trade) trade = r.pick(TRADES);
  return { words: c.words, trade, forms: r.pick(FORMS) };
}

/** `companies` generated companies (plus hard-negative siblings) with 2–8 written variants each. */
export function syntheticCompanyNames(companies = 120, seed = 20261205): LabelledName[] {
  const r = new Seeded(seed);
  const rows: LabelledName[] = [];
  const seen = new Set<string>();
  const identities = new Set<string>();
  let cluster = 0;
  // One identity per company: "Müller Logistik" drawn twice would be two clusters of one company.
  const identity = (c: Company) => [...c.words.filter((w) => w !== '&'), c.trade?.[0] ?? ''].sort().join(' ');
  const emit = (c: Company) => {
    if (identities.has(identity(c))) return;
    identities.add(identity(c));
    const id = `s${String(cluster++).padStart(5, '0')}`;
    const n = 2 + r.int(7);
    for (let i = 0; i < n; i++) {
      const name = variant(r, c);
      if (!seen.has(name)) rows.push({ name, cluster: id });
      seen.add(name);
    }
  };
  for (let i = 0; i < companies; i++) {
    const c = company(r);
    emit(c);
    if (r.chance(0.35)) emit(sibling(r, c));
  }
  return rows;
}
