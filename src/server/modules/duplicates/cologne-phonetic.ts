/**
 * Kölner Phonetik (Hans Joachim Postel, 1969): a phonetic code for German-language words that also
 * groups common transliterations ("Philips" and "Filips" → 3518, "Schlumberger" and "Shljumberger"
 * → 8561747). Input is expected folded to a–z (company-name.rules.ts does that); other characters
 * are ignored. Implemented here because the packages for it are unmaintained one-file modules.
 */

const VOWELS = new Set('aeijouy');

function codeAt(w: string, i: number): string {
  const c = w[i];
  const prev = w[i - 1] ?? '';
  const next = w[i + 1] ?? '';
  if (VOWELS.has(c)) return '0';
  switch (c) {
    case 'h':
      return '';
    case 'b':
      return '1';
    case 'p':
      return next === 'h' ? '3' : '1';
    case 'd':
    case 't':
      return 'csz'.includes(next) && next ? '8' : '2';
    case 'f':
    case 'v':
    case 'w':
      return '3';
    case 'g':
    case 'k':
    case 'q':
      return '4';
    case 'c':
      if (i === 0) return next && 'ahkloqrux'.includes(next) ? '4' : '8';
      return next && 'ahkoqux'.includes(next) && !(prev && 'sz'.includes(prev)) ? '4' : '8';
    case 'x':
      return prev && 'ckq'.includes(prev) ? '8' : '48';
    case 'l':
      return '5';
    case 'm':
    case 'n':
      return '6';
    case 'r':
      return '7';
    case 's':
    case 'z':
      return '8';
    default:
      return '';
  }
}

// Scoring a query against 200 candidates asks for the codes of the same few words hundreds of
// times: recent codes are kept (a pure function of the word), the cache emptied when full.
const CACHE_SIZE = 50_000;
const cache = new Map<string, string>();

/** The Kölner Phonetik code of a word: digits, repeated codes collapsed, zeros kept only at the start. */
export function colognePhonetic(word: string): string {
  let code = cache.get(word);
  if (code === undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    code = computeCode(word);
    cache.set(word, code);
  }
  return code;
}

function computeCode(word: string): string {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  let raw = '';
  for (let i = 0; i < w.length; i++) raw += codeAt(w, i);
  let out = '';
  for (let i = 0; i < raw.length; i++) if (raw[i] !== raw[i - 1]) out += raw[i];
  return out.length > 1 ? out[0] + out.slice(1).replace(/0/g, '') : out;
}
