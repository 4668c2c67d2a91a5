// The server words duplicate-match and conflict reasons in English ({code, text}); the UI shows them
// in its own language. These read the values out of the English sentence by its code, so the UI can
// word it again; an unknown code or sentence returns null and the server's text is shown as it is.

/** A translatable reason: the message key under `registrations.reasons` / `registrations.conflictReasons` and its values. */
export type ReasonMessage = { key: string; values: Record<string, string> };

type Rule = { code: string; pattern?: RegExp; names?: string[] };

const MATCH_RULES: Rule[] = [
  { code: 'domain_equal', pattern: /^same web domain (\S+)$/, names: ['domain'] },
  { code: 'email_domain_equal', pattern: /^contact e-mail domain (\S+) is the existing company's$/, names: ['domain'] },
  { code: 'free_mail_ignored', pattern: /^(\S+) is a free-mail domain/, names: ['domain'] },
  { code: 'name_equal' },
  { code: 'name_equal_after_legal_form' },
  { code: 'name_equal_ignoring_spaces' },
  { code: 'word_order' },
  { code: 'name_similar', pattern: /^name (\d+(?:\.\d+)?) after removing legal form$/, names: ['score'] },
  { code: 'token_typo', pattern: /^'(.+)' ≈ '(.+)' \(typo\)$/, names: ['a', 'b'] },
  { code: 'token_sounds_alike', pattern: /^'(.+)' sounds like '(.+)'$/, names: ['a', 'b'] },
  { code: 'token_truncated', pattern: /^'(.+)' and '(.+)' \(shortened\)$/, names: ['a', 'b'] },
  { code: 'words_joined', pattern: /^'(.+)' is written '(.+)'$/, names: ['a', 'b'] },
  { code: 'acronym', pattern: /^'(.+)' stands for '(.+)'$/, names: ['a', 'b'] },
  { code: 'abbreviation', pattern: /^'(.+)' read as '(.+)'$/, names: ['a', 'b'] },
  { code: 'extra_words', pattern: /^only in the (new|existing) name: (.+)$/, names: ['side', 'words'] },
  { code: 'open_opportunity', pattern: /^open opportunity \((\w+)\) on the account "(.+)"$/, names: ['stage', 'name'] },
];

const CERT = '(certified|in certification|not certified)';
const CONFLICT_RULES: Rule[] = [
  { code: 'registered_beats_unregistered', pattern: /^(.+) registered the deal; (.+) did not\.$/, names: ['winner', 'loser'] },
  {
    code: 'established_beats_new',
    pattern: /^(.+) has an established relationship with the customer; (.+) does not\.$/,
    names: ['winner', 'loser'],
  },
  { code: 'qualified_beats_pending', pattern: /^The claim of (.+) is qualified; that of (.+) is not yet\.$/, names: ['winner', 'loser'] },
  { code: 'qualified_first', pattern: /^The claim of (.+) was qualified before that of (.+)\.$/, names: ['winner', 'loser'] },
  {
    code: 'higher_tier',
    pattern: /^(.+) \(tier (.+)\) ranks above (.+) \(tier (.+)\)\.$/,
    names: ['winner', 'winnerTier', 'loser', 'loserTier'],
  },
  {
    code: 'higher_certification',
    pattern: new RegExp(`^Certification breaks the tie: (.+) is ${CERT}, (.+) is ${CERT}\\.$`),
    names: ['winner', 'winnerCert', 'loser', 'loserCert'],
  },
  { code: 'submitted_first', pattern: /^(.+) submitted before (.+)\.$/, names: ['winner', 'loser'] },
  { code: 'tie', pattern: /^(.+) and (.+) are equal on every rule; a partner manager decides\.$/, names: ['winner', 'loser'] },
  { code: 'not_qualified', pattern: /^The claim of (.+) was found not qualified\.$/, names: ['loser'] },
  { code: 'direct_opportunity_open', pattern: /takes precedence over (.+)\.$/, names: ['loser'] },
  { code: 'direct_opened_first', pattern: /opened its opportunity before (.+) registered\.$/, names: ['loser'] },
  { code: 'registered_before_direct', pattern: /^(.+) registered before our own sales team/, names: ['winner'] },
  { code: 'registered_partner_over_direct', pattern: /^(.+) holds a registration, which comes before our own opportunity\.$/, names: ['winner'] },
  { code: 'unregistered_yields_to_direct', pattern: /^(.+) did not register the deal/, names: ['loser'] },
];

function read(rules: Rule[], reason: { code: string; text: string }): ReasonMessage | null {
  const rule = rules.find((r) => r.code === reason.code);
  if (!rule) return null;
  if (!rule.pattern) return { key: rule.code, values: {} };
  const m = rule.pattern.exec(reason.text.trim());
  if (!m) return null;
  const values: Record<string, string> = {};
  (rule.names ?? []).forEach((name, i) => {
    values[name] = m[i + 1] ?? '';
  });
  return { key: rule.code, values };
}

/** Why a candidate matched (`same web domain acme.de`), as a message key and its values. */
export function matchReasonMessage(reason: { code: string; text: string }): ReasonMessage | null {
  return read(MATCH_RULES, reason);
}

/** Why the conflict policy ranks one claim first, as a message key and its values. */
export function conflictReasonMessage(reason: { code: string; text: string }): ReasonMessage | null {
  return read(CONFLICT_RULES, reason);
}

/** "partner of REG-00001" (how the server names another partner's claim) → the registration number, else null. */
export function claimNumberOf(name: string): string | null {
  return /^(?:the )?partner of (\S+)$/.exec(name)?.[1] ?? null;
}
