import { type Kysely, sql } from 'kysely';

/**
 * CSV imports: one row per uploaded file with its detected format, the column mapping, progress
 * counters and the resume cursor (`processed_rows`, data records committed so far), plus the rows
 * that did not land (rejected with a reason, or skipped) — written in the same transaction as the
 * batch they belong to, so the report and the rejected-rows file match the data exactly.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table imports (
      id uuid primary key default gen_random_uuid(),
      workspace_id uuid not null references workspaces(id) on delete cascade,
      entity text not null check (entity in ('accounts', 'contacts', 'opportunities')),
      status text not null default 'uploaded'
        check (status in ('uploaded', 'validating', 'running', 'completed', 'failed', 'cancelled')),
      file_name text not null,
      file_size bigint not null check (file_size >= 0),
      encoding text not null check (encoding in ('utf-8', 'utf-8-bom', 'windows-1252')),
      delimiter text not null check (delimiter in (',', ';', E'\t')),
      sep_line boolean not null default false,
      has_header boolean not null default true,
      headers jsonb not null,
      suggested_mapping jsonb not null,
      mapping jsonb,
      on_duplicate text not null default 'skip' check (on_duplicate in ('skip', 'update')),
      total_rows int not null default 0,
      processed_rows int not null default 0,
      imported_rows int not null default 0,
      updated_rows int not null default 0,
      skipped_rows int not null default 0,
      rejected_rows int not null default 0,
      batches int not null default 0,
      error text,
      created_by_kind text not null,
      created_by_id uuid,
      created_by_label text,
      started_at timestamptz,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (processed_rows = imported_rows + updated_rows + skipped_rows + rejected_rows)
    );
    create index imports_list_idx on imports(workspace_id, created_at desc, id desc);

    create table import_rows (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      import_id uuid not null references imports(id) on delete cascade,
      row_number int not null,
      action text not null check (action in ('skip', 'reject')),
      reason text not null,
      issues jsonb not null default '[]',
      cells text[] not null,
      primary key (import_id, row_number)
    );
    create index import_rows_workspace_idx on import_rows(workspace_id);

    create trigger imports_updated_at before update on imports for each row execute function set_updated_at();
  `.execute(db);
  for (const t of ['imports', 'import_rows']) {
    await sql`alter table ${sql.table(t)} enable row level security`.execute(db);
    await sql`create policy tenant on ${sql.table(t)}
      using (workspace_id = app_workspace_id()) with check (workspace_id = app_workspace_id())`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
