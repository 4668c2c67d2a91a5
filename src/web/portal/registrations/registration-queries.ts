// Data of the portal's registrations (/api/v1/registrations as the partner user): the partner's own
// list and one registration with its shared timeline; submit, withdraw, appeal, ask for an
// extension, upload evidence; the live duplicate hint while typing.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PartnerDuplicateCheck } from '../../../shared/duplicates.ts';
import type { PartnerTimelineEntry } from '../../../shared/portal.ts';
import type { appealInput, extensionInput, PartnerRegistration, RegistrationInput } from '../../../shared/registrations.ts';
import { api } from '../../lib/api.ts';
import type { Me, Page } from '../../lib/api-types.ts';
import { meKey, useMe } from '../../lib/session.ts';
import { postWithKey, uploadFile } from './keyed-request.ts';

export type RegistrationFilters = { status?: string; motion?: string; q?: string; type?: 'deal' | 'lead' };
export type Attachment = { id: string; fileName: string; contentType: string; sizeBytes: number };

export const registrationKeys = {
  all: ['portal', 'registrations'] as const,
  list: (f: RegistrationFilters) => ['portal', 'registrations', 'list', f] as const,
  one: (id: string) => ['portal', 'registrations', 'one', id] as const,
  timeline: (id: string) => ['portal', 'registrations', 'one', id, 'timeline'] as const,
};

/** The session's CSRF token, refreshed from /me when the server finds it stale. */
function useCsrf() {
  const me = useMe();
  const queryClient = useQueryClient();
  return {
    token: queryClient.getQueryData<Me | null>(meKey)?.csrfToken ?? me.csrfToken,
    refresh: async () => {
      const fresh = await api<Me>('/api/v1/me');
      queryClient.setQueryData(meKey, fresh);
      return fresh.csrfToken;
    },
  };
}

/** The partner's registrations (the server returns only its own), newest first, 50 at a time. */
export function useMyRegistrations(filters: RegistrationFilters) {
  return useInfiniteQuery({
    queryKey: registrationKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<Page<PartnerRegistration>>('/api/v1/registrations', { query: { ...filters, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One registration of the partner. */
export function useRegistration(id: string) {
  return useQuery({
    queryKey: registrationKeys.one(id),
    queryFn: ({ signal }) => api<PartnerRegistration>(`/api/v1/registrations/${id}`, { signal }),
  });
}

/** The registration's shared timeline, newest first. */
export function useRegistrationTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: registrationKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      api<Page<PartnerTimelineEntry>>(`/api/v1/registrations/${id}/timeline`, { query: { cursor: pageParam, limit: 20 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The workspace's required fields per motion, so the form marks them before the first submit. */
export function useRegistrationFormRules() {
  return useQuery({
    queryKey: ['portal', 'registration-form'],
    queryFn: ({ signal }) =>
      api<{ motions: string[]; requiredFields: Record<string, string[]>; leadRequiredFields: string[] }>('/api/v1/registrations/form', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Registers a deal or lead; one Idempotency-Key per form, so a retry never registers twice. */
export function useSubmitRegistration(idempotencyKey: string) {
  const queryClient = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: (input: RegistrationInput) => postWithKey<PartnerRegistration>('/api/v1/registrations', input, idempotencyKey, csrf),
    onSuccess: (r) => {
      queryClient.setQueryData(registrationKeys.one(r.id), r);
      void queryClient.invalidateQueries({ queryKey: registrationKeys.all, predicate: (q) => q.queryKey[2] === 'list' });
    },
  });
}

/** After an action: the registration as the server answered it, and fresh lists and timeline. */
function useApplyAnswer(id: string) {
  const queryClient = useQueryClient();
  return (r: PartnerRegistration) => {
    queryClient.setQueryData(registrationKeys.one(id), r);
    void queryClient.invalidateQueries({ queryKey: registrationKeys.timeline(id) });
    void queryClient.invalidateQueries({ queryKey: registrationKeys.all, predicate: (q) => q.queryKey[2] === 'list' });
  };
}

/** Withdraws a registration still waiting for a decision. */
export function useWithdrawRegistration(id: string) {
  const apply = useApplyAnswer(id);
  return useMutation({
    mutationFn: () => api<PartnerRegistration>(`/api/v1/registrations/${id}/withdraw`, { method: 'POST' }),
    onSuccess: apply,
  });
}

/** Appeals a rejection with a reason and evidence files. */
export function useAppealRegistration(id: string) {
  const apply = useApplyAnswer(id);
  return useMutation({
    mutationFn: (body: z.input<typeof appealInput>) => api<PartnerRegistration>(`/api/v1/registrations/${id}/appeal`, { method: 'POST', body }),
    onSuccess: apply,
  });
}

/** Asks to extend the protection, on evidence of progress. */
export function useRequestExtension(id: string) {
  const apply = useApplyAnswer(id);
  return useMutation({
    mutationFn: (body: z.input<typeof extensionInput>) =>
      api<PartnerRegistration>(`/api/v1/registrations/${id}/extension-requests`, { method: 'POST', body }),
    onSuccess: apply,
  });
}

/** Uploads one evidence file; the answer's id goes into the appeal or extension request. */
export function useUploadEvidence() {
  const csrf = useCsrf();
  return (file: File) => uploadFile<Attachment>('/api/v1/attachments', file, csrf);
}

/** The portal's duplicate check for the live hint: only "no match" or "possible conflict". */
export function portalDuplicateCheck(body: { companyName: string; domain?: string; contactEmail?: string }, signal?: AbortSignal) {
  return api<PartnerDuplicateCheck>('/api/v1/duplicate-check', { method: 'POST', body, signal });
}
