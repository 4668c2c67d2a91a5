// Data of the partners area: lists, one partner, its users, and the mutations.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Page, Partner, PartnerInput, PartnerPatch, PartnerUser, PartnerUserRole } from '../../lib/api-types.ts';

export type PartnerFilters = { q?: string; type?: string; lifecycleState?: string };
export type PartnerListPage = Page<Partner> & { permissions?: { create: boolean } };

export const partnerKeys = {
  all: ['partners'] as const,
  list: (filters: PartnerFilters) => ['partners', 'list', filters] as const,
  one: (id: string) => ['partners', 'one', id] as const,
  users: (id: string) => ['partners', 'one', id, 'users'] as const,
};

/** Partners matching the filters, 25 at a time, with a cursor for "load more". */
export function usePartnerList(filters: PartnerFilters) {
  return useInfiniteQuery({
    queryKey: partnerKeys.list(filters),
    queryFn: ({ pageParam, signal }) => api<PartnerListPage>('/api/v1/partners', { query: { ...filters, cursor: pageParam, limit: 25 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePartner(id: string) {
  return useQuery({ queryKey: partnerKeys.one(id), queryFn: ({ signal }) => api<Partner>(`/api/v1/partners/${id}`, { signal }) });
}

export function usePartnerUsers(id: string) {
  return useQuery({
    queryKey: partnerKeys.users(id),
    queryFn: ({ signal }) => api<{ data: PartnerUser[] }>(`/api/v1/partners/${id}/users`, { signal }),
  });
}

export function useCreatePartner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PartnerInput) => api<Partner>('/api/v1/partners', { method: 'POST', body: input }),
    onSuccess: (partner) => {
      queryClient.setQueryData(partnerKeys.one(partner.id), partner);
      void queryClient.invalidateQueries({ queryKey: partnerKeys.all });
    },
  });
}

export function useUpdatePartner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PartnerPatch) => api<Partner>(`/api/v1/partners/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (partner) => {
      queryClient.setQueryData(partnerKeys.one(id), partner);
      void queryClient.invalidateQueries({ queryKey: ['partners', 'list'] });
    },
  });
}

export function useDeletePartner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason?: string) => api<void>(`/api/v1/partners/${id}`, { method: 'DELETE', query: { reason } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: partnerKeys.one(id) });
      void queryClient.invalidateQueries({ queryKey: ['partners', 'list'] });
    },
  });
}

export function useInvitePartnerUser(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: PartnerUserRole }) =>
      api<PartnerUser>(`/api/v1/partners/${partnerId}/users`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partnerKeys.users(partnerId) }),
  });
}

/** Changes a partner user's role, or deactivates (reactivates) them; deactivation ends their sessions at once. */
export function useUpdatePartnerUser(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; role?: PartnerUserRole; status?: 'active' | 'deactivated' }) =>
      api<PartnerUser>(`/api/v1/partners/${partnerId}/users/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partnerKeys.users(partnerId) }),
  });
}
