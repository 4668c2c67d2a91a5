import { type Kysely, sql } from 'kysely';

/**
 * The open pipeline in close-date order: GET /opportunities?stage=proposal,negotiation&sort=closeDate.
 * Closed deals carry the earliest close dates, so opportunities_list_idx walks past all of them
 * first (at 1 M opportunities, 344 k rows read for one page: about 1 s); and a list of stages
 * cannot keep the order of opportunities_stage_idx. This index holds only open deals: any subset
 * of open stages implies its predicate, and the page reads about 130 rows (under 1 ms).
 * The predicate lists OPEN_STAGES of src/shared/opportunities.ts (the fixed default pipeline).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index opportunities_open_close_idx on opportunities (workspace_id, close_date, id)
      where deleted_at is null and stage in ('prospecting', 'qualification', 'proposal', 'negotiation');
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
