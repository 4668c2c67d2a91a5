import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { OPEN_STAGES, type PartnerRole, STAGES, type Stage } from '../../shared/opportunities.ts';
import type { Ctx } from '../context.ts';
import { type Db, inWorkspace, type Trx } from '../db/client.ts';
import type { Database } from '../db/schema.ts';
import { refreshMatchKeys } from '../modules/duplicates/match-keys.service.ts';
import { createPartner } from '../modules/partners/partners.service.ts';
import {
  asciiSlug,
  CONTACT_ROLES,
  DESCRIPTIONS,
  INDUSTRIES,
  MARKETS,
  type Market,
  MORE_PARTNERS,
  NEXT_STEPS,
  PRODUCTS,
  SeededRandom,
  TIMELINE_BODIES,
  TITLES,
} from './crm-demo-data.ts';
import { seedPortalDemo } from './crm-demo-portal.ts';

export type CrmDemoSummary = { partners: number; accounts: number; contacts: number; opportunities: number; leads: number; timelineEntries: number };

const DAY = 86_400_000;
const ROLE_OF_TYPE: Record<string, PartnerRole> = {
  reseller: 'reseller',
  referral: 'referrer',
  services: 'services',
  technology: 'technology',
  marketplace: 'marketplace',
};
const MOTIONS = { resale: 'reseller', referral: 'referral', services: 'services', technology: 'technology', marketplace: 'marketplace' } as const;

type Row<T extends keyof Database> = Insertable<Database[T]>;
type Account = Row<'accounts'> & { id: string; short: string; market: Market; domain: string; contactIds: string[] };
type Partner = { id: string; name: string; type: string; domains: string[] };

/** Inserts rows in statements of at most `size` rows (PostgreSQL takes at most 65,535 parameters per statement). */
async function insertAll<T extends keyof Database & string>(trx: Trx, table: T, rows: Row<T>[], size = 500) {
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: Kysely's insert types do not follow a generic table name
      .values(rows.slice(i, i + size) as any)
      .execute();
  }
}

/**
 * Builds a believable CRM in a workspace that has none yet: 20 more partners (25 with the demo's
 * five: five per motion, three tiers), ~1,000 European and US accounts with domains, ~1,800
 * contacts (account and partner contacts), 400 opportunities over every stage and motion with
 * partner and contact roles, 40 leads, and a timeline over the last 12 months (stage changes,
 * field changes, notes, emails, calls, meetings; some shared with partners, some written by the
 * partner user), and what the demo partner's portal needs (seedPortalDemo). Deterministic for a seed; dates count back from the start of today (UTC).
 * Rows are written in multi-row INSERTs in one tenant transaction, in the shapes the services write.
 */
export async function seedCrmDemo(db: Db, workspaceId: string, opts: { seed?: number; now?: Date } = {}): Promise<CrmDemoSummary> {
  const rng = new SeededRandom(opts.seed ?? 20261204);
  const today = Math.floor((opts.now ?? new Date()).getTime() / DAY) * DAY;
  const daysAgo = (days: number, hours = 0) => new Date(today - days * DAY + hours * 3_600_000);
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  return inWorkspace(db, workspaceId, async (trx) => {
    const none: CrmDemoSummary = { partners: 0, accounts: 0, contacts: 0, opportunities: 0, leads: 0, timelineEntries: 0 };
    if (await trx.selectFrom('accounts').select('id').where('workspaceId', '=', workspaceId).limit(1).executeTakeFirst()) return none;
    const ctx: Ctx = { trx, workspaceId, actor: { kind: 'system', workspaceId, name: 'demo seed' }, now: () => new Date() };

    const staff = await trx
      .selectFrom('workspaceMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['u.id', 'u.email'])
      .where('m.workspaceId', '=', workspaceId)
      .where('m.status', '=', 'active')
      .orderBy('u.email')
      .execute();
    const owner = () => (staff.length && rng.chance(0.8) ? rng.pick(staff).id : null);
    const author = () => {
      const s = staff.length ? rng.pick(staff) : undefined;
      return s
        ? { authorKind: 'staff' as const, authorId: s.id, authorLabel: s.email }
        : { authorKind: 'system' as const, authorId: null, authorLabel: 'demo seed' };
    };

    const existing = await trx.selectFrom('partners').select(['id', 'name', 'type', 'domains']).where('workspaceId', '=', workspaceId).execute();
    let added = 0;
    for (const p of MORE_PARTNERS) {
      if (existing.some((e) => e.name === p.name)) continue;
      const lifecycleState = p.name.startsWith('Adriatic') || p.name.startsWith('Redwood') ? 'onboarding' : 'active';
      const certificationStatus = p.tier === 'platinum' ? 'certified' : rng.weighted({ none: 3, in_progress: 3, certified: 4 });
      const created = await createPartner(ctx, {
        ...p,
        domains: [p.domain],
        lifecycleState,
        certificationStatus,
        isEstablished: p.tier !== 'silver',
      });
      existing.push({ id: created.id, name: created.name, type: created.type, domains: created.domains });
      added++;
    }
    const partners: Partner[] = existing.sort((a, b) => a.name.localeCompare(b.name));
    const partnerUser = await trx
      .selectFrom('partnerUsers')
      .select(['id', 'email', 'partnerId'])
      .where('workspaceId', '=', workspaceId)
      .orderBy('createdAt')
      .executeTakeFirst();

    // Accounts with unique names and domains.
    const marketWeights = Object.fromEntries(MARKETS.map((m, i) => [String(i), m.weight]));
    const names = new Set<string>();
    const domains = new Set<string>();
    const accounts: Account[] = [];
    const accountDomains: Row<'accountDomains'>[] = [];
    while (accounts.length < 1000) {
      const market = MARKETS[Number(rng.weighted(marketWeights))];
      const pattern = rng.int(0, 4);
      const a = rng.pick(market.surnames);
      const b = rng.pick(market.surnames);
      let short =
        pattern === 0
          ? `${a} ${rng.pick(market.sectors)}`
          : pattern === 1 && a !== b
            ? `${a} & ${b}`
            : pattern === 2
              ? `${rng.pick(market.words)} ${rng.pick(market.sectors)}`
              : `${rng.pick(market.words)} ${rng.pick(market.sectors)} ${rng.pick(market.cities)}`;
      if (names.has(short)) short = `${short} ${rng.pick(market.cities)}`;
      if (names.has(short)) continue;
      names.add(short);
      const slug = asciiSlug(short).slice(0, 50).replace(/-+$/, '');
      const domain = domains.has(`${slug}.${market.tld}`) ? `${slug}-${market.country.toLowerCase()}.${market.tld}` : `${slug}.${market.tld}`;
      if (domains.has(domain)) continue;
      domains.add(domain);
      const id = randomUUID();
      accountDomains.push({ workspaceId, accountId: id, domain });
      if (market.tld !== 'com' && rng.chance(0.25) && !domains.has(`${slug}.com`)) {
        domains.add(`${slug}.com`);
        accountDomains.push({ workspaceId, accountId: id, domain: `${slug}.com` });
      }
      const segment = rng.weighted({ Enterprise: 15, 'Mid-Market': 35, SMB: 50 });
      const employees = { Enterprise: [1000, 80_000], 'Mid-Market': [100, 999], SMB: [5, 99] }[segment];
      const status = rng.weighted({ prospect: 50, customer: 40, former: 10 });
      const createdDays = rng.int(40, 1100);
      accounts.push({
        id,
        workspaceId,
        name: `${short} ${rng.pick(market.legalForms)}`,
        industry: rng.chance(0.92) ? rng.pick(INDUSTRIES) : null,
        country: market.country,
        region: market.region,
        segment,
        employeeCount: Math.round(employees[0] * (employees[1] / employees[0]) ** rng.next()),
        ownerUserId: owner(),
        customerStatus: status,
        renewalDate: status === 'customer' ? isoDate(today + rng.int(-30, 330) * DAY) : null,
        description: rng.chance(0.1) ? rng.pick(DESCRIPTIONS) : null,
        deletedAt: rng.chance(0.005) ? daysAgo(rng.int(1, 20), 10) : null,
        createdAt: daysAgo(createdDays, rng.int(7, 18)),
        updatedAt: daysAgo(rng.int(1, createdDays), rng.int(7, 18)),
        short,
        market,
        domain,
        contactIds: [],
      });
    }

    // Contacts: one to three per account, two per partner.
    const contacts: Row<'contacts'>[] = [];
    const contact = (market: Market, domain: string, extra: Partial<Row<'contacts'>>) => {
      const firstName = rng.pick(market.firstNames);
      const lastName = rng.pick(market.surnames);
      const id = randomUUID();
      const created = extra.createdAt instanceof Date ? extra.createdAt.getTime() : today - rng.int(30, 700) * DAY;
      contacts.push({
        id,
        workspaceId,
        firstName,
        lastName,
        emails: rng.chance(0.92) ? [`${asciiSlug(firstName, '.')}.${asciiSlug(lastName, '.')}@${domain}`] : [],
        phone: rng.chance(0.7) ? `${market.phone} ${rng.int(100, 999)} ${rng.int(100000, 9999999)}` : null,
        title: rng.chance(0.85) ? rng.pick(TITLES) : null,
        ownerUserId: null,
        createdAt: new Date(created),
        updatedAt: new Date(Math.min(today, created + rng.int(0, 200) * DAY)),
        ...extra,
      });
      return id;
    };
    for (const a of accounts) {
      const n = Number(rng.weighted({ 1: 45, 2: 35, 3: 20 }));
      for (let i = 0; i < n; i++)
        a.contactIds.push(contact(a.market, a.domain, { accountId: a.id, ownerUserId: a.ownerUserId, createdAt: a.createdAt as Date }));
    }
    const partnerContacts = new Map<string, string[]>();
    for (const p of partners) {
      const market = MARKETS.find((m) => p.domains[0]?.endsWith(`.${m.tld}`)) ?? MARKETS[0];
      partnerContacts.set(p.id, [
        contact(market, p.domains[0] ?? 'example.com', { partnerId: p.id }),
        contact(market, p.domains[0] ?? 'example.com', { partnerId: p.id }),
      ]);
    }

    // Opportunities, with their partner and contact roles and their timeline.
    const live = accounts.filter((a) => !a.deletedAt);
    const opportunities: Row<'opportunities'>[] = [];
    const partnerRoles: Row<'opportunityPartners'>[] = [];
    const contactRoles: Row<'opportunityContactRoles'>[] = [];
    const timeline: Row<'timelineEntries'>[] = [];
    const entry = (subjectType: Row<'timelineEntries'>['subjectType'], subjectId: string, at: Date, fields: Partial<Row<'timelineEntries'>>) =>
      timeline.push({
        workspaceId,
        subjectType,
        subjectId,
        kind: 'note',
        ...author(),
        visibility: 'internal',
        body: '',
        metadata: '{}',
        occurredAt: at,
        createdAt: at,
        ...fields,
      });
    const activity = (subjectType: Row<'timelineEntries'>['subjectType'], subjectId: string, at: Date, shared: boolean, byPartner = false) => {
      const kind = rng.weighted({ note: 35, email: 25, call: 18, meeting: 12, task: 10 });
      entry(subjectType, subjectId, at, {
        kind,
        body: rng.pick(TIMELINE_BODIES[kind]),
        visibility: shared ? 'shared' : 'internal',
        ...(byPartner && partnerUser ? { authorKind: 'partner_user', authorId: partnerUser.id, authorLabel: partnerUser.email } : {}),
      });
    };
    const when = (from: number, to: number) => new Date(from + rng.next() * Math.max(0, to - from));
    const stageWeights = { prospecting: 17, qualification: 17, proposal: 15, negotiation: 11, closed_won: 23, closed_lost: 17 };
    const motionWeights = { resale: 30, referral: 22, services: 18, technology: 13, marketplace: 12, direct: 5 };
    for (let i = 0; i < 400; i++) {
      const account = rng.pick(live);
      const stage = rng.weighted(stageWeights) as Stage;
      const closed = !OPEN_STAGES.includes(stage);
      const motionKey = rng.weighted(motionWeights);
      const motion = motionKey === 'direct' ? null : motionKey;
      const closeMs = today + (closed ? -rng.int(5, 350) : rng.int(-20, 270)) * DAY;
      const createdMs = Math.max(today - 364 * DAY, Math.min(today - 2 * DAY, closeMs - rng.int(30, 200) * DAY)) + rng.int(8, 17) * 3_600_000;
      const stageChangedMs = closed ? Math.min(today - DAY, closeMs) + 16 * 3_600_000 : createdMs + rng.next() * (today - createdMs);
      const currency = rng.weighted({ EUR: 60, USD: 25, GBP: 10, CHF: 5 });
      const major = Math.round((5000 * 100 ** (rng.next() ** 1.5)) / 500) * 500;
      const id = randomUUID();
      const nextStep = !closed && rng.chance(0.8) ? rng.pick(NEXT_STEPS) : null;
      const nextStepMs = nextStep ? stageChangedMs + rng.next() * (today - stageChangedMs) : null;

      // Partners: one whose type fits the motion, sometimes a services or influencer partner beside it.
      const roles: Row<'opportunityPartners'>[] = [];
      const nordlicht = partners.find((p) => p.id === partnerUser?.partnerId);
      if (motion && rng.chance(0.75)) {
        const fitting = partners.filter((p) => p.type === MOTIONS[motion]);
        const primary = motion === 'services' && nordlicht && rng.chance(0.35) ? nordlicht : rng.pick(fitting);
        const sourced = rng.chance(0.55);
        const second = rng.chance(0.2)
          ? rng.pick(partners.filter((p) => p.id !== primary.id && (p.type === 'services' || p.type === 'referral')))
          : undefined;
        const share = second ? 70 : sourced ? 100 : rng.pick([20, 30, 50]);
        roles.push({
          workspaceId,
          opportunityId: id,
          partnerId: primary.id,
          role: ROLE_OF_TYPE[primary.type],
          attribution: sourced ? 'sourced' : 'influenced',
          sharePercent: share,
        });
        if (second) {
          roles.push({
            workspaceId,
            opportunityId: id,
            partnerId: second.id,
            role: second.type === 'services' ? 'services' : 'influencer',
            attribution: 'influenced',
            sharePercent: 30,
          });
        }
      }
      const source = roles[0]?.attribution === 'sourced' ? 'partner' : 'direct';
      for (const r of roles) partnerRoles.push({ ...r, createdAt: new Date(createdMs), updatedAt: new Date(createdMs) });
      const people = account.contactIds.slice(0, rng.int(1, 2));
      for (const [k, contactId] of people.entries()) {
        contactRoles.push({
          workspaceId,
          opportunityId: id,
          contactId,
          role: k === 0 ? 'Decision Maker' : rng.pick(CONTACT_ROLES),
          createdAt: new Date(createdMs),
        });
      }
      const partnerContact = roles[0] && rng.chance(0.4) ? partnerContacts.get(String(roles[0].partnerId))?.[0] : undefined;
      if (partnerContact)
        contactRoles.push({ workspaceId, opportunityId: id, contactId: partnerContact, role: 'Partner Contact', createdAt: new Date(createdMs) });

      opportunities.push({
        id,
        workspaceId,
        name: `${account.short} – ${rng.pick(PRODUCTS)}`,
        accountId: account.id,
        amountMinor: major * 100,
        currency,
        stage,
        stageChangedAt: new Date(stageChangedMs),
        closeDate: isoDate(closeMs),
        ownerUserId: owner(),
        source,
        motion,
        description: rng.chance(0.35) ? rng.pick(DESCRIPTIONS) : null,
        nextStep,
        nextStepUpdatedAt: nextStepMs ? new Date(nextStepMs) : null,
        createdAt: new Date(createdMs),
        updatedAt: new Date(Math.max(stageChangedMs, nextStepMs ?? 0)),
      });

      // Stage history: every stage on the way, the last change at stageChangedAt.
      const path: Stage[] = stage === 'closed_lost' ? [...STAGES.slice(0, rng.int(1, 4)), 'closed_lost'] : STAGES.slice(0, STAGES.indexOf(stage) + 1);
      for (let k = 1; k < path.length; k++) {
        const at = k === path.length - 1 ? stageChangedMs : createdMs + ((stageChangedMs - createdMs) * k) / path.length;
        entry('opportunity', id, new Date(at), { kind: 'stage_change', metadata: JSON.stringify({ from: path[k - 1], to: path[k] }) });
      }
      if (rng.chance(0.3)) {
        const before = { value: Math.round((major * (0.6 + rng.next() * 0.3)) / 500) * 500, currency };
        entry('opportunity', id, when(createdMs, stageChangedMs), {
          kind: 'field_change',
          metadata: JSON.stringify({ changes: { amount: { from: before, to: { value: major, currency } } } }),
        });
      }
      const activities = rng.int(2, 7);
      const shareable = roles.length > 0;
      for (let k = 0; k < activities; k++) {
        const shared = shareable && rng.chance(0.35);
        activity(
          'opportunity',
          id,
          when(createdMs, Math.min(today - 3_600_000, closed ? stageChangedMs : today)),
          shared,
          shared && roles[0].partnerId === partnerUser?.partnerId && rng.chance(0.5),
        );
      }
    }

    // Account, contact and partner timelines.
    for (const a of accounts) {
      const from = Math.max(today - 364 * DAY, (a.createdAt as Date).getTime());
      if (a.customerStatus !== 'prospect' && rng.chance(0.6)) {
        entry('account', a.id, when(from, today - DAY), {
          kind: 'field_change',
          metadata: JSON.stringify({ changes: { customerStatus: { from: 'prospect', to: 'customer' } } }),
        });
      }
      for (let k = rng.int(0, 3); k > 0; k--) activity('account', a.id, when(from, today - DAY), false);
      if (rng.chance(0.25)) activity('contact', a.contactIds[0], when(from, today - DAY), false);
    }
    for (const p of partners) {
      for (let k = rng.int(2, 5); k > 0; k--) activity('partner', p.id, when(today - 364 * DAY, today - DAY), rng.chance(0.3));
    }

    // Leads: new, being worked, qualified or disqualified; some brought by partners.
    const leads: Row<'leads'>[] = [];
    for (let i = 0; i < 40; i++) {
      const market = MARKETS[Number(rng.weighted(marketWeights))];
      const company = `${rng.pick(market.words)} ${rng.pick(market.sectors)} ${rng.pick(market.legalForms)}`;
      const firstName = rng.pick(market.firstNames);
      const lastName = rng.pick(market.surnames);
      const domain = `${asciiSlug(company.split(' ').slice(0, 2).join(' '))}.${market.tld}`;
      const created = daysAgo(rng.int(1, 90), rng.int(8, 17));
      leads.push({
        workspaceId,
        firstName,
        lastName,
        email: `${asciiSlug(firstName, '.')}.${asciiSlug(lastName, '.')}@${domain}`,
        phone: rng.chance(0.5) ? `${market.phone} ${rng.int(100, 999)} ${rng.int(100000, 9999999)}` : null,
        title: rng.chance(0.8) ? rng.pick(TITLES) : null,
        company,
        companyDomain: domain,
        status: rng.weighted({ new: 12, working: 12, qualified: 8, disqualified: 8 }),
        ownerUserId: owner(),
        partnerId: rng.chance(0.4) ? rng.pick(partners).id : null,
        createdAt: created,
        updatedAt: created,
      });
    }

    await insertAll(
      trx,
      'accounts',
      accounts.map(({ short: _s, market: _m, domain: _d, contactIds: _c, ...row }) => row),
    );
    await insertAll(trx, 'accountDomains', accountDomains);
    // The duplicate check's blocking keys, as the accounts service writes them (deleted accounts get none).
    await refreshMatchKeys(
      ctx,
      accounts.map((a) => a.id),
    );
    await insertAll(trx, 'contacts', contacts);
    await insertAll(trx, 'opportunities', opportunities);
    await insertAll(trx, 'opportunityPartners', partnerRoles);
    await insertAll(trx, 'opportunityContactRoles', contactRoles);
    await insertAll(trx, 'leads', leads);
    await insertAll(trx, 'timelineEntries', timeline, 1000);
    const portal = await seedPortalDemo(trx, workspaceId, today);
    return {
      partners: added,
      accounts: accounts.length,
      contacts: contacts.length,
      opportunities: opportunities.length,
      leads: leads.length,
      timelineEntries: timeline.length + portal.timelineEntries,
    };
  });
}
