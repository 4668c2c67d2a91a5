import type { PartnerRegistration, Registration } from '../../../shared/registrations.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { assertCursor } from '../../db/keyset.ts';
import { found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { companyProfile, matchCompany, POSSIBLE_DUPLICATE_THRESHOLD } from '../duplicates/company-match.rules.ts';
import type { RegistrationMatch } from '../duplicates/duplicate-verdict.rules.ts';
import { callerPartnerId, type RegistrationSource } from '../duplicates/duplicates.service.ts';
import { getProgramSettings, type ResolvedProgram } from '../program/program.service.ts';
import { loadExtras, presentRegistration, presentRegistrationToPartner } from './registrations.presenter.ts';
import * as repo from './registrations.repository.ts';

export type RegistrationDeps = { jobs: Jobs; publicUrl: string };

/**
 * Registrations scored per check: those sharing the most blocking keys. A registration of the
 * same company shares most of its keys (name, words and their typo variants, phonetic, domain);
 * scoring 50 took a tenth of a submission's server time, mostly on names that share one word.
 */
const CANDIDATE_REGISTRATIONS = 20;

/** Registration candidates of the duplicate check: open registrations sharing blocking keys, scored like accounts. */
export function registrationCandidates(excludeId?: string): RegistrationSource {
  const source: RegistrationSource = async (ctx, query, keys, prefetched) => {
    const rows =
      prefetched === undefined
        ? await repo.registrationsByKeys(ctx.trx, ctx.workspaceId, keys, CANDIDATE_REGISTRATIONS)
        : repo.registrationCandidatesFromJson(prefetched);
    const out: RegistrationMatch[] = [];
    for (const r of rows) {
      if (r.id === excludeId || !['submitted', 'in_review', 'approved'].includes(r.status)) continue;
      const m = matchCompany(
        query,
        companyProfile({ name: r.companyName, domains: r.companyDomain ? [r.companyDomain] : [], emails: r.contactEmail ? [r.contactEmail] : [] }),
      );
      if (m.score < POSSIBLE_DUPLICATE_THRESHOLD) continue;
      out.push({
        id: r.id,
        name: r.companyName,
        score: m.score,
        reasons: m.reasons,
        accountId: r.accountId,
        partnerId: r.partnerId,
        protectionActive: r.status === 'approved' && r.protectionExpiresAt !== null && r.protectionExpiresAt > ctx.now(),
      });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, 10);
  };
  // Read with the accounts' key look-up: one round trip fewer per check.
  source.prefetch = (workspaceId, keys) => repo.registrationsByKeysJson(workspaceId, keys, CANDIDATE_REGISTRATIONS);
  return source;
}

/** The registration as the caller may see it: the full record for staff, the partner view for its partner. */
export async function viewFor(ctx: Ctx, row: repo.RegistrationRow, program?: ResolvedProgram): Promise<Registration | PartnerRegistration> {
  const p = program ?? (await getProgramSettings(ctx));
  const extras = await loadExtras(ctx, row, p);
  if (callerPartnerId(ctx.actor)) return presentRegistrationToPartner(ctx, row, extras, p);
  return presentRegistration(row, extras, ctx.now(), p, can.decideRegistrations(ctx.actor));
}

/** A registration as staff see it (the decision routes). */
export async function staffView(ctx: Ctx, row: repo.RegistrationRow, program: ResolvedProgram): Promise<Registration> {
  return presentRegistration(row, await loadExtras(ctx, row, program), ctx.now(), program, can.decideRegistrations(ctx.actor));
}

/** One registration: a partner sees only its own. */
export async function getRegistration(ctx: Ctx, id: string) {
  const partnerId = callerPartnerId(ctx.actor);
  const row = found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id, { partnerId: partnerId ?? undefined }), 'Registration');
  return viewFor(ctx, row);
}

/** A page of registrations: staff filter the queue; a partner lists its own. */
export async function listRegistrations(ctx: Ctx, filter: repo.RegistrationFilter, limit: number, after?: Cursor) {
  assertCursor(after, repo.REGISTRATION_SORTS[filter.sort]);
  const partnerId = callerPartnerId(ctx.actor);
  const rows = await repo.listRegistrations(
    ctx.trx,
    ctx.workspaceId,
    partnerId ? { ...filter, partnerId, approverUserId: undefined } : filter,
    limit,
    after,
  );
  const page = toPage(rows, limit, (r) => r.sortKey as string);
  const program = await getProgramSettings(ctx);
  const data = [];
  for (const r of page.data) data.push(await viewFor(ctx, r, program));
  return { data, nextCursor: page.nextCursor };
}
