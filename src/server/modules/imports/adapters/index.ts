import type { ImportEntity } from '../../../../shared/imports.ts';
import { accountsAdapter } from './accounts.adapter.ts';
import type { EntityAdapter } from './adapter.ts';
import { contactsAdapter } from './contacts.adapter.ts';
import { opportunitiesAdapter } from './opportunities.adapter.ts';

/** The adapter of each importable entity. */
export const ADAPTERS: Partial<Record<ImportEntity, EntityAdapter<never>>> = {
  accounts: accountsAdapter as EntityAdapter<never>,
  contacts: contactsAdapter as EntityAdapter<never>,
  opportunities: opportunitiesAdapter as EntityAdapter<never>,
};

/** The adapter for an entity as the generic code sees it. */
export function adapterFor(entity: ImportEntity): EntityAdapter<unknown> | undefined {
  return ADAPTERS[entity] as EntityAdapter<unknown> | undefined;
}
