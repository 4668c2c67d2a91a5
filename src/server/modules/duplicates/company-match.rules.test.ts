import { describe, expect, it } from 'vitest';
import {
  companyProfile,
  contributionOf,
  DUPLICATE_THRESHOLD,
  matchCompany,
  POSSIBLE_DUPLICATE_THRESHOLD,
  profileBlockingKeys,
  rankCandidates,
} from './company-match.rules.ts';

const match = (q: Parameters<typeof companyProfile>[0], r: Parameters<typeof companyProfile>[0]) =>
  matchCompany(companyProfile(q), companyProfile(r));

describe('combining evidence', () => {
  it('calls a same name a duplicate on its own', () => {
    expect(match({ name: 'Müller Logistik GmbH' }, { name: 'Mueller Logistik' })).toMatchObject({ contribution: 'duplicate' });
  });

  it('calls a shared web domain a duplicate even when the names differ', () => {
    const m = match({ name: 'Alphabet Inc.', domains: ['https://www.google.com'] }, { name: 'Google LLC', domains: ['google.com'] });
    expect(m.contribution).toBe('duplicate');
    expect(m.reasons[0]).toEqual({ code: 'domain_equal', domain: 'google.com', text: 'same web domain google.com' });
  });

  it('takes a contact at the other company’s domain as evidence of its own', () => {
    const m = match({ name: 'Acme Deutschland', emails: ['jane@acme.com'] }, { name: 'ACME Corporation', domains: ['acme.com'] });
    expect(m.reasons.map((r) => r.code)).toContain('email_domain_equal');
    expect(m.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    const onlyMail = match({ name: 'Zeta Consulting', emails: ['bob@acme.com'] }, { name: 'Omega Werke', emails: ['alice@acme.com'] });
    expect(onlyMail.contribution).toBe('possible_duplicate');
  });

  it('ignores free-mail domains and says so', () => {
    const m = match(
      { name: 'Zeta Consulting', emails: ['jane@gmail.com'], domains: ['gmx.de'] },
      { name: 'Omega Werke', emails: ['bob@gmail.com'], domains: ['gmx.de'] },
    );
    expect(m.contribution).toBe('no_match');
    expect(m.reasons).toContainEqual({
      code: 'free_mail_ignored',
      domain: 'gmx.de',
      text: 'gmx.de is a free-mail domain and says nothing about the company',
    });
    expect(m.reasons.map((r) => r.code)).not.toContain('domain_equal');
  });

  it('gives no name reasons for names with nothing in common', () => {
    expect(match({ name: 'Zeta Consulting' }, { name: 'Omega Werke' })).toEqual({ score: 0, reasons: [], contribution: 'no_match' });
  });

  it('maps scores to contributions by the named thresholds', () => {
    expect(contributionOf(DUPLICATE_THRESHOLD)).toBe('duplicate');
    expect(contributionOf(POSSIBLE_DUPLICATE_THRESHOLD)).toBe('possible_duplicate');
    expect(contributionOf(POSSIBLE_DUPLICATE_THRESHOLD - 0.001)).toBe('no_match');
  });
});

describe('profiles and ranking', () => {
  it('keeps company domains, contact domains and free mail apart', () => {
    expect(
      companyProfile({ name: 'Acme', domains: ['www.acme.de', 'gmx.de'], emails: ['a@sales.acme.de', 'b@acme-group.com', 'c@web.de'] }),
    ).toMatchObject({
      domains: ['acme.de'],
      emailDomains: ['acme.de', 'acme-group.com'],
      freeMail: ['gmx.de', 'web.de'],
    });
  });

  it('adds the domains to the blocking keys', () => {
    const keys = profileBlockingKeys(companyProfile({ name: 'Acme', domains: ['acme.de'], emails: ['x@acme-group.com'] }));
    expect(keys).toEqual(expect.arrayContaining(['n:acme', 'd:acme.de', 'd:acme-group.com']));
  });

  it('ranks candidates best first and leaves out those below the threshold', () => {
    const candidates = ['Honeywell GmbH', 'Honeywell B.V.', 'Honeywel International', 'Honda Motor Co.'].map((name, id) => ({
      id,
      profile: companyProfile({ name }),
    }));
    const ranked = rankCandidates(companyProfile({ name: 'Honeywell B.V., Amsterdam' }), candidates);
    expect(ranked.map((r) => r.id)).toEqual([1, 0, 2]);
    expect(ranked[0]).toMatchObject({ score: 1, contribution: 'duplicate' });
    expect(rankCandidates(companyProfile({ name: 'Honeywell' }), candidates, { limit: 1 })).toHaveLength(1);
    expect(rankCandidates(companyProfile({ name: 'Honeywell' }), candidates, { minScore: 0 })).toHaveLength(4);
  });
});
