// Data of Settings → Partner visibility: the field catalogue with the workspace's rules, saving
// and removing a rule, what applies to one partner, and the "view as partner" preview.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PartnerDeal } from '../../../../shared/portal.ts';
import type { EffectiveSafelist, SafelistObject, SafelistRule, SafelistRuleInput, safelistCatalogSchema } from '../../../../shared/safelists.ts';
import { api } from '../../../lib/api.ts';

export type SafelistCatalog = z.infer<typeof safelistCatalogSchema>;

const keys = {
  catalog: ['safelists', 'catalog'] as const,
  effective: (partnerId: string) => ['safelists', 'effective', partnerId] as const,
  preview: (input: unknown) => ['safelists', 'preview', input] as const,
};

/** The catalogue of partner-visible fields and the rules saved in the workspace. */
export function useSafelistCatalog() {
  return useQuery({ queryKey: keys.catalog, queryFn: ({ signal }) => api<SafelistCatalog>('/api/v1/safelists', { signal }) });
}

/** Saves the rule of one object and scope (PUT replaces it whole). */
export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SafelistRuleInput) => api<SafelistRule>('/api/v1/safelists', { method: 'PUT', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['safelists'] }),
  });
}

/** Removes a rule; its scope falls back to the less specific one. */
export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/safelists/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['safelists'] }),
  });
}

/** Every object's safelist as it applies to one partner, with the rule that decided it. */
export function useEffectiveSafelists(partnerId: string | null) {
  return useQuery({
    queryKey: keys.effective(partnerId ?? ''),
    queryFn: ({ signal }) =>
      api<{ partner: { id: string; name: string }; data: EffectiveSafelist[] }>('/api/v1/safelists/effective', { query: { partnerId }, signal }),
    enabled: Boolean(partnerId),
  });
}

export type PreviewInput = { partnerId: string; recordId: string; object: SafelistObject; visible?: string[]; editable?: string[] };

/** A deal as the partner would see it, with the saved safelist or a draft of the deal fields. */
export function useSafelistPreview(input: PreviewInput | null) {
  return useQuery({
    queryKey: keys.preview(input),
    queryFn: ({ signal }) => {
      const { object: _object, ...body } = input as PreviewInput;
      return api<PartnerDeal>('/api/v1/safelists/preview', { method: 'POST', body: { ...body, object: 'opportunity' }, signal });
    },
    enabled: Boolean(input),
    placeholderData: keepPreviousData,
  });
}
