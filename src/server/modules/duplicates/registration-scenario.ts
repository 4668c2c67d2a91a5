/**
 * The registration scenario that judges duplicate detection (REG-3), as the data sets' README
 * defines it: a CRM holds each company once and partners type variants of its name. Pure: rows
 * in, numbers out; the benchmark and the tests feed it.
 */

/** One labelled name: rows with the same `cluster` are the same company. */
export type LabelledName = { name: string; cluster: string };

export type ScenarioAccount = { id: string; name: string };
export type ScenarioQuery = { name: string; cluster: string; inCrm: boolean };
export type Scenario = { accounts: ScenarioAccount[]; queries: ScenarioQuery[] };

/**
 * Cluster ids sorted as strings; every other cluster (1st, 3rd, …) is in the CRM with its first
 * name in file order as the account (id = cluster); every other name is a query.
 */
export function registrationScenario(rows: readonly LabelledName[]): Scenario {
  const clusters = [...new Set(rows.map((r) => r.cluster))].sort();
  const inCrm = new Set(clusters.filter((_, i) => i % 2 === 0));
  const accounts: ScenarioAccount[] = [];
  const queries: ScenarioQuery[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (inCrm.has(r.cluster) && !seen.has(r.cluster)) {
      seen.add(r.cluster);
      accounts.push({ id: r.cluster, name: r.name });
    } else queries.push({ name: r.name, cluster: r.cluster, inCrm: inCrm.has(r.cluster) });
  }
  return { accounts, queries };
}

/** A query's best candidate (account id and score), or null when none was found. */
export type BestCandidate = { accountId: string; score: number } | null;

export type ScenarioMetrics = {
  threshold: number;
  flags: number;
  correctFlags: number;
  /** In-CRM queries flagged with another company's account. */
  wrongAccountFlags: number;
  /** Flags on queries of companies that are not in the CRM. */
  falseFlagsNotInCrm: number;
  inCrmQueries: number;
  notInCrmQueries: number;
  precision: number;
  recall: number;
  f1: number;
};

/** Precision, recall and F1 at a threshold: a flag is a best candidate scoring at least `threshold`. */
export function scoreScenario(queries: readonly ScenarioQuery[], best: readonly BestCandidate[], threshold: number): ScenarioMetrics {
  let flags = 0;
  let correct = 0;
  let wrong = 0;
  let falseOut = 0;
  let inCrm = 0;
  queries.forEach((q, i) => {
    if (q.inCrm) inCrm++;
    const b = best[i];
    if (!b || b.score < threshold) return;
    flags++;
    if (!q.inCrm) falseOut++;
    else if (b.accountId === q.cluster) correct++;
    else wrong++;
  });
  const precision = flags ? correct / flags : 1;
  const recall = inCrm ? correct / inCrm : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    threshold,
    flags,
    correctFlags: correct,
    wrongAccountFlags: wrong,
    falseFlagsNotInCrm: falseOut,
    inCrmQueries: inCrm,
    notInCrmQueries: queries.length - inCrm,
    precision,
    recall,
    f1,
  };
}

/** Splits labelled rows into two halves of companies: sorted cluster positions 0, 1, 4, 5, … and 2, 3, 6, 7, …. */
export function splitByClusterPairs(rows: readonly LabelledName[]): { first: LabelledName[]; second: LabelledName[] } {
  const clusters = [...new Set(rows.map((r) => r.cluster))].sort();
  const position = new Map(clusters.map((c, i) => [c, i]));
  // Positions 0, 1 | 2, 3 | …: each half keeps in-CRM and not-in-CRM companies of its own.
  const half = (c: string) => Math.floor(position.get(c)! / 2) % 2;
  return { first: rows.filter((r) => half(r.cluster) === 0), second: rows.filter((r) => half(r.cluster) === 1) };
}

/** Parses the data set's CSV (`name,cluster`, quoted names with doubled quotes). */
export function parseLabelledCsv(text: string): LabelledName[] {
  const rows: LabelledName[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const m = /^(?:"((?:[^"]|"")*)"|([^,]*)),([^,]+)$/.exec(line);
    if (!m) throw new Error(`not a name,cluster row: ${line}`);
    rows.push({ name: m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2], cluster: m[3].trim() });
  }
  return rows;
}
