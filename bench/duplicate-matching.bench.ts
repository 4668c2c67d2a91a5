import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CandidateIndex } from '../src/server/modules/duplicates/company-candidate-index.ts';
import {
  type CompanyProfile,
  companyProfile,
  POSSIBLE_DUPLICATE_THRESHOLD,
  profileBlockingKeys,
  rankCandidates,
} from '../src/server/modules/duplicates/company-match.rules.ts';
import {
  type BestCandidate,
  type LabelledName,
  parseLabelledCsv,
  registrationScenario,
  type ScenarioMetrics,
  scoreScenario,
  splitByClusterPairs,
} from '../src/server/modules/duplicates/registration-scenario.ts';
import { syntheticCompanyNames } from '../src/server/modules/duplicates/synthetic-company-names.ts';
import type { Benchmark, StandaloneContext } from './context.ts';
import { crmCompany, Rng } from './names.ts';
import type { BenchResult, Metric } from './results.ts';
import { trigramSimilarity, trigrams } from './trigram-baseline.ts';

/**
 * REG-3 duplicate detection, judged by the registration scenario of the data sets' README: every
 * other company (sorted cluster ids) is in the CRM as its first name, every other name is typed
 * by a partner; a flag is the best candidate scoring at least the threshold. Candidates come from
 * the blocking keys through an in-memory index that skips frequent keys as the database will.
 * Also: each half of the dev companies on its own (threshold chosen on one, checked on the
 * other), two rule-generated sets, and the dev file among generated CRM accounts for scale.
 */

const PG_TRGM_F1 = 0.913; // the data README's pg_trgm baseline on the dev file (threshold 0.4)
const TARGET_F1 = 0.97;
const SWEEP = Array.from({ length: 16 }, (_, i) => Math.round((0.6 + i * 0.02) * 100) / 100);

type Evaluation = {
  metrics: ScenarioMetrics;
  sweep: ScenarioMetrics[];
  blockingRecall: number;
  candidatesPerQuery: number;
  candidatesP95: number;
  candidatesMax: number;
  keysPerName: number;
  skippedKeysPerQuery: number;
  queriesPerSecond: number;
  indexRows: number;
  misses: string[];
};

/** Runs the scenario on `rows` with optional extra accounts that are no company of the file. */
function evaluate(rows: readonly LabelledName[], distractors: readonly CompanyProfile[] = [], minSeconds = 1): Evaluation {
  const { accounts, queries } = registrationScenario(rows);
  const profiles = [...accounts.map((a) => companyProfile({ name: a.name })), ...distractors];
  const owner = (i: number) => (i < accounts.length ? accounts[i].id : `generated-${i}`);
  const index = new CandidateIndex<number>();
  let keyCount = 0;
  profiles.forEach((p, i) => {
    const keys = profileBlockingKeys(p);
    keyCount += keys.length;
    index.add(i, keys);
  });
  const accountIndex = new Map(accounts.map((a, i) => [a.id, i]));

  const best: BestCandidate[] = [];
  let found = 0;
  let inCrm = 0;
  let candidates = 0;
  const counts: number[] = [];
  let skipped = 0;
  const misses: string[] = [];
  const runOnce = (record: boolean) => {
    for (const q of queries) {
      const profile = companyProfile({ name: q.name });
      const { ids, skippedKeys } = index.lookup(profileBlockingKeys(profile));
      const ranked = rankCandidates(
        profile,
        ids.map((id) => ({ id, profile: profiles[id] })),
        { minScore: 0, limit: 1 },
      );
      if (!record) continue;
      const top = ranked[0];
      best.push(top ? { accountId: owner(top.id), score: top.score } : null);
      candidates += ids.length;
      counts.push(ids.length);
      skipped += skippedKeys;
      if (q.inCrm) {
        inCrm++;
        if (ids.includes(accountIndex.get(q.cluster)!)) found++;
        if (!top || top.score < POSSIBLE_DUPLICATE_THRESHOLD || owner(top.id) !== q.cluster) {
          misses.push(
            `missed "${q.name}" (best ${top ? `${top.score.toFixed(2)} "${top.id < accounts.length ? accounts[top.id].name : 'generated'}"` : 'none'})`,
          );
        }
      } else if (top && top.score >= POSSIBLE_DUPLICATE_THRESHOLD) {
        misses.push(`false flag "${q.name}" → "${top.id < accounts.length ? accounts[top.id].name : 'a generated account'}" ${top.score.toFixed(2)}`);
      }
    }
  };
  const t0 = performance.now();
  runOnce(true);
  let passes = 1;
  while (performance.now() - t0 < minSeconds * 1000) {
    runOnce(false);
    passes++;
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    metrics: scoreScenario(queries, best, POSSIBLE_DUPLICATE_THRESHOLD),
    sweep: SWEEP.map((t) => scoreScenario(queries, best, t)),
    blockingRecall: inCrm ? found / inCrm : 1,
    candidatesPerQuery: candidates / queries.length,
    candidatesP95: counts.sort((a, b) => a - b)[Math.ceil(counts.length * 0.95) - 1] ?? 0,
    candidatesMax: counts[counts.length - 1] ?? 0,
    keysPerName: keyCount / profiles.length,
    skippedKeysPerQuery: skipped / queries.length,
    queriesPerSecond: (queries.length * passes) / seconds,
    indexRows: index.size().rows,
    misses,
  };
}

/** The pg_trgm baseline at the README's threshold 0.40 and at its best of 0.30–0.70 (every query against every account). */
function trigramBaseline(rows: readonly LabelledName[]): { at040: ScenarioMetrics; best: ScenarioMetrics } {
  const { accounts, queries } = registrationScenario(rows);
  const grams = accounts.map((a) => trigrams(a.name));
  const best: BestCandidate[] = queries.map((q) => {
    const g = trigrams(q.name);
    let top: BestCandidate = null;
    grams.forEach((a, i) => {
      const s = trigramSimilarity(g, a);
      if (!top || s > top.score) top = { accountId: accounts[i].id, score: s };
    });
    return top;
  });
  const sweep = Array.from({ length: 41 }, (_, i) => scoreScenario(queries, best, Math.round((0.3 + i * 0.01) * 100) / 100));
  return { at040: sweep.find((m) => m.threshold === 0.4)!, best: sweep.reduce((a, b) => (b.f1 > a.f1 ? b : a)) };
}

/** The threshold of the sweep with the best F1 (middle of a plateau of equal F1). */
function bestThreshold(sweep: ScenarioMetrics[]): number {
  const top = Math.max(...sweep.map((m) => m.f1));
  const plateau = sweep.filter((m) => m.f1 >= top - 1e-9);
  return plateau[Math.floor((plateau.length - 1) / 2)].threshold;
}

function scenarioMetrics(e: Evaluation): Metric[] {
  const m = e.metrics;
  return [
    { label: `precision at ${m.threshold}`, value: m.precision, unit: '' },
    { label: 'recall', value: m.recall, unit: '' },
    { label: 'F1', value: m.f1, unit: '' },
    { label: 'flags (correct / all)', value: m.correctFlags, unit: `/ ${m.flags}` },
    { label: 'false flags on not-in-CRM queries', value: m.falseFlagsNotInCrm, unit: `of ${m.notInCrmQueries}` },
    { label: 'in-CRM queries flagged with another account', value: m.wrongAccountFlags, unit: `of ${m.inCrmQueries}` },
    { label: 'blocking recall (true account among candidates)', value: e.blockingRecall, unit: '' },
    { label: 'candidates per query', value: e.candidatesPerQuery, unit: '' },
    { label: 'candidates per query, p95 / max', value: e.candidatesP95, unit: `/ ${e.candidatesMax}` },
    { label: 'blocking keys per name', value: e.keysPerName, unit: '' },
    { label: 'queries/s (normalise, keys, look-up, rank)', value: e.queriesPerSecond, unit: 'q/s' },
  ];
}

const sweepNote = (e: Evaluation) => `F1 by threshold: ${e.sweep.map((m) => `${m.threshold.toFixed(2)} ${m.f1.toFixed(3)}`).join(' · ')}`;

/** The labelled dev file beside the repository (or at TANDEM_MATCH_DATA); null, saying so, when there is none. */
export function loadDevFile(ctx: Pick<StandaloneContext, 'log'>): { rows: LabelledName[]; file: string } | null {
  const repoRoot = path.resolve(import.meta.dirname, '..');
  const file = process.env.TANDEM_MATCH_DATA || path.resolve(repoRoot, '..', 'shared', 'data', 'company-names-dev.csv');
  if (!existsSync(file)) {
    ctx.log(`skipped the labelled file: ${path.relative(repoRoot, file)} not found (set TANDEM_MATCH_DATA to a name,cluster CSV)`);
    return null;
  }
  return { rows: parseLabelledCsv(readFileSync(file, 'utf8')), file: path.basename(file) };
}

function labelledResults(ctx: StandaloneContext, rows: LabelledName[], file: string): BenchResult[] {
  const results: BenchResult[] = [];
  const full = evaluate(rows);
  const trgm = trigramBaseline(rows);
  ctx.log(`${file}: F1 ${full.metrics.f1.toFixed(3)} at ${POSSIBLE_DUPLICATE_THRESHOLD}; pg_trgm (TS) F1 ${trgm.at040.f1.toFixed(3)} at 0.40`);
  results.push({
    name: `duplicate-matching: ${file}`,
    metrics: [
      ...scenarioMetrics(full),
      { label: 'pg_trgm re-implemented: F1 at 0.40', value: trgm.at040.f1, unit: '' },
      { label: 'pg_trgm re-implemented: false flags at 0.40', value: trgm.at040.falseFlagsNotInCrm, unit: '' },
      { label: `pg_trgm re-implemented: best F1 (at ${trgm.best.threshold})`, value: trgm.best.f1, unit: '' },
    ],
    ratios: [
      { label: `F1 ÷ pg_trgm baseline F1 ${PG_TRGM_F1}`, value: full.metrics.f1 / PG_TRGM_F1 },
      { label: `F1 ÷ target F1 ${TARGET_F1}`, value: full.metrics.f1 / TARGET_F1 },
    ],
    notes: [sweepNote(full), ...full.misses.slice(0, 20)],
  });
  // Hold-out: the threshold that is best on one half of the companies, applied to the other.
  const { first, second } = splitByClusterPairs(rows);
  const halves = [evaluate(first, [], 0), evaluate(second, [], 0)];
  const metrics: Metric[] = [];
  const notes: string[] = [];
  halves.forEach((h, i) => {
    const other = halves[1 - i];
    const t = bestThreshold(h.sweep);
    const checked = other.sweep.find((m) => m.threshold === t)!;
    metrics.push({ label: `half ${i + 1}: F1 at ${POSSIBLE_DUPLICATE_THRESHOLD}`, value: h.metrics.f1, unit: '' });
    metrics.push({ label: `half ${i + 1}: best threshold → F1 on half ${2 - i}`, value: checked.f1, unit: `at ${t}` });
    notes.push(`half ${i + 1} ${sweepNote(h)}`);
  });
  notes.push('both halves were visible while the rules were written; the rule-generated sets are the cleaner check');
  results.push({ name: `duplicate-matching: ${file}, hold-out halves`, metrics, ratios: [], notes });
  return results;
}

function syntheticResults(ctx: StandaloneContext): BenchResult[] {
  return [20261205, 4242].map((seed) => {
    const rows = syntheticCompanyNames(150, seed);
    const e = evaluate(rows, [], 0.5);
    const trgm = trigramBaseline(rows);
    ctx.log(`rule-generated (seed ${seed}, ${rows.length} names): F1 ${e.metrics.f1.toFixed(3)}; pg_trgm best ${trgm.best.f1.toFixed(3)}`);
    return {
      name: `duplicate-matching: rule-generated set, seed ${seed} (${rows.length} names)`,
      metrics: [...scenarioMetrics(e), { label: `pg_trgm re-implemented: best F1 (at ${trgm.best.threshold})`, value: trgm.best.f1, unit: '' }],
      ratios: [
        { label: 'F1 ÷ pg_trgm best F1 on this set', value: e.metrics.f1 / trgm.best.f1 },
        { label: `F1 ÷ target F1 ${TARGET_F1}`, value: e.metrics.f1 / TARGET_F1 },
      ],
      notes: [sweepNote(e), ...e.misses.slice(0, 10)],
    };
  });
}

function scaleResult(ctx: StandaloneContext, rows: LabelledName[], file: string): BenchResult {
  const n = Math.round(100_000 * ctx.scale);
  const rng = new Rng(7);
  const t0 = performance.now();
  const distractors = Array.from({ length: n }, () => companyProfile({ name: crmCompany(rng).name }));
  const perSecond = n / ((performance.now() - t0) / 1000);
  const e = evaluate(rows, distractors);
  ctx.log(
    `${file} among ${n.toLocaleString('en-US')} generated accounts: ${e.candidatesPerQuery.toFixed(1)} candidates per query, F1 ${e.metrics.f1.toFixed(3)}`,
  );
  return {
    name: `duplicate-matching: ${file} among ${n.toLocaleString('en-US')} generated CRM accounts`,
    metrics: [
      ...scenarioMetrics(e),
      { label: 'index rows (key, account)', value: e.indexRows, unit: 'rows' },
      { label: 'keys skipped as frequent, per query', value: e.skippedKeysPerQuery, unit: '' },
      { label: 'accounts normalised per second', value: perSecond, unit: 'names/s' },
    ],
    ratios: [
      { label: 'candidates per query ÷ accounts, in ‰', value: (1000 * e.candidatesPerQuery) / (n + registrationScenario(rows).accounts.length) },
    ],
    notes: e.misses.filter((m) => m.includes('generated')).slice(0, 10),
  };
}

export const duplicateMatching: Benchmark = {
  name: 'duplicate-matching',
  description: 'REG-3 company duplicate detection: precision/recall/F1 of the registration scenario, blocking, throughput',
  needsDatabase: false,
  async run(ctx) {
    const dev = loadDevFile(ctx);
    const results: BenchResult[] = [];
    if (dev) results.push(...labelledResults(ctx, dev.rows, dev.file));
    results.push(...syntheticResults(ctx));
    results.push(scaleResult(ctx, dev?.rows ?? syntheticCompanyNames(150), dev?.file ?? 'rule-generated set'));
    return results;
  },
};
