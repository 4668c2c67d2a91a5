import { fromMinorUnits } from '../../../shared/money.ts';
import { STAGE_PROBABILITY, type Stage } from '../../../shared/opportunities.ts';
import type { PartnerDeal, PartnerLead, PartnerTask, PartnerTimelineEntry } from '../../../shared/portal.ts';
import { pickVisible } from '../safelists/safelists.rules.ts';
import type { PartnerSafelists } from '../safelists/safelists.service.ts';
import type { TaskRow } from '../tasks/tasks.repository.ts';
import type { DealRow, PartnerLeadRow, PartnerTimelineRow } from './portal.repository.ts';

/**
 * The partner-facing presenters: the one place that decides which fields of a record reach a
 * partner, whatever the channel (portal API, partner API keys, share links, emails, exports).
 * Each builds every field the catalogue knows and keeps what the partner's safelist shows.
 */

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const isEmail = (s: string) => /@/.test(s);

type AccountRow = {
  name: string;
  domains: string[];
  industry: string | null;
  country: string | null;
  region: string | null;
  segment: string | null;
  employeeCount: number | null;
  customerStatus: string;
  ownerName: string | null;
  renewalDate: string | null;
  description: string | null;
};
type ContactRow = {
  role: string;
  firstName: string;
  lastName: string;
  title: string | null;
  emails: string[];
  phone: string | null;
  accountName: string | null;
};

/** The protection of a deal from its registration: protected, expiring (from the reminder on), expired, or none. */
function protectionOf(row: DealRow, now: Date): PartnerDeal['protection'] {
  const expiresAt = row.protectionExpiresAt;
  if (!row.registrationStatus || !expiresAt || !['approved', 'expired'].includes(row.registrationStatus)) return { status: 'none', expiresAt: null };
  if (row.registrationStatus === 'expired' || expiresAt <= now) return { status: 'expired', expiresAt: expiresAt.toISOString() };
  const expiring = row.protectionReminderDueAt !== null && row.protectionReminderDueAt <= now;
  return { status: expiring ? 'expiring' : 'protected', expiresAt: expiresAt.toISOString() };
}

/** A deal as the partner may see it; `account` and `contacts` when the deal page shows them. */
export function presentDealToPartner(
  row: DealRow,
  lists: PartnerSafelists,
  extra: { account?: AccountRow; contacts?: ContactRow[]; now?: Date } = {},
): PartnerDeal {
  const now = extra.now ?? new Date();
  const deal = lists.of('opportunity');
  const source = {
    id: row.id,
    name: row.name,
    accountName: row.accountName,
    stage: row.stage as Stage,
    stageChangedAt: row.stageChangedAt.toISOString(),
    nextStep: row.nextStep,
    nextStepUpdatedAt: iso(row.nextStepUpdatedAt),
    ownerName: row.ownerName,
    closeMonth: row.closeDate.slice(0, 7),
    closeDate: row.closeDate,
    motion: row.motion as PartnerDeal['motion'],
    partnerRole: row.role && row.attribution ? { role: row.role, attribution: row.attribution, share: Number(row.sharePercent) } : undefined,
    protection: protectionOf(row, now),
    registrationNumber: row.registrationNumber,
    lastActivityAt: iso(row.lastActivityAt),
    amount: { value: fromMinorUnits(Number(row.amountMinor), row.currency), currency: row.currency },
    probability: STAGE_PROBABILITY[row.stage as Stage] ?? 0,
    description: row.description,
    otherPartners: row.otherPartners ?? [],
    contactRoles: extra.contacts?.map((c) => presentContactToPartner(c, lists)) ?? [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  const view: PartnerDeal = { ...pickVisible(source, deal.visible), id: row.id, permissions: { editable: [...deal.editable], reply: true } };
  if (extra.account) {
    const account = presentAccountToPartner(extra.account, lists);
    if (Object.keys(account).length) view.account = account;
  }
  return view;
}

/** An account as a partner may see it (on the page of a deal of theirs). */
export function presentAccountToPartner(a: AccountRow, lists: PartnerSafelists) {
  return pickVisible(
    {
      name: a.name,
      domains: a.domains,
      industry: a.industry,
      country: a.country,
      region: a.region,
      segment: a.segment,
      employeeCount: a.employeeCount,
      customerStatus: a.customerStatus,
      ownerName: a.ownerName,
      renewalDate: a.renewalDate,
      description: a.description,
    },
    lists.of('account').visible,
  );
}

/** A contact role of a deal as a partner may see it. */
export function presentContactToPartner(c: ContactRow, lists: PartnerSafelists) {
  return pickVisible(
    {
      name: `${c.firstName} ${c.lastName}`.trim(),
      title: c.title,
      role: c.role,
      emails: c.emails,
      phone: c.phone,
      accountName: c.accountName,
    },
    lists.of('contact').visible,
  );
}

/** A timeline entry as a partner may see it; the author by name, never by email address. */
export function presentTimelineToPartner(t: PartnerTimelineRow, lists: PartnerSafelists): PartnerTimelineEntry {
  const metadata = (t.metadata ?? {}) as Record<string, unknown>;
  const label = t.authorKind === 'share_link' && t.authorLabel && !isEmail(t.authorLabel) ? t.authorLabel : null;
  const authorName = t.staffName ?? t.partnerUserName ?? label;
  const source = {
    id: t.id,
    kind: t.kind,
    body: t.body,
    authorName,
    occurredAt: t.occurredAt.toISOString(),
    ...(t.kind === 'stage_change'
      ? { stageChange: { from: (metadata.from as string | null) ?? null, to: (metadata.to as string | null) ?? null } }
      : {}),
  };
  return {
    ...pickVisible(source, lists.of('timeline_entry').visible),
    id: t.id,
    // A key speaks for a partner only when it is bound to one; the vendor's own keys are the vendor.
    fromPartner: t.authorKind === 'partner_user' || (t.authorKind === 'api_key' && t.keyPartnerId !== null),
    // What a system entry records (`approved`, `extension_requested` …): a code, never the metadata itself.
    ...(typeof metadata.event === 'string' ? { event: metadata.event } : {}),
  };
}

/** A task as a partner may see it, with the fields it may change. */
export function presentTaskToPartner(t: TaskRow, lists: PartnerSafelists): PartnerTask {
  const task = lists.of('task');
  const source = {
    id: t.id,
    title: t.title,
    description: t.description,
    side: t.side,
    status: t.status,
    dueDate: t.dueDate,
    assigneeName: t.assigneeUserName ?? t.assigneePartnerUserName ?? null,
    completedAt: iso(t.completedAt),
  };
  return { ...pickVisible(source, task.visible), id: t.id, permissions: { editable: [...task.editable] } };
}

/** A lead of the partner as it may see it. */
export function presentLeadToPartner(l: PartnerLeadRow, lists: PartnerSafelists): PartnerLead {
  return {
    ...pickVisible(
      {
        firstName: l.firstName,
        lastName: l.lastName,
        company: l.company,
        companyDomain: l.companyDomain,
        email: l.email,
        phone: l.phone,
        title: l.title,
        status: l.status,
        ownerName: l.ownerName,
        createdAt: l.createdAt.toISOString(),
      },
      lists.of('lead').visible,
    ),
    id: l.id,
  };
}
