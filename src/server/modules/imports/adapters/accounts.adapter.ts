import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type AccountInput, accountInput, type CUSTOMER_STATUSES } from '../../../../shared/accounts.ts';
import { markMatchKeysStale } from '../../duplicates/match-keys.service.ts';
import { recordChanges } from '../../timeline/timeline.service.ts';
import { choice, country, date, integer, list, owner, text } from '../imports.fields.ts';
import type { ApplyCtx, EntityAdapter, RowOutcome, ValidRow } from './adapter.ts';

const statuses: Record<(typeof CUSTOMER_STATUSES)[number], string[]> = {
  prospect: ['interessent', 'potenzieller kunde', 'potentieller kunde', 'lead', 'prospekt', 'neu', 'new'],
  customer: ['kunde', 'bestandskunde', 'aktiv', 'active', 'client'],
  former: ['ehemalig', 'ehemaliger kunde', 'former customer', 'churned', 'inaktiv', 'inactive', 'gekündigt'],
};

type Matched = { id: string; name: string; deletedAt: Date | null };

/** Accounts: deduplicated by domain (each domain belongs to one account of the workspace). */
export const accountsAdapter: EntityAdapter<AccountInput> = {
  entity: 'accounts',
  inputSchema: accountInput,
  fields: [
    {
      key: 'name',
      label: 'Name',
      required: true,
      hint: 'the company name',
      aliases: [
        'name',
        'company',
        'company name',
        'account',
        'account name',
        'organisation',
        'organization',
        'firma',
        'firmenname',
        'unternehmen',
        'unternehmensname',
        'kunde',
        'kundenname',
        'organisation name',
      ],
      convert: text,
    },
    {
      key: 'domains',
      label: 'Domains',
      multi: true,
      hint: 'web domains or URLs; several separated by ; or spaces',
      aliases: [
        'domains',
        'domain',
        'website',
        'web site',
        'webseite',
        'homepage',
        'url',
        'web',
        'internet',
        'internetadresse',
        'company domain',
        'website url',
        'domain name',
      ],
      convert: list,
    },
    {
      key: 'industry',
      label: 'Industry',
      hint: 'free text',
      aliases: ['industry', 'branche', 'sector', 'sektor', 'industrie', 'wirtschaftszweig'],
      convert: text,
    },
    {
      key: 'country',
      label: 'Country',
      hint: 'ISO code such as DE, or a name such as Germany / Deutschland',
      aliases: ['country', 'land', 'staat', 'country code', 'laendercode', 'landercode', 'countrycode'],
      convert: country,
    },
    {
      key: 'region',
      label: 'Region',
      hint: 'free text',
      aliases: ['region', 'state', 'bundesland', 'state region', 'province', 'provinz', 'kanton'],
      convert: text,
    },
    { key: 'segment', label: 'Segment', hint: 'free text', aliases: ['segment', 'kundensegment', 'market segment', 'marktsegment'], convert: text },
    {
      key: 'employeeCount',
      label: 'Employees',
      hint: 'a whole number',
      aliases: [
        'employees',
        'employee count',
        'number of employees',
        'headcount',
        'mitarbeiter',
        'mitarbeiterzahl',
        'anzahl mitarbeiter',
        'beschaftigte',
        'mitarbeiteranzahl',
      ],
      convert: integer,
    },
    {
      key: 'ownerUserId',
      label: 'Owner',
      hint: 'e-mail address of a staff member',
      aliases: [
        'owner',
        'account owner',
        'owner email',
        'besitzer',
        'inhaber',
        'verantwortlich',
        'betreuer',
        'zustandig',
        'account manager',
        'kundenbetreuer',
        'vertriebsmitarbeiter',
      ],
      convert: owner,
    },
    {
      key: 'customerStatus',
      label: 'Customer status',
      hint: 'prospect, customer or former (also Interessent, Kunde, ehemalig)',
      aliases: ['customer status', 'status', 'kundenstatus', 'customerstatus', 'lifecycle stage', 'typ', 'type'],
      convert: choice(statuses),
    },
    {
      key: 'renewalDate',
      label: 'Renewal date',
      hint: 'a date such as 2027-03-31 or 31.03.2027',
      aliases: ['renewal date', 'renewal', 'verlangerung', 'verlangerungsdatum', 'vertragsende', 'contract end', 'contract end date', 'renewaldate'],
      convert: date,
    },
    {
      key: 'description',
      label: 'Description',
      hint: 'free text',
      aliases: ['description', 'notes', 'beschreibung', 'notizen', 'bemerkung', 'bemerkungen', 'kommentar', 'comment'],
      convert: text,
    },
  ],

  dedupeKey: (input) => input.domains ?? [],

  async apply(ctx, rows) {
    // "www.x.de" and "https://x.de/" normalise to the same domain: keep each once per row.
    for (const r of rows) if (r.input.domains) r.input.domains = [...new Set(r.input.domains)];
    const domains = [...new Set(rows.flatMap((r) => r.input.domains ?? []))];
    const holders = new Map<string, Matched>();
    if (domains.length) {
      const { rows: found } = await sql<{ domain: string } & Matched>`
        select d.domain, a.id, a.name, a.deleted_at from account_domains d join accounts a on a.id = d.account_id
        where d.workspace_id = ${ctx.workspaceId} and d.domain = any(${domains}::text[])`.execute(ctx.trx);
      for (const f of found) holders.set(f.domain, f);
    }
    const outcomes: RowOutcome[] = [];
    const creates: ValidRow<AccountInput>[] = [];
    const createIds: string[] = [];
    const updates: { row: ValidRow<AccountInput>; id: string }[] = [];
    for (const r of rows) {
      const own = r.input.domains ?? [];
      const matched = [...new Map(own.flatMap((d) => (holders.has(d) ? [[holders.get(d)?.id, holders.get(d) as Matched]] : []))).values()];
      if (matched.length === 0) {
        const id = randomUUID();
        creates.push(r);
        createIds.push(id);
        outcomes.push({ action: 'create', id });
      } else if (matched.length > 1) {
        const list = own.filter((d) => holders.has(d)).map((d) => `"${holders.get(d)?.name}" (${d})`);
        outcomes.push(reject(`the domains belong to different accounts: ${list.join(', ')}; give each row the domains of one account`));
      } else if (matched[0].deletedAt) {
        outcomes.push(reject(`the domain belongs to the deleted account "${matched[0].name}"; restore that account or remove the domain`));
      } else if (ctx.onDuplicate === 'skip') {
        const d = own.find((x) => holders.has(x));
        outcomes.push({ action: 'skip', id: matched[0].id, reason: `duplicate: the account "${matched[0].name}" already has the domain ${d}` });
      } else {
        updates.push({ row: r, id: matched[0].id });
        outcomes.push({ action: 'update', id: matched[0].id });
      }
    }
    if (creates.length) await insertAccounts(ctx, creates, createIds);
    if (updates.length) await updateAccounts(ctx, updates);
    // The duplicate check's keys are not computed here: new accounts have none yet and updated
    // ones are marked stale, and the rekey pass queued when the import completes keys them all
    // (computing ~15 keys a row in the batch cost half the import's throughput).
    await markMatchKeysStale(
      ctx,
      updates.map((u) => u.id),
    );
    return outcomes;
  },
};

function reject(message: string): RowOutcome {
  return { action: 'reject', issues: [{ column: null, field: 'domains', value: null, message }] };
}

const col = <T>(rows: ValidRow<AccountInput>[], pick: (i: AccountInput) => T | null | undefined) => rows.map((r) => pick(r.input) ?? null);

async function insertAccounts(ctx: ApplyCtx, rows: ValidRow<AccountInput>[], ids: string[]) {
  await sql`
    insert into accounts (id, workspace_id, name, industry, country, region, segment, employee_count, owner_user_id, customer_status, renewal_date, description)
    select v.id, ${ctx.workspaceId}, v.name, v.industry, v.country, v.region, v.segment, v.employee_count, v.owner_user_id,
      coalesce(v.customer_status, 'prospect'), v.renewal_date, v.description
    from unnest(${ids}::uuid[], ${col(rows, (i) => i.name)}::text[], ${col(rows, (i) => i.industry)}::text[], ${col(rows, (i) => i.country)}::text[],
      ${col(rows, (i) => i.region)}::text[], ${col(rows, (i) => i.segment)}::text[], ${col(rows, (i) => i.employeeCount)}::int[],
      ${col(rows, (i) => i.ownerUserId)}::uuid[], ${col(rows, (i) => i.customerStatus)}::text[], ${col(rows, (i) => i.renewalDate)}::date[],
      ${col(rows, (i) => i.description)}::text[])
      as v(id, name, industry, country, region, segment, employee_count, owner_user_id, customer_status, renewal_date, description)`.execute(ctx.trx);
  // The domains were looked up as free and no two rows of a wave share one: a plain insert (no
  // ON CONFLICT, which costs a speculative insertion per row). A domain taken meanwhile by a
  // concurrent edit fails the wave, and the batch then finds that row alone.
  await insertDomains(
    ctx,
    rows.flatMap((r, i) => (r.input.domains ?? []).map((d) => [ids[i], d] as const)),
    false,
  );
}

async function insertDomains(ctx: ApplyCtx, pairs: (readonly [string, string])[], skipTaken: boolean) {
  if (!pairs.length) return;
  await sql`
    insert into account_domains (workspace_id, account_id, domain)
    select ${ctx.workspaceId}, a, d from unnest(${pairs.map((p) => p[0])}::uuid[], ${pairs.map((p) => p[1])}::text[]) as v(a, d)
    ${skipTaken ? sql`on conflict do nothing` : sql``}`.execute(ctx.trx);
}

const FIELDS = [
  'name',
  'industry',
  'country',
  'region',
  'segment',
  'employeeCount',
  'ownerUserId',
  'customerStatus',
  'renewalDate',
  'description',
] as const;

/** Existing accounts matched by domain: cells with a value overwrite, empty cells keep what is there; domains are added. */
async function updateAccounts(ctx: ApplyCtx, updates: Update[]) {
  // Two rows may match one account through different domains: apply them in file order, one
  // statement per round, so each round updates an account at most once.
  let pending = updates;
  while (pending.length) {
    const seen = new Set<string>();
    const round: Update[] = [];
    const rest: Update[] = [];
    for (const u of pending) {
      (seen.has(u.id) ? rest : round).push(u);
      seen.add(u.id);
    }
    await updateRound(ctx, round);
    pending = rest;
  }
}

type Update = { row: ValidRow<AccountInput>; id: string };

async function updateRound(ctx: ApplyCtx, list: Update[]) {
  const rows = list.map((u) => u.row);
  const { rows: before } = await sql<Record<string, unknown> & { id: string; domains: string[] }>`
    select a.id, a.name, a.industry, a.country, a.region, a.segment, a.employee_count, a.owner_user_id, a.customer_status, a.renewal_date, a.description,
      coalesce((select array_agg(d.domain order by d.domain) from account_domains d where d.account_id = a.id), '{}') as domains
    from accounts a where a.workspace_id = ${ctx.workspaceId} and a.id = any(${list.map((u) => u.id)}::uuid[]) for update`.execute(ctx.trx);
  await sql`
    update accounts a set
      name = coalesce(v.name, a.name), industry = coalesce(v.industry, a.industry), country = coalesce(v.country, a.country),
      region = coalesce(v.region, a.region), segment = coalesce(v.segment, a.segment), employee_count = coalesce(v.employee_count, a.employee_count),
      owner_user_id = coalesce(v.owner_user_id, a.owner_user_id), customer_status = coalesce(v.customer_status, a.customer_status),
      renewal_date = coalesce(v.renewal_date, a.renewal_date), description = coalesce(v.description, a.description)
    from unnest(${list.map((u) => u.id)}::uuid[], ${col(rows, (i) => i.name)}::text[], ${col(rows, (i) => i.industry)}::text[],
      ${col(rows, (i) => i.country)}::text[], ${col(rows, (i) => i.region)}::text[], ${col(rows, (i) => i.segment)}::text[],
      ${col(rows, (i) => i.employeeCount)}::int[], ${col(rows, (i) => i.ownerUserId)}::uuid[], ${col(rows, (i) => i.customerStatus)}::text[],
      ${col(rows, (i) => i.renewalDate)}::date[], ${col(rows, (i) => i.description)}::text[])
      as v(id, name, industry, country, region, segment, employee_count, owner_user_id, customer_status, renewal_date, description)
    where a.id = v.id and a.workspace_id = ${ctx.workspaceId}`.execute(ctx.trx);
  // An updated account already holds some of the row's domains: those are skipped.
  await insertDomains(
    ctx,
    list.flatMap((u) => (u.row.input.domains ?? []).map((d) => [u.id, d] as const)),
    true,
  );
  // The timeline shows what the import changed, as an edit in the app would.
  const beforeById = new Map(before.map((b) => [b.id, b]));
  for (const u of list) {
    const b = beforeById.get(u.id);
    if (!b) continue;
    const after: Record<string, unknown> = { ...b };
    for (const f of FIELDS) if (u.row.input[f] != null) after[f] = u.row.input[f];
    after.domains = [...new Set([...b.domains, ...(u.row.input.domains ?? [])])].sort();
    await recordChanges(ctx, { type: 'account', id: u.id }, b, after, [...FIELDS, 'domains']);
  }
}
