import type { RawBuilder } from 'kysely';
import type { DuplicateCheck, DuplicateCheckInput, PartnerDuplicateCheck } from '../../../shared/duplicates.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import { isDomainKey } from './company-blocking.rules.ts';
import { selectCandidates } from './company-candidate-index.ts';
import {
  type CompanyProfile,
  companyProfile,
  DUPLICATE_THRESHOLD,
  POSSIBLE_DUPLICATE_THRESHOLD,
  profileBlockingKeys,
  rankCandidates,
} from './company-match.rules.ts';
import { normaliseCompanyName } from './company-name.rules.ts';
import {
  type DuplicateFindings,
  type DuplicateVerdict,
  duplicateVerdict,
  partnerVerdict,
  type RegistrationMatch,
} from './duplicate-verdict.rules.ts';
import { presentDuplicateCheck, presentPartnerDuplicateCheck } from './duplicates.presenter.ts';
import * as repo from './duplicates.repository.ts';

/** At most this many accounts come back (best first). */
export const MAX_ACCOUNT_CANDIDATES = 10;
/** Open opportunities shown per strongly matched account (soonest close first). */
export const OPPORTUNITIES_PER_ACCOUNT = 5;

/**
 * Where registration candidates come from: the registrations module plugs its look-up in here
 * (the registrations table comes with a later change). Given the query's profile and blocking
 * keys, it returns the registrations matching at or above POSSIBLE_DUPLICATE_THRESHOLD.
 */
export type RegistrationSource = ((
  ctx: Ctx,
  query: CompanyProfile,
  keys: readonly string[],
  prefetched?: unknown,
) => Promise<RegistrationMatch[]>) & {
  /** SQL (a scalar) that reads what the source needs for these keys, sent with the accounts' key look-up and handed back as `prefetched`. */
  prefetch?: (workspaceId: string, keys: readonly string[]) => RawBuilder<unknown>;
};

/** No registrations yet. */
export const noRegistrations: RegistrationSource = async () => [];

/** The partner a caller acts for: a partner user's, a registration link's, a partner-bound API key's; null for staff. */
export function callerPartnerId(actor: Actor): string | null {
  if (actor.kind === 'partner_user' || actor.kind === 'registration_link') return actor.partnerId;
  if (actor.kind === 'api_key') return actor.partnerId;
  return null;
}

// Normalising a name costs ~30 µs and the candidates of successive keystrokes overlap: the
// normalised names of recently seen accounts are kept (pure function of the name, so never stale).
const NAME_CACHE_SIZE = 20_000;
const nameCache = new Map<string, ReturnType<typeof normaliseCompanyName>>();
function normalisedName(name: string) {
  let n = nameCache.get(name);
  if (!n) {
    n = normaliseCompanyName(name);
    if (nameCache.size >= NAME_CACHE_SIZE) nameCache.delete(nameCache.keys().next().value as string);
    nameCache.set(name, n);
  }
  return n;
}

/** A candidate's profile: its name, and the query's domains it shares (all the scorer can use of its domains). */
function accountProfile(a: repo.CandidateAccount): CompanyProfile {
  return { name: normalisedName(a.name), domains: a.domains, emailDomains: [], freeMail: [] };
}

// Profile and keys of an input object, computed once when duplicateLookup and findDuplicates both see it.
const queries = new WeakMap<DuplicateCheckInput, { query: CompanyProfile; keys: string[] }>();
function queryOf(input: DuplicateCheckInput) {
  let q = queries.get(input);
  if (!q) {
    const query = companyProfile({
      name: input.companyName,
      domains: input.domain ? [input.domain] : [],
      emails: input.contactEmail ? [input.contactEmail] : [],
    });
    q = { query, keys: profileBlockingKeys(query) };
    queries.set(input, q);
  }
  return q;
}

/**
 * The duplicate check's first look-up (the keys' accounts and the source's registrations) as one
 * scalar SQL expression, for a statement that reads something else anyway (registration submit's
 * partner read): its value goes to findDuplicates as `prefetched`, which then needs one round
 * trip fewer.
 */
export function duplicateLookup(workspaceId: string, input: DuplicateCheckInput, registrations: RegistrationSource = noRegistrations) {
  const { keys } = queryOf(input);
  return repo.keyHitsJson(workspaceId, keys, registrations.prefetch?.(workspaceId, keys));
}

/**
 * REG-3's check of a company against the workspace: candidates through the stored blocking keys
 * (rarest first within a budget, over-frequent keys skipped: `selectCandidates`), scored with
 * `rankCandidates`; the open opportunities of the accounts that are the same company; matching
 * registrations from `registrations`. Returns the verdict for this caller and what was found.
 */
export async function findDuplicates(
  ctx: Ctx,
  input: DuplicateCheckInput,
  registrations: RegistrationSource = noRegistrations,
  prefetched?: unknown,
): Promise<{ verdict: DuplicateVerdict; findings: DuplicateFindings }> {
  const { query, keys } = queryOf(input);
  const looked =
    prefetched === undefined
      ? await repo.keyHitsWith(ctx.trx, ctx.workspaceId, keys, registrations.prefetch?.(ctx.workspaceId, keys))
      : repo.keyHitsFromJson(prefetched);
  const { ids } = selectCandidates(looked.hits);
  const rows = await repo.candidateAccounts(ctx.trx, ctx.workspaceId, ids, keys.filter(isDomainKey));
  // In look-up order, so that equal scores rank as the in-memory index ranks them.
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ranked = rankCandidates(
    query,
    rows.map((r) => ({ id: r.id, profile: accountProfile(r) })),
    { minScore: POSSIBLE_DUPLICATE_THRESHOLD, limit: MAX_ACCOUNT_CANDIDATES },
  );
  const accounts = ranked.map((m) => ({ id: m.id, name: byId.get(m.id)?.name ?? '', score: m.score, reasons: m.reasons }));
  const strong = accounts.filter((a) => a.score >= DUPLICATE_THRESHOLD).map((a) => a.id);
  const opportunities = await repo.openOpportunities(ctx.trx, ctx.workspaceId, strong, OPPORTUNITIES_PER_ACCOUNT);
  const findings: DuplicateFindings = { accounts, opportunities, registrations: await registrations(ctx, query, keys, looked.extra) };
  return { verdict: duplicateVerdict(findings, callerPartnerId(ctx.actor)), findings };
}

/**
 * `POST /duplicate-check`: the full answer for staff and staff API keys; for a partner user or a
 * partner-bound API key only `no_match` or `possible_conflict` with a message in their language.
 */
export async function checkDuplicates(
  ctx: Ctx,
  input: DuplicateCheckInput,
  registrations: RegistrationSource = noRegistrations,
): Promise<DuplicateCheck | PartnerDuplicateCheck> {
  const { verdict, findings } = await findDuplicates(ctx, input, registrations);
  if (callerPartnerId(ctx.actor) === null) return presentDuplicateCheck(verdict, findings);
  const partner = partnerVerdict(verdict);
  const locale =
    partner === 'possible_conflict'
      ? await repo.callerLocale(ctx.trx, ctx.workspaceId, ctx.actor.kind === 'partner_user' ? ctx.actor.partnerUserId : null)
      : 'en';
  return presentPartnerDuplicateCheck(partner, locale);
}
