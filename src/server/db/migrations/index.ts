import type { Migration } from 'kysely';
import * as m202612041600 from './202612041600_create_platform.ts';
import * as m202612041700 from './202612041700_create_auth_lookups.ts';
import * as m202612041800 from './202612041800_create_crm_core.ts';

/** Every migration, in order. Add new ones at the end; never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '202612041600_create_platform': m202612041600,
  '202612041700_create_auth_lookups': m202612041700,
  '202612041800_create_crm_core': m202612041800,
};
