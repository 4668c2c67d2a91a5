import { describe, expect, it } from 'vitest';
import { parseLabelledCsv, registrationScenario, scoreScenario, splitByClusterPairs } from './registration-scenario.ts';

const rows = [
  { name: 'Beta 1', cluster: '2' },
  { name: 'Alpha 1', cluster: '10' },
  { name: 'Alpha 2', cluster: '10' },
  { name: 'Beta 2', cluster: '2' },
  { name: 'Gamma 1', cluster: '3' },
  { name: 'Delta 1', cluster: '4' },
];

describe('the registration scenario', () => {
  it('puts every other cluster, sorted as strings, in the CRM with its first name as the account', () => {
    // Sorted as strings: "10", "2", "3", "4" → 10 and 3 are in the CRM.
    expect(registrationScenario(rows)).toEqual({
      accounts: [
        { id: '10', name: 'Alpha 1' },
        { id: '3', name: 'Gamma 1' },
      ],
      queries: [
        { name: 'Beta 1', cluster: '2', inCrm: false },
        { name: 'Alpha 2', cluster: '10', inCrm: true },
        { name: 'Beta 2', cluster: '2', inCrm: false },
        { name: 'Delta 1', cluster: '4', inCrm: false },
      ],
    });
  });

  it('counts a flag as correct only when the best candidate is the company’s own account', () => {
    const queries = [
      { name: 'a', cluster: 'x', inCrm: true },
      { name: 'b', cluster: 'x', inCrm: true },
      { name: 'c', cluster: 'y', inCrm: true },
      { name: 'd', cluster: 'z', inCrm: false },
      { name: 'e', cluster: 'z', inCrm: false },
    ];
    const best = [
      { accountId: 'x', score: 0.9 },
      { accountId: 'x', score: 0.5 },
      { accountId: 'x', score: 0.95 },
      { accountId: 'x', score: 0.8 },
      null,
    ];
    expect(scoreScenario(queries, best, 0.7)).toEqual({
      threshold: 0.7,
      flags: 3,
      correctFlags: 1,
      wrongAccountFlags: 1,
      falseFlagsNotInCrm: 1,
      inCrmQueries: 3,
      notInCrmQueries: 2,
      precision: 1 / 3,
      recall: 1 / 3,
      f1: 1 / 3,
    });
  });

  it('splits companies into two halves that keep in-CRM and other companies each', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((c) => ({ name: c, cluster: c }));
    const { first, second } = splitByClusterPairs(many);
    expect(first.map((r) => r.cluster)).toEqual(['a', 'b', 'e', 'f']);
    expect(second.map((r) => r.cluster)).toEqual(['c', 'd', 'g', 'h']);
    expect(registrationScenario(first).accounts.map((a) => a.id)).toEqual(['a', 'e']);
  });

  it('parses the data set’s CSV with quoted names', () => {
    expect(parseLabelledCsv('name,cluster\n"Akzo Nobel, N.V.",569309\nDSM N.V.,7650783\n"Say ""Hi"" Ltd",1\n')).toEqual([
      { name: 'Akzo Nobel, N.V.', cluster: '569309' },
      { name: 'DSM N.V.', cluster: '7650783' },
      { name: 'Say "Hi" Ltd', cluster: '1' },
    ]);
    expect(() => parseLabelledCsv('name,cluster\nno cluster here\n')).toThrow(/name,cluster/);
  });
});
