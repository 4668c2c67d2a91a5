// Data of an opportunity's tasks and partner access: the tasks (list, add, change, delete), the
// users of the partners on the deal, and who of them sees the deal as a rep.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Opportunity } from '../../../shared/opportunities.ts';
import type { Task, TaskInput, TaskPatch } from '../../../shared/tasks.ts';
import { api } from '../../lib/api.ts';
import type { PartnerUser } from '../../lib/api-types.ts';
import { partnerKeys } from '../partners/partner-queries.ts';

const keys = {
  tasks: (id: string) => ['opportunities', 'one', id, 'tasks'] as const,
  access: (id: string) => ['opportunities', 'one', id, 'partner-access'] as const,
};

/** The tasks of a deal, by due date. */
export function useTasks(opportunityId: string) {
  return useQuery({
    queryKey: keys.tasks(opportunityId),
    queryFn: ({ signal }) => api<{ data: Task[] }>(`/api/v1/opportunities/${opportunityId}/tasks`, { signal }),
  });
}

function useRefreshTasks(opportunityId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.tasks(opportunityId) });
    void queryClient.invalidateQueries({ queryKey: ['opportunities', 'one', opportunityId, 'timeline'] });
  };
}

/** Adds a task to the deal. */
export function useAddTask(opportunityId: string) {
  const refresh = useRefreshTasks(opportunityId);
  return useMutation({
    mutationFn: (input: TaskInput) => api<Task>(`/api/v1/opportunities/${opportunityId}/tasks`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

/** Changes a task of the deal. */
export function useUpdateTask(opportunityId: string) {
  const refresh = useRefreshTasks(opportunityId);
  return useMutation({
    mutationFn: ({ id, ...patch }: TaskPatch & { id: string }) => api<Task>(`/api/v1/tasks/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: refresh,
  });
}

/** Saves the edit form of one task (the task being edited, chosen when the form opens). */
export function useEditTask(opportunityId: string, taskId: string | null) {
  const refresh = useRefreshTasks(opportunityId);
  return useMutation({
    mutationFn: (input: TaskInput) => api<Task>(`/api/v1/tasks/${taskId}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}

/** Deletes a task of the deal. */
export function useDeleteTask(opportunityId: string) {
  const refresh = useRefreshTasks(opportunityId);
  return useMutation({ mutationFn: (id: string) => api<void>(`/api/v1/tasks/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

export type DealPartnerUser = PartnerUser & { partnerId: string; partnerName: string };

/** The users of every partner on the deal, with their partner's name; pending while any list loads. */
export function useDealPartnerUsers(o: Opportunity) {
  const results = useQueries({
    queries: o.partners.map((p) => ({
      queryKey: partnerKeys.users(p.partnerId),
      queryFn: ({ signal }: { signal: AbortSignal }) => api<{ data: PartnerUser[] }>(`/api/v1/partners/${p.partnerId}/users`, { signal }),
    })),
  });
  const users: DealPartnerUser[] = results.flatMap((r, i) =>
    (r.data?.data ?? []).map((u) => ({ ...u, partnerId: o.partners[i].partnerId, partnerName: o.partners[i].partnerName })),
  );
  return { users, isPending: results.some((r) => r.isPending), error: results.find((r) => r.error)?.error ?? null };
}

export type PartnerAccess = { id: string; name: string; reason: 'owner' | 'shared'; partnerId: string };

/** The partner users who see the deal as reps. */
export function usePartnerAccess(opportunityId: string) {
  return useQuery({
    queryKey: keys.access(opportunityId),
    queryFn: ({ signal }) => api<{ data: PartnerAccess[] }>(`/api/v1/opportunities/${opportunityId}/partner-access`, { signal }),
  });
}

/** Shares the deal with a partner user, or stops sharing it. */
export function useChangePartnerAccess(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ partnerUserId, share }: { partnerUserId: string; share: boolean }) =>
      api<unknown>(`/api/v1/opportunities/${opportunityId}/partner-access/${partnerUserId}`, { method: share ? 'PUT' : 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.access(opportunityId) }),
  });
}
