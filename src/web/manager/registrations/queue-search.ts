// The queue's filters in the URL of /app/registrations: the tab, the search text (debounced) and the
// filters the server's list takes.
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';

export const QUEUE_TABS = ['needs', 'conflicts', 'all'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export type QueueSearch = {
  tab?: QueueTab;
  q?: string;
  status?: string;
  verdict?: string;
  partnerId?: string;
  approverUserId?: string;
  motion?: string;
  sort?: 'createdAt' | 'decisionDueAt';
};

const KEYS = ['q', 'status', 'verdict', 'partnerId', 'approverUserId', 'motion'] as const;

/** validateSearch of /app/registrations: keeps known, non-empty values. */
export function queueSearch(search: Record<string, unknown>): QueueSearch {
  const out: QueueSearch = {};
  if (QUEUE_TABS.includes(search.tab as QueueTab) && search.tab !== 'needs') out.tab = search.tab as QueueTab;
  for (const key of KEYS) {
    const v = search[key];
    if (typeof v === 'string' && v !== '') out[key] = v;
  }
  if (search.sort === 'createdAt' || search.sort === 'decisionDueAt') out.sort = search.sort;
  return out;
}

/** The queue's filters and ways to change them; a tab change keeps the filters that still apply. */
export function useQueueFilters() {
  const navigate = useNavigate();
  const search = useSearch({ from: '/app/registrations' }) as QueueSearch;
  const [q, setQ] = useState(search.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  const go = (next: QueueSearch, replace = false) => {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
    void navigate({ to: '/app/registrations', search: clean as QueueSearch, replace });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the typed text only
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) go({ ...search, q: next }, true);
  }, [debouncedQ]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the URL only
  useEffect(() => {
    if ((search.q ?? '') !== debouncedQ.trim()) setQ(search.q ?? '');
  }, [search.q]);

  return {
    search,
    q,
    setQ,
    set: (key: keyof QueueSearch, value: string | undefined) => go({ ...search, [key]: value }),
    clear: () => {
      setQ('');
      go({ tab: search.tab });
    },
    /** Whether a filter narrows the list (the tab and the sort do not). */
    filtered: KEYS.some((k) => Boolean(search[k])),
  };
}
