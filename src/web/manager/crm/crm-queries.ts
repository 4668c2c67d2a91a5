// Data of the CRM areas (accounts, contacts, opportunities, leads): lists with cursor paging, one
// record, create/update/delete/restore, and each record's timeline with its note composer.
import { keepPreviousData, type QueryKey, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TimelineEntry } from '../../../shared/timeline.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../../lib/api-types.ts';

export type CrmEntity = 'accounts' | 'contacts' | 'opportunities' | 'leads';
export type Filters = Record<string, string | undefined>;
export type ListPage<T> = Page<T> & { permissions?: { create: boolean } };

export const crmKeys = {
  all: (entity: CrmEntity) => [entity] as const,
  lists: (entity: CrmEntity) => [entity, 'list'] as const,
  list: (entity: CrmEntity, filters: Filters, limit: number) => [entity, 'list', filters, limit] as const,
  one: (entity: CrmEntity, id: string) => [entity, 'one', id] as const,
  timeline: (entity: CrmEntity, id: string) => [entity, 'one', id, 'timeline'] as const,
};

/** Records matching the filters, `limit` at a time, with a cursor for "load more". */
export function useCrmList<T>(entity: CrmEntity, filters: Filters, { limit = 25, enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: crmKeys.list(entity, filters, limit),
    queryFn: ({ pageParam, signal }) => api<ListPage<T>>(`/api/v1/${entity}`, { query: { ...filters, cursor: pageParam, limit }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCrmRecord<T>(entity: CrmEntity, id: string) {
  return useQuery({ queryKey: crmKeys.one(entity, id), queryFn: ({ signal }) => api<T>(`/api/v1/${entity}/${id}`, { signal }) });
}

function useRefresh(entity: CrmEntity) {
  const queryClient = useQueryClient();
  return (id?: string, record?: unknown) => {
    if (id && record) queryClient.setQueryData(crmKeys.one(entity, id), record);
    void queryClient.invalidateQueries({ queryKey: crmKeys.lists(entity) });
    if (id) void queryClient.invalidateQueries({ queryKey: crmKeys.timeline(entity, id) });
  };
}

export function useCreateRecord<T extends { id: string }, I>(entity: CrmEntity) {
  const refresh = useRefresh(entity);
  return useMutation({
    mutationFn: (input: I) => api<T>(`/api/v1/${entity}`, { method: 'POST', body: input }),
    onSuccess: (record) => refresh(record.id, record),
  });
}

export function useUpdateRecord<T, P>(entity: CrmEntity, id: string) {
  const refresh = useRefresh(entity);
  return useMutation({
    mutationFn: (patch: P) => api<T>(`/api/v1/${entity}/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (record) => refresh(id, record),
  });
}

export function useDeleteRecord(entity: CrmEntity, id: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(entity);
  return useMutation({
    mutationFn: () => api<void>(`/api/v1/${entity}/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: crmKeys.one(entity, id) });
      refresh(id);
    },
  });
}

export function useRestoreRecord<T>(entity: CrmEntity, id: string) {
  const refresh = useRefresh(entity);
  return useMutation({
    mutationFn: () => api<T>(`/api/v1/${entity}/${id}/restore`, { method: 'POST' }),
    onSuccess: (record) => refresh(id, record),
  });
}

/** PUT of a list that belongs to a record (an opportunity's `partners` or `contact-roles`): replaces it whole. */
export function useReplaceList<T, B>(entity: CrmEntity, id: string, part: string) {
  const refresh = useRefresh(entity);
  return useMutation({
    mutationFn: (body: B) => api<T>(`/api/v1/${entity}/${id}/${part}`, { method: 'PUT', body }),
    onSuccess: (record) => refresh(id, record),
  });
}

/** A record's timeline, newest first, 20 entries at a time. */
export function useTimeline(entity: CrmEntity, id: string) {
  return useInfiniteQuery({
    queryKey: crmKeys.timeline(entity, id),
    queryFn: ({ pageParam, signal }) =>
      api<Page<TimelineEntry>>(`/api/v1/${entity}/${id}/timeline`, { query: { cursor: pageParam, limit: 20 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type NoteInput = { kind: 'note'; body: string; visibility: 'internal' | 'shared' };

export function useAddNote(entity: CrmEntity, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NoteInput) => api<TimelineEntry>(`/api/v1/${entity}/${id}/timeline`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: crmKeys.timeline(entity, id) }),
  });
}

/** Options for a record picker (account, partner): the first matches of a name search. */
export function usePicker<T extends { id: string; name: string }>(path: string, q: string, key: QueryKey) {
  return useQuery({
    queryKey: [...key, 'picker', q],
    queryFn: ({ signal }) => api<Page<T>>(path, { query: { q: q || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
}
