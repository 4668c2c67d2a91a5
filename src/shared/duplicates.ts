import { z } from 'zod';
import { domainSchema } from './domains.ts';

/** An empty form field counts as not given (a form sends "" for a field left blank). */
const blankAsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** `POST /api/v1/duplicate-check`: the company being registered. */
export const duplicateCheckInput = z.strictObject({
  companyName: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  domain: z.preprocess(blankAsAbsent, domainSchema.optional()).describe("the company's web domain or URL"),
  contactEmail: z
    .preprocess(blankAsAbsent, z.email({ message: 'must be an e-mail address such as anna@example.com' }).max(320).optional())
    .describe("the contact's e-mail address: its domain counts unless it is a free-mail provider"),
});
/** The body of a duplicate check. */
export type DuplicateCheckInput = z.infer<typeof duplicateCheckInput>;

/** Why a candidate matched: a machine-readable code and a sentence ("same web domain acme.de"). */
export const matchReasonSchema = z.object({ code: z.string(), text: z.string() });

/** The verdicts of the full check (see duplicate-verdict.rules.ts for what each means). */
export const DUPLICATE_VERDICTS = ['no_match', 'possible_duplicate', 'conflict'] as const;
/** The verdicts a partner can get. */
export const PARTNER_VERDICTS = ['no_match', 'possible_conflict'] as const;

/** What a candidate is: an account, an open opportunity of one, or (later) a registration. */
export const CANDIDATE_KINDS = ['account', 'opportunity', 'registration'] as const;

/** One record the company may duplicate, with its score (0–1) and why. */
export const duplicateCandidateSchema = z.object({
  kind: z.enum(CANDIDATE_KINDS),
  id: z.uuid(),
  name: z.string(),
  score: z.number().min(0).max(1),
  reasons: z.array(matchReasonSchema),
  /** The account the candidate is or belongs to (null for a registration of a company not in the CRM). */
  accountId: z.uuid().nullable(),
});
/** One candidate of the staff answer. */
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

/** The full answer, for staff and staff API keys: the verdict and every candidate, best first. */
export const duplicateCheckSchema = z.object({
  verdict: z.enum(DUPLICATE_VERDICTS),
  candidates: z.array(duplicateCandidateSchema),
});
/** The staff answer. */
export type DuplicateCheck = z.infer<typeof duplicateCheckSchema>;

/**
 * The only answer a partner user or partner-bound API key gets: no candidates, ids, names,
 * scores or reasons — `no_match`, or `possible_conflict` with a message in the caller's language.
 */
export const partnerDuplicateCheckSchema = z.strictObject({
  verdict: z.enum(PARTNER_VERDICTS),
  message: z.string().optional(),
});
/** The partner answer. */
export type PartnerDuplicateCheck = z.infer<typeof partnerDuplicateCheckSchema>;
