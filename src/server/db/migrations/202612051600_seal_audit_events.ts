import { type Kysely, sql } from 'kysely';

/**
 * Audit events are appended unsealed (no `seq`, `prev_hash`, `hash`) in the writer's transaction
 * and chained shortly after commit by the sealer, one sealer per workspace at a time. Writers no
 * longer serialise per workspace from their audit append to their commit.
 *
 * - `id` becomes the primary key; (workspace_id, seq) stays unique (NULLs distinct, so any
 *   number of unsealed rows is fine) and serves "the last sealed event".
 * - A partial index finds a workspace's unsealed events in chain order.
 * - `seal_audit_events` is the only way to write the three seal columns: a SECURITY DEFINER
 *   function that sets them on unsealed rows of the current workspace. The app role keeps no
 *   UPDATE and no DELETE on the table (the grants in migrate.ts revoke them on every run, column
 *   privileges included), and the function is not executable by PUBLIC.
 * - A trigger refuses any update of a sealed row and any change of a column other than the seal
 *   columns, whoever updates (the table owner has to disable it on purpose).
 * - `workspaces_with_unsealed_audit` lists, across workspaces, those with events left unsealed
 *   for longer than a moment (a crash between commit and seal), for the sweep.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table audit_events drop constraint audit_events_pkey;
    alter table audit_events drop constraint audit_events_id_key;
    alter table audit_events add primary key (id);
    alter table audit_events add constraint audit_events_workspace_seq_key unique (workspace_id, seq);
    alter table audit_events alter column seq drop not null, alter column prev_hash drop not null, alter column hash drop not null;
    alter table audit_events add constraint audit_events_sealed_check
      check ((seq is null) = (hash is null) and (seq is null) = (prev_hash is null));
    create index audit_events_unsealed_idx on audit_events (workspace_id, occurred_at, id) where seq is null;

    create function audit_events_seal_only() returns trigger language plpgsql as $$
      begin
        if old.hash is not null then
          raise exception 'audit event % is sealed and cannot be changed', old.id using errcode = 'insufficient_privilege';
        end if;
        if to_jsonb(new) - array['seq', 'prev_hash', 'hash'] is distinct from to_jsonb(old) - array['seq', 'prev_hash', 'hash'] then
          raise exception 'only the seal of an audit event can be written' using errcode = 'insufficient_privilege';
        end if;
        return new;
      end
    $$;
    create trigger audit_events_seal_only before update on audit_events
      for each row execute function audit_events_seal_only();

    create function seal_audit_events(p_ids uuid[], p_seqs bigint[], p_prev_hashes text[], p_hashes text[]) returns int
      language plpgsql volatile security definer set search_path = public as $$
      declare n int;
      begin
        update audit_events a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          from unnest(p_ids, p_seqs, p_prev_hashes, p_hashes) as v(id, seq, prev_hash, hash)
         where a.id = v.id and a.workspace_id = app_workspace_id() and a.seq is null;
        get diagnostics n = row_count;
        return n;
      end
    $$;
    revoke execute on function seal_audit_events(uuid[], bigint[], text[], text[]) from public;

    create function workspaces_with_unsealed_audit(p_older_than interval) returns setof uuid
      language sql stable security definer set search_path = public as $$
        select distinct workspace_id from audit_events where seq is null and occurred_at < now() - p_older_than
      $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
