import { colognePhonetic } from './cologne-phonetic.ts';
import type { NormalisedCompanyName, TokenKind } from './company-name.rules.ts';

/**
 * Blocking keys: a few selective strings per company so that candidate duplicates are found by
 * equality in an index — table `(workspace_id, key, account_id)` with a b-tree, looked up with
 * `key = any($1)` — instead of comparing a name with every account. True duplicates (typos, word
 * order, legal forms, transliteration, abbreviations, acronyms, words written together) almost
 * always share a key; unrelated names rarely do, and keys shared by very many accounts (the
 * blocking equivalent of stop words) are skipped at look-up time (`MAX_KEY_ACCOUNTS`).
 *
 * Key families, by prefix:
 * - `n:` the core without spaces ("asmlnetherlands"): legal-form, case, punctuation, spacing variants;
 * - `w:` the core's own and trade words sorted ("logistik muller"): word order;
 * - `t:` each own word, and one-letter deletions of the two longest: one typo in any word
 *   (symmetric deletion: "nobel", "noble" → both "nobl"); short words glued to a neighbour ("st micro…");
 * - `p:` Kölner Phonetik of each own word: transliterations ("Filips", "Shljumberger");
 * - `a:` initials of three or more words, and a short single word as typed: acronyms ("IBM");
 * - `d:` a company domain (from `domainBlockingKeys`).
 */

/**
 * Version of the rules that make stored keys (normalisation, vocabulary, legal forms, blocking,
 * domains). Bump it with any change that changes an account's keys: the `duplicates.rekey` job
 * then recomputes every account keyed with an older version. A test pins the keys of a probe set
 * to this number, so a rule change without a bump fails.
 */
export const BLOCKING_KEYS_VERSION = 1;

/** Look-ups skip a key shared by more accounts than this (except `n:` keys, capped by `MAX_CORE_KEY_ACCOUNTS`). */
export const MAX_KEY_ACCOUNTS = 500;
/**
 * Look-ups take keys from the rarest up and stop before the candidates would exceed this (the
 * first key is always taken): the rare keys a true duplicate shares come first, common ones
 * ("t:muller") only when nothing rarer matched.
 */
export const CANDIDATE_BUDGET = 200;
/** An `n:` key (the whole core) is never skipped; at most this many accounts are taken from it. */
export const MAX_CORE_KEY_ACCOUNTS = 200;
/** Own words shorter than this get no deletion keys (their deletions would match half the index). */
export const MIN_DELETION_WORD_LENGTH = 4;
/** Deletion keys are made for this many of a name's longest own words. */
export const DELETION_WORDS = 2;
/** Phonetic codes shorter than this are not selective enough to be keys. */
export const MIN_PHONETIC_LENGTH = 4;

const WEAK: ReadonlySet<TokenKind> = new Set(['connector', 'honorific']);

/** The words that identify the company: own words, else trade words, else places (as the scorer does). */
function identifyingWords(n: NormalisedCompanyName): string[] {
  for (const kinds of [['name'], ['descriptor'], ['place', 'number', 'initial']] as TokenKind[][]) {
    const words = n.tokens.filter((_, i) => kinds.includes(n.kinds[i]));
    if (words.length) return words;
  }
  return n.tokens.filter((_, i) => !WEAK.has(n.kinds[i]));
}

const deletions = (w: string) => Array.from(w, (_, i) => w.slice(0, i) + w.slice(i + 1));

/** Blocking keys of a normalised company name: distinct, deterministic, typically 10–25. */
export function blockingKeys(n: NormalisedCompanyName): string[] {
  const keys = new Set<string>();
  const strong = n.tokens.filter((_, i) => !WEAK.has(n.kinds[i]));
  if (!strong.length) return n.core ? [`n:${n.core.replace(/ /g, '')}`] : [];
  keys.add(`n:${strong.join('')}`);
  const ownAndTrade = n.tokens.filter((_, i) => n.kinds[i] === 'name' || n.kinds[i] === 'descriptor');
  if (ownAndTrade.length >= 2) keys.add(`w:${[...ownAndTrade].sort().join(' ')}`);
  const own = identifyingWords(n);
  for (const w of own) {
    keys.add(`t:${w}`);
    const code = colognePhonetic(w);
    if (code.length >= MIN_PHONETIC_LENGTH) keys.add(`p:${code}`);
  }
  const longest = [...own]
    .filter((w) => w.length >= MIN_DELETION_WORD_LENGTH)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .slice(0, DELETION_WORDS);
  for (const w of longest) for (const d of deletions(w)) keys.add(`t:${d}`);
  // "ST Microelectronics", "E-Traction": a short word is often written together with the next.
  for (let i = 0; i + 1 < strong.length; i++) {
    if (strong[i].length <= 3 || strong[i + 1].length <= 3) keys.add(`t:${strong[i]}${strong[i + 1]}`);
  }
  if (strong.length >= 3) keys.add(`a:${strong.map((w) => w[0]).join('')}`);
  if (strong.length === 1 && /^[a-z]{3,6}$/.test(strong[0])) keys.add(`a:${strong[0]}`);
  return [...keys];
}

/** Blocking keys of company domains (already normalised to registrable, free mail left out). */
export function domainBlockingKeys(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => `d:${d}`))];
}

/** Whether a key is a whole-core key (`n:`), which look-ups cap instead of skipping. */
export function isCoreKey(key: string): boolean {
  return key.startsWith('n:');
}

/** Whether a key is a domain key (`d:` + a registrable domain). */
export function isDomainKey(key: string): boolean {
  return key.startsWith('d:');
}
