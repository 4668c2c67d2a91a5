import { type Kysely, sql } from 'kysely';

/**
 * Deal and lead registration (REG-1 … REG-12): the partner's claim, its duplicate check, the
 * decision with its SLA timers, the protection window, appeals and extension requests with
 * evidence files, no-login registration links, and the round-robin state of approval queues.
 *
 * Timers live in columns (`*_due_at`, and `*_at` once done); the `registrations.timers` sweep
 * claims due rows with FOR UPDATE SKIP LOCKED and handles each once in effect.
 *
 * Invariants the database keeps, not the app:
 * - at most one active protection per account and motion (partial unique index);
 * - one claim rank per company within the open claims (`claim_rank` is given under an advisory
 *   lock on the company key, so of two partners registering one company at the same instant
 *   exactly one is first);
 * - registration numbers are unique and gapless per workspace (a counter row per workspace).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table registration_counters (
      workspace_id uuid primary key references workspaces(id) on delete cascade,
      last_number int not null default 0
    );

    create table registrations (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      number text not null,
      type text not null check (type in ('deal', 'lead')),
      partner_id uuid not null references partners(id) on delete cascade,
      submitted_by_kind text not null check (submitted_by_kind in ('partner_user', 'api_key', 'staff', 'registration_link', 'system')),
      submitted_by_id uuid,
      submitted_by_label text,
      channel text not null check (channel in ('portal', 'link', 'api', 'email')),
      company_name text not null check (length(company_name) between 1 and 300),
      company_domain text,
      company_key text not null,
      contact_name text,
      contact_email text,
      amount_minor bigint check (amount_minor >= 0),
      currency text check (currency ~ '^[A-Z]{3}$'),
      expected_close_date date,
      motion text not null check (motion in ('referral', 'resale', 'marketplace', 'services', 'technology')),
      notes text,
      status text not null default 'submitted'
        check (status in ('submitted', 'in_review', 'approved', 'rejected', 'expired', 'released', 'withdrawn')),
      verdict text not null check (verdict in ('no_match', 'possible_duplicate', 'conflict')),
      claim_rank int not null check (claim_rank >= 1),
      first_claim_id uuid references registrations(id) on delete set null,
      approver_user_id uuid references users(id) on delete set null,
      queue_id text,
      routing_rule_id text,
      decision_due_at timestamptz,
      decision_reminder_due_at timestamptz,
      decision_escalation_due_at timestamptz,
      decision_reminded_at timestamptz,
      decision_escalated_at timestamptz,
      conflict_ack_due_at timestamptz,
      conflict_acknowledged_at timestamptz,
      conflict_plan_due_at timestamptz,
      conflict_plan text,
      conflict_planned_at timestamptz,
      conflict_escalated_at timestamptz,
      decided_at timestamptz,
      decided_by_user_id uuid references users(id) on delete set null,
      decision_note text,
      rejection_reason text,
      override_reason text,
      appeal_until timestamptz,
      account_id uuid references accounts(id) on delete set null,
      opportunity_id uuid references opportunities(id) on delete set null,
      lead_id uuid references leads(id) on delete set null,
      protection_days int check (protection_days between 1 and 365),
      protection_starts_at timestamptz,
      protection_expires_at timestamptz,
      protection_reminder_due_at timestamptz,
      protection_reminded_at timestamptz,
      protection_released_at timestamptz,
      release_reason text,
      no_touch_due_at timestamptz,
      no_touch_flagged_at timestamptz,
      last_activity_at timestamptz,
      extension_count int not null default 0,
      extended_days int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, number),
      check ((amount_minor is null) = (currency is null))
    );
    create index registrations_list_idx on registrations (workspace_id, created_at desc, id desc);
    create index registrations_status_idx on registrations (workspace_id, status, decision_due_at, id);
    create index registrations_partner_idx on registrations (workspace_id, partner_id, created_at desc, id desc);
    create index registrations_company_idx on registrations (workspace_id, company_key) where status in ('submitted', 'in_review', 'approved');
    create index registrations_approver_idx on registrations (approver_user_id);
    create index registrations_decided_by_idx on registrations (decided_by_user_id);
    create index registrations_account_idx on registrations (account_id);
    create index registrations_opportunity_idx on registrations (opportunity_id);
    create index registrations_lead_idx on registrations (lead_id);
    create index registrations_first_claim_idx on registrations (first_claim_id);
    create unique index registrations_one_protection_idx on registrations (workspace_id, account_id, motion)
      where status = 'approved' and type = 'deal';
    -- What the timer sweep looks for, per timer.
    create index registrations_decision_timer_idx on registrations (decision_reminder_due_at) where status in ('submitted', 'in_review');
    create index registrations_protection_timer_idx on registrations (protection_expires_at) where status = 'approved';

    -- The blocking keys of open registrations (the duplicate check's registration candidates).
    create table registration_match_keys (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      key text collate "C" not null,
      registration_id uuid not null references registrations(id) on delete cascade,
      primary key (workspace_id, key, registration_id)
    );
    create index registration_match_keys_registration_idx on registration_match_keys (registration_id);

    create table registration_matches (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      registration_id uuid not null references registrations(id) on delete cascade,
      position int not null,
      kind text not null check (kind in ('account', 'opportunity', 'registration')),
      candidate_id uuid not null,
      name text not null,
      score double precision not null,
      reasons jsonb not null default '[]',
      primary key (registration_id, position)
    );
    create index registration_matches_workspace_idx on registration_matches (workspace_id);

    create table attachments (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      file_name text not null,
      content_type text not null,
      size_bytes int not null check (size_bytes between 1 and 10485760),
      sha256 text not null,
      storage_key text not null,
      uploaded_by_kind text not null,
      uploaded_by_id uuid,
      partner_id uuid references partners(id) on delete cascade,
      created_at timestamptz not null default now()
    );
    create index attachments_workspace_idx on attachments (workspace_id, created_at desc);
    create index attachments_partner_idx on attachments (partner_id);

    create table appeals (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      registration_id uuid not null references registrations(id) on delete cascade,
      status text not null default 'open' check (status in ('open', 'upheld', 'denied')),
      reason text not null,
      attachment_ids uuid[] not null default '{}',
      submitted_by_label text,
      due_at timestamptz not null,
      reminder_due_at timestamptz,
      reminded_at timestamptz,
      escalation_due_at timestamptz,
      escalated_at timestamptz,
      decided_at timestamptz,
      decided_by_user_id uuid references users(id) on delete set null,
      decision_note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index appeals_registration_idx on appeals (workspace_id, registration_id, created_at);
    create index appeals_decided_by_idx on appeals (decided_by_user_id);
    create index appeals_timer_idx on appeals (reminder_due_at) where status = 'open';
    create unique index appeals_one_open_idx on appeals (registration_id) where status = 'open';

    create table extension_requests (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      registration_id uuid not null references registrations(id) on delete cascade,
      status text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
      evidence_kind text not null check (evidence_kind in ('discovery_booked', 'stage_advanced', 'meeting_held', 'other')),
      evidence_text text not null,
      evidence_at timestamptz,
      attachment_ids uuid[] not null default '{}',
      requested_days int check (requested_days between 1 and 365),
      granted_days int check (granted_days between 1 and 365),
      submitted_by_label text,
      due_at timestamptz not null,
      decided_at timestamptz,
      decided_by_user_id uuid references users(id) on delete set null,
      decision_note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index extension_requests_registration_idx on extension_requests (workspace_id, registration_id, created_at);
    create index extension_requests_decided_by_idx on extension_requests (decided_by_user_id);
    create unique index extension_requests_one_pending_idx on extension_requests (registration_id) where status = 'pending';

    create table registration_links (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      partner_id uuid not null references partners(id) on delete cascade,
      token_hash text not null unique,
      label text,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      created_by_user_id uuid references users(id) on delete set null,
      use_count int not null default 0,
      last_used_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index registration_links_partner_idx on registration_links (workspace_id, partner_id, created_at desc);
    create index registration_links_created_by_idx on registration_links (created_by_user_id);

    -- The last approver given a registration, per queue (round robin).
    create table routing_state (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      queue_id text not null,
      last_user_id uuid,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, queue_id)
    );

    -- The staff user who manages a partner: routing's "partner manager" and the escalation path.
    alter table partners add column manager_user_id uuid references users(id) on delete set null;
    create index partners_manager_idx on partners (manager_user_id);

    -- Registrations reference their opportunity; the opportunity already names its registration.
    alter table opportunities add constraint opportunities_registration_fk foreign key (registration_id) references registrations(id) on delete set null;

    -- Registrations have a timeline of their own (COL-1), and link submitters write on it.
    alter table timeline_entries drop constraint timeline_entries_subject_type_check;
    alter table timeline_entries add constraint timeline_entries_subject_type_check
      check (subject_type in ('account', 'contact', 'opportunity', 'lead', 'partner', 'registration'));
    alter table timeline_entries drop constraint timeline_entries_author_kind_check;
    alter table timeline_entries add constraint timeline_entries_author_kind_check
      check (author_kind in ('staff', 'partner_user', 'system', 'api_key', 'share_link', 'registration_link'));
  `.execute(db);

  for (const t of ['registrations', 'appeals', 'extension_requests', 'registration_links', 'routing_state']) {
    await sql`create trigger ${sql.raw(`${t}_updated_at`)} before update on ${sql.table(t)}
      for each row execute function set_updated_at()`.execute(db);
  }
  for (const t of [
    'registration_counters',
    'registrations',
    'registration_match_keys',
    'registration_matches',
    'attachments',
    'appeals',
    'extension_requests',
    'registration_links',
    'routing_state',
  ]) {
    await sql`alter table ${sql.table(t)} enable row level security`.execute(db);
    await sql`create policy tenant on ${sql.table(t)}
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id())`.execute(db);
  }

  // The timers of every workspace that are due at p_now, for the sweep (ids and which timer only).
  await sql`
    create function due_registration_timers(p_now timestamptz, p_limit int)
      returns table (workspace_id uuid, id uuid, timer text)
      language sql stable security definer set search_path = public as $$
        (select r.workspace_id, r.id, 'decision' from registrations r
          where r.status in ('submitted', 'in_review')
            and ((r.decision_reminder_due_at <= p_now and r.decision_reminded_at is null)
              or (r.decision_escalation_due_at <= p_now and r.decision_escalated_at is null))
          limit p_limit)
        union all
        (select r.workspace_id, r.id, 'conflict' from registrations r
          where r.status in ('submitted', 'in_review') and r.conflict_escalated_at is null
            and ((r.conflict_ack_due_at <= p_now and r.conflict_acknowledged_at is null)
              or (r.conflict_plan_due_at <= p_now and r.conflict_planned_at is null))
          limit p_limit)
        union all
        (select r.workspace_id, r.id, 'protection' from registrations r
          where r.status = 'approved'
            and (r.protection_expires_at <= p_now
              or (r.protection_reminder_due_at <= p_now and r.protection_reminded_at is null)
              or (r.no_touch_due_at <= p_now and r.no_touch_flagged_at is null))
          limit p_limit)
        union all
        (select a.workspace_id, a.id, 'appeal' from appeals a
          where a.status = 'open'
            and ((a.reminder_due_at <= p_now and a.reminded_at is null) or (a.escalation_due_at <= p_now and a.escalated_at is null))
          limit p_limit)
      $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
