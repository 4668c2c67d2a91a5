import { type Kysely, sql } from 'kysely';

/**
 * The database side of REG-3's duplicate check (decision record 006): the blocking keys of every
 * live account, so that candidates are found by equality in an index instead of comparing a name
 * with a million accounts.
 *
 * - `company_match_keys (workspace_id, key, account_id)`: one row per key of an account, derived
 *   from its name and domains by the TypeScript rules only (`profileBlockingKeys`). The primary key
 *   is the only index: it serves `workspace_id = $1 and key = any($2)` and, as an index-only scan
 *   with `limit`, the bounded count per key that skips keys shared by more than MAX_KEY_ACCOUNTS
 *   accounts. `key` sorts as "C": keys are ASCII, and byte comparison makes look-ups and index
 *   builds cheaper than the database's linguistic collation. No timestamps, no index on
 *   `account_id` and no foreign key to accounts: ~15 rows per account, an import writes 15,000
 *   per batch, and the primary key's insertions are most of that cost (an index on `account_id`
 *   made it ~1.6 times as much); the version row owns the keys instead.
 * - `company_match_key_versions (account_id → version, keys)`: which rules version an account's
 *   keys were computed with, and the keys themselves — rewrites delete the old ones by primary
 *   key, and deleting the row (soft delete, a purge cascading from accounts) deletes them through
 *   `drop_company_match_keys`. Also for accounts whose name yields no key. The `duplicates.rekey`
 *   job recomputes accounts without a row or with an older version.
 * - Deleted accounts have neither (keys removed on soft delete, written again on restore), so the
 *   per-key counts are counts of live accounts, as the in-memory `CandidateIndex` counts them.
 * - `match_key_workspaces()`: the workspaces the rekey sweep visits (the job runs as the app
 *   role, which sees one workspace at a time); ids only.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table company_match_keys (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      key text collate "C" not null check (length(key) between 3 and 400),
      account_id uuid not null,
      primary key (workspace_id, key, account_id)
    );

    create table company_match_key_versions (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      account_id uuid primary key references accounts(id) on delete cascade,
      version int not null check (version >= 0),
      keys text[] collate "C" not null,
      keyed_at timestamptz not null default now()
    );
    create index company_match_key_versions_workspace_idx on company_match_key_versions (workspace_id);

    -- An account's keys go with its version row, by primary key (one statement per delete statement).
    create function drop_company_match_keys() returns trigger language plpgsql as $$
      begin
        delete from company_match_keys k
          using (select g.workspace_id, g.account_id, unnest(g.keys) as key from gone g) d
          where k.workspace_id = d.workspace_id and k.key = d.key and k.account_id = d.account_id;
        return null;
      end
    $$;
    create trigger company_match_key_versions_drop_keys after delete on company_match_key_versions
      referencing old table as gone for each statement execute function drop_company_match_keys();

    alter table company_match_keys enable row level security;
    create policy tenant on company_match_keys
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id());
    alter table company_match_key_versions enable row level security;
    create policy tenant on company_match_key_versions
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id());

    -- Every workspace id, for the rekey sweep: it then works in each one's own tenant transaction.
    create function match_key_workspaces() returns setof uuid
      language sql stable security definer set search_path = public as $$
        select w.id from workspaces w order by w.id
      $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
