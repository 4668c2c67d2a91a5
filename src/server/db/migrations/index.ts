import type { Migration } from 'kysely';
import * as m202612041600 from './202612041600_create_platform.ts';
import * as m202612041700 from './202612041700_create_auth_lookups.ts';
import * as m202612041800 from './202612041800_create_crm_core.ts';
import * as m202612041900 from './202612041900_index_opportunity_lists.ts';
import * as m202612042000 from './202612042000_create_crm_search.ts';
import * as m202612042100 from './202612042100_create_imports.ts';
import * as m202612042200 from './202612042200_index_open_pipeline.ts';
import * as m202612050900 from './202612050900_fold_account_names.ts';
import * as m202612051000 from './202612051000_create_portal.ts';
import * as m202612051100 from './202612051100_create_company_match_keys.ts';
import * as m202612051200 from './202612051200_index_opportunity_summary.ts';
import * as m202612051300 from './202612051300_index_partner_pipelines.ts';
import * as m202612051400 from './202612051400_create_registrations.ts';
import * as m202612051500 from './202612051500_create_renewal_confirmations.ts';
import * as m202612051600 from './202612051600_seal_audit_events.ts';
import * as m202612051700 from './202612051700_create_workspace_counters.ts';

/** Every migration, in order. Add new ones at the end; never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '202612041600_create_platform': m202612041600,
  '202612041700_create_auth_lookups': m202612041700,
  '202612041800_create_crm_core': m202612041800,
  '202612041900_index_opportunity_lists': m202612041900,
  '202612042000_create_crm_search': m202612042000,
  '202612042100_create_imports': m202612042100,
  '202612042200_index_open_pipeline': m202612042200,
  '202612050900_fold_account_names': m202612050900,
  '202612051000_create_portal': m202612051000,
  '202612051100_create_company_match_keys': m202612051100,
  '202612051200_index_opportunity_summary': m202612051200,
  '202612051300_index_partner_pipelines': m202612051300,
  '202612051400_create_registrations': m202612051400,
  '202612051500_create_renewal_confirmations': m202612051500,
  '202612051600_seal_audit_events': m202612051600,
  '202612051700_create_workspace_counters': m202612051700,
};
