// Data of share links on the staff side: a record's links, creating one, revoking one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ShareLink, ShareLinkInput } from '../../../shared/share-links.ts';
import { api } from '../../lib/api.ts';

export type ShareEntityType = ShareLink['entityType'];
export type ShareLinkCreated = ShareLink & { url: string };
/** What the dialog sends: the server fills the defaults (7 days, no actions, email on). */
export type ShareLinkRequest = Omit<ShareLinkInput, 'allowedActions' | 'requireCode' | 'notify'> &
  Partial<Pick<ShareLinkInput, 'allowedActions' | 'requireCode' | 'notify'>>;

const keys = {
  all: ['share-links'] as const,
  of: (entityType: ShareEntityType, entityId?: string) => ['share-links', entityType, entityId ?? null] as const,
};

/** The share links of one record (or every list link when `entityId` is left out), newest first. */
export function useShareLinks(entityType: ShareEntityType, entityId?: string) {
  return useQuery({
    queryKey: keys.of(entityType, entityId),
    queryFn: ({ signal }) => api<{ data: ShareLink[] }>('/api/v1/share-links', { query: { entityType, entityId }, signal }),
    // Status and access counts change while the page is open (links expire, recipients open them).
    refetchInterval: 60_000,
  });
}

/** POST /share-links: the answer carries the URL, once. */
export function useCreateShareLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ShareLinkRequest) => api<ShareLinkCreated>('/api/v1/share-links', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

/** DELETE /share-links/:id: the link answers 410 from now on. */
export function useRevokeShareLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/share-links/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}
