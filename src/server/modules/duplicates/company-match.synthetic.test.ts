import { describe, expect, it } from 'vitest';
import { CandidateIndex } from './company-candidate-index.ts';
import { companyProfile, POSSIBLE_DUPLICATE_THRESHOLD, profileBlockingKeys, rankCandidates } from './company-match.rules.ts';
import { type BestCandidate, registrationScenario, scoreScenario } from './registration-scenario.ts';
import { syntheticCompanyNames } from './synthetic-company-names.ts';

/** The registration scenario end to end: blocking index, then ranking; best candidate per query. */
function run(seed: number) {
  const { accounts, queries } = registrationScenario(syntheticCompanyNames(120, seed));
  const profiles = accounts.map((a) => companyProfile({ name: a.name }));
  const index = new CandidateIndex<number>();
  profiles.forEach((p, i) => {
    index.add(i, profileBlockingKeys(p));
  });
  const best: BestCandidate[] = queries.map((q) => {
    const profile = companyProfile({ name: q.name });
    const ids = index.lookup(profileBlockingKeys(profile)).ids;
    const [top] = rankCandidates(
      profile,
      ids.map((id) => ({ id, profile: profiles[id] })),
      { minScore: 0, limit: 1 },
    );
    return top ? { accountId: accounts[top.id].id, score: top.score } : null;
  });
  return scoreScenario(queries, best, POSSIBLE_DUPLICATE_THRESHOLD);
}

describe('rule-generated companies the rules were not written for', () => {
  it('generates the same set from the same seed, with hard negatives beside their look-alikes', () => {
    expect(syntheticCompanyNames(20, 5)).toEqual(syntheticCompanyNames(20, 5));
    expect(syntheticCompanyNames(20, 5)).not.toEqual(syntheticCompanyNames(20, 6));
    expect(new Set(syntheticCompanyNames(120, 1).map((r) => r.cluster)).size).toBeGreaterThan(120);
  });

  it.each([1, 2, 3])('flags typed variants of CRM companies and leaves other companies alone (seed %i)', (seed) => {
    const m = run(seed);
    expect(m.f1).toBeGreaterThan(0.94);
    expect(m.precision).toBeGreaterThan(0.98);
    expect(m.wrongAccountFlags).toBe(0);
  });
});
