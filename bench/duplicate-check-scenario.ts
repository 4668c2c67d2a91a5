// The registration scenario of duplicate-check: the dev file's accounts created through the API,
// its queries through POST /api/v1/duplicate-check, and the same scenario in memory for comparison.
import { CandidateIndex } from '../src/server/modules/duplicates/company-candidate-index.ts';
import {
  companyProfile,
  POSSIBLE_DUPLICATE_THRESHOLD,
  profileBlockingKeys,
  rankCandidates,
} from '../src/server/modules/duplicates/company-match.rules.ts';
import {
  type BestCandidate,
  type LabelledName,
  registrationScenario,
  type ScenarioMetrics,
  type ScenarioQuery,
  scoreScenario,
} from '../src/server/modules/duplicates/registration-scenario.ts';
import type { AccountSample } from './crm-accounts.ts';

/** A request body of the check. */
export type CheckBody = { companyName: string; domain?: string; contactEmail?: string };

type Candidate = { kind: string; id: string; score: number };

/** POST /api/v1/duplicate-check once; throws unless it answers 200. */
export async function postCheck(url: string, apiKey: string, body: CheckBody): Promise<{ verdict: string; candidates: Candidate[] }> {
  const res = await fetch(`${url}/api/v1/duplicate-check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`duplicate-check answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

async function post(url: string, apiKey: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** The scenario scored both ways. */
export type ScenarioRun = {
  queries: ScenarioQuery[];
  accounts: number;
  opportunities: number;
  inMemory: ScenarioMetrics;
  http: ScenarioMetrics;
  /** Queries whose flag (account at or above the threshold, or none) differs between the two. */
  disagreements: string[];
  /** Misses and false flags through HTTP, as sentences. */
  misses: string[];
};

/**
 * Creates the scenario's accounts in the main workspace through the API (the accounts service
 * writes their keys), an open opportunity on every third, then scores every query through HTTP
 * (best account candidate) and in memory (`CandidateIndex` over the scenario's accounts alone,
 * as the duplicate-matching benchmark does).
 */
export async function runScenario(url: string, apiKey: string, rows: readonly LabelledName[]): Promise<ScenarioRun> {
  const { accounts, queries } = registrationScenario(rows);
  const clusterOf = new Map<string, string>();
  let opportunities = 0;
  for (const [i, a] of accounts.entries()) {
    const { id } = await post(url, apiKey, '/api/v1/accounts', { name: a.name });
    clusterOf.set(id, a.id);
    if (i % 3 === 0) {
      await post(url, apiKey, '/api/v1/opportunities', {
        name: `${a.name} – platform deal`,
        accountId: id,
        amount: { value: 40_000, currency: 'EUR' },
        stage: 'qualification',
        closeDate: '2027-06-30',
      });
      opportunities++;
    }
  }

  const index = new CandidateIndex<number>();
  const profiles = accounts.map((a) => companyProfile({ name: a.name }));
  for (const [i, p] of profiles.entries()) index.add(i, profileBlockingKeys(p));
  const memoryBest: BestCandidate[] = queries.map((q) => {
    const profile = companyProfile({ name: q.name });
    const { ids } = index.lookup(profileBlockingKeys(profile));
    const [top] = rankCandidates(
      profile,
      ids.map((id) => ({ id, profile: profiles[id] })),
      { minScore: 0, limit: 1 },
    );
    return top ? { accountId: accounts[top.id].id, score: top.score } : null;
  });

  const httpBest: BestCandidate[] = [];
  for (const q of queries) {
    const r = await postCheck(url, apiKey, { companyName: q.name });
    const top = r.candidates.find((c) => c.kind === 'account');
    httpBest.push(top ? { accountId: clusterOf.get(top.id) ?? `generated ${top.id}`, score: top.score } : null);
  }

  const flag = (b: BestCandidate) => (b && b.score >= POSSIBLE_DUPLICATE_THRESHOLD ? b.accountId : 'none');
  const disagreements: string[] = [];
  const misses: string[] = [];
  queries.forEach((q, i) => {
    const h = flag(httpBest[i]);
    const m = flag(memoryBest[i]);
    if (h !== m) disagreements.push(`"${q.name}": HTTP ${h}, in memory ${m}`);
    if (q.inCrm && h !== q.cluster) misses.push(`missed "${q.name}" (best ${httpBest[i] ? `${httpBest[i]?.score} ${h}` : 'none'})`);
    if (!q.inCrm && h !== 'none') misses.push(`false flag "${q.name}" → ${h} ${httpBest[i]?.score}`);
  });
  return {
    queries,
    accounts: accounts.length,
    opportunities,
    inMemory: scoreScenario(queries, memoryBest, POSSIBLE_DUPLICATE_THRESHOLD),
    http: scoreScenario(queries, httpBest, POSSIBLE_DUPLICATE_THRESHOLD),
    disagreements,
    misses,
  };
}

/**
 * What a partner types, from the generated accounts: the name growing keystroke by keystroke
 * (every third character from the fourth, as a debounced form sends it), the whole name with its
 * legal form, and the name with the domain and a contact's e-mail address.
 */
export function typingBodies(samples: readonly AccountSample[]): CheckBody[] {
  const bodies: CheckBody[] = [];
  for (const s of samples) {
    for (let n = 4; n < s.base.length; n += 3) bodies.push({ companyName: s.base.slice(0, n) });
    bodies.push({ companyName: s.name });
    bodies.push({ companyName: s.base, domain: s.domain, contactEmail: `info@${s.domain}` });
  }
  return bodies;
}
