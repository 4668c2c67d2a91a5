// Data of the staff registration pages: the queue (cursor paging, filters), one registration, its
// timeline, the records its duplicate check found, and every decision (each answers with the
// registration, which replaces the cached one).
import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account } from '../../../shared/accounts.ts';
import type { Opportunity } from '../../../shared/opportunities.ts';
import type { Registration } from '../../../shared/registrations.ts';
import type { TimelineEntry } from '../../../shared/timeline.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../../lib/api-types.ts';

/** The queue's filters as GET /api/v1/registrations takes them. */
export type QueueQuery = {
  status?: string;
  verdict?: string;
  partnerId?: string;
  approverUserId?: string;
  motion?: string;
  q?: string;
  sort: 'createdAt' | 'decisionDueAt';
};

export const registrationKeys = {
  all: ['registrations'] as const,
  lists: ['registrations', 'list'] as const,
  list: (query: QueueQuery) => ['registrations', 'list', query] as const,
  one: (id: string) => ['registrations', 'one', id] as const,
  timeline: (id: string) => ['registrations', 'one', id, 'timeline'] as const,
};

/** The queue: registrations matching the filters, 25 at a time; refreshed every minute so SLAs stay current. */
export function useRegistrationQueue(query: QueueQuery) {
  return useInfiniteQuery({
    queryKey: registrationKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Registration>>('/api/v1/registrations', { query: { ...query, cursor: pageParam, limit: 25 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useRegistration(id: string) {
  return useQuery({
    queryKey: registrationKeys.one(id),
    queryFn: ({ signal }) => api<Registration>(`/api/v1/registrations/${id}`, { signal }),
    refetchInterval: 60_000,
  });
}

/**
 * The other registrations a page mentions (candidates, the first claim, the conflict's winner), for
 * their numbers and partners: number → partner name, id → number.
 */
export function useRelatedRegistrations(ids: readonly (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: registrationKeys.one(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api<Registration>(`/api/v1/registrations/${id}`, { signal }),
      staleTime: 30_000,
      retry: false,
    })),
  });
  const partners = new Map<string, string>();
  const numbers = new Map<string, string>();
  for (const r of results) {
    if (!r.data) continue;
    partners.set(r.data.number, r.data.partner.name);
    numbers.set(r.data.id, r.data.number);
  }
  return { partners, numbers };
}

/** The registration's timeline, newest first, 20 entries at a time. */
export function useRegistrationTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: registrationKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      api<Page<TimelineEntry>>(`/api/v1/registrations/${id}/timeline`, { query: { cursor: pageParam, limit: 20 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** What a duplicate candidate is, loaded for the side-by-side comparison. */
export type CandidateRecord =
  | { kind: 'account'; record: Account }
  | { kind: 'opportunity'; record: Opportunity }
  | { kind: 'registration'; record: Registration };

const PATHS = { account: 'accounts', opportunity: 'opportunities', registration: 'registrations' } as const;

export function useCandidate(kind: CandidateRecord['kind'], id: string, enabled = true) {
  return useQuery({
    enabled,
    // Its own key: the cached record of the CRM pages has another shape than {kind, record}.
    queryKey: [PATHS[kind], 'candidate', id],
    queryFn: async ({ signal }) => ({ kind, record: await api(`/api/v1/${PATHS[kind]}/${id}`, { signal }) }) as CandidateRecord,
    staleTime: 30_000,
    retry: false,
  });
}

/** A decision on the registration `id`: POSTs to `path` and keeps the answer as the registration. */
function useDecision<B>(id: string, path: (body: B) => string, body: (input: B) => unknown = (input) => input) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: B) => api<Registration>(path(input), { method: 'POST', body: body(input) }),
    onSuccess: (registration) => {
      queryClient.setQueryData(registrationKeys.one(id), registration);
      void queryClient.invalidateQueries({ queryKey: registrationKeys.lists });
      void queryClient.invalidateQueries({ queryKey: registrationKeys.timeline(id) });
      void queryClient.invalidateQueries({ queryKey: ['registrations', 'metrics'] });
    },
  });
}

export type ApproveInput = {
  protectionDays?: number;
  accountId?: string;
  opportunityId?: string;
  note?: string;
  override?: { reason: string };
};

export function useRegistrationActions(id: string) {
  const base = `/api/v1/registrations/${id}`;
  return {
    review: useDecision<void>(
      id,
      () => `${base}/review`,
      () => undefined,
    ),
    approve: useDecision<ApproveInput>(id, () => `${base}/approve`),
    reject: useDecision<{ reason: string; note?: string }>(id, () => `${base}/reject`),
    reassign: useDecision<{ approverUserId: string }>(id, () => `${base}/reassign`),
    release: useDecision<{ reason: string }>(id, () => `${base}/release`),
    acknowledge: useDecision<void>(
      id,
      () => `${base}/conflict/acknowledge`,
      () => undefined,
    ),
    plan: useDecision<{ plan: string }>(id, () => `${base}/conflict/plan`),
    decideAppeal: useDecision<{ appealId: string; decision: 'upheld' | 'denied'; note?: string; protectionDays?: number }>(
      id,
      (i) => `/api/v1/appeals/${i.appealId}/decide`,
      ({ appealId: _a, ...rest }) => rest,
    ),
    decideExtension: useDecision<{ requestId: string; decision: 'approved' | 'refused'; days?: number; note?: string }>(
      id,
      (i) => `/api/v1/extension-requests/${i.requestId}/decide`,
      ({ requestId: _r, ...rest }) => rest,
    ),
  };
}

export type RegistrationActions = ReturnType<typeof useRegistrationActions>;
