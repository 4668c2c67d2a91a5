import { type Kysely, sql } from 'kysely';

/**
 * Workspace counters without a lock held to commit: registration numbers and round-robin turns.
 *
 * A counter row (`registration_counters`, `routing_state`) updated in the submitting transaction
 * stays locked until that transaction commits, so every submission of a workspace waited for the
 * one before it. A sequence hands out values without waiting: `next_workspace_counter(name)`
 * takes the next value of the calling workspace's sequence of that name (schema `counters`, one
 * sequence per workspace and name, created on first use). Values are unique and increasing; a
 * transaction that rolls back leaves a gap. The function reads the workspace from the transaction's
 * setting, so a workspace can only count its own; the app role has no grant on the sequences.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create schema counters;

    create function counter_sequence(p_workspace uuid, p_name text) returns text
      language sql immutable set search_path = pg_catalog as $$
        select 'counters.' || quote_ident('c_' || md5(p_workspace::text || ':' || p_name))
      $$;

    -- The calling workspace's sequence of that name, created when it does not exist yet.
    create function ensure_workspace_counter(p_name text) returns text
      language plpgsql volatile security definer set search_path = public, pg_temp as $$
      declare
        ws uuid := app_workspace_id();
        seq text;
      begin
        if ws is null then raise exception 'next_workspace_counter: no workspace set'; end if;
        if p_name is null or p_name !~ '^[a-z0-9:_-]{1,120}$' then
          raise exception 'next_workspace_counter: counter names are 1-120 of a-z 0-9 : _ -';
        end if;
        seq := counter_sequence(ws, p_name);
        if to_regclass(seq) is null then
          begin
            execute 'create sequence ' || seq;
          exception when duplicate_table or unique_violation then
            null; -- a concurrent first use created it
          end;
        end if;
        return seq;
      end $$;

    create function next_workspace_counter(p_name text) returns bigint
      language sql volatile security definer set search_path = public, pg_temp as $$
        select nextval(ensure_workspace_counter(p_name)::regclass)
      $$;
  `.execute(db);

  // Every workspace's counters exist ahead (see ensureCounters); numbers continue where the counter row stood.
  await sql`
    do $$
    declare r record;
    begin
      for r in select w.id, coalesce(c.last_number, 0) as last_number
               from workspaces w left join registration_counters c on c.workspace_id = w.id loop
        execute 'create sequence ' || counter_sequence(r.id, 'registration-number');
        execute 'create sequence ' || counter_sequence(r.id, 'routing:partner_managers');
        if r.last_number > 0 then
          perform setval(counter_sequence(r.id, 'registration-number')::regclass, r.last_number);
        end if;
      end loop;
    end $$;
    drop table registration_counters;
    -- Round-robin cursors become turns of a counter per queue; the queues start again at their first user.
    drop table routing_state;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
