// SQL building blocks of the CRM generator: deterministic ids, seeded random numbers, weighted picks.
import { createHash } from 'node:crypto';

/**
 * Deterministic, version-4-shaped UUIDs: md5 of "<prefix><n>" with the version and variant
 * nibbles overwritten, so zod's z.uuid() accepts them in API paths. The same function in SQL
 * (idSql) and in JS (idOf): records reference each other by ordinal, without joins or look-ups.
 */
export function idOf(prefix: string, n: number): string {
  const h = createHash('md5').update(`${prefix}${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** idOf() as an SQL expression over an integer expression. */
export function idSql(prefix: string, expr: string): string {
  return `overlay(overlay(md5('${prefix}' || (${expr})::text) placing '4' from 13) placing '8' from 17)::uuid`;
}

/** The prefix of one kind of record of one workspace of one seed. */
export function idPrefix(seed: number, workspace: number, tag: string): string {
  return `${seed}:${workspace}:${tag}:`;
}

/**
 * Seeded uniform numbers in [0, 1) per row: hashint8extended(i, stream). Different streams are
 * independent draws for the same row; the same stream gives the same number in every statement,
 * so two statements can agree on a row's draw without reading each other's rows.
 */
export function rnd(stream: number, row = 'i'): string {
  return `((hashint8extended(${row}, ${stream}) & 2147483647)::float8 / 2147483648)`;
}

const literal = (v: string | null) => (v === null ? 'null' : `'${v.replace(/'/g, "''")}'`);

/** `case when r < c1 then 'a' when r < c2 then 'b' … else 'z' end`: a weighted pick of SQL literals (null for null). */
export function pickSql(r: string, weights: [string | null, number][]): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let cumulative = 0;
  const whens = weights.slice(0, -1).map(([v, w]) => {
    cumulative += w;
    return `when ${r} < ${cumulative / total} then ${literal(v)}`;
  });
  return `(case ${whens.join(' ')} else ${literal(weights[weights.length - 1][0])} end)`;
}

/** `(arr)[1 + floor(r * cardinality(arr))]`: a uniform pick from an SQL array expression. */
export function elementSql(array: string, r: string): string {
  return `(${array})[1 + floor(${r} * cardinality(${array}))::int]`;
}

/** A staff member; timeline entries carry the email as their author label, as actorLabel() writes it. */
export type Staff = { id: string; email: string };
export type Busy = { type: 'opportunity' | 'account'; index: number; entries: number };

/** What one workspace gets: row counts, its staff and partners, its busy records. */
export type Plan = {
  /** 0 for the main workspace, 1… for noise workspaces; part of every id prefix and random stream. */
  w: number;
  workspaceId: string;
  accounts: number;
  /** Contacts the accounts pass wrote (the timeline points at them). */
  contacts: number;
  opportunities: number;
  timeline: number;
  staff: Staff[];
  partners: string[];
  busy: Busy[];
};

const OPEN_STAGES = `('prospecting', 'qualification', 'proposal', 'negotiation')`;
// Random streams of the opportunity draws; the partner roles reuse `partnered` and `attribution`
// so that opportunities.source = 'partner' exactly where a partner sourced the deal.
const O = {
  stage: 1,
  motion: 2,
  account: 3,
  currency: 4,
  amount: 5,
  close: 6,
  owner: 7,
  created: 8,
  lead: 9,
  changed: 10,
  hasNext: 11,
  next: 12,
  nextAt: 13,
  hasDesc: 14,
  desc: 15,
  deleted: 16,
  product: 17,
  partnered: 20,
  two: 21,
  attribution: 22,
  p1: 23,
  p2: 24,
  role2: 25,
  split: 26,
};

/**
 * Opportunities i ∈ [$7, $8] of one workspace, every field drawn in SQL: stage, motion, amount
 * (log-skewed, 1 k–2 M in EUR, USD, GBP, CHF, JPY), close date within a year back (closed) or
 * a month back to a year ahead (open), creation before it, stage change and next step between.
 * Parameters: $1 workspace, $2 staff ids, $3 epoch, $4 next steps, $5 descriptions, $6 products.
 */
export function opportunitiesSql(seed: number, plan: Plan): string {
  const r = (k: number) => rnd(seed * 1_000_000 + plan.w * 1000 + 100 + k);
  const epoch = '$3::timestamptz';
  return `
    insert into opportunities (id, workspace_id, name, account_id, amount_minor, currency, stage, stage_changed_at, close_date,
      owner_user_id, source, motion, description, next_step, next_step_updated_at, deleted_at, created_at, updated_at)
    select ${idSql(idPrefix(seed, plan.w, 'o'), 'i')}, $1::uuid,
      left((select a.name from accounts a where a.id = account_id) || ' – ' || product || ' ' || extract(year from close_date), 300),
      account_id, case when currency = 'JPY' then major * 150 else major * 100 end, currency, stage, stage_changed_at, close_date,
      owner_user_id, source, motion, description, next_step, next_step_updated_at, deleted_at, created_at,
      greatest(stage_changed_at, next_step_updated_at)
    from (
      select *,
        case when has_next then ${elementSql('$4::text[]', r(O.next))} end as next_step,
        case when has_next then stage_changed_at + (${epoch} - stage_changed_at) * ${r(O.nextAt)} end as next_step_updated_at
      from (
        select *, stage in ${OPEN_STAGES} and ${r(O.hasNext)} < 0.7 as has_next,
          case when stage in ('closed_won', 'closed_lost') then least(${epoch}, close_date::timestamptz + interval '14 hours')
            else created_at + (least(${epoch}, close_date::timestamptz) - created_at) * ${r(O.changed)} end as stage_changed_at
        from (
          select *, least(${epoch} - interval '1 hour' * (1 + 100 * ${r(O.created)}),
            close_date::timestamptz - interval '1 day' * (20 + 250 * ${r(O.lead)})) as created_at
          from (
            select i,
              ${pickSql(r(O.stage), [
                ['prospecting', 20],
                ['qualification', 18],
                ['proposal', 14],
                ['negotiation', 10],
                ['closed_won', 20],
                ['closed_lost', 18],
              ])} as stage,
              ${pickSql(r(O.motion), [
                ['resale', 35],
                ['referral', 25],
                ['services', 15],
                ['technology', 10],
                ['marketplace', 10],
                [null, 5],
              ])} as motion,
              ${idSql(idPrefix(seed, plan.w, 'a'), `1 + floor(${plan.accounts} * power(${r(O.account)}, 1.3))::int8`)} as account_id,
              ${pickSql(r(O.currency), [
                ['EUR', 55],
                ['USD', 30],
                ['GBP', 9],
                ['CHF', 5],
                ['JPY', 1],
              ])} as currency,
              (round(exp(ln(1000) + power(${r(O.amount)}, 1.7) * ln(2000)) / 100) * 100)::int8 as major,
              ${r(O.close)} as r_close,
              ${elementSql('$2::uuid[]', r(O.owner))} as owner_user_id,
              case when ${r(O.partnered)} < 0.3 and ${r(O.attribution)} < 0.6 then 'partner' else 'direct' end as source,
              case when ${r(O.hasDesc)} < 0.3 then ${elementSql('$5::text[]', r(O.desc))} end as description,
              case when ${r(O.deleted)} < 0.01 then ${epoch} - interval '1 day' * 9000 * ${r(O.deleted)} end as deleted_at,
              ${elementSql('$6::text[]', r(O.product))} as product
            from generate_series($7::int8, $8::int8) i offset 0
          ) s0
          cross join lateral (select case when s0.stage in ('closed_won', 'closed_lost')
            then (${epoch})::date - floor(s0.r_close * 365)::int
            else (${epoch})::date - 30 + floor(s0.r_close * 395)::int end as close_date) c
          offset 0
        ) s1 offset 0
      ) s2 offset 0
    ) s3`;
}

/**
 * Partner roles on ~30 % of the opportunities i ∈ [$3, $4]: one partner (role after the motion,
 * sourced 60 %), or for a quarter of them a second one (services or influencer, influenced)
 * sharing 100 % as 70/30 or 60/40. Parameters: $1 workspace, $2 partner ids.
 */
export function opportunityPartnersSql(seed: number, plan: Plan): string {
  const r = (k: number) => rnd(seed * 1_000_000 + plan.w * 1000 + 100 + k, 's.i');
  const n = plan.partners.length;
  return `
    insert into opportunity_partners (workspace_id, opportunity_id, partner_id, role, attribution, share_percent, created_at, updated_at,
      deal_close_date, deal_updated_at, deal_name_key, deal_live)
    select $1::uuid, o.id, ($2::uuid[])[1 + case when k = 1 then p1 else (p1 + 1 + floor(${r(O.p2)} * ${Math.max(1, n - 1)})::int) % ${n} end],
      case when k = 2 then case when ${r(O.role2)} < 0.5 then 'services' else 'influencer' end
        else case o.motion when 'resale' then 'reseller' when 'referral' then 'referrer' when 'services' then 'services'
          when 'technology' then 'technology' when 'marketplace' then 'marketplace' else 'influencer' end end,
      case when k = 1 and ${r(O.attribution)} < 0.6 then 'sourced' else 'influenced' end,
      case when two then case when k = 1 then 100 - split else split end else 100 end,
      o.created_at, o.created_at,
      -- The deal's keys as the copy trigger (off during the load) would set them.
      o.close_date, o.updated_at, o.name_key, o.deleted_at is null
    from (
      select i, floor(${rnd(seed * 1_000_000 + plan.w * 1000 + 100 + O.p1)} * ${n})::int as p1,
        ${rnd(seed * 1_000_000 + plan.w * 1000 + 100 + O.two)} < 0.25 as two,
        case when ${rnd(seed * 1_000_000 + plan.w * 1000 + 100 + O.split)} < 0.5 then 30 else 40 end as split
      from generate_series($3::int8, $4::int8) i
      where ${rnd(seed * 1_000_000 + plan.w * 1000 + 100 + O.partnered)} < 0.3
      offset 0
    ) s
    cross join lateral generate_series(1, case when s.two then 2 else 1 end) k
    join opportunities o on o.id = ${idSql(idPrefix(seed, plan.w, 'o'), 's.i')}`;
}

/** The kinds of timeline body pools, in the order of their parameters ($6 …). */
export const BODY_KINDS = ['note', 'email', 'call', 'meeting', 'task', 'slack_message', 'system'] as const;

/**
 * Timeline entries i ∈ [$2, $3]: the busy records' share first, the rest 55 % opportunities,
 * 35 % accounts, 10 % contacts, mildly skewed towards low ordinals; kinds, authors, bodies,
 * stage and field changes, 15 % of conversations shared with partners, over two years.
 * Parameters: $1 workspace, $4 staff ids, $5 staff emails, $6–$12 bodies (BODY_KINDS), $13 stages, $14 epoch.
 */
export function timelineSql(seed: number, plan: Plan): string {
  const r = (k: number) => rnd(seed * 1_000_000 + plan.w * 1000 + 200 + k);
  const busyTotal = plan.busy.reduce((s, b) => s + b.entries, 0);
  const busyCase = (value: (b: Busy) => string) => {
    let cumulative = 0;
    const whens = plan.busy.map((b) => {
      cumulative += b.entries / busyTotal;
      return `when r2 < ${cumulative} then ${value(b)}`;
    });
    return `(case ${whens.join(' ')} else ${value(plan.busy[plan.busy.length - 1])} end)`;
  };
  const busyType = plan.busy.length ? busyCase((b) => `'${b.type}'`) : `'account'`;
  const busyIndex = plan.busy.length ? busyCase((b) => String(b.index)) : '1';
  const opportunityKinds = pickSql('r4', [
    ['note', 24],
    ['email', 24],
    ['call', 12],
    ['meeting', 10],
    ['task', 8],
    ['stage_change', 10],
    ['field_change', 6],
    ['slack_message', 4],
    ['system', 2],
  ]);
  const otherKinds = pickSql('r4', [
    ['note', 26],
    ['email', 28],
    ['call', 14],
    ['meeting', 10],
    ['task', 8],
    ['field_change', 8],
    ['slack_message', 4],
    ['system', 2],
  ]);
  const bodies = BODY_KINDS.map((kind, i) => `when '${kind}' then ${elementSql(`$${6 + i}::text[]`, 'r7')}`).join(' ');
  const subjectId = `case subject_type when 'opportunity' then ${idSql(idPrefix(seed, plan.w, 'o'), 'subject_index')}
    when 'account' then ${idSql(idPrefix(seed, plan.w, 'a'), 'subject_index')} else ${idSql(idPrefix(seed, plan.w, 'c'), 'subject_index')} end`;
  return `
    insert into timeline_entries (id, workspace_id, subject_type, subject_id, kind, author_kind, author_id, author_label, visibility, body,
      metadata, occurred_at, created_at)
    select ${idSql(idPrefix(seed, plan.w, 't'), 'i')}, $1::uuid, subject_type, ${subjectId}, kind,
      case when kind = 'system' then 'system' else 'staff' end,
      case when kind = 'system' then null else ($4::uuid[])[staff] end,
      case when kind = 'system' then 'Tandem' else ($5::text[])[staff] end,
      case when kind in ('note', 'email', 'call', 'meeting') and r6 < 0.15 then 'shared' else 'internal' end,
      case kind ${bodies} else '' end,
      case kind when 'stage_change' then jsonb_build_object('from', ($13::text[])[st], 'to', ($13::text[])[st + 1])
        when 'field_change' then jsonb_build_object('changes', jsonb_build_object('ownerUserId',
          jsonb_build_object('from', ($4::uuid[])[staff], 'to', ($4::uuid[])[1 + (staff % cardinality($4::uuid[]))])))
        else '{}'::jsonb end,
      occurred_at, occurred_at
    from (
      select *, case when subject_type = 'opportunity' then ${opportunityKinds} else ${otherKinds} end as kind
      from (
        select i, r4, r6, r7,
          case when r1 < ${busyTotal / plan.timeline} then ${busyType}
            else case when r2 < 0.55 then 'opportunity' when r2 < 0.9 then 'account' else 'contact' end end as subject_type,
          case when r1 < ${busyTotal / plan.timeline} then ${busyIndex}::int8
            else 1 + floor(case when r2 < 0.55 then ${plan.opportunities} when r2 < 0.9 then ${plan.accounts} else ${plan.contacts} end
              * power(r3, 1.25))::int8 end as subject_index,
          1 + floor(r5 * cardinality($4::uuid[]))::int as staff,
          1 + floor(r8 * 4)::int as st,
          $14::timestamptz - interval '1 day' * 730 * r9 as occurred_at
        from (
          select i, ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => `${r(k)} as r${k}`).join(', ')}
          from generate_series($2::int8, $3::int8) i offset 0
        ) s0 offset 0
      ) s1 offset 0
    ) s2`;
}
