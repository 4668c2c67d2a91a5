import { type Kysely, sql } from 'kysely';

/**
 * The portal pipeline of a partner in its sort orders, straight from an index.
 *
 * A partner's deals are a thin slice of the workspace (10 k of 1 M): walking the opportunities in
 * close-date order and keeping the partner's meant reading ~100 rows per row shown, and collecting
 * the partner's 10 k deals first meant sorting them all for every page. So each partner role
 * carries copies of its deal's sort keys (`deal_close_date`, `deal_updated_at`, `deal_name_key`)
 * and whether the deal is live, kept by triggers, and the keyset indexes lead with
 * (workspace, partner): a page reads its 50 roles and their deals, whatever the partner's size.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table opportunity_partners
      add column deal_close_date date,
      add column deal_updated_at timestamptz,
      add column deal_name_key text,
      add column deal_live boolean not null default true;

    update opportunity_partners op set deal_close_date = o.close_date, deal_updated_at = o.updated_at,
      deal_name_key = o.name_key, deal_live = o.deleted_at is null
    from opportunities o where o.id = op.opportunity_id;

    -- A new role copies its deal's keys.
    create function opportunity_partners_copy_deal() returns trigger language plpgsql as $$
      begin
        select o.close_date, o.updated_at, o.name_key, o.deleted_at is null
          into new.deal_close_date, new.deal_updated_at, new.deal_name_key, new.deal_live
          from opportunities o where o.id = new.opportunity_id;
        return new;
      end
    $$;
    create trigger opportunity_partners_copy_deal before insert on opportunity_partners
      for each row execute function opportunity_partners_copy_deal();

    -- A changed deal updates its roles' copies (only when a copied key changed).
    create function opportunities_sync_partner_keys() returns trigger language plpgsql as $$
      begin
        update opportunity_partners set deal_close_date = new.close_date, deal_updated_at = new.updated_at,
          deal_name_key = new.name_key, deal_live = new.deleted_at is null
        where opportunity_id = new.id;
        return null;
      end
    $$;
    create trigger opportunities_sync_partner_keys after update on opportunities
      for each row when (old.close_date is distinct from new.close_date or old.updated_at is distinct from new.updated_at
        or old.name_key is distinct from new.name_key or (old.deleted_at is null) <> (new.deleted_at is null))
      execute function opportunities_sync_partner_keys();

    create index opportunity_partners_pipeline_close_idx on opportunity_partners (workspace_id, partner_id, deal_close_date, opportunity_id) where deal_live;
    create index opportunity_partners_pipeline_updated_idx on opportunity_partners (workspace_id, partner_id, deal_updated_at, opportunity_id) where deal_live;
    create index opportunity_partners_pipeline_name_idx on opportunity_partners (workspace_id, partner_id, deal_name_key, opportunity_id) where deal_live;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
