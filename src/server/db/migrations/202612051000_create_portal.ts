import { type Kysely, sql } from 'kysely';

/**
 * The partner portal: field-level safelists, which deals a partner_rep sees, mutual tasks on a
 * deal, time-limited share links, and the custom host name of a workspace's portal.
 *
 * - `safelist_rules`: for one object (opportunity, account, …) and one scope (the workspace's
 *   default, a partner type, a tier or one partner), the fields partners may see and edit. The
 *   most specific rule wins; with none, the built-in defaults of src/shared/safelists.ts apply.
 * - `deal_access`: the partner users who see a deal although they are partner_rep (the one who
 *   registered it, and those a partner admin or the vendor shared it with). A partner_admin sees
 *   every deal their partner holds a role on.
 * - `tasks`: the to-dos of a deal, on the vendor's or the partner's side; shared ones show in the
 *   portal.
 * - `share_links`: a link to one record or one filtered list for a named recipient. Only the
 *   hash of its token is stored; a one-time code sent by email can guard it, and a browser that
 *   entered it holds a `share_link_sessions` cookie.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table workspaces add column custom_host text unique check (custom_host ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$');

    -- The workspace whose portal answers on a host name (custom domains), before a workspace is known.
    create function workspace_by_host(p_host text) returns table (id uuid, slug text)
      language sql stable security definer set search_path = public as $$
        select w.id, w.slug from workspaces w where w.custom_host = lower(p_host)
      $$;

    create table safelist_rules (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      object text not null check (object in ('opportunity', 'account', 'contact', 'lead', 'registration', 'timeline_entry', 'task')),
      scope_kind text not null check (scope_kind in ('workspace', 'partner_type', 'tier', 'partner')),
      scope_value text not null default '' check ((scope_kind = 'workspace') = (scope_value = '')),
      visible text[] not null,
      editable text[] not null default '{}',
      updated_by_label text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, object, scope_kind, scope_value),
      check (editable <@ visible)
    );

    create table deal_access (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      partner_user_id uuid not null references partner_users(id) on delete cascade,
      reason text not null check (reason in ('owner', 'shared')),
      created_at timestamptz not null default now(),
      primary key (opportunity_id, partner_user_id)
    );
    create index deal_access_partner_user_idx on deal_access (workspace_id, partner_user_id, opportunity_id);

    create table tasks (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      title text not null check (length(title) between 1 and 300),
      description text,
      side text not null check (side in ('vendor', 'partner')),
      assignee_user_id uuid references users(id) on delete set null,
      assignee_partner_user_id uuid references partner_users(id) on delete set null,
      due_date date,
      status text not null default 'open' check (status in ('open', 'in_progress', 'done')),
      visibility text not null default 'shared' check (visibility in ('internal', 'shared')),
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (assignee_user_id is null or assignee_partner_user_id is null)
    );
    create index tasks_opportunity_idx on tasks (workspace_id, opportunity_id, due_date, id);
    create index tasks_assignee_user_idx on tasks (assignee_user_id);
    create index tasks_assignee_partner_user_idx on tasks (assignee_partner_user_id);

    create table share_links (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      entity_type text not null check (entity_type in ('opportunity', 'account', 'lead', 'opportunity_list')),
      entity_id uuid,
      view_filter jsonb,
      partner_id uuid references partners(id) on delete cascade,
      recipient_email text not null,
      recipient_name text,
      token_hash text not null unique,
      allowed_actions text[] not null default '{}' check (allowed_actions <@ array['acknowledge', 'comment', 'update_task']),
      require_code boolean not null default false,
      code_hash text,
      code_expires_at timestamptz,
      code_attempts int not null default 0,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      created_by_user_id uuid references users(id) on delete set null,
      created_by_label text,
      access_count int not null default 0,
      last_accessed_at timestamptz,
      acknowledged_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((entity_type = 'opportunity_list') = (entity_id is null))
    );
    create index share_links_entity_idx on share_links (workspace_id, entity_type, entity_id, created_at desc);
    create index share_links_partner_idx on share_links (partner_id);
    create index share_links_created_by_idx on share_links (created_by_user_id);

    -- A browser that entered a share link's emailed code: the cookie's hash, valid until expires_at.
    create table share_link_sessions (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      share_link_id uuid not null references share_links(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index share_link_sessions_link_idx on share_link_sessions (share_link_id);

    -- Recipients of share links write on the timeline as themselves.
    alter table timeline_entries drop constraint timeline_entries_author_kind_check;
    alter table timeline_entries add constraint timeline_entries_author_kind_check
      check (author_kind in ('staff', 'partner_user', 'system', 'api_key', 'share_link'));
  `.execute(db);

  for (const t of ['safelist_rules', 'tasks', 'share_links']) {
    await sql`create trigger ${sql.raw(`${t}_updated_at`)} before update on ${sql.table(t)}
      for each row execute function set_updated_at()`.execute(db);
  }
  for (const t of ['safelist_rules', 'deal_access', 'tasks', 'share_links', 'share_link_sessions']) {
    await sql`alter table ${sql.table(t)} enable row level security`.execute(db);
    await sql`create policy tenant on ${sql.table(t)}
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id())`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
