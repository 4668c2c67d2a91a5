import { sql } from 'kysely';
import { z } from 'zod';
import { fromMinorUnits } from '../../../shared/money.ts';
import type { metricsQuery } from '../../../shared/registrations.ts';
import type { Ctx } from '../../context.ts';
import { getProgramSettings } from '../program/program.service.ts';

/** REG-12's figures for a period: decisions, their speed and outcome, protections, and what registering is worth. */
export const registrationMetricsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  submitted: z.number(),
  decided: z.number(),
  approved: z.number(),
  rejected: z.number(),
  open: z.number(),
  approvalRate: z.number().nullable(),
  timeToDecision: z.object({ medianHours: z.number().nullable(), p90Hours: z.number().nullable() }),
  decisionSlaMet: z.number().nullable().describe('share of decisions made by their due time'),
  topRejectionReasons: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number() })),
  protections: z.object({ active: z.number(), expiringIn30Days: z.number(), expiredInPeriod: z.number(), extended: z.number() }),
  registeredVsUnregistered: z.array(
    z.object({
      kind: z.enum(['registered', 'unregistered']),
      closed: z.number(),
      won: z.number(),
      winRate: z.number().nullable(),
      averageWonAmount: z.array(z.object({ value: z.number(), currency: z.string() })),
    }),
  ),
  byWeek: z.array(z.object({ week: z.string(), submitted: z.number(), approved: z.number(), rejected: z.number() })),
});
export type RegistrationMetrics = z.infer<typeof registrationMetricsSchema>;

// Result columns arrive camel-cased (CamelCasePlugin); counts as strings.
const n = (v: unknown) => Number(v ?? 0);

/** The figures of registrations submitted in [from, to] (default: the last 90 days), optionally of one motion or partner. */
export async function registrationMetrics(ctx: Ctx, q: z.infer<typeof metricsQuery>): Promise<RegistrationMetrics> {
  const now = ctx.now();
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? new Date(+new Date(`${to}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
  const ws = ctx.workspaceId;
  const motion = q.motion ?? null;
  const partner = q.partnerId ?? null;
  const inPeriod = sql`r.workspace_id = ${ws} and r.created_at >= ${from}::date and r.created_at < ${to}::date + 1
    and (${motion}::text is null or r.motion = ${motion}) and (${partner}::uuid is null or r.partner_id = ${partner})`;

  const {
    rows: [totals],
  } = await sql<Record<string, unknown>>`
    select count(*) as submitted,
      count(*) filter (where r.decided_at is not null and r.status not in ('withdrawn')) as decided,
      count(*) filter (where r.status in ('approved', 'expired', 'released')) as approved,
      count(*) filter (where r.status = 'rejected') as rejected,
      count(*) filter (where r.status in ('submitted', 'in_review')) as open,
      percentile_cont(0.5) within group (order by extract(epoch from r.decided_at - r.created_at) / 3600) filter (where r.decided_at is not null and r.status <> 'withdrawn') as median_hours,
      percentile_cont(0.9) within group (order by extract(epoch from r.decided_at - r.created_at) / 3600) filter (where r.decided_at is not null and r.status <> 'withdrawn') as p90_hours,
      avg(case when r.decided_at <= r.decision_due_at then 1.0 else 0.0 end) filter (where r.decided_at is not null and r.status <> 'withdrawn' and r.decision_due_at is not null) as sla_met
    from registrations r where ${inPeriod}`.execute(ctx.trx);

  const { rows: reasons } = await sql<{ reason: string; count: string }>`
    select r.rejection_reason as reason, count(*) as count from registrations r
    where ${inPeriod} and r.status = 'rejected' and r.rejection_reason is not null
    group by 1 order by 2 desc, 1 limit 5`.execute(ctx.trx);

  const {
    rows: [prot],
  } = await sql<Record<string, unknown>>`
    select count(*) filter (where r.status = 'approved' and r.protection_expires_at > ${now}) as active,
      count(*) filter (where r.status = 'approved' and r.protection_expires_at > ${now} and r.protection_expires_at <= ${now}::timestamptz + interval '30 days') as expiring,
      count(*) filter (where r.status = 'expired' and r.protection_expires_at >= ${from}::date and r.protection_expires_at < ${to}::date + 1) as expired,
      count(*) filter (where r.extension_count > 0) as extended
    from registrations r where r.workspace_id = ${ws} and (${motion}::text is null or r.motion = ${motion}) and (${partner}::uuid is null or r.partner_id = ${partner})`.execute(
    ctx.trx,
  );

  // Registered: a partner deal that came from a registration; unregistered: a partner deal without one.
  const { rows: outcome } = await sql<{ kind: string; currency: string | null; closed: string; won: string; avgWon: string | null }>`
    select case when o.registration_id is not null then 'registered' else 'unregistered' end as kind, o.currency,
      count(*) as closed, count(*) filter (where o.stage = 'closed_won') as won,
      avg(o.amount_minor) filter (where o.stage = 'closed_won') as avg_won
    from opportunities o
    where o.workspace_id = ${ws} and o.deleted_at is null and o.source = 'partner' and o.stage in ('closed_won', 'closed_lost')
      and o.close_date >= ${from}::date and o.close_date <= ${to}::date
      and (${motion}::text is null or o.motion = ${motion})
      and (${partner}::uuid is null or exists (select 1 from opportunity_partners p where p.opportunity_id = o.id and p.partner_id = ${partner}))
    group by 1, 2`.execute(ctx.trx);

  const { rows: weeks } = await sql<{ week: string; submitted: string; approved: string; rejected: string }>`
    select to_char(date_trunc('week', r.created_at), 'YYYY-MM-DD') as week, count(*) as submitted,
      count(*) filter (where r.status in ('approved', 'expired', 'released')) as approved,
      count(*) filter (where r.status = 'rejected') as rejected
    from registrations r where ${inPeriod} group by 1 order by 1`.execute(ctx.trx);

  const program = await getProgramSettings(ctx);
  const labelOf = (key: string) => program.registration.rejectionReasons.find((r) => r.key === key)?.label[program.locale] ?? key;
  const approved = n(totals.approved);
  const rejected = n(totals.rejected);
  const round = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x) * 10) / 10);
  const side = (kind: 'registered' | 'unregistered') => {
    const rows = outcome.filter((o) => o.kind === kind);
    const closed = rows.reduce((s, o) => s + n(o.closed), 0);
    const won = rows.reduce((s, o) => s + n(o.won), 0);
    return {
      kind,
      closed,
      won,
      winRate: closed ? won / closed : null,
      averageWonAmount: rows
        .filter((o) => o.avgWon !== null && o.currency)
        .map((o) => ({ value: fromMinorUnits(Math.round(Number(o.avgWon)), o.currency as string), currency: o.currency as string })),
    };
  };
  return {
    period: { from, to },
    submitted: n(totals.submitted),
    decided: n(totals.decided),
    approved,
    rejected,
    open: n(totals.open),
    approvalRate: approved + rejected ? approved / (approved + rejected) : null,
    timeToDecision: { medianHours: round(totals.medianHours), p90Hours: round(totals.p90Hours) },
    decisionSlaMet: totals.slaMet === null || totals.slaMet === undefined ? null : Number(totals.slaMet),
    topRejectionReasons: reasons.map((r) => ({ reason: r.reason, label: labelOf(r.reason), count: n(r.count) })),
    protections: { active: n(prot.active), expiringIn30Days: n(prot.expiring), expiredInPeriod: n(prot.expired), extended: n(prot.extended) },
    registeredVsUnregistered: [side('registered'), side('unregistered')],
    byWeek: weeks.map((x) => ({ week: x.week, submitted: n(x.submitted), approved: n(x.approved), rejected: n(x.rejected) })),
  };
}
