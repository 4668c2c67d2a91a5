import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type ContactInput, contactInput } from '../../../../shared/contacts.ts';
import { recordChanges } from '../../timeline/timeline.service.ts';
import { emailList, owner, text } from '../imports.fields.ts';
import type { ApplyCtx, EntityAdapter, RowOutcome, ValidRow } from './adapter.ts';
import { resolveReferences } from './references.ts';

type Existing = { id: string; name: string };
type Update = { row: ValidRow<ContactInput>; id: string };

/** Contacts: deduplicated by e-mail; the account and partner columns name them (id, domain or name). */
export const contactsAdapter: EntityAdapter<ContactInput> = {
  entity: 'contacts',
  inputSchema: contactInput,
  fields: [
    {
      key: 'firstName',
      label: 'First name',
      hint: 'free text',
      aliases: ['first name', 'firstname', 'given name', 'vorname', 'rufname'],
      convert: text,
    },
    {
      key: 'lastName',
      label: 'Last name',
      required: true,
      hint: 'the family name (or the whole name)',
      aliases: [
        'last name',
        'lastname',
        'surname',
        'family name',
        'nachname',
        'familienname',
        'name',
        'full name',
        'contact',
        'contact name',
        'kontakt',
        'ansprechpartner',
      ],
      convert: text,
    },
    {
      key: 'emails',
      label: 'E-mail addresses',
      multi: true,
      hint: 'one or more addresses; several separated by ; or spaces',
      aliases: [
        'email',
        'e-mail',
        'emails',
        'mail',
        'email address',
        'e-mail-adresse',
        'emailadresse',
        'work email',
        'business email',
        'e-mail geschäftlich',
      ],
      convert: emailList,
    },
    {
      key: 'phone',
      label: 'Phone',
      hint: 'free text, e.g. +49 89 1234567',
      aliases: ['phone', 'telephone', 'phone number', 'mobile', 'telefon', 'telefonnummer', 'tel', 'mobil', 'handy', 'mobilnummer'],
      convert: text,
    },
    {
      key: 'title',
      label: 'Title',
      hint: 'job title',
      aliases: ['title', 'job title', 'position', 'role', 'titel', 'jobtitel', 'funktion', 'rolle', 'berufsbezeichnung'],
      convert: text,
    },
    {
      key: 'accountId',
      label: 'Account',
      hint: 'the account’s name, domain or id (the account must exist)',
      aliases: [
        'account',
        'account name',
        'account id',
        'account domain',
        'account.name',
        'company',
        'company name',
        'organisation',
        'organization',
        'firma',
        'firmenname',
        'unternehmen',
        'kunde',
      ],
      convert: text,
    },
    {
      key: 'partnerId',
      label: 'Partner',
      hint: 'the partner’s name or id',
      aliases: ['partner', 'partner name', 'partner id', 'vertriebspartner'],
      convert: text,
    },
    {
      key: 'ownerUserId',
      label: 'Owner',
      hint: 'e-mail address of a staff member',
      aliases: ['owner', 'contact owner', 'owner email', 'besitzer', 'verantwortlich', 'betreuer', 'zustandig', 'kundenbetreuer'],
      convert: owner,
    },
  ],

  dedupeKey: (input) => input.emails ?? [],

  async resolve(ctx, drafts) {
    await resolveReferences(ctx, drafts, 'accountId', 'account');
    await resolveReferences(ctx, drafts, 'partnerId', 'partner');
  },

  async apply(ctx, rows) {
    const emails = [...new Set(rows.flatMap((r) => r.input.emails ?? []))];
    const holders = new Map<string, Existing>();
    if (emails.length) {
      const { rows: found } = await sql<Existing & { emails: string[] }>`
        select id, trim(first_name || ' ' || last_name) as name, emails from contacts
        where workspace_id = ${ctx.workspaceId} and emails && ${emails}::text[] and deleted_at is null`.execute(ctx.trx);
      for (const f of found) for (const e of f.emails) holders.set(e.toLowerCase(), f);
    }
    const outcomes: RowOutcome[] = [];
    const creates: { row: ValidRow<ContactInput>; id: string }[] = [];
    const updates: Update[] = [];
    for (const r of rows) {
      const own = r.input.emails ?? [];
      const matched = [...new Map(own.filter((e) => holders.has(e)).map((e) => [holders.get(e)?.id, holders.get(e) as Existing])).values()];
      if (matched.length === 0) {
        const id = randomUUID();
        creates.push({ row: r, id });
        outcomes.push({ action: 'create', id });
      } else if (matched.length > 1) {
        const names = matched.map((m) => `"${m.name}"`).join(', ');
        outcomes.push({
          action: 'reject',
          issues: [
            {
              column: null,
              field: 'emails',
              value: null,
              message: `the e-mail addresses belong to different contacts: ${names}; give each row the addresses of one contact`,
            },
          ],
        });
      } else if (ctx.onDuplicate === 'skip') {
        outcomes.push({
          action: 'skip',
          id: matched[0].id,
          reason: `duplicate: the contact "${matched[0].name}" already has the address ${own.find((e) => holders.has(e))}`,
        });
      } else {
        updates.push({ row: r, id: matched[0].id });
        outcomes.push({ action: 'update', id: matched[0].id });
      }
    }
    if (creates.length) await insertContacts(ctx, creates);
    for (const round of rounds(updates)) await updateContacts(ctx, round);
    return outcomes;
  },
};

const col = <T>(list: { row: ValidRow<ContactInput> }[], pick: (i: ContactInput) => T | null | undefined) =>
  list.map((u) => pick(u.row.input) ?? null);
const emailsJson = (list: { row: ValidRow<ContactInput> }[]) => list.map((u) => JSON.stringify(u.row.input.emails ?? []));

async function insertContacts(ctx: ApplyCtx, list: { row: ValidRow<ContactInput>; id: string }[]) {
  await sql`
    insert into contacts (id, workspace_id, first_name, last_name, emails, phone, title, account_id, partner_id, owner_user_id)
    select v.id, ${ctx.workspaceId}, coalesce(v.first_name, ''), v.last_name, array(select jsonb_array_elements_text(v.emails)),
      v.phone, v.title, v.account_id, v.partner_id, v.owner_user_id
    from unnest(${list.map((u) => u.id)}::uuid[], ${col(list, (i) => i.firstName)}::text[], ${col(list, (i) => i.lastName)}::text[], ${emailsJson(list)}::jsonb[],
      ${col(list, (i) => i.phone)}::text[], ${col(list, (i) => i.title)}::text[], ${col(list, (i) => i.accountId)}::uuid[],
      ${col(list, (i) => i.partnerId)}::uuid[], ${col(list, (i) => i.ownerUserId)}::uuid[])
      as v(id, first_name, last_name, emails, phone, title, account_id, partner_id, owner_user_id)`.execute(ctx.trx);
}

/** Splits updates so each round changes a contact at most once (rows apply in file order). */
function rounds(updates: Update[]): Update[][] {
  const out: Update[][] = [];
  let pending = updates;
  while (pending.length) {
    const seen = new Set<string>();
    const round: Update[] = [];
    const rest: Update[] = [];
    for (const u of pending) {
      (seen.has(u.id) ? rest : round).push(u);
      seen.add(u.id);
    }
    out.push(round);
    pending = rest;
  }
  return out;
}

const FIELDS = ['firstName', 'lastName', 'phone', 'title', 'accountId', 'partnerId', 'ownerUserId'] as const;

/** Cells with a value overwrite, empty cells keep what is there; new addresses are appended. */
async function updateContacts(ctx: ApplyCtx, list: Update[]) {
  const ids = list.map((u) => u.id);
  const { rows: before } = await sql<Record<string, unknown> & { id: string; emails: string[] }>`
    select id, first_name, last_name, emails, phone, title, account_id, partner_id, owner_user_id
    from contacts where workspace_id = ${ctx.workspaceId} and id = any(${ids}::uuid[]) for update`.execute(ctx.trx);
  await sql`
    update contacts c set
      first_name = coalesce(v.first_name, c.first_name), last_name = coalesce(v.last_name, c.last_name),
      emails = c.emails || array(select e from jsonb_array_elements_text(v.emails) e where e <> all(c.emails)),
      phone = coalesce(v.phone, c.phone), title = coalesce(v.title, c.title), account_id = coalesce(v.account_id, c.account_id),
      partner_id = coalesce(v.partner_id, c.partner_id), owner_user_id = coalesce(v.owner_user_id, c.owner_user_id)
    from unnest(${ids}::uuid[], ${col(list, (i) => i.firstName)}::text[], ${col(list, (i) => i.lastName)}::text[], ${emailsJson(list)}::jsonb[],
      ${col(list, (i) => i.phone)}::text[], ${col(list, (i) => i.title)}::text[], ${col(list, (i) => i.accountId)}::uuid[],
      ${col(list, (i) => i.partnerId)}::uuid[], ${col(list, (i) => i.ownerUserId)}::uuid[])
      as v(id, first_name, last_name, emails, phone, title, account_id, partner_id, owner_user_id)
    where c.id = v.id and c.workspace_id = ${ctx.workspaceId}`.execute(ctx.trx);
  const beforeById = new Map(before.map((b) => [b.id, b]));
  for (const u of list) {
    const b = beforeById.get(u.id);
    if (!b) continue;
    const after: Record<string, unknown> = { ...b };
    for (const f of FIELDS) if (u.row.input[f] != null) after[f] = u.row.input[f];
    after.emails = [...b.emails, ...(u.row.input.emails ?? []).filter((e) => !b.emails.includes(e))];
    await recordChanges(ctx, { type: 'contact', id: u.id }, b, after, [...FIELDS, 'emails']);
  }
}
