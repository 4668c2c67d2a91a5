import { type DuplicateCandidate, type DuplicateCheck, type PartnerDuplicateCheck, partnerDuplicateCheckSchema } from '../../../shared/duplicates.ts';
import type { MatchReason } from './company-match.rules.ts';
import { type DuplicateFindings, type DuplicateVerdict, type PartnerVerdict, possibleConflictMessage } from './duplicate-verdict.rules.ts';

const reasonsOut = (reasons: readonly MatchReason[]) => reasons.map((r) => ({ code: r.code, text: r.text }));

/**
 * The full check for staff: account candidates best first, each followed by its open
 * opportunities (scored as their account, with the reason first), then registrations.
 */
export function presentDuplicateCheck(verdict: DuplicateVerdict, f: DuplicateFindings): DuplicateCheck {
  const candidates: DuplicateCandidate[] = [];
  for (const a of f.accounts) {
    candidates.push({ kind: 'account', id: a.id, name: a.name, score: a.score, reasons: reasonsOut(a.reasons), accountId: a.id });
    for (const o of f.opportunities.filter((x) => x.accountId === a.id)) {
      candidates.push({
        kind: 'opportunity',
        id: o.id,
        name: o.name,
        score: a.score,
        reasons: [{ code: 'open_opportunity', text: `open opportunity (${o.stage}) on the account "${a.name}"` }, ...reasonsOut(a.reasons)],
        accountId: a.id,
      });
    }
  }
  for (const r of f.registrations) {
    candidates.push({ kind: 'registration', id: r.id, name: r.name, score: r.score, reasons: reasonsOut(r.reasons), accountId: r.accountId });
  }
  return { verdict, candidates };
}

/**
 * A partner's answer, built from the verdict alone and checked against its strict schema: no
 * field of any candidate can reach it.
 */
export function presentPartnerDuplicateCheck(verdict: PartnerVerdict, locale: 'en' | 'de'): PartnerDuplicateCheck {
  return partnerDuplicateCheckSchema.parse(
    verdict === 'possible_conflict' ? { verdict, message: possibleConflictMessage(locale) } : { verdict: 'no_match' },
  );
}
