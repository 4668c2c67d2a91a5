import { CANDIDATE_BUDGET, isCoreKey, MAX_CORE_KEY_ACCOUNTS, MAX_KEY_ACCOUNTS } from './company-blocking.rules.ts';

/** How candidates are taken from the keys a query shares with accounts (defaults: the module's constants). */
export type CandidateOptions = { maxKeyAccounts?: number; maxCoreKeyAccounts?: number; candidateBudget?: number };

/**
 * One key of a query with the accounts under it: `count` is how many accounts share the key
 * (a store may stop counting above `maxKeyAccounts`: any larger number gives the same result),
 * `ids` those accounts — a store may leave them out (null) where `keyIdsNeeded` says the
 * selection will not take them.
 */
export type KeyHit<Id> = { key: string; count: number; ids: readonly Id[] | null };

function limits(o: CandidateOptions) {
  return {
    maxKeyAccounts: o.maxKeyAccounts ?? MAX_KEY_ACCOUNTS,
    maxCoreKeyAccounts: o.maxCoreKeyAccounts ?? MAX_CORE_KEY_ACCOUNTS,
    candidateBudget: o.candidateBudget ?? CANDIDATE_BUDGET,
  };
}

/** Whole-core keys first, then from the rarest up; equal counts keep the query's key order. */
function byPriority<Id>(hits: readonly KeyHit<Id>[]): KeyHit<Id>[] {
  return hits.filter((h) => h.count > 0).sort((a, b) => Number(isCoreKey(b.key)) - Number(isCoreKey(a.key)) || a.count - b.count);
}

/**
 * Whether the selection can take the accounts of a key at `rank` (0-based, in priority order):
 * a whole-core key always (capped), the first key when not over-frequent, any other only when it
 * fits the budget by itself — after the first key there is at least one candidate, so a key with
 * more accounts than the budget is always skipped. Stores use it to fetch only these lists.
 */
export function keyIdsNeeded(key: string, count: number, rank: number, options: CandidateOptions = {}): boolean {
  const o = limits(options);
  if (isCoreKey(key)) return true;
  if (count > o.maxKeyAccounts) return false;
  return rank === 0 || count <= o.candidateBudget;
}

/**
 * Distinct candidate ids for a query's key hits, and how many keys were not used: whole-core keys
 * first (at most `maxCoreKeyAccounts` accounts each), then the other keys from the rarest up
 * while the candidates stay within `candidateBudget` (the first key is always taken); keys
 * shared by more than `maxKeyAccounts` accounts are skipped. The one selection rule of the
 * in-memory index and the database look-up.
 */
export function selectCandidates<Id>(hits: readonly KeyHit<Id>[], options: CandidateOptions = {}): { ids: Id[]; skippedKeys: number } {
  const o = limits(options);
  const ids = new Set<Id>();
  let skippedKeys = 0;
  for (const { key, count, ids: list } of byPriority(hits)) {
    const take = () => {
      if (!list) throw new Error(`the accounts of the blocking key ${key} were not fetched`);
      return list;
    };
    if (isCoreKey(key)) {
      for (const id of take().slice(0, o.maxCoreKeyAccounts)) ids.add(id);
    } else if (count > o.maxKeyAccounts || (ids.size > 0 && ids.size + count > o.candidateBudget)) {
      skippedKeys++;
    } else for (const id of take()) ids.add(id);
  }
  return { ids: [...ids], skippedKeys };
}

/**
 * An in-memory blocking index that looks up candidates the way the database does (key → account
 * ids by equality, then `selectCandidates`). In SQL that is the `company_match_keys` table, a
 * bounded count per key and the chosen keys' accounts (duplicates.repository.ts). For tests and
 * the benchmark.
 */
export class CandidateIndex<Id> {
  private readonly postings = new Map<string, Id[]>();

  constructor(private readonly options: CandidateOptions = {}) {}

  /** Adds an account under its keys. */
  add(id: Id, keys: readonly string[]): void {
    for (const k of keys) {
      const list = this.postings.get(k);
      if (list) list.push(id);
      else this.postings.set(k, [id]);
    }
  }

  /** Number of index rows (key, account) and of distinct keys. */
  size(): { rows: number; keys: number } {
    let rows = 0;
    for (const l of this.postings.values()) rows += l.length;
    return { rows, keys: this.postings.size };
  }

  /** Distinct candidate ids for a query's keys, and how many of its keys were not used. */
  lookup(keys: readonly string[]): { ids: Id[]; skippedKeys: number } {
    const hits = keys.map((key) => {
      const list = this.postings.get(key) ?? [];
      return { key, count: list.length, ids: list };
    });
    return selectCandidates(hits, this.options);
  }
}
