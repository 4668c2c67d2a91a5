// The board's column totals: GET /opportunities/summary for the board's filters.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OpportunitySummary } from '../../../shared/opportunities.ts';
import { api } from '../../lib/api.ts';
import { crmKeys, type Filters } from '../crm/crm-queries.ts';

/** Under the opportunities' list keys, so whatever refreshes the lists refreshes the totals too. */
export const summaryKey = (filters: Filters) => [...crmKeys.lists('opportunities'), 'summary', filters] as const;

/** Count and per-currency totals of every stage, over all deals matching the board's filters. */
export function useOpportunitySummary(filters: Filters) {
  return useQuery({
    queryKey: summaryKey(filters),
    queryFn: ({ signal }) => api<OpportunitySummary>('/api/v1/opportunities/summary', { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}
