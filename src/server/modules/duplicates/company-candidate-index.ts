import { CANDIDATE_BUDGET, isCoreKey, MAX_CORE_KEY_ACCOUNTS, MAX_KEY_ACCOUNTS } from './company-blocking.rules.ts';

/**
 * An in-memory blocking index that looks up candidates the way the database is meant to: key →
 * account ids by equality; whole-core keys first (capped at `maxCoreKeyAccounts`), then the other
 * keys from the rarest up while the candidates stay within `candidateBudget`; keys shared by more
 * than `maxKeyAccounts` accounts are skipped. In SQL that is one count per key (`select key,
 * count(*) … where workspace_id = $1 and key = any($2) group by key`, or a maintained count
 * table) and one fetch of the chosen keys. For tests and the benchmark.
 */
export class CandidateIndex<Id> {
  private readonly postings = new Map<string, Id[]>();
  private readonly maxKeyAccounts: number;
  private readonly maxCoreKeyAccounts: number;
  private readonly candidateBudget: number;

  constructor(options: { maxKeyAccounts?: number; maxCoreKeyAccounts?: number; candidateBudget?: number } = {}) {
    this.maxKeyAccounts = options.maxKeyAccounts ?? MAX_KEY_ACCOUNTS;
    this.maxCoreKeyAccounts = options.maxCoreKeyAccounts ?? MAX_CORE_KEY_ACCOUNTS;
    this.candidateBudget = options.candidateBudget ?? CANDIDATE_BUDGET;
  }

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
    const ids = new Set<Id>();
    let skippedKeys = 0;
    const hits = keys
      .map((key) => ({ key, list: this.postings.get(key) ?? [] }))
      .filter((h) => h.list.length)
      .sort((a, b) => Number(isCoreKey(b.key)) - Number(isCoreKey(a.key)) || a.list.length - b.list.length);
    for (const { key, list } of hits) {
      if (isCoreKey(key)) {
        for (const id of list.slice(0, this.maxCoreKeyAccounts)) ids.add(id);
      } else if (list.length > this.maxKeyAccounts || (ids.size > 0 && ids.size + list.length > this.candidateBudget)) {
        skippedKeys++;
      } else for (const id of list) ids.add(id);
    }
    return { ids: [...ids], skippedKeys };
  }
}
