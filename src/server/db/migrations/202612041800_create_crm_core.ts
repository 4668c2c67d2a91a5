import { type Kysely, sql } from 'kysely';

const TENANT_TABLES = [
  'accounts',
  'account_domains',
  'contacts',
  'opportunities',
  'opportunity_partners',
  'opportunity_contact_roles',
  'leads',
  'timeline_entries',
];
const UPDATED_AT_TABLES = ['accounts', 'contacts', 'opportunities', 'opportunity_partners', 'leads'];

/**
 * The CRM core: accounts (with normalised domains), contacts, opportunities with partner and
 * contact roles, leads, and one timeline for every record. Money is integer minor units plus an
 * ISO 4217 code; soft delete through deleted_at; every table synced through external_refs.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function immutable_unaccent_lower(text) returns text language sql immutable parallel safe as $$
      select lower(translate($1,
        'ÄÖÜäöüßÀÁÂÃÅàáâãåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕØòóôõøÙÚÛùúûÇçÑñŠšŽžŁłŃńŚśŹźŻż',
        'AOUaousAAAAAaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUuuuCcNnSsZzLlNnSsZzZz'))
    $$;

    create table accounts (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null check (length(name) between 1 and 300),
      industry text,
      country text check (country ~ '^[A-Z]{2}$'),
      region text,
      segment text,
      employee_count int check (employee_count >= 0),
      owner_user_id uuid references users(id) on delete set null,
      customer_status text not null default 'prospect' check (customer_status in ('prospect', 'customer', 'former')),
      renewal_date date,
      description text,
      search tsvector generated always as (to_tsvector('simple', immutable_unaccent_lower(name))) stored,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index accounts_list_idx on accounts(workspace_id, lower(name), id) where deleted_at is null;
    create index accounts_created_idx on accounts(workspace_id, created_at, id);
    create index accounts_owner_idx on accounts(owner_user_id);
    create index accounts_name_trgm_idx on accounts using gin (immutable_unaccent_lower(name) gin_trgm_ops);
    create index accounts_search_idx on accounts using gin (search);

    create table account_domains (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      domain text not null check (domain ~ '^[a-z0-9.-]+\\.[a-z]{2,63}$'),
      primary key (workspace_id, domain)
    );
    create index account_domains_account_idx on account_domains(account_id);
    create index account_domains_trgm_idx on account_domains using gin (domain gin_trgm_ops);

    create table contacts (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      account_id uuid references accounts(id) on delete set null,
      partner_id uuid references partners(id) on delete set null,
      first_name text not null default '',
      last_name text not null check (length(last_name) between 1 and 200),
      emails text[] not null default '{}',
      phone text,
      title text,
      owner_user_id uuid references users(id) on delete set null,
      search tsvector generated always as (
        to_tsvector('simple', immutable_unaccent_lower(first_name || ' ' || last_name))) stored,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index contacts_list_idx on contacts(workspace_id, lower(last_name), lower(first_name), id) where deleted_at is null;
    create index contacts_account_idx on contacts(account_id);
    create index contacts_partner_idx on contacts(partner_id);
    create index contacts_owner_idx on contacts(owner_user_id);
    create index contacts_emails_idx on contacts using gin (emails);
    create index contacts_search_idx on contacts using gin (search);

    create table opportunities (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null check (length(name) between 1 and 300),
      account_id uuid not null references accounts(id) on delete restrict,
      amount_minor bigint not null check (amount_minor >= 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      stage text not null,
      stage_changed_at timestamptz not null default now(),
      close_date date not null,
      owner_user_id uuid references users(id) on delete set null,
      source text not null default 'direct' check (source in ('direct', 'partner')),
      motion text check (motion in ('referral', 'resale', 'marketplace', 'services', 'technology')),
      description text,
      next_step text,
      next_step_updated_at timestamptz,
      registration_id uuid,
      search tsvector generated always as (to_tsvector('simple', immutable_unaccent_lower(name))) stored,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index opportunities_list_idx on opportunities(workspace_id, close_date, id) where deleted_at is null;
    create index opportunities_stage_idx on opportunities(workspace_id, stage, close_date, id) where deleted_at is null;
    create index opportunities_motion_idx on opportunities(workspace_id, motion, stage) where deleted_at is null;
    create index opportunities_amount_idx on opportunities(workspace_id, amount_minor, id) where deleted_at is null;
    create index opportunities_account_idx on opportunities(account_id);
    create index opportunities_owner_idx on opportunities(owner_user_id);
    create index opportunities_registration_idx on opportunities(registration_id);
    create index opportunities_search_idx on opportunities using gin (search);

    create table opportunity_partners (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      partner_id uuid not null references partners(id) on delete restrict,
      role text not null check (role in ('reseller', 'services', 'referrer', 'influencer', 'marketplace', 'technology')),
      attribution text not null check (attribution in ('sourced', 'influenced')),
      share_percent numeric(5, 2) not null check (share_percent >= 0 and share_percent <= 100),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (opportunity_id, partner_id)
    );
    create index opportunity_partners_partner_idx on opportunity_partners(workspace_id, partner_id);

    -- Shares of all partners on one opportunity never exceed 100 %: checked at commit, so a
    -- transaction may move share from one partner to another in any order.
    create function check_opportunity_shares() returns trigger language plpgsql as $$
    declare total numeric;
    begin
      select coalesce(sum(share_percent), 0) into total from opportunity_partners
        where opportunity_id = coalesce(new.opportunity_id, old.opportunity_id);
      if total > 100 then
        raise exception 'partner shares on opportunity % add up to % %%, more than 100 %%', coalesce(new.opportunity_id, old.opportunity_id), total
          using errcode = '23514', constraint = 'opportunity_partner_shares_max_100';
      end if;
      return null;
    end $$;
    create constraint trigger opportunity_partner_shares_max_100 after insert or update on opportunity_partners
      deferrable initially deferred for each row execute function check_opportunity_shares();

    create table opportunity_contact_roles (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      role text not null check (length(role) between 1 and 60),
      created_at timestamptz not null default now(),
      primary key (opportunity_id, contact_id)
    );
    create index opportunity_contact_roles_contact_idx on opportunity_contact_roles(contact_id);

    create table leads (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      first_name text not null default '',
      last_name text not null check (length(last_name) between 1 and 200),
      email text,
      phone text,
      title text,
      company text not null check (length(company) between 1 and 300),
      company_domain text,
      status text not null default 'new' check (status in ('new', 'working', 'qualified', 'disqualified', 'converted')),
      owner_user_id uuid references users(id) on delete set null,
      partner_id uuid references partners(id) on delete set null,
      converted_account_id uuid references accounts(id) on delete set null,
      converted_contact_id uuid references contacts(id) on delete set null,
      converted_opportunity_id uuid references opportunities(id) on delete set null,
      converted_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index leads_list_idx on leads(workspace_id, created_at, id) where deleted_at is null;
    create index leads_status_idx on leads(workspace_id, status) where deleted_at is null;
    create index leads_owner_idx on leads(owner_user_id);
    create index leads_partner_idx on leads(partner_id);
    create index leads_email_idx on leads(workspace_id, lower(email));
    create index leads_converted_account_idx on leads(converted_account_id);
    create index leads_converted_contact_idx on leads(converted_contact_id);
    create index leads_converted_opportunity_idx on leads(converted_opportunity_id);

    create table timeline_entries (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      subject_type text not null check (subject_type in ('account', 'contact', 'opportunity', 'lead', 'partner')),
      subject_id uuid not null,
      kind text not null check (kind in ('note', 'email', 'slack_message', 'call', 'meeting', 'task', 'stage_change', 'field_change', 'system')),
      author_kind text not null check (author_kind in ('staff', 'partner_user', 'system', 'api_key')),
      author_id uuid,
      author_label text,
      visibility text not null default 'internal' check (visibility in ('internal', 'shared')),
      body text not null default '',
      metadata jsonb not null default '{}',
      occurred_at timestamptz not null default now(),
      created_at timestamptz not null default now()
    );
    create index timeline_entries_subject_idx on timeline_entries(workspace_id, subject_type, subject_id, occurred_at desc, id desc);
  `.execute(db);

  for (const t of UPDATED_AT_TABLES) {
    await sql`create trigger ${sql.raw(`${t}_updated_at`)} before update on ${sql.table(t)}
      for each row execute function set_updated_at()`.execute(db);
  }
  for (const t of TENANT_TABLES) {
    await sql`alter table ${sql.table(t)} enable row level security`.execute(db);
    await sql`create policy tenant on ${sql.table(t)}
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id())`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
