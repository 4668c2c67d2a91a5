import { LEGAL_FORMS } from './company-name.legal-forms.ts';
import { CITIES, COUNTRY_CODES, PLACE_SYNONYMS, PLACES } from './company-name.places.ts';
import { AND_WORDS, CONNECTORS, DESCRIPTORS, HONORIFICS, SYNONYMS } from './company-name.vocabulary.ts';
import { editDistance } from './text-similarity.ts';

/**
 * Normalisation of a company name into the key that duplicate detection compares (REG-3): case,
 * accents and German transliteration folded, punctuation and spacing dropped, the legal form and
 * any seat after it removed, abbreviations expanded. Pure; every table is data in a sibling file.
 */

/**
 * What a word of a name is: `name` (the company's own word), `descriptor` (a trade: "Technology"),
 * `place`, `honorific` ("Royal"), `connector` ("&", "of"), `initial` (one letter), `number`.
 */
export type TokenKind = 'name' | 'descriptor' | 'place' | 'honorific' | 'connector' | 'initial' | 'number';

export type NormalisedCompanyName = {
  input: string;
  /** The whole input folded: lower case, accents and special letters folded, punctuation as single spaces. */
  folded: string;
  /** The name without legal form, seat and noise: the key for equality (`tokens` joined by spaces). */
  core: string;
  tokens: string[];
  /** Each token as it was written (folded), before abbreviations and places were made canonical. */
  spelled: string[];
  /** Each token readable, for explanations: as typed where it was ("mueller", not the key "muller"). */
  words: string[];
  /** Kind of each token, same order. */
  kinds: TokenKind[];
  /** Labels of the legal forms removed, in name order ("B.V.", "Co. Ltd."), or null. */
  legalForm: string | null;
  /** What followed the legal form or stood in brackets: a seat, a country, a note ("amsterdam nl"). */
  qualifier: string | null;
  /** Abbreviations and spellings replaced by their canonical word ("intl" → "international"). */
  expansions: { from: string; to: string }[];
};

// Characters NFKD does not reduce to a base letter. Umlauts become the bare vowel, as an accent
// would: "Müller" = "Muller" always, and "Mueller" joins them through collapseTransliteration.
const LETTERS: Record<string, string> = { ß: 'ss', ẞ: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ', '#39': "'", '#38': '&' };

/** Lower-cases and folds letters (ä → a, ß → ss, é → e, ł → l), decodes HTML entities; keeps punctuation. */
export function foldCompanyText(input: string): string {
  return input
    .replace(/&(amp|quot|apos|lt|gt|nbsp|#39|#38);?/gi, (_, e: string) => ENTITIES[e.toLowerCase()])
    .toLowerCase()
    .replace(/[ßẞøæœłđðþıħ]/g, (c) => LETTERS[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`´ʼ]/g, ''); // "Int'l", "Philips'": an apostrophe joins, it does not separate
}

/**
 * Folds the German digraphs to their base vowel so that "Müller", "Mueller" and "Muller" share a
 * key. Short tokens stay as they are ("AEG" is not "AG"); "qu" + e is not a digraph.
 */
export function collapseTransliteration(token: string): string {
  if (token.length < 4) return token;
  // Repeated until nothing changes, so that the result is a fixed point ("aeeaaa" → "aeaaa" → "aaaa").
  for (let prev = ''; prev !== token; ) {
    prev = token;
    token = token
      .replace(/([^q]|^)ue/g, '$1u')
      .replace(/ae/g, 'a')
      .replace(/oe/g, 'o');
  }
  return token;
}

const AND = new Set(AND_WORDS.split(' '));
// Legal forms written as initials ("nv", "spa", "sarl"); filled once the legal-form index exists.
let LETTER_FORMS: ReadonlySet<string> = new Set();

/** A run of initials, with a legal form written in initials split off its end: "d s m n v" → dsm, nv. */
function initialsRun(run: string): string[] {
  if (LETTER_FORMS.has(run)) return [run];
  for (let n = Math.min(4, run.length - 2); n >= 2; n--) {
    if (LETTER_FORMS.has(run.slice(-n))) return [run.slice(0, -n), run.slice(-n)];
  }
  return [run];
}

/** Tokens of one comma-free stretch of folded text: runs of single letters merged ("n v" → "nv"). */
function tokeniseFolded(text: string, collapse = true): string[] {
  const raw = text
    .replace(/[&+]/g, ' & ')
    .split(/[^a-z0-9&]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    // "N.V.", "B. V.", "D S M", "S.p.A.": initials written apart are one word.
    if (/^[a-z]$/.test(raw[i]) && /^[a-z]$/.test(raw[i + 1] ?? '')) {
      let run = raw[i];
      while (/^[a-z]$/.test(raw[i + 1] ?? '')) run += raw[++i];
      out.push(...initialsRun(run));
    } else out.push(raw[i]);
  }
  return out.map((t) => (AND.has(t) ? '&' : collapse ? collapseTransliteration(t) : t));
}

/** Tokenises a name fragment the way names are tokenised (tables are loaded through this too). */
export function tokeniseCompanyText(text: string): string[] {
  return tokeniseFolded(foldCompanyText(text));
}

type LegalForm = { label: string; tokens: string[]; ambiguous: boolean; leading: boolean };

const LEGAL_FORM_INDEX = new Map<string, LegalForm>();
for (const spec of LEGAL_FORMS) {
  for (const spelling of spec.spellings) {
    const tokens = tokeniseCompanyText(spelling);
    const key = tokens.join(' ');
    const prev = LEGAL_FORM_INDEX.get(key);
    // Spellings shared by several forms ("S.A.", "A.S.") are as cautious as the most cautious one.
    const ambiguous = Boolean(spec.ambiguous) || Boolean(prev?.ambiguous);
    LEGAL_FORM_INDEX.set(key, { label: prev?.label ?? spec.label, tokens, ambiguous, leading: Boolean(spec.leading) || Boolean(prev?.leading) });
  }
}
LETTER_FORMS = new Set(
  LEGAL_FORMS.flatMap((spec) => spec.spellings.filter((sp) => /^([a-z]\.\s?)+$/i.test(sp)).map((sp) => tokeniseCompanyText(sp).join(''))),
);
const MAX_FORM_TOKENS = Math.max(...[...LEGAL_FORM_INDEX.values()].map((f) => f.tokens.length));

/** The legal forms ending just before `end` (exclusive), of at most `maxTokens` tokens, longest first. */
function formsEndingAt(tokens: string[], end: number, maxTokens = end): LegalForm[] {
  const out: LegalForm[] = [];
  for (let n = Math.min(MAX_FORM_TOKENS, end, maxTokens); n >= 1; n--) {
    const form = LEGAL_FORM_INDEX.get(tokens.slice(end - n, end).join(' '));
    if (form) out.push(form);
  }
  return out;
}

/** The legal forms starting at `start`, of at most `maxTokens` tokens, longest first. */
function formsStartingAt(tokens: string[], start: number, maxTokens = tokens.length - start): LegalForm[] {
  const out: LegalForm[] = [];
  for (let n = Math.min(MAX_FORM_TOKENS, tokens.length - start, maxTokens); n >= 1; n--) {
    const form = LEGAL_FORM_INDEX.get(tokens.slice(start, start + n).join(' '));
    if (form) out.push(form);
  }
  return out;
}

const formEndingAt = (tokens: string[], end: number): LegalForm | null => formsEndingAt(tokens, end)[0] ?? null;

/** Whether the tokens are nothing but legal forms ("n.v.", "co ltd"). */
function onlyLegalForms(tokens: string[]): boolean {
  let end = tokens.length;
  while (end > 0) {
    const form = formEndingAt(tokens, end);
    if (!form) return false;
    end -= form.tokens.length;
  }
  return tokens.length > 0;
}

const phraseSet = (text: string) =>
  new Set(
    text
      .split('|')
      .map((p) => tokeniseCompanyText(p).join(' '))
      .filter(Boolean),
  );
const wordSet = (text: string) => new Set(text.split(/\s+/).flatMap((w) => tokeniseCompanyText(w)));

const SYNONYM_OF = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(SYNONYMS)) {
  for (const s of spellings.split(' ')) SYNONYM_OF.set(tokeniseCompanyText(s).join(''), tokeniseCompanyText(canonical)[0]);
}
const PLACE_OF = new Map<string, string>(); // phrase → canonical place
for (const [canonical, names] of Object.entries(PLACE_SYNONYMS)) for (const p of phraseSet(names)) PLACE_OF.set(p, canonical);
const PLACE_PHRASES = new Set([...phraseSet(PLACES), ...phraseSet(CITIES), ...Object.keys(PLACE_SYNONYMS)]);
const MAX_PLACE_TOKENS = Math.max(...[...PLACE_PHRASES, ...PLACE_OF.keys()].map((p) => p.split(' ').length));
const CODES = phraseSet(COUNTRY_CODES);
const DESCRIPTOR_WORDS = wordSet(DESCRIPTORS);
const HONORIFIC_WORDS = wordSet(HONORIFICS);
const CONNECTOR_WORDS = wordSet(CONNECTORS);

// Trade words are a closed vocabulary, so a misspelt one can be recognised ("Srevices", "Holdigns").
const CORRECTABLE_LENGTH = 6;
const VOCABULARY = new Map<string, string>(); // spelling → canonical
for (const [spelling, canonical] of SYNONYM_OF) VOCABULARY.set(spelling, canonical);
for (const w of DESCRIPTOR_WORDS) VOCABULARY.set(w, w);
const deletions = (w: string) => Array.from(w, (_, i) => w.slice(0, i) + w.slice(i + 1));
const VOCABULARY_DELETES = new Map<string, string[]>(); // a spelling and its one-letter deletions → spellings
for (const w of VOCABULARY.keys()) {
  if (w.length < CORRECTABLE_LENGTH) continue;
  for (const k of [w, ...deletions(w)]) VOCABULARY_DELETES.set(k, [...(VOCABULARY_DELETES.get(k) ?? []), w]);
}

/** The canonical vocabulary word one typo away from `token` ("technclogies" → "technology"), or null. */
function correctTypo(token: string): string | null {
  if (token.length < CORRECTABLE_LENGTH || /\d/.test(token)) return null;
  for (const k of [token, ...deletions(token)]) {
    for (const w of VOCABULARY_DELETES.get(k) ?? []) if (editDistance(token, w, 1) <= 1) return VOCABULARY.get(w)!;
  }
  return null;
}

type Stripped = { tokens: string[]; forms: { at: number; label: string }[]; qualifier: string[] };

/** Removes legal forms at the end, at the start and mid-name (cutting what follows), and a leading "the". */
function stripLegalForms(name: string[], qualifier: string[]): Stripped {
  let tokens = [...name];
  const forms: { at: number; label: string }[] = [];
  let offset = 0; // tokens removed from the front, so `at` stays a position in the original name
  for (let changed = true; changed && tokens.length > 1; ) {
    changed = false;
    const last = tokens[tokens.length - 1];
    // Never the whole name: "Entreprise unipersonnelle à responsabilité limitée" alone keeps its words.
    const trailing = formsEndingAt(tokens, tokens.length, tokens.length - 1)[0];
    if (trailing) {
      forms.push({ at: offset + tokens.length - trailing.tokens.length, label: trailing.label });
      tokens = tokens.slice(0, -trailing.tokens.length);
      changed = true;
      continue;
    }
    if (last === '&') {
      tokens = tokens.slice(0, -1); // "Pharmacia &" (an entity cut off)
      changed = true;
      continue;
    }
    const leading = formsStartingAt(tokens, 0, tokens.length - 1).find((f) => f.leading || (f.tokens.length > 1 && !f.ambiguous));
    if (leading) {
      forms.push({ at: offset, label: leading.label });
      tokens = tokens.slice(leading.tokens.length);
      offset += leading.tokens.length;
      changed = true;
      continue;
    }
    if (tokens[0] === 'the' || tokens[0] === '&') {
      tokens = tokens.slice(1);
      offset += 1;
      changed = true;
      continue;
    }
    // A legal form mid-name ends the name: "Unilever N.V. te Rotterdam", "DSM N.V. Heerlen".
    for (let i = 1; i < tokens.length - 1; i++) {
      const mid = formsStartingAt(tokens, i, tokens.length - i - 1).find((f) => !f.ambiguous);
      if (mid) {
        forms.push({ at: offset + i, label: mid.label });
        qualifier = [...tokens.slice(i + mid.tokens.length), ...qualifier];
        tokens = tokens.slice(0, i);
        changed = true;
        break;
      }
    }
  }
  return { tokens, forms: forms.sort((a, b) => a.at - b.at), qualifier };
}

/** The kind of a canonical token. */
function kindOf(token: string): TokenKind {
  if (token === '&' || CONNECTOR_WORDS.has(token)) return 'connector';
  if (PLACE_PHRASES.has(token)) return 'place'; // "intl" → "international"
  if (HONORIFIC_WORDS.has(token)) return 'honorific';
  if (/\d/.test(token)) return 'number';
  if (token.length === 1) return 'initial';
  return DESCRIPTOR_WORDS.has(token) ? 'descriptor' : 'name';
}

/** Replaces place phrases by their canonical name and words by their canonical synonym; classifies each token. */
function canonicalise(tokens: string[]): { tokens: string[]; spelled: string[]; kinds: TokenKind[]; expansions: { from: string; to: string }[] } {
  const out: string[] = [];
  const spelled: string[] = [];
  const kinds: TokenKind[] = [];
  const expansions: { from: string; to: string }[] = [];
  for (let i = 0; i < tokens.length; ) {
    let placeLength = 0;
    for (let n = Math.min(MAX_PLACE_TOKENS, tokens.length - i); n >= 1 && !placeLength; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      if (PLACE_OF.has(phrase) || PLACE_PHRASES.has(phrase)) placeLength = n;
    }
    // Only a name's last word can be a country code: elsewhere "de", "it", "no" are words.
    if (!placeLength && i === tokens.length - 1 && i > 0 && CODES.has(tokens[i])) placeLength = 1;
    if (placeLength) {
      const phrase = tokens.slice(i, i + placeLength).join(' ');
      const canonical = PLACE_OF.get(phrase);
      if (canonical) expansions.push({ from: phrase, to: canonical });
      out.push(canonical ?? phrase.replace(/ /g, '')); // "den haag" is one place, one token
      spelled.push(phrase.replace(/ /g, ''));
      kinds.push('place');
      i += placeLength;
      continue;
    }
    const raw = tokens[i++];
    const token = SYNONYM_OF.get(raw) ?? (DESCRIPTOR_WORDS.has(raw) || PLACE_PHRASES.has(raw) ? raw : (correctTypo(raw) ?? raw));
    if (token !== raw) expansions.push({ from: raw, to: token });
    out.push(token);
    spelled.push(raw);
    kinds.push(kindOf(token));
  }
  return { tokens: out, spelled, kinds, expansions };
}

/** Splits folded text into comma/semicolon/dash-separated stretches, brackets taken out as qualifiers. */
function segments(folded: string): { parts: string[][]; brackets: string[][] } {
  const brackets: string[][] = [];
  let text = folded
    .replace(/\b([a-z])\s*,\s*(?=[a-z]\b)/g, '$1.') // "N,V." is a typo of "N.V."
    .replace(/[([{]([^)\]}]*)[)\]}]?/g, (_, inner: string) => {
      brackets.push(tokeniseFolded(inner));
      return ' | ';
    });
  if (!tokeniseFolded(text.replace(/\|/g, ' ')).length) text = folded.replace(/[()[\]{}]/g, ' '); // the whole name was in brackets
  const parts = text
    .split(/[,;|]|\s[-–—]+\s/)
    .map((part) => tokeniseFolded(part))
    .filter((t) => t.length);
  return { parts, brackets };
}

/** Merges initials that punctuation kept apart ("A, B" → "ab"), as tokenising does within a stretch. */
function mergeInitials(tokens: string[]): string[] {
  const out: string[] = [];
  let run = false; // whether the last token out is initials merged here
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (/^[a-z]$/.test(t) && last !== undefined && (run || /^[a-z]$/.test(last))) {
      out[out.length - 1] = last + t;
      if (AND.has(out[out.length - 1])) out[out.length - 1] = '&'; // as the tokeniser reads "e t"
      run = true;
    } else {
      out.push(t);
      run = false;
    }
  }
  return out;
}

// The same names come up again and again (the candidates of every duplicate check, the accounts a
// partner's registrations name): normalised names are kept, frozen, for the most recent ones.
const NORMALISED_KEPT = 20_000;
const normalised = new Map<string, NormalisedCompanyName>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of value instanceof Map ? value.values() : Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Normalises a company name for duplicate detection; never returns an empty core for a name with letters or digits. */
export function normaliseCompanyName(input: string): NormalisedCompanyName {
  const hit = normalised.get(input);
  if (hit) {
    // Most recently used last: the oldest go first when the map is full.
    normalised.delete(input);
    normalised.set(input, hit);
    return hit;
  }
  const result = deepFreeze(normaliseUncached(input));
  if (normalised.size >= NORMALISED_KEPT) normalised.delete(normalised.keys().next().value as string);
  normalised.set(input, result);
  return result;
}

function normaliseUncached(input: string): NormalisedCompanyName {
  const foldedText = foldCompanyText(input);
  const typedWords = tokeniseFolded(foldedText, false);
  const { parts, brackets } = segments(foldedText);
  // The name runs up to the first stretch that ends in a legal form; stretches after it that are
  // legal forms too belong to it ("Co., Ltd."); the rest is a seat ("B.V., Amsterdam, NL").
  const name: string[] = [];
  let rest: string[][] = [];
  for (let i = 0; i < parts.length; i++) {
    const hadName = name.length > 0 && !onlyLegalForms(name);
    name.push(...parts[i]);
    const endsInForm = formEndingAt(name, name.length) !== null;
    if (endsInForm && (hadName || !onlyLegalForms(name))) {
      let j = i + 1;
      while (j < parts.length && onlyLegalForms(parts[j])) name.push(...parts[j++]);
      rest = parts.slice(j);
      break;
    }
  }
  const stripped = stripLegalForms(mergeInitials(name), [...rest.flat(), ...brackets.flat()]);
  const { tokens, spelled, kinds, expansions } = canonicalise(stripped.tokens);
  const legalForm = stripped.forms.length ? stripped.forms.map((f) => f.label).join(' ') : null;
  const typed = new Map<string, string>();
  for (const w of typedWords) if (!typed.has(collapseTransliteration(w))) typed.set(collapseTransliteration(w), w);
  return {
    input,
    folded: typedWords.join(' '),
    core: tokens.join(' '),
    tokens,
    spelled,
    words: tokens.map((t) => typed.get(t) ?? t),
    kinds,
    legalForm,
    qualifier: stripped.qualifier.length ? stripped.qualifier.join(' ') : null,
    expansions,
  };
}
