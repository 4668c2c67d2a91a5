import type { DUPLICATE_VERDICTS, PARTNER_VERDICTS } from '../../../shared/duplicates.ts';
import { DUPLICATE_THRESHOLD, type MatchReason } from './company-match.rules.ts';

/**
 * The verdict of REG-3's duplicate check from its candidates, and what a partner may learn of it.
 *
 * - `conflict`: the company is being worked on already — an account matching at or above
 *   DUPLICATE_THRESHOLD (the same company for practical purposes) has an open opportunity, or a
 *   registration matching at or above DUPLICATE_THRESHOLD holds an active protection for another
 *   partner than the caller's. A registration of it would collide with that work.
 * - `possible_duplicate`: any candidate at or above POSSIBLE_DUPLICATE_THRESHOLD (the candidates
 *   are only those), e.g. the company is an account without open deals, or only a similar name.
 * - `no_match`: no candidate.
 *
 * Partners (partner users, partner-bound API keys) learn only `possible_conflict` for a conflict
 * and `no_match` for anything else: a possible duplicate without a deal would tell them which
 * companies are in the vendor's CRM, while a conflict is what their registration needs to know,
 * and a partner manager sees the full check when reviewing it.
 */

/** One of DUPLICATE_VERDICTS. */
export type DuplicateVerdict = (typeof DUPLICATE_VERDICTS)[number];

/** What a partner may learn: one of these, nothing more. */
export type PartnerVerdict = (typeof PARTNER_VERDICTS)[number];

/** An account candidate with its score and reasons. */
export type AccountMatch = { id: string; name: string; score: number; reasons: MatchReason[] };

/** An open opportunity on a matched account. */
export type OpportunityMatch = { id: string; name: string; accountId: string; stage: string };

/**
 * A registration that matches the company. The registrations table comes with a later change;
 * its look-up plugs into `findDuplicates` as a `RegistrationSource` and returns these.
 */
export type RegistrationMatch = {
  id: string;
  /** The registered company's name as submitted. */
  name: string;
  score: number;
  reasons: MatchReason[];
  accountId: string | null;
  partnerId: string;
  /** An approved registration within its protection window. */
  protectionActive: boolean;
};

/** Everything the check found, for the verdict. */
export type DuplicateFindings = { accounts: AccountMatch[]; opportunities: OpportunityMatch[]; registrations: RegistrationMatch[] };

/**
 * The verdict for findings, seen by a caller of `callerPartnerId` (null for staff): a partner's
 * own protected registration is no conflict for that partner.
 */
export function duplicateVerdict(f: DuplicateFindings, callerPartnerId: string | null): DuplicateVerdict {
  const strong = new Set(f.accounts.filter((a) => a.score >= DUPLICATE_THRESHOLD).map((a) => a.id));
  const dealInProgress = f.opportunities.some((o) => strong.has(o.accountId));
  const protectedElsewhere = f.registrations.some((r) => r.protectionActive && r.score >= DUPLICATE_THRESHOLD && r.partnerId !== callerPartnerId);
  if (dealInProgress || protectedElsewhere) return 'conflict';
  return f.accounts.length || f.registrations.length ? 'possible_duplicate' : 'no_match';
}

/** What a partner learns of a verdict. */
export function partnerVerdict(v: DuplicateVerdict): PartnerVerdict {
  return v === 'conflict' ? 'possible_conflict' : 'no_match';
}

/** The partner's message for a possible conflict, in the caller's language. */
export function possibleConflictMessage(locale: 'en' | 'de'): string {
  return locale === 'de'
    ? 'Möglicher Konflikt – ein Partnermanager prüft Ihre Registrierung.'
    : 'Possible conflict — a partner manager will review your registration.';
}
