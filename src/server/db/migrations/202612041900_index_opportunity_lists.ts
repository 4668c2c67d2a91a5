import { type Kysely, sql } from 'kysely';

/**
 * The opportunity list at a million rows, as the app role (row-level security on).
 *
 * Under row-level security PostgreSQL turns a condition into an index condition only when its
 * functions are leakproof. Comparisons of plain columns are (=, <, > on uuid, date, bigint, text);
 * `lower(name)`, `like` and the trigram operators are not. Hence:
 * - every sort key of GET /opportunities is a plain column with a keyset index (workspace, key, id)
 *   over live rows: close date and amount have theirs; the name gets a stored key `name_key`
 *   (accents and case folded, so Ü sorts with U in every collation), creation and update their own;
 * - `name_key` also carries the trigram index: folding at query time (`translate`) costs tens of
 *   microseconds a row, too much for every row a search or filter has to check;
 * - the partner filter checks (workspace, partner, opportunity) in one index, which replaces the
 *   index on (workspace, partner), its prefix;
 * - the name filter (`q`, contains) asks `opportunity_ids_named_like()`, a SECURITY DEFINER function
 *   that answers only for the transaction's workspace and can use the trigram index, for at most
 *   `p_cap` ids; when a name is that common, the list filters its ordered scan instead;
 * - the few deleted rows get an index of their own, so the "deleted" view does not scan the live ones.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table opportunities add column name_key text generated always as (immutable_unaccent_lower(name)) stored;
    create index opportunities_name_idx on opportunities(workspace_id, name_key, id) where deleted_at is null;
    create index opportunities_created_idx on opportunities(workspace_id, created_at, id) where deleted_at is null;
    create index opportunities_updated_idx on opportunities(workspace_id, updated_at, id) where deleted_at is null;
    create index opportunities_deleted_idx on opportunities(workspace_id, deleted_at) where deleted_at is not null;
    create index opportunities_name_trgm_idx on opportunities using gin (name_key gin_trgm_ops);
    create index opportunity_partners_partner_opportunity_idx on opportunity_partners(workspace_id, partner_id, opportunity_id);
    drop index opportunity_partners_partner_idx;

    -- Ids of the workspace's opportunities (deleted ones too) whose folded name is LIKE the pattern
    -- (the caller escapes % and _ and folds it the same way), at most p_cap of them.
    create function opportunity_ids_named_like(p_workspace_id uuid, p_pattern text, p_cap int) returns setof uuid
      language plpgsql stable security definer set search_path = public set plan_cache_mode = force_custom_plan as $$
      begin
        -- The caller names its workspace; it must be the transaction's (what row-level security would allow).
        if p_workspace_id is distinct from app_workspace_id() then return; end if;
        return query
          select o.id from opportunities o
          where o.workspace_id = p_workspace_id and o.name_key like p_pattern
          limit p_cap;
      end
    $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
