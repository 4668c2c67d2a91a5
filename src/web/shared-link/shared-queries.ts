// Data of the recipient's page (/s/:token): the link's meta, the record, its timeline and tasks,
// and what the recipient may do. A link that expires or is withdrawn while the page is open
// answers 410 (or 404): every call reports that, and the page then says so.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PartnerTask, PartnerTimelineEntry } from '../../shared/portal.ts';
import type { sharedMetaSchema, sharedRecordSchema } from '../../shared/share-links.ts';
import { ApiError, api } from '../lib/api.ts';
import { useNotifyError } from '../lib/notify.ts';

export type SharedMeta = z.infer<typeof sharedMetaSchema>;
export type SharedRecord = z.infer<typeof sharedRecordSchema>;
export type GoneReason = 'expired' | 'revoked' | 'missing';

type Options = Parameters<typeof api>[1];
const listeners = new Set<(reason: GoneReason | 'code') => void>();

/** Why the link no longer opens, when the error says so (410 expired/revoked; 404 of the link itself). */
export function goneReason(error: unknown): GoneReason | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return error.extras.reason === 'revoked' ? 'revoked' : 'expired';
  if (error.status === 404 && error.detail.startsWith('This link does not exist')) return 'missing';
  return null;
}

/** Calls `listener` whenever a call of the page finds the link gone (or asking for the code again); returns the unsubscribe. */
export function onLinkGone(listener: (reason: GoneReason | 'code') => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function shared<T>(token: string, sub: string, options?: Options): Promise<T> {
  try {
    return await api<T>(`/api/v1/shared/${encodeURIComponent(token)}${sub}`, options);
  } catch (error) {
    const reason = goneReason(error) ?? (isCodeRequired(error) ? 'code' : null);
    if (reason) for (const l of listeners) l(reason);
    throw error;
  }
}

const keys = {
  meta: (token: string) => ['shared', token, 'meta'] as const,
  record: (token: string) => ['shared', token, 'record'] as const,
  timeline: (token: string) => ['shared', token, 'timeline'] as const,
  tasks: (token: string) => ['shared', token, 'tasks'] as const,
};

const noRetryWhenRefused = (count: number, error: unknown) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2;

/** Who shares, until when, whether a code is needed; checked again every 30 s, so a withdrawn link shows as such. */
export function useSharedMeta(token: string) {
  return useQuery({
    queryKey: keys.meta(token),
    queryFn: ({ signal }) => shared<SharedMeta>(token, '/meta', { signal }),
    retry: noRetryWhenRefused,
    refetchInterval: 30_000,
  });
}

/** The shared record (each load is an audited access). */
export function useSharedRecord(token: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.record(token),
    queryFn: ({ signal }) => shared<SharedRecord>(token, '', { signal }),
    enabled,
    retry: noRetryWhenRefused,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/** The shared deal's timeline, newest first, 25 at a time. */
export function useSharedTimeline(token: string) {
  return useInfiniteQuery({
    queryKey: keys.timeline(token),
    queryFn: ({ pageParam, signal }) =>
      shared<{ data: PartnerTimelineEntry[]; nextCursor: string | null }>(token, '/timeline', { query: { limit: 25, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: noRetryWhenRefused,
  });
}

/** The shared deal's tasks. */
export function useSharedTasks(token: string) {
  return useQuery({
    queryKey: keys.tasks(token),
    queryFn: ({ signal }) => shared<{ data: PartnerTask[] }>(token, '/tasks', { signal }),
    retry: noRetryWhenRefused,
  });
}

/** Emails a code to the recipient. */
export function useSendCode(token: string) {
  return useMutation({ mutationFn: () => shared<{ sent: true }>(token, '/code', { method: 'POST', body: {} }) });
}

/** Checks the code; the right one opens the link in this browser (the meta then says verified). */
export function useVerifyCode(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => shared<{ verified: true }>(token, '/verify', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.meta(token) }),
  });
}

/** A comment on the shared deal's timeline. */
export function useSharedComment(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => shared<{ id: string }>(token, '/comments', { method: 'POST', body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.timeline(token) }),
  });
}

/** Acknowledges what was shared. */
export function useAcknowledge(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => shared<{ acknowledgedAt: string }>(token, '/acknowledge', { method: 'POST', body: {} }),
    onSuccess: ({ acknowledgedAt }) => {
      queryClient.setQueryData<SharedMeta>(keys.meta(token), (meta) => (meta ? { ...meta, acknowledgedAt } : meta));
      void queryClient.invalidateQueries({ queryKey: keys.timeline(token) });
    },
  });
}

/** Changes a shared task's status. */
export function useUpdateSharedTask(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: NonNullable<PartnerTask['status']> }) =>
      shared<PartnerTask>(token, `/tasks/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.tasks(token) });
      void queryClient.invalidateQueries({ queryKey: keys.timeline(token) });
    },
  });
}

/** Back to the code screen when the server asks for the code again (the browser's session ended). */
export function isCodeRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.extras.codeRequired === true;
}

/** The red notification of a failed action, except when the link is gone (the page then says so itself). */
export function useSharedError(): (error: unknown) => void {
  const notifyError = useNotifyError();
  return (error) => {
    if (!goneReason(error) && !isCodeRequired(error)) notifyError(error);
  };
}
