// Data of the partner portal: the partner's deals (list, one, edit), their shared timeline and
// tasks, who sees a deal, the team, the leads and the rules of engagement (/api/v1/portal/…).
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  colleagueSchema,
  PartnerDeal,
  PartnerLead,
  PartnerTask,
  PartnerTimelineEntry,
  PortalDealPatch,
  TASK_STATUSES,
} from '../../shared/portal.ts';
import { api, withQuery } from '../lib/api.ts';
import type { Locale, Page, PartnerUserRole } from '../lib/api-types.ts';

export type Colleague = z.infer<typeof colleagueSchema>;
export type DealFilters = { q?: string; stage?: string; motion?: string; sort?: 'closeDate' | 'updatedAt' | 'name'; order?: 'asc' | 'desc' };
export type AccessEntry = { id: string; name: string; reason: 'owner' | 'shared' };
export type Rules = { title: string; rules: string[]; locale: Locale; protectionDays: number };

export const portalKeys = {
  all: ['portal'] as const,
  deals: (filters: DealFilters) => ['portal', 'deals', filters] as const,
  deal: (id: string) => ['portal', 'deal', id] as const,
  timeline: (id: string) => ['portal', 'deal', id, 'timeline'] as const,
  tasks: (id: string) => ['portal', 'deal', id, 'tasks'] as const,
  access: (id: string) => ['portal', 'deal', id, 'access'] as const,
  team: ['portal', 'team'] as const,
  leads: (status?: string) => ['portal', 'leads', status ?? null] as const,
  rules: (locale: Locale) => ['portal', 'rules', locale] as const,
};

/** The CSV export of the deals matching the filters (the columns are the partner's visible fields). */
export function dealExportUrl(filters: DealFilters): string {
  return withQuery('/api/v1/portal/deals/export.csv', filters);
}

/** The partner's deals matching the filters, 25 at a time, with a cursor for "load more". */
export function usePortalDeals(filters: DealFilters) {
  return useInfiniteQuery({
    queryKey: portalKeys.deals(filters),
    queryFn: ({ pageParam, signal }) =>
      api<Page<PartnerDeal>>('/api/v1/portal/deals', { query: { ...filters, cursor: pageParam, limit: 25 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One deal of the partner, with its account and contacts as far as the safelist shows them. */
export function usePortalDeal(id: string) {
  return useQuery({ queryKey: portalKeys.deal(id), queryFn: ({ signal }) => api<PartnerDeal>(`/api/v1/portal/deals/${id}`, { signal }) });
}

/** Changes the fields of a deal the partner may edit; the answer is the deal as the partner now sees it. */
export function useUpdatePortalDeal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PortalDealPatch) => api<PartnerDeal>(`/api/v1/portal/deals/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (deal) => {
      queryClient.setQueryData(portalKeys.deal(id), deal);
      void queryClient.invalidateQueries({ queryKey: ['portal', 'deals'] });
      void queryClient.invalidateQueries({ queryKey: portalKeys.timeline(id) });
    },
  });
}

/** The deal's shared timeline, newest first, 20 entries at a time. */
export function useSharedTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: portalKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      api<Page<PartnerTimelineEntry>>(`/api/v1/portal/deals/${id}/timeline`, { query: { cursor: pageParam, limit: 20 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A reply on the deal's timeline, shared with the vendor's team. */
export function useReply(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api<PartnerTimelineEntry>(`/api/v1/portal/deals/${id}/timeline`, { method: 'POST', body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.timeline(id) }),
  });
}

/** The deal's shared tasks (its mutual plan). */
export function useDealTasks(id: string) {
  return useQuery({
    queryKey: portalKeys.tasks(id),
    queryFn: ({ signal }) => api<{ data: PartnerTask[] }>(`/api/v1/portal/deals/${id}/tasks`, { signal }),
  });
}

/** Updates a shared task of the deal (the fields the safelist makes editable). */
export function useUpdatePortalTask(dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: (typeof TASK_STATUSES)[number] }) =>
      api<PartnerTask>(`/api/v1/portal/tasks/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.tasks(dealId) }),
  });
}

/** Who of the partner sees the deal as a rep (partner admins only). */
export function useDealAccess(id: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.access(id),
    queryFn: ({ signal }) => api<{ data: AccessEntry[] }>(`/api/v1/portal/deals/${id}/access`, { signal }),
    enabled,
  });
}

/** Shares the deal with a colleague, or stops sharing it. */
export function useChangeDealAccess(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ partnerUserId, share }: { partnerUserId: string; share: boolean }) =>
      api<unknown>(`/api/v1/portal/deals/${id}/access/${partnerUserId}`, { method: share ? 'PUT' : 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.access(id) }),
  });
}

/** The people of the partner organisation. */
export function useTeam() {
  return useQuery({ queryKey: portalKeys.team, queryFn: ({ signal }) => api<Page<Colleague>>('/api/v1/portal/team', { signal }) });
}

/** A partner admin invites a colleague (emails a sign-in link). */
export function useInviteColleague() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: PartnerUserRole }) =>
      api<Colleague>('/api/v1/portal/team', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.team }),
  });
}

/** A partner admin changes a colleague's role or deactivates (reactivates) them. */
export function useUpdateColleague() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; role?: PartnerUserRole; status?: 'active' | 'deactivated' }) =>
      api<Colleague>(`/api/v1/portal/team/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.team }),
  });
}

/** The partner's leads, optionally of one status. */
export function usePortalLeads(status?: string) {
  return useQuery({
    queryKey: portalKeys.leads(status),
    queryFn: ({ signal }) => api<Page<PartnerLead>>('/api/v1/portal/leads', { query: { status }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The published rules of engagement in the UI language. */
export function useRulesOfEngagement(locale: Locale) {
  return useQuery({
    queryKey: portalKeys.rules(locale),
    queryFn: ({ signal }) => api<Rules>('/api/v1/portal/rules-of-engagement', { query: { locale }, signal }),
    staleTime: 5 * 60_000,
  });
}
