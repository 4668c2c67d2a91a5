/**
 * PostgreSQL pg_trgm's `similarity()` re-implemented in TypeScript, as the baseline of the
 * duplicate-matching benchmark: words are runs of letters and digits, each padded with two spaces
 * in front and one behind, and similarity is shared distinct trigrams ÷ all distinct trigrams.
 * Runs without a database so the baseline can be computed on any labelled file.
 */

/** The distinct trigrams pg_trgm extracts from a (lower-cased) string. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm `similarity(a, b)`. */
export function trigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
