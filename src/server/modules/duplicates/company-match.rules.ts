import { blockingKeys, domainBlockingKeys } from './company-blocking.rules.ts';
import { companyDomains, emailDomain, isFreeMailDomain } from './company-domain.rules.ts';
import { type NormalisedCompanyName, normaliseCompanyName } from './company-name.rules.ts';
import { compareCompanyNames, type NameReason } from './company-name-similarity.rules.ts';

/**
 * Whether a company being registered is already known (REG-3): name, web-domain and contact
 * e-mail-domain evidence combined into one score with reasons, and a verdict contribution the
 * registration service turns into `no match`, `possible duplicate` or `conflict` (which also
 * depends on protections and open registrations this module does not see).
 */

/** At or above: a possible duplicate, shown to the submitter with the candidates and why. */
export const POSSIBLE_DUPLICATE_THRESHOLD = 0.76;
/** At or above: the same company for practical purposes (the service may call it a conflict). */
export const DUPLICATE_THRESHOLD = 0.93;
/** Evidence of a shared company web domain ("acme.de" on both), as a probability-like score. */
export const DOMAIN_EQUAL_SCORE = 0.95;
/** Evidence of a contact's e-mail domain being the other company's domain or contact domain. */
export const EMAIL_DOMAIN_EQUAL_SCORE = 0.85;

/** A company as compared: its normalised name and the domains known for it. */
export type CompanyProfile = {
  name: NormalisedCompanyName;
  /** Registrable web domains of the company (free mail left out). */
  domains: string[];
  /** Registrable domains of its contacts' e-mail addresses (free mail left out). */
  emailDomains: string[];
  /** Free-mail domains seen among the inputs, kept only to say that they were ignored. */
  freeMail: string[];
};

/** What a company is compared by: a name, web domains or URLs, contacts' e-mail addresses. */
export type CompanyInput = { name: string; domains?: readonly string[]; emails?: readonly string[] };

export type DomainReason =
  | { code: 'domain_equal'; domain: string; text: string }
  | { code: 'email_domain_equal'; domain: string; text: string }
  | { code: 'free_mail_ignored'; domain: string; text: string };

export type MatchReason = NameReason | DomainReason;

/** `duplicate`: the same company; `possible_duplicate`: worth a look; `no_match`. */
export type MatchContribution = 'duplicate' | 'possible_duplicate' | 'no_match';

export type CompanyMatch = { score: number; reasons: MatchReason[]; contribution: MatchContribution };

/** Normalises what is known of a company once, so it can be compared with many others. */
export function companyProfile(input: CompanyInput): CompanyProfile {
  const web = companyDomains(input.domains ?? []);
  const mailDomains = (input.emails ?? []).map(emailDomain).filter((d): d is string => d !== null);
  const emailDomains = [...new Set(mailDomains.filter((d) => !isFreeMailDomain(d)))];
  const freeMail = [...new Set([...web.freeMail, ...mailDomains.filter(isFreeMailDomain)])];
  return { name: normaliseCompanyName(input.name), domains: web.domains, emailDomains, freeMail };
}

/** Blocking keys of a profile: its name's keys and its web and e-mail domains. */
export function profileBlockingKeys(p: CompanyProfile): string[] {
  return [...blockingKeys(p.name), ...domainBlockingKeys([...new Set([...p.domains, ...p.emailDomains])])];
}

/** The verdict contribution of a combined score. */
export function contributionOf(score: number): MatchContribution {
  return score >= DUPLICATE_THRESHOLD ? 'duplicate' : score >= POSSIBLE_DUPLICATE_THRESHOLD ? 'possible_duplicate' : 'no_match';
}

/** Domain and e-mail-domain evidence of a query against a record: a score in [0, 1) and reasons. */
function domainEvidence(query: CompanyProfile, record: CompanyProfile): { score: number; reasons: DomainReason[] } {
  const reasons: DomainReason[] = [];
  let miss = 1;
  const sharedWeb = query.domains.find((d) => record.domains.includes(d));
  if (sharedWeb) {
    miss *= 1 - DOMAIN_EQUAL_SCORE;
    reasons.push({ code: 'domain_equal', domain: sharedWeb, text: `same web domain ${sharedWeb}` });
  }
  // A contact at the other company's domain, or contacts of both at one domain.
  const recordAll = new Set([...record.domains, ...record.emailDomains]);
  const sharedMail =
    query.emailDomains.find((d) => recordAll.has(d) && d !== sharedWeb) ??
    query.domains.find((d) => record.emailDomains.includes(d) && d !== sharedWeb);
  if (sharedMail) {
    miss *= 1 - EMAIL_DOMAIN_EQUAL_SCORE;
    reasons.push({ code: 'email_domain_equal', domain: sharedMail, text: `contact e-mail domain ${sharedMail} is the existing company's` });
  }
  for (const d of query.freeMail)
    reasons.push({ code: 'free_mail_ignored', domain: d, text: `${d} is a free-mail domain and says nothing about the company` });
  return { score: 1 - miss, reasons };
}

/**
 * Compares a query company with a known one. Evidence combines as independent signals (noisy-or):
 * a shared web domain alone makes a duplicate, a name alone can.
 */
export function matchCompany(query: CompanyProfile, record: CompanyProfile): CompanyMatch {
  const name = compareCompanyNames(query.name, record.name);
  const domains = domainEvidence(query, record);
  const score = Math.round((1 - (1 - name.score) * (1 - domains.score)) * 1000) / 1000;
  const nameReasons = name.score > 0 ? name.reasons : [];
  return {
    score,
    reasons: [
      ...domains.reasons.filter((r) => r.code !== 'free_mail_ignored'),
      ...nameReasons,
      ...domains.reasons.filter((r) => r.code === 'free_mail_ignored'),
    ],
    contribution: contributionOf(score),
  };
}

export type RankedCandidate<Id> = CompanyMatch & { id: Id };

/**
 * Scores a query against candidate records (from the blocking look-up) and returns those at or
 * above `minScore`, best first (ties by id order of the input), at most `limit`.
 */
export function rankCandidates<Id>(
  query: CompanyProfile,
  candidates: readonly { id: Id; profile: CompanyProfile }[],
  options: { minScore?: number; limit?: number } = {},
): RankedCandidate<Id>[] {
  const minScore = options.minScore ?? POSSIBLE_DUPLICATE_THRESHOLD;
  const ranked: RankedCandidate<Id>[] = [];
  for (const c of candidates) {
    const m = matchCompany(query, c.profile);
    if (m.score >= minScore) ranked.push({ id: c.id, ...m });
  }
  return ranked.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 10);
}
