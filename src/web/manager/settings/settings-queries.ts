// Data of the settings area: workspace, staff users, API keys.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { ApiKey, Me, Page, StaffRole, StaffUser, Workspace, WorkspacePatch } from '../../lib/api-types.ts';
import { meKey } from '../../lib/session.ts';

export function useWorkspace() {
  return useQuery({ queryKey: ['workspace'], queryFn: ({ signal }) => api<Workspace>('/api/v1/workspace', { signal }) });
}

/** PATCH /workspace; the session's copy of the workspace follows so the header and theme update at once. */
export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkspacePatch) => api<Workspace>('/api/v1/workspace', { method: 'PATCH', body: patch }),
    onSuccess: (workspace) => {
      queryClient.setQueryData(['workspace'], workspace);
      queryClient.setQueryData<Me | null>(meKey, (me) =>
        me
          ? {
              ...me,
              workspace: {
                ...me.workspace,
                name: workspace.name,
                timeZone: workspace.timeZone,
                locale: workspace.locale,
                branding: workspace.branding,
              },
            }
          : me,
      );
      void queryClient.invalidateQueries({ queryKey: ['public-workspace'] });
    },
  });
}

export function useStaffUsers() {
  return useInfiniteQuery({
    queryKey: ['users'],
    queryFn: ({ pageParam, signal }) => api<Page<StaffUser>>('/api/v1/users', { query: { cursor: pageParam, limit: 100 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useInviteStaffUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: StaffRole }) => api<StaffUser>('/api/v1/users', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateStaffUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; role?: StaffRole; status?: 'active' | 'deactivated' }) =>
      api<StaffUser>(`/api/v1/users/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: ({ signal }) => api<{ data: ApiKey[] }>('/api/v1/api-keys', { signal }) });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: string[] }) => api<ApiKey & { key: string }>('/api/v1/api-keys', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}
