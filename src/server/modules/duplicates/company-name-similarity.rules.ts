import { colognePhonetic } from './cologne-phonetic.ts';
import type { NormalisedCompanyName, TokenKind } from './company-name.rules.ts';
import { editDistance, editSimilarity } from './text-similarity.ts';

/**
 * How similar two normalised company names are, in [0, 1], and why. Words are aligned one to one
 * (exact, typo, sounds-alike, truncation, written together or apart, acronym); each side's words
 * weigh by kind: the company's own words count most, trade descriptors little when shared but
 * still mark another entity when on one side only, places hardly at all.
 */

/** Machine-readable reasons of a name comparison, each with a human sentence in `text`. */
export type NameReason =
  | { code: 'name_equal'; text: string }
  | { code: 'name_equal_after_legal_form'; text: string }
  | { code: 'name_equal_ignoring_spaces'; text: string }
  | { code: 'name_similar'; similarity: number; text: string }
  | { code: 'token_typo'; query: string; record: string; text: string }
  | { code: 'token_sounds_alike'; query: string; record: string; text: string }
  | { code: 'token_truncated'; query: string; record: string; text: string }
  | { code: 'words_joined'; query: string; record: string; text: string }
  | { code: 'acronym'; acronym: string; expansion: string; text: string }
  | { code: 'abbreviation'; from: string; to: string; text: string }
  | { code: 'word_order'; text: string }
  | { code: 'extra_words'; side: 'query' | 'record'; words: string[]; text: string };

export type NameSimilarity = { score: number; reasons: NameReason[] };

/** Credit a word brings when matched, per kind (a matched pair earns both sides' credit). */
export const MATCH_CREDIT: Readonly<Record<TokenKind, number>> = {
  name: 1,
  descriptor: 0.35,
  place: 0.2,
  honorific: 0.1,
  connector: 0.1,
  initial: 0.4,
  number: 0.5,
};
/** Penalty of a word found on one side only, per kind: a descriptor marks another entity, a place hardly. */
export const MISS_PENALTY: Readonly<Record<TokenKind, number>> = {
  name: 1,
  descriptor: 0.75,
  place: 0.12,
  honorific: 0.05,
  connector: 0.05,
  initial: 0.3,
  number: 0.6,
};
/**
 * A typo costs this much similarity per edit, divided by the word's length: one typo in a 5-letter
 * word leaves 0.75 (below the threshold on its own: "Bosch" is not "Busch"), in a 10-letter word 0.88.
 */
export const TYPO_COST = 1.25;
/** Similarity of words that sound alike, of a word and its truncation, and of an acronym and its words. */
export const SOUNDS_ALIKE_SIMILARITY = 0.78;
export const TRUNCATION_SIMILARITY = 0.8;
// An acronym alone is a possible duplicate, never a certain one: "DSM" could be "Dürr Software München".
export const ACRONYM_SIMILARITY = 0.8;
/** Score of cores equal once spaces are ignored ("ST Microelectronics" / "STMicroelectronics"). */
export const EQUAL_IGNORING_SPACES_SCORE = 0.95;
/** Score of equal cores whose legal forms differ or are missing on one side (same legal form: 1). */
export const EQUAL_CORE_OTHER_FORM_SCORE = 0.97;
/** Multiplier when the matched words stand in another order. */
export const WORD_ORDER_FACTOR = 0.98;

type Word = { text: string; spelled: string; word: string; kind: TokenKind; from: number; to: number; acronymOf?: string };
type Pair = { q: Word; r: Word; sim: number; how: 'equal' | 'typo' | 'sounds_alike' | 'truncated' | 'joined' | 'acronym' };

const WEAK: ReadonlySet<TokenKind> = new Set(['connector', 'honorific']);

/** A side's words; when it has no own word, its descriptors stand in for them and its places for descriptors. */
function wordsOf(n: NormalisedCompanyName): Word[] {
  const hasName = n.kinds.includes('name');
  return n.tokens.map((text, i) => {
    let kind = n.kinds[i];
    if (!hasName && kind === 'descriptor') kind = 'name';
    else if (!hasName && kind === 'place') kind = 'descriptor';
    return { text, spelled: n.spelled[i] ?? text, word: n.words[i] ?? text, kind, from: i, to: i };
  });
}

const strongest = (a: TokenKind, b: TokenKind): TokenKind => (MISS_PENALTY[a] >= MISS_PENALTY[b] ? a : b);

/** Joins neighbouring words of `side` that the other side writes as one ("st micro…", "konin klijke"). */
function joinSplitWords(side: Word[], other: Word[]): { words: Word[]; joined: [string, string][] } {
  const otherTexts = new Set(other.map((w) => w.text));
  const words: Word[] = [];
  const joined: [string, string][] = [];
  for (let i = 0; i < side.length; i++) {
    const a = side[i];
    const b = side[i + 1];
    if (b && !otherTexts.has(a.text) && !otherTexts.has(b.text) && !WEAK.has(a.kind) && !WEAK.has(b.kind)) {
      const glued = a.text + b.text;
      const hit = other.find((o) => o.text === glued || (glued.length >= 8 && editDistance(o.text, glued, 1) <= 1));
      if (hit) {
        words.push({ text: glued, spelled: glued, word: a.word + b.word, kind: strongest(a.kind, b.kind), from: a.from, to: b.to });
        joined.push([`${a.word} ${b.word}`, hit.word]);
        i++;
        continue;
      }
    }
    words.push(a);
  }
  return { words, joined };
}

/** Replaces a run of ≥ 3 words of `side` whose initials spell a word of the other side by one acronym word. */
function collapseAcronyms(side: Word[], other: Word[]): { words: Word[]; found: [string, string][] } {
  const found: [string, string][] = [];
  const texts = new Set(side.map((w) => w.text));
  for (const o of other) {
    if (o.text.length < 3 || o.text.length > 6 || !/^[a-z]+$/.test(o.text) || texts.has(o.text)) continue;
    const letters = side.map((w) => (WEAK.has(w.kind) ? '' : w.text[0]));
    for (let i = 0; i < side.length; i++) {
      let spelled = '';
      let j = i;
      while (j < side.length && spelled.length < o.text.length) spelled += letters[j++];
      const run = side.slice(i, j).filter((w) => !WEAK.has(w.kind));
      if (spelled === o.text && run.length >= 3 && !WEAK.has(side[i].kind)) {
        const expansion = run.map((w) => w.word).join(' ');
        found.push([o.word, expansion]);
        side = [
          ...side.slice(0, i),
          { text: o.text, spelled: o.text, word: o.word, kind: 'name', from: side[i].from, to: side[j - 1].to, acronymOf: expansion },
          ...side.slice(j),
        ];
        return { words: side, found }; // one acronym per name is plenty
      }
    }
  }
  return { words: side, found };
}

/** Similarity of two words and how they match, or null when they do not. */
function wordSimilarity(a: string, b: string): { sim: number; how: Pair['how'] } | null {
  if (a === b) return { sim: 1, how: 'equal' };
  if (/\d/.test(a) || /\d/.test(b)) return null; // "Crolles 2" is not "Crolles 3"
  const shorter = Math.min(a.length, b.length);
  const longer = Math.max(a.length, b.length);
  if (shorter >= 4) {
    const allowed = shorter >= 8 ? 2 : 1;
    const d = editDistance(a, b, allowed);
    if (d <= allowed) return { sim: 1 - (TYPO_COST * d) / longer, how: 'typo' };
    const [s, l] = a.length <= b.length ? [a, b] : [b, a];
    if (shorter >= 5 && l.startsWith(s) && shorter / longer >= 0.5) return { sim: TRUNCATION_SIMILARITY, how: 'truncated' };
    const code = colognePhonetic(a);
    if (code.length >= 3 && code === colognePhonetic(b) && editDistance(a, b, Math.floor(longer * 0.4)) <= longer * 0.4) {
      return { sim: SOUNDS_ALIKE_SIMILARITY, how: 'sounds_alike' };
    }
  }
  return null;
}

/** Best similarity of two words as canonical or as written ("Srevices" is a typo of "Services", not of "service"). */
function bestSimilarity(q: Word, r: Word): { sim: number; how: Pair['how'] } | null {
  if (q.acronymOf || r.acronymOf) return q.text === r.text ? { sim: ACRONYM_SIMILARITY, how: 'acronym' } : null;
  let best = wordSimilarity(q.text, r.text);
  if (best?.how === 'equal') return best;
  for (const [a, b] of [
    [q.spelled, r.spelled],
    [q.spelled, r.text],
    [q.text, r.spelled],
  ]) {
    if (a === q.text && b === r.text) continue;
    const m = wordSimilarity(a, b);
    if (m && (!best || m.sim > best.sim)) best = m;
  }
  return best;
}

/** One-to-one alignment of words, best pairs first. */
function align(query: Word[], record: Word[]): Pair[] {
  const candidates: Pair[] = [];
  for (const q of query) {
    for (const r of record) {
      const m = bestSimilarity(q, r);
      if (m) candidates.push({ q, r, sim: m.sim, how: m.how });
    }
  }
  candidates.sort((x, y) => y.sim - x.sim || MATCH_CREDIT[y.q.kind] + MATCH_CREDIT[y.r.kind] - MATCH_CREDIT[x.q.kind] - MATCH_CREDIT[x.r.kind]);
  const usedQ = new Set<Word>();
  const usedR = new Set<Word>();
  const pairs: Pair[] = [];
  for (const p of candidates) {
    if (usedQ.has(p.q) || usedR.has(p.r)) continue;
    usedQ.add(p.q);
    usedR.add(p.r);
    pairs.push(p);
  }
  return pairs;
}

const compact = (n: NormalisedCompanyName) => n.tokens.filter((_, i) => !WEAK.has(n.kinds[i])).join('');
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Compares a query name with a record's name: score in [0, 1] and the reasons, query first in each reason. */
export function compareCompanyNames(query: NormalisedCompanyName, record: NormalisedCompanyName): NameSimilarity {
  if (!query.core || !record.core) return { score: 0, reasons: [] };
  if (query.core === record.core) {
    const sameForm = query.legalForm === record.legalForm;
    return sameForm
      ? { score: 1, reasons: [{ code: 'name_equal', text: 'same name' }] }
      : { score: EQUAL_CORE_OTHER_FORM_SCORE, reasons: [{ code: 'name_equal_after_legal_form', text: 'same name after removing the legal form' }] };
  }
  const reasons: NameReason[] = [];
  let q = wordsOf(query);
  let r = wordsOf(record);
  const jq = joinSplitWords(q, r);
  const jr = joinSplitWords(r, jq.words);
  q = jq.words;
  r = jr.words;
  const aq = collapseAcronyms(q, r);
  const ar = collapseAcronyms(r, aq.words);
  q = aq.words;
  r = ar.words;
  const pairs = align(q, r);

  let credit = 0;
  let penalty = 0;
  for (const p of pairs) {
    // A misspelt descriptor is not recognised as one; it counts as what it matched ("Servcices").
    const qKind = p.q.kind === 'name' ? p.r.kind : p.q.kind;
    const rKind = p.r.kind === 'name' ? p.q.kind : p.r.kind;
    const c = MATCH_CREDIT[qKind] + MATCH_CREDIT[rKind];
    credit += p.sim * c;
    penalty += (1 - p.sim) * c;
  }
  const paired = new Set(pairs.flatMap((p) => [p.q, p.r]));
  const extraQ = q.filter((w) => !paired.has(w));
  const extraR = r.filter((w) => !paired.has(w));
  for (const w of [...extraQ, ...extraR]) penalty += MISS_PENALTY[w.kind];
  let score = credit + penalty > 0 ? credit / (credit + penalty) : 0;

  const order = [...pairs].sort((x, y) => x.q.from - y.q.from).map((p) => p.r.from);
  const reordered = order.some((v, i) => i > 0 && v < order[i - 1]);
  if (reordered) score *= WORD_ORDER_FACTOR;

  if (compact(query) === compact(record) && compact(query)) {
    score = Math.max(score, EQUAL_IGNORING_SPACES_SCORE);
    reasons.push({ code: 'name_equal_ignoring_spaces', text: 'same name when spaces are ignored' });
  }

  for (const [a, b] of jq.joined) reasons.push({ code: 'words_joined', query: a, record: b, text: `'${a}' is written '${b}'` });
  for (const [b, a] of jr.joined) reasons.push({ code: 'words_joined', query: a, record: b, text: `'${b}' is written '${a}'` });
  for (const [acronym, expansion] of [...aq.found, ...ar.found]) {
    reasons.push({ code: 'acronym', acronym, expansion, text: `'${acronym}' stands for '${expansion}'` });
  }
  for (const p of pairs) {
    const [a, b] = [p.q.word, p.r.word];
    if (p.how === 'typo') reasons.push({ code: 'token_typo', query: a, record: b, text: `'${a}' ≈ '${b}' (typo)` });
    if (p.how === 'sounds_alike') reasons.push({ code: 'token_sounds_alike', query: a, record: b, text: `'${a}' sounds like '${b}'` });
    if (p.how === 'truncated') reasons.push({ code: 'token_truncated', query: a, record: b, text: `'${a}' and '${b}' (shortened)` });
  }
  const matched = new Set(pairs.filter((p) => p.sim > 0).flatMap((p) => [p.q.text, p.r.text]));
  const seen = new Set<string>();
  for (const e of [...query.expansions, ...record.expansions]) {
    const key = `${e.from}>${e.to}`;
    const both =
      query.expansions.some((x) => x.from === e.from && x.to === e.to) && record.expansions.some((x) => x.from === e.from && x.to === e.to);
    if (!matched.has(e.to) || both || seen.has(key)) continue;
    seen.add(key);
    reasons.push({ code: 'abbreviation', from: e.from, to: e.to, text: `'${e.from}' read as '${e.to}'` });
  }
  if (reordered) reasons.push({ code: 'word_order', text: 'same words in another order' });
  for (const [side, extra] of [
    ['query', extraQ],
    ['record', extraR],
  ] as const) {
    const words = extra.filter((w) => !WEAK.has(w.kind)).map((w) => w.word);
    if (words.length)
      reasons.push({ code: 'extra_words', side, words, text: `only in the ${side === 'query' ? 'new' : 'existing'} name: ${words.join(', ')}` });
  }
  score = round2(Math.min(score, 0.99)); // only equal cores score 1
  reasons.unshift({ code: 'name_similar', similarity: score, text: `name ${score.toFixed(2)} after removing legal form` });
  return { score, reasons };
}

/** Character-level similarity of the two cores with spaces removed (a fallback view for reports). */
export function compactSimilarity(a: NormalisedCompanyName, b: NormalisedCompanyName): number {
  return editSimilarity(compact(a), compact(b));
}
