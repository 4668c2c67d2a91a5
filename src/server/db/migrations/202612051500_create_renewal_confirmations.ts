import { type Kysely, sql } from 'kysely';

/**
 * Renewal ownership confirmation (REG-11): "renewal ownership confirmed at least 90 days before
 * renewal". One row per account and renewal date, planned by the `registrations.timers` sweep once
 * a partner holds a stake in an account that has a renewal date (an approved or expired
 * registration, or a role on one of its opportunities), with the SLA's instants in columns: the
 * deadline (`due_at`, counted back from the renewal), the reminder before it and the escalation
 * after it. `next_action_at` is the one instant the sweep looks at; a confirmation (the owning
 * partner, or null for the vendor's direct team) or closing the row (the renewal date moved, the
 * renewal passed, the account was deleted, no partner holds a stake any more) clears it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table renewal_confirmations (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      account_id uuid not null references accounts(id) on delete cascade,
      renewal_date date not null,
      due_at timestamptz not null,
      reminder_due_at timestamptz,
      reminded_at timestamptz,
      escalation_due_at timestamptz,
      escalated_at timestamptz,
      next_action_at timestamptz,
      confirmed_at timestamptz,
      confirmed_by_user_id uuid references users(id) on delete set null,
      confirmed_by_label text,
      owner_partner_id uuid references partners(id),
      note text check (length(note) <= 2000),
      closed_at timestamptz,
      close_reason text check (close_reason in ('renewal_date_changed', 'renewal_passed', 'account_deleted', 'no_partner_stake')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, account_id, renewal_date),
      check ((closed_at is null) = (close_reason is null)),
      check (owner_partner_id is null or confirmed_at is not null)
    );
    create index renewal_confirmations_account_idx on renewal_confirmations (account_id);
    create index renewal_confirmations_confirmed_by_idx on renewal_confirmations (confirmed_by_user_id);
    create index renewal_confirmations_owner_partner_idx on renewal_confirmations (owner_partner_id);
    -- What the timer sweep looks for.
    create index renewal_confirmations_timer_idx on renewal_confirmations (next_action_at) where next_action_at is not null;
    -- The sweep's planning step ranges over accounts by renewal date.
    create index accounts_renewal_idx on accounts (renewal_date) where renewal_date is not null and deleted_at is null;

    create trigger renewal_confirmations_updated_at before update on renewal_confirmations
      for each row execute function set_updated_at();
    alter table renewal_confirmations enable row level security;
    create policy tenant on renewal_confirmations
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id());

    -- Renewal confirmations due at p_now across workspaces (ids and which step only): accounts
    -- renewing between p_from and p_until in which a partner holds a stake and that have no row
    -- for their renewal date yet ('renewal_plan'), and rows whose next action is due ('renewal').
    -- The handler checks each again in its tenant transaction.
    create function due_renewal_confirmations(p_now timestamptz, p_from date, p_until date, p_limit int)
      returns table (workspace_id uuid, id uuid, timer text)
      language sql stable security definer set search_path = public as $$
        (select a.workspace_id, a.id, 'renewal_plan' from accounts a
          where a.renewal_date between p_from and p_until and a.deleted_at is null
            and not exists (select 1 from renewal_confirmations c
              where c.workspace_id = a.workspace_id and c.account_id = a.id and c.renewal_date = a.renewal_date)
            and (exists (select 1 from registrations r join partners p on p.id = r.partner_id
                where r.account_id = a.id and r.status in ('approved', 'expired') and p.deleted_at is null)
              or exists (select 1 from opportunities o join opportunity_partners op on op.opportunity_id = o.id
                join partners p on p.id = op.partner_id
                where o.account_id = a.id and o.deleted_at is null and p.deleted_at is null))
          limit p_limit)
        union all
        (select c.workspace_id, c.id, 'renewal' from renewal_confirmations c where c.next_action_at <= p_now limit p_limit)
      $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
