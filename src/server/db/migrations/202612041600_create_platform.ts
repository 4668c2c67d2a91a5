import { type Kysely, sql } from 'kysely';

/** Tenant tables: workspace_id + row-level security on the current workspace setting. */
const TENANT_TABLES = [
  'workspace_members',
  'partners',
  'partner_users',
  'external_refs',
  'sessions',
  'api_keys',
  'magic_links',
  'audit_events',
  'idempotency_keys',
  'email_messages',
  'job_effects',
];

const UPDATED_AT_TABLES = ['workspaces', 'users', 'workspace_members', 'partners', 'partner_users', 'external_refs'];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists citext`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create function app_workspace_id() returns uuid language sql stable as $$
      select nullif(current_setting('app.workspace_id', true), '')::uuid
    $$;
    create function set_updated_at() returns trigger language plpgsql as $$
      begin new.updated_at := now(); return new; end
    $$;

    create table workspaces (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
      name text not null check (length(name) between 1 and 200),
      time_zone text not null default 'Europe/Berlin',
      locale text not null default 'en' check (locale in ('en', 'de')),
      branding jsonb not null default '{}',
      settings jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      email citext not null unique,
      name text not null,
      password_hash text,
      locale text check (locale in ('en', 'de')),
      failed_logins int not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table workspace_members (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      role text not null check (role in ('admin', 'partner_manager', 'sales', 'revops')),
      status text not null default 'active' check (status in ('active', 'deactivated')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, user_id)
    );
    create index workspace_members_user_idx on workspace_members(user_id);

    create table partners (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      domains text[] not null default '{}',
      type text not null check (type in ('referral', 'reseller', 'marketplace', 'services', 'technology')),
      tier text,
      region text,
      lifecycle_state text not null default 'active'
        check (lifecycle_state in ('applied', 'onboarding', 'active', 'suspended', 'offboarded')),
      certification_status text not null default 'none' check (certification_status in ('none', 'in_progress', 'certified')),
      is_established boolean not null default false,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index partners_workspace_name_idx on partners(workspace_id, lower(name), id);
    create index partners_workspace_created_idx on partners(workspace_id, created_at, id);
    create index partners_domains_idx on partners using gin(domains);
    create index partners_name_trgm_idx on partners using gin(name gin_trgm_ops);

    create table partner_users (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      partner_id uuid not null references partners(id) on delete cascade,
      email citext not null,
      name text not null,
      role text not null default 'partner_rep' check (role in ('partner_admin', 'partner_rep')),
      status text not null default 'active' check (status in ('invited', 'active', 'deactivated')),
      password_hash text,
      locale text check (locale in ('en', 'de')),
      failed_logins int not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, email)
    );
    create index partner_users_partner_idx on partner_users(partner_id);

    create table external_refs (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      connector text not null,
      object_type text not null,
      local_id uuid not null,
      remote_id text not null,
      remote_version text,
      remote_modified_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, connector, object_type, remote_id),
      unique (workspace_id, connector, object_type, local_id)
    );
    create index external_refs_local_idx on external_refs(local_id);

    create table sessions (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      token_hash text not null unique,
      csrf_token text not null,
      user_id uuid references users(id) on delete cascade,
      partner_user_id uuid references partner_users(id) on delete cascade,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      check ((user_id is null) <> (partner_user_id is null))
    );
    create index sessions_user_idx on sessions(user_id);
    create index sessions_partner_user_idx on sessions(partner_user_id);
    create index sessions_expires_idx on sessions(expires_at);

    create table api_keys (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      scopes text[] not null,
      partner_id uuid references partners(id) on delete cascade,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create index api_keys_workspace_idx on api_keys(workspace_id, created_at);
    create index api_keys_partner_idx on api_keys(partner_id);
    create index api_keys_created_by_idx on api_keys(created_by_user_id);

    create table magic_links (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      token_hash text not null unique,
      user_id uuid references users(id) on delete cascade,
      partner_user_id uuid references partner_users(id) on delete cascade,
      purpose text not null default 'login' check (purpose in ('login', 'invite')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      check ((user_id is null) <> (partner_user_id is null))
    );
    create index magic_links_user_idx on magic_links(user_id);
    create index magic_links_partner_user_idx on magic_links(partner_user_id);

    create table audit_events (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      seq bigint not null,
      id uuid not null unique default gen_random_uuid(),
      occurred_at timestamptz not null,
      actor_kind text not null,
      actor_id text,
      actor_label text,
      action text not null,
      entity_type text not null,
      entity_id text,
      changes jsonb,
      reason text,
      request_id text,
      ip text,
      prev_hash text not null,
      hash text not null,
      primary key (workspace_id, seq)
    );
    create index audit_events_entity_idx on audit_events(workspace_id, entity_type, entity_id, seq);
    create index audit_events_actor_idx on audit_events(workspace_id, actor_id, seq);
    create index audit_events_action_idx on audit_events(workspace_id, action, seq);
    create index audit_events_time_idx on audit_events(workspace_id, occurred_at);

    create table idempotency_keys (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      actor_key text not null,
      key text not null,
      request_hash text not null,
      status_code int,
      response jsonb,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null default now() + interval '24 hours',
      primary key (workspace_id, actor_key, key)
    );
    create index idempotency_keys_expires_idx on idempotency_keys(expires_at);

    create table email_messages (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      dedupe_key text,
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      template text not null,
      locale text not null,
      status text not null default 'queued' check (status in ('queued', 'sent', 'mailbox', 'failed')),
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      unique (workspace_id, dedupe_key)
    );
    create index email_messages_due_idx on email_messages(next_attempt_at) where status = 'queued';
    create index email_messages_workspace_idx on email_messages(workspace_id, created_at desc);

    create table job_effects (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      effect_key text not null,
      job_name text not null,
      result jsonb,
      created_at timestamptz not null default now(),
      primary key (workspace_id, effect_key)
    );
  `.execute(db);

  for (const t of UPDATED_AT_TABLES) {
    await sql`create trigger ${sql.raw(`${t}_updated_at`)} before update on ${sql.table(t)}
      for each row execute function set_updated_at()`.execute(db);
  }

  // Row-level security. Policies compare with app_workspace_id(), set per transaction by the app.
  await sql`alter table workspaces enable row level security`.execute(db);
  await sql`create policy tenant on workspaces using (id = app_workspace_id())`.execute(db);
  for (const t of TENANT_TABLES) {
    await sql`alter table ${sql.table(t)} enable row level security`.execute(db);
    await sql`create policy tenant on ${sql.table(t)}
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id())`.execute(db);
  }
  // Staff identities are global; a workspace sees the users that are its members.
  await sql`
    alter table users enable row level security;
    create policy members_read on users for select using (
      exists (select 1 from workspace_members m where m.user_id = users.id and m.workspace_id = app_workspace_id()));
    create policy members_update on users for update using (
      exists (select 1 from workspace_members m where m.user_id = users.id and m.workspace_id = app_workspace_id()));
    create policy any_insert on users for insert with check (app_workspace_id() is not null);
  `.execute(db);

  // Cross-tenant look-ups the app needs before a workspace is known. SECURITY DEFINER functions
  // owned by the migration owner; each returns only what its caller already proves to know.
  await sql`
    create function workspace_by_slug(p_slug text)
      returns table (id uuid, slug text, name text, locale text, branding jsonb)
      language sql stable security definer set search_path = public as $$
        select w.id, w.slug, w.name, w.locale, w.branding from workspaces w where w.slug = lower(p_slug)
      $$;
    create function staff_login_candidates(p_email text)
      returns table (user_id uuid, workspace_id uuid, slug text)
      language sql stable security definer set search_path = public as $$
        select u.id, m.workspace_id, w.slug from users u
          join workspace_members m on m.user_id = u.id and m.status = 'active'
          join workspaces w on w.id = m.workspace_id
        where u.email = p_email::citext order by m.created_at
      $$;
    create function user_exists_by_email(p_email text) returns uuid
      language sql stable security definer set search_path = public as $$
        select id from users where email = p_email::citext
      $$;
    create function due_rows(p_table text, p_limit int)
      returns table (workspace_id uuid, id uuid)
      language plpgsql stable security definer set search_path = public as $$
      begin
        if p_table = 'email_messages' then
          return query select e.workspace_id, e.id from email_messages e
            where e.status = 'queued' and e.next_attempt_at <= now() order by e.next_attempt_at limit p_limit;
        else
          raise exception 'due_rows: table % is not sweepable', p_table;
        end if;
      end
    $$;
    create function purge_expired_auth() returns int
      language plpgsql security definer set search_path = public as $$
      declare n int; m int;
      begin
        delete from sessions where expires_at < now() - interval '1 day' or revoked_at < now() - interval '1 day';
        get diagnostics n = row_count;
        delete from magic_links where expires_at < now() - interval '1 day';
        get diagnostics m = row_count;
        delete from idempotency_keys where expires_at < now();
        return n + m;
      end
    $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
