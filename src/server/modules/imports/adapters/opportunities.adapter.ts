import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { fromMinorUnits, toMinorUnits } from '../../../../shared/money.ts';
import { MOTIONS, type OpportunityInput, opportunityInput, STAGES } from '../../../../shared/opportunities.ts';
import { recordChanges } from '../../timeline/timeline.service.ts';
import { type Converter, choice, date, owner, parseDecimal, present, text } from '../imports.fields.ts';
import type { ApplyCtx, EntityAdapter, RowOutcome, ValidRow } from './adapter.ts';
import { resolveReferences } from './references.ts';

const SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY', CHF: 'CHF' };

/** "125.000,50 €", "EUR 125000", "$1,200.00": the value in major units, and the currency when the cell names one. */
const amount: Converter = (cells, ctx) => {
  const [v] = present(cells);
  if (v === undefined) return {};
  const code = /\b([A-Z]{3})\b/.exec(v)?.[1] ?? Object.entries(SYMBOLS).find(([s]) => v.includes(s))?.[1];
  const value = parseDecimal(v.replace(/[€$£¥]/g, '').replace(/\b[A-Z]{3}\b/, ''), ctx.decimalComma);
  if (value === null)
    return { error: `must be an amount such as ${ctx.decimalComma ? '125.000,50' : '125,000.50'} (optionally with the currency, e.g. EUR)` };
  return { value: { value, currency: code } };
};

const stages: Record<(typeof STAGES)[number], string[]> = {
  prospecting: ['akquise', 'erstkontakt', 'lead', 'neu', 'new', 'prospect', 'prospektierung'],
  qualification: ['qualifizierung', 'qualifiziert', 'qualified', 'bedarfsanalyse'],
  proposal: ['angebot', 'offer', 'quote', 'angebotsphase', 'proposal/price quote'],
  negotiation: ['verhandlung', 'negotiation/review', 'vertragsverhandlung'],
  closed_won: ['gewonnen', 'won', 'closed won', 'abgeschlossen', 'auftrag'],
  closed_lost: ['verloren', 'lost', 'closed lost', 'abgesagt'],
};
const motions: Record<(typeof MOTIONS)[number], string[]> = {
  referral: ['empfehlung', 'vermittlung', 'referral'],
  resale: ['wiederverkauf', 'reseller', 'resell', 'weiterverkauf'],
  marketplace: ['marktplatz', 'cloud marketplace'],
  services: ['dienstleistung', 'service', 'beratung'],
  technology: ['technologie', 'tech', 'integration'],
};

type Existing = { id: string; key: string; name: string };
type Update = { row: ValidRow<OpportunityInput>; id: string };

const dedupe = (i: { accountId: string; name: string }) => `${i.accountId}:${i.name.toLowerCase()}`;

/** Opportunities: deduplicated by name within their account; the account column names it (id, domain or name). */
export const opportunitiesAdapter: EntityAdapter<OpportunityInput> = {
  entity: 'opportunities',
  inputSchema: opportunityInput,
  issueFields: { 'amount.value': 'amount', 'amount.currency': 'currency' },
  fields: [
    {
      key: 'name',
      label: 'Name',
      required: true,
      hint: 'the opportunity’s name',
      aliases: ['name', 'opportunity', 'opportunity name', 'deal', 'deal name', 'verkaufschance', 'chance', 'projekt', 'projektname', 'vorgang'],
      convert: text,
    },
    {
      key: 'accountId',
      label: 'Account',
      required: true,
      hint: 'the account’s name, domain or id (the account must exist)',
      aliases: [
        'account',
        'account name',
        'account id',
        'account domain',
        'account.name',
        'company',
        'company name',
        'firma',
        'kunde',
        'unternehmen',
        'organisation',
      ],
      convert: text,
    },
    {
      key: 'amount',
      label: 'Amount',
      required: true,
      hint: 'e.g. 125.000,50 or 125,000.50; may name the currency (EUR 125000)',
      aliases: [
        'amount',
        'amount.value',
        'value',
        'deal value',
        'betrag',
        'wert',
        'volumen',
        'auftragswert',
        'umsatz',
        'summe',
        'opportunity amount',
      ],
      convert: amount,
    },
    {
      key: 'currency',
      label: 'Currency',
      hint: 'ISO 4217 code such as EUR (unless the amount names it)',
      aliases: ['currency', 'amount.currency', 'wahrung', 'waehrung', 'curr', 'currency code'],
      convert: text,
    },
    {
      key: 'stage',
      label: 'Stage',
      required: true,
      hint: `${STAGES.join(', ')} (also Angebot, Verhandlung, Gewonnen, Verloren …)`,
      aliases: ['stage', 'deal stage', 'sales stage', 'phase', 'vertriebsphase', 'verkaufsphase', 'stufe', 'status'],
      convert: choice(stages),
    },
    {
      key: 'closeDate',
      label: 'Close date',
      required: true,
      hint: 'a date such as 2027-03-31 or 31.03.2027',
      aliases: ['close date', 'closing date', 'expected close date', 'abschlussdatum', 'voraussichtlicher abschluss', 'abschluss', 'stichtag'],
      convert: date,
    },
    {
      key: 'motion',
      label: 'Motion',
      hint: MOTIONS.join(', '),
      aliases: ['motion', 'partner motion', 'vertriebsweg', 'kanal', 'channel'],
      convert: choice(motions),
    },
    {
      key: 'source',
      label: 'Source',
      hint: 'direct or partner',
      aliases: ['source', 'quelle', 'herkunft', 'lead source'],
      convert: choice({ direct: ['direkt', 'eigen'], partner: ['partner', 'channel', 'indirekt'] }),
    },
    {
      key: 'ownerUserId',
      label: 'Owner',
      hint: 'e-mail address of a staff member',
      aliases: ['owner', 'deal owner', 'opportunity owner', 'besitzer', 'verantwortlich', 'vertriebsmitarbeiter'],
      convert: owner,
    },
    {
      key: 'description',
      label: 'Description',
      hint: 'free text (internal)',
      aliases: ['description', 'beschreibung', 'notes', 'notizen', 'bemerkung'],
      convert: text,
    },
    {
      key: 'nextStep',
      label: 'Next step',
      hint: 'free text',
      aliases: ['next step', 'nachster schritt', 'naechster schritt', 'next steps'],
      convert: text,
    },
  ],

  dedupeKey: (input) => [dedupe(input)],

  async resolve(ctx, drafts) {
    for (const d of drafts) {
      const money = d.values.amount as { value: number; currency?: string } | undefined;
      const currency = (d.values.currency as string | undefined)?.toUpperCase();
      delete d.values.currency;
      if (!money) continue;
      if (currency && money.currency && currency !== money.currency) {
        d.issues.push({
          column: d.columnOf('amount'),
          field: 'amount',
          value: String(money.value),
          message: `names ${money.currency} but the currency column says ${currency}`,
        });
      } else if (!currency && !money.currency) {
        d.issues.push({
          column: d.columnOf('amount'),
          field: 'currency',
          value: null,
          message: 'has no currency: add a currency column or write the code with the amount, e.g. EUR 125000',
        });
      } else d.values.amount = { value: money.value, currency: currency ?? money.currency };
    }
    await resolveReferences(ctx, drafts, 'accountId', 'account');
  },

  async apply(ctx, rows) {
    const { rows: found } = await sql<Existing>`
      select distinct on (v.account_id, v.name) o.id, v.account_id || ':' || v.name as key, o.name from opportunities o
      join unnest(${rows.map((r) => r.input.accountId)}::uuid[], ${rows.map((r) => r.input.name)}::text[]) as v(account_id, name)
        on o.account_id = v.account_id and lower(o.name) = lower(v.name)
      where o.workspace_id = ${ctx.workspaceId} and o.deleted_at is null
      order by v.account_id, v.name, o.created_at`.execute(ctx.trx);
    const existing = new Map(found.map((f) => [f.key, f]));
    const outcomes: RowOutcome[] = [];
    const creates: { row: ValidRow<OpportunityInput>; id: string }[] = [];
    const updates: Update[] = [];
    for (const r of rows) {
      const match = existing.get(`${r.input.accountId}:${r.input.name}`);
      if (!match) {
        const id = randomUUID();
        creates.push({ row: r, id });
        outcomes.push({ action: 'create', id });
      } else if (ctx.onDuplicate === 'skip') {
        outcomes.push({ action: 'skip', id: match.id, reason: `duplicate: the account already has an opportunity named "${match.name}"` });
      } else {
        updates.push({ row: r, id: match.id });
        outcomes.push({ action: 'update', id: match.id });
      }
    }
    if (creates.length) await insertOpportunities(ctx, creates);
    if (updates.length) await updateOpportunities(ctx, updates);
    return outcomes;
  },
};

type Item = { row: ValidRow<OpportunityInput> };
const col = <T>(list: Item[], pick: (i: OpportunityInput) => T | null | undefined) => list.map((u) => pick(u.row.input) ?? null);
const minor = (list: Item[]) =>
  list.map((u) => (u.row.input.amount ? String(toMinorUnits(u.row.input.amount.value, u.row.input.amount.currency)) : null));

async function insertOpportunities(ctx: ApplyCtx, list: (Item & { id: string })[]) {
  const now = ctx.now();
  await sql`
    insert into opportunities (id, workspace_id, name, account_id, amount_minor, currency, stage, stage_changed_at, close_date, owner_user_id,
      source, motion, description, next_step, next_step_updated_at)
    select v.id, ${ctx.workspaceId}, v.name, v.account_id, v.amount_minor, v.currency, v.stage, ${now}, v.close_date, v.owner_user_id,
      coalesce(v.source, 'direct'), v.motion, v.description, v.next_step, case when v.next_step is null then null else ${now}::timestamptz end
    from unnest(${list.map((u) => u.id)}::uuid[], ${col(list, (i) => i.name)}::text[], ${col(list, (i) => i.accountId)}::uuid[], ${minor(list)}::bigint[],
      ${col(list, (i) => i.amount?.currency)}::text[], ${col(list, (i) => i.stage)}::text[], ${col(list, (i) => i.closeDate)}::date[],
      ${col(list, (i) => i.ownerUserId)}::uuid[], ${col(list, (i) => i.source)}::text[], ${col(list, (i) => i.motion)}::text[],
      ${col(list, (i) => i.description)}::text[], ${col(list, (i) => i.nextStep)}::text[])
      as v(id, name, account_id, amount_minor, currency, stage, close_date, owner_user_id, source, motion, description, next_step)`.execute(ctx.trx);
}

const WATCHED = ['name', 'accountId', 'amount', 'stage', 'closeDate', 'ownerUserId', 'source', 'motion', 'nextStep'] as const;

/** Cells with a value overwrite, empty cells keep what is there; stage and next step get their timestamps. */
async function updateOpportunities(ctx: ApplyCtx, updates: Update[]) {
  // A batch holds each (account, name) once (waves), so each opportunity is updated once here.
  const ids = updates.map((u) => u.id);
  const { rows: before } = await sql<Record<string, unknown> & { id: string; amountMinor: number; currency: string }>`
    select id, name, account_id, amount_minor, currency, stage, close_date, owner_user_id, source, motion, next_step
    from opportunities where workspace_id = ${ctx.workspaceId} and id = any(${ids}::uuid[]) for update`.execute(ctx.trx);
  const now = ctx.now();
  await sql`
    update opportunities o set
      name = coalesce(v.name, o.name), account_id = coalesce(v.account_id, o.account_id),
      amount_minor = coalesce(v.amount_minor, o.amount_minor), currency = coalesce(v.currency, o.currency),
      stage = coalesce(v.stage, o.stage),
      stage_changed_at = case when v.stage is not null and v.stage <> o.stage then ${now}::timestamptz else o.stage_changed_at end,
      close_date = coalesce(v.close_date, o.close_date), owner_user_id = coalesce(v.owner_user_id, o.owner_user_id),
      source = coalesce(v.source, o.source), motion = coalesce(v.motion, o.motion), description = coalesce(v.description, o.description),
      next_step = coalesce(v.next_step, o.next_step),
      next_step_updated_at = case when v.next_step is not null and v.next_step is distinct from o.next_step then ${now}::timestamptz else o.next_step_updated_at end
    from unnest(${ids}::uuid[], ${col(updates, (i) => i.name)}::text[], ${col(updates, (i) => i.accountId)}::uuid[], ${minor(updates)}::bigint[],
      ${col(updates, (i) => i.amount?.currency)}::text[], ${col(updates, (i) => i.stage)}::text[], ${col(updates, (i) => i.closeDate)}::date[],
      ${col(updates, (i) => i.ownerUserId)}::uuid[], ${col(updates, (i) => i.source)}::text[], ${col(updates, (i) => i.motion)}::text[],
      ${col(updates, (i) => i.description)}::text[], ${col(updates, (i) => i.nextStep)}::text[])
      as v(id, name, account_id, amount_minor, currency, stage, close_date, owner_user_id, source, motion, description, next_step)
    where o.id = v.id and o.workspace_id = ${ctx.workspaceId}`.execute(ctx.trx);
  const beforeById = new Map(before.map((b) => [b.id, { ...b, amount: { value: fromMinorUnits(b.amountMinor, b.currency), currency: b.currency } }]));
  for (const u of updates) {
    const b = beforeById.get(u.id);
    if (!b) continue;
    const after: Record<string, unknown> = { ...b };
    for (const f of WATCHED) if (u.row.input[f] != null) after[f] = u.row.input[f];
    await recordChanges(ctx, { type: 'opportunity', id: u.id }, b, after, WATCHED, 'stage');
  }
}
