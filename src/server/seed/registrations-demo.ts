import { sql } from 'kysely';
import { fromMinorUnits } from '../../shared/money.ts';
import { OPEN_STAGES } from '../../shared/opportunities.ts';
import {
  appealInput,
  approveInput,
  decideAppealInput,
  extensionInput,
  linkRegistrationInput,
  registrationInput,
  registrationLinkInput,
  rejectInput,
} from '../../shared/registrations.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { type Db, flushDeferredWrites, inWorkspace, type Trx } from '../db/client.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { getProgramSettings } from '../modules/program/program.service.ts';
import { addBusinessHours } from '../modules/registrations/business-hours.rules.ts';
import {
  approveRegistration,
  rejectRegistration,
  releaseRegistration,
  startReview,
  withdrawRegistration,
} from '../modules/registrations/registration-decisions.service.ts';
import { appealRegistration, decideAppeal, requestExtension } from '../modules/registrations/registration-followups.service.ts';
import { createRegistrationLink, registerThroughLink } from '../modules/registrations/registration-links.service.ts';
import { submitRegistration } from '../modules/registrations/registration-submit.service.ts';
import type { RegistrationDeps } from '../modules/registrations/registrations.service.ts';
import { addDays, localDate, parseClockTime, zonedTimeToUtc } from '../modules/registrations/zoned-time.ts';
import { addTimelineEntry } from '../modules/timeline/timeline.service.ts';
import { asciiSlug } from './crm-demo-data.ts';
import { CHANNEL, DEMO_PARTNERS, MOTION_OF, STORIES, type Step, type Story, type When, type Who } from './registrations-demo-stories.ts';

export type RegistrationsDemoSummary = { registrations: number; appeals: number; extensionRequests: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// The services queue their emails (confirmations, decisions); the demo's are dropped at the end, so
// no email goes out with the seed's placeholder links. With SMTP off, queueEmail never asks to send.
const MAILBOX_ONLY = { smtpEnabled: false } as unknown as Jobs;

/** The company a story registers, resolved against the demo CRM. */
type Resolved = {
  name: string;
  domain: string;
  contact: { name: string; email: string };
  motion: (typeof MOTION_OF)[Who];
  amount?: { value: number; currency: string };
  expectedCloseDate?: string;
  opportunityId?: string;
};

const transliterate = (s: string) => s.replace(/[äöüÄÖÜß]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' })[c] as string);

const emailOf = (name: string, domain: string) => `${asciiSlug(name.replace(/^Dr\.\s*/, ''), '.')}@${domain}`;

/**
 * The demo's living registration queue (REG-1 … REG-11), played through the real services with the
 * clock of each moment (`ctx.now`): STORIES in registrations-demo-stories.ts, ~25 registrations of
 * the five demo partners through the portal, no-login links and the API — waiting with their
 * decision SLAs on track, at risk and breached, possible duplicates of demo accounts, a conflict of
 * two partners, approved with protection (one expiring within 7 days, one with an extension
 * request), expired and released, rejected with reasons, appealed, withdrawn. Approvals link the
 * partner's open deal in the demo CRM. Deterministic for a CRM seed and a `now`; does nothing where
 * registrations exist or the demo partners are missing. The services stamp `created_at` with the
 * database clock: the seed moves those stamps to the story's time, as the timers read them.
 */
export async function seedRegistrationsDemo(db: Db, workspaceId: string, opts: { now?: Date } = {}): Promise<RegistrationsDemoSummary> {
  const now = opts.now ?? new Date();
  const none: RegistrationsDemoSummary = { registrations: 0, appeals: 0, extensionRequests: 0 };
  return inWorkspace(db, workspaceId, async (trx) => {
    if (await trx.selectFrom('registrations').select('id').where('workspaceId', '=', workspaceId).limit(1).executeTakeFirst()) return none;
    const admin = await trx
      .selectFrom('workspaceMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['u.id', 'u.name', 'u.email'])
      .where('m.workspaceId', '=', workspaceId)
      .where('m.role', '=', 'admin')
      .where('m.status', '=', 'active')
      .orderBy('u.email')
      .executeTakeFirst();
    const partnerRows = await trx
      .selectFrom('partners')
      .select(['id', 'name'])
      .where('workspaceId', '=', workspaceId)
      .where('name', 'in', Object.values(DEMO_PARTNERS))
      .where('deletedAt', 'is', null)
      .execute();
    const partners = new Map<Who, { id: string; name: string }>();
    for (const who of Object.keys(DEMO_PARTNERS) as Who[]) {
      const p = partnerRows.find((r) => r.name === DEMO_PARTNERS[who]);
      if (p) partners.set(who, p);
    }
    const nordlicht = partners.get('nordlicht');
    const paula = nordlicht
      ? await trx
          .selectFrom('partnerUsers')
          .select(['id', 'name', 'email'])
          .where('workspaceId', '=', workspaceId)
          .where('partnerId', '=', nordlicht.id)
          .where('role', '=', 'partner_admin')
          .where('status', '=', 'active')
          .orderBy('createdAt')
          .executeTakeFirst()
      : undefined;
    if (!admin || !nordlicht || !paula || partners.size < Object.keys(DEMO_PARTNERS).length) return none;

    let clock = now;
    const ctxAs = (actor: Actor): Ctx => ({ trx, workspaceId, actor, now: () => clock });
    const staff: Actor = {
      kind: 'staff',
      workspaceId,
      userId: admin.id,
      role: 'admin',
      name: admin.name,
      email: admin.email,
      sessionId: '',
      csrfToken: '',
    };
    const portalUser: Actor = {
      kind: 'partner_user',
      workspaceId,
      partnerUserId: paula.id,
      partnerId: nordlicht.id,
      role: 'partner_admin',
      name: paula.name,
      email: paula.email,
      sessionId: '',
      csrfToken: '',
    };
    const deps: RegistrationDeps = { jobs: MAILBOX_ONLY, publicUrl: 'http://localhost' };
    const cal = (await getProgramSettings(ctxAs(staff))).calendarOf;
    const tz = cal.timeZone;
    const at = (w: When): Date => {
      const t =
        'bh' in w
          ? +addBusinessHours(now, -w.bh, cal)
          : 'hours' in w
            ? +now - w.hours * HOUR
            : zonedTimeToUtc(addDays(localDate(now, tz), -w.days), parseClockTime(w.at), tz);
      return new Date(Math.min(t, +now - 60_000));
    };
    // Moves the database's stamp of the rows this transaction just wrote to the story's time.
    const stamp = (table: 'registrations' | 'appeals' | 'extension_requests' | 'registration_links', when: Date) =>
      sql`update ${sql.table(table)} set created_at = ${when} where workspace_id = ${workspaceId} and created_at = now()`.execute(trx);

    // The no-login links partners use, made by the admin four months ago.
    const actors = new Map<Who, Actor>([['nordlicht', portalUser]]);
    clock = at({ days: 120, at: '09:00' });
    for (const [who, channel] of Object.entries(CHANNEL) as [Who, (typeof CHANNEL)[Who]][]) {
      const p = partners.get(who) as { id: string; name: string };
      if (channel.kind === 'link') {
        const link = await createRegistrationLink(
          ctxAs(staff),
          deps,
          p.id,
          registrationLinkInput.parse({ expiresInDays: 365, label: 'Deal registration form on the partner intranet' }),
        );
        actors.set(who, { kind: 'registration_link', workspaceId, registrationLinkId: link.id, partnerId: p.id, name: p.name });
      } else if (channel.kind === 'api') {
        actors.set(who, staff);
      }
    }
    await stamp('registration_links', clock);

    const resolved = new Map<string, Resolved>();
    const usedAccounts = new Set<string>();
    for (const story of STORIES) {
      const r = await resolve(trx, workspaceId, story, at(story.submitted), resolved, usedAccounts, {
        partnerId: partners.get(story.who)?.id as string,
        portalPartnerId: nordlicht.id,
      });
      if (r) resolved.set(story.key, r);
    }

    // Every submission and step, in the order they happened (registration numbers follow it).
    const ids = new Map<string, string>();
    const events: { at: Date; seq: number; run: () => Promise<unknown> }[] = [];
    let seq = 0;
    for (const story of STORIES) {
      const company = resolved.get(story.key);
      if (!company) continue;
      const submittedAt = at(story.submitted);
      events.push({ at: submittedAt, seq: seq++, run: () => submit(story, company) });
      for (const step of story.steps ?? []) events.push({ at: at(step.at), seq: seq++, run: () => perform(story, step, company) });
    }
    events.sort((a, b) => +a.at - +b.at || a.seq - b.seq);

    async function submit(story: Story, company: Resolved) {
      const partner = partners.get(story.who) as { id: string };
      const body = {
        type: story.type ?? 'deal',
        company: { name: company.name, domain: company.domain },
        contact: company.contact,
        ...(story.type === 'lead' ? {} : { amount: company.amount, expectedCloseDate: company.expectedCloseDate }),
        motion: company.motion,
        notes: story.notes,
      };
      const channel = CHANNEL[story.who];
      const actor = actors.get(story.who) as Actor;
      const view =
        channel.kind === 'link'
          ? await registerThroughLink(ctxAs(actor), deps, linkRegistrationInput.parse({ ...body, submitter: channel.submitter }))
          : await submitRegistration(ctxAs(actor), deps, registrationInput.parse(channel.kind === 'api' ? { ...body, partnerId: partner.id } : body));
      ids.set(story.key, view.id);
      await stamp('registrations', clock);
    }

    async function perform(story: Story, step: Step, company: Resolved) {
      const id = ids.get(story.key) as string;
      const partnerSide = ctxAs(actors.get(story.who) as Actor);
      switch (step.do) {
        case 'review':
          return startReview(ctxAs(staff), id);
        case 'approve':
          return approveRegistration(
            ctxAs(staff),
            deps,
            id,
            approveInput.parse({ protectionDays: step.protectionDays, note: step.note, opportunityId: company.opportunityId }),
          );
        case 'reject':
          return rejectRegistration(ctxAs(staff), deps, id, rejectInput.parse({ reason: step.reason, note: step.note }));
        case 'appeal':
          await appealRegistration(partnerSide, deps, id, appealInput.parse({ reason: step.reason }));
          return stamp('appeals', clock);
        case 'deny_appeal': {
          const appeal = await trx
            .selectFrom('appeals')
            .select('id')
            .where('registrationId', '=', id)
            .where('status', '=', 'open')
            .executeTakeFirstOrThrow();
          return decideAppeal(ctxAs(staff), deps, appeal.id, decideAppealInput.parse({ decision: 'denied', note: step.note }));
        }
        case 'extension':
          await requestExtension(
            partnerSide,
            deps,
            id,
            extensionInput.parse({ evidence: { kind: step.evidence, text: step.text, at: clock.toISOString() } }),
          );
          return stamp('extension_requests', clock);
        case 'withdraw':
          return withdrawRegistration(partnerSide, id);
        case 'release':
          return releaseRegistration(ctxAs(staff), deps, id, step.reason);
        case 'partner_note': {
          const r = await trx.selectFrom('registrations').select('opportunityId').where('id', '=', id).executeTakeFirstOrThrow();
          if (!r.opportunityId) return;
          return addTimelineEntry(partnerSide, { type: 'opportunity', id: r.opportunityId }, { kind: 'note', body: step.body, visibility: 'shared' });
        }
      }
    }

    for (const e of events) {
      clock = e.at;
      await e.run();
    }
    await flushDeferredWrites(trx); // the confirmations are deferred writes: written before they are dropped
    await sql`delete from email_messages where workspace_id = ${workspaceId} and created_at = now()`.execute(trx);
    const count = async (table: 'appeals' | 'extension_requests') =>
      Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(trx)).rows[0].n);
    return { registrations: ids.size, appeals: await count('appeals'), extensionRequests: await count('extension_requests') };
  });
}

/** The company of a story: a new one, a demo account under another spelling, or the account of one of the partner's open deals. */
async function resolve(
  trx: Trx,
  workspaceId: string,
  story: Story,
  submittedAt: Date,
  resolved: Map<string, Resolved>,
  usedAccounts: Set<string>,
  { partnerId, portalPartnerId }: { partnerId: string; portalPartnerId: string },
): Promise<Resolved | undefined> {
  const c = story.company;
  const motion = MOTION_OF[story.who];
  const closeDate = (days: number) => new Date(+submittedAt + days * DAY).toISOString().slice(0, 10);
  const money = { amount: story.amount, expectedCloseDate: story.closeInDays ? closeDate(story.closeInDays) : undefined };
  if (c.kind === 'new')
    return { name: c.name, domain: c.domain, contact: { name: c.contact, email: emailOf(c.contact, c.domain) }, motion, ...money };
  if (c.kind === 'same_as') {
    const other = resolved.get(c.story);
    return other ? { ...other, name: c.name, motion, ...money } : undefined;
  }
  if (c.kind === 'duplicate') {
    // A demo account without deals (so the check finds a possible duplicate, not a deal in progress).
    const accounts = await trx
      .selectFrom('accounts as a')
      .innerJoin('accountDomains as d', 'd.accountId', 'a.id')
      .select(['a.id', 'a.name', 'd.domain'])
      .where('a.workspaceId', '=', workspaceId)
      .where('a.deletedAt', 'is', null)
      .where('a.country', '=', 'DE')
      .where('a.name', 'like', '% GmbH')
      .where(sql<boolean>`a.name ~ ${c.spelling === 'transliterated' ? '[äöüß]' : '^[A-Za-z &-]+$'}`)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('opportunities as o').select('o.id').whereRef('o.accountId', '=', 'a.id'))))
      .orderBy('a.name')
      .orderBy('a.id')
      .orderBy('d.domain')
      .limit(20)
      .execute();
    // Only a company no other account's name starts with: a sibling with a deal would make it a conflict.
    const all = await trx.selectFrom('accounts').select('name').where('workspaceId', '=', workspaceId).execute();
    const fold = (n: string) =>
      n
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    const core = (n: string) => fold(n.replace(/ GmbH$/, ''));
    const a = accounts.find((x) => !usedAccounts.has(x.id) && all.filter((o) => fold(o.name).startsWith(core(x.name))).length === 1);
    if (!a) return undefined;
    usedAccounts.add(a.id);
    const name = c.spelling === 'transliterated' ? transliterate(a.name) : a.name.replace(/ GmbH$/, '');
    const domain = c.spelling === 'transliterated' ? a.domain : `${a.domain.split('.')[0]}-gruppe.de`;
    return { name, domain, contact: await contactOf(trx, a.id, domain), motion, ...money };
  }
  // The partner's open deal that existed before the registration, on an account where the vendor
  // has no open deal of its own (the conflict policy would let that one win), newest activity first.
  const deals = await trx
    .selectFrom('opportunities as o')
    .innerJoin('opportunityPartners as op', 'op.opportunityId', 'o.id')
    .innerJoin('accounts as a', 'a.id', 'o.accountId')
    .select(['o.id', 'o.accountId', 'o.amountMinor', 'o.currency', 'o.closeDate', 'o.motion', 'a.name'])
    .where('o.workspaceId', '=', workspaceId)
    .where('op.partnerId', '=', partnerId)
    .where('o.deletedAt', 'is', null)
    .where('a.deletedAt', 'is', null)
    .where('o.registrationId', 'is', null)
    .where('o.stage', 'in', [...OPEN_STAGES])
    .where('o.createdAt', '<=', new Date(+submittedAt - DAY))
    .orderBy('o.updatedAt', 'desc')
    .orderBy('o.id')
    .execute();
  const direct = new Set(
    (
      await trx
        .selectFrom('opportunities as d')
        .leftJoin('opportunityPartners as x', 'x.opportunityId', 'd.id')
        .select('d.accountId')
        .where('d.workspaceId', '=', workspaceId)
        .where('d.deletedAt', 'is', null)
        .where('d.source', '=', 'direct')
        .where('d.stage', 'in', [...OPEN_STAGES])
        .where('x.partnerId', 'is', null)
        .execute()
    ).map((d) => d.accountId),
  );
  // Another partner's approval leaves the demo partner's deals alone: its portal lists its own registered deals first.
  const portalDeals =
    partnerId === portalPartnerId
      ? new Set<string>()
      : new Set(
          (
            await trx
              .selectFrom('opportunityPartners')
              .select('opportunityId')
              .where('workspaceId', '=', workspaceId)
              .where('partnerId', '=', portalPartnerId)
              .execute()
          ).map((r) => r.opportunityId),
        );
  const deal = deals.find((d) => !usedAccounts.has(d.accountId) && !direct.has(d.accountId) && !portalDeals.has(d.id));
  if (!deal) return undefined;
  usedAccounts.add(deal.accountId);
  const domain = await trx.selectFrom('accountDomains').select('domain').where('accountId', '=', deal.accountId).orderBy('domain').executeTakeFirst();
  const d = domain?.domain ?? `${asciiSlug(deal.name)}.example`;
  return {
    name: deal.name,
    domain: d,
    contact: await contactOf(trx, deal.accountId, d),
    motion: deal.motion ?? motion,
    amount: { value: fromMinorUnits(Number(deal.amountMinor), deal.currency), currency: deal.currency },
    expectedCloseDate: deal.closeDate,
    opportunityId: deal.id,
  };
}

/** The account's first contact as the partner's contact at the customer (its address at `domain`). */
async function contactOf(trx: Trx, accountId: string, domain: string) {
  const c = await trx
    .selectFrom('contacts')
    .select(['firstName', 'lastName', 'emails'])
    .where('accountId', '=', accountId)
    .orderBy('createdAt')
    .orderBy('id')
    .executeTakeFirst();
  const name = c ? `${c.firstName} ${c.lastName}`.trim() : 'Einkauf';
  const own = c?.emails.find((e) => e.endsWith(`@${domain}`));
  return { name, email: own ?? emailOf(name, domain) };
}
