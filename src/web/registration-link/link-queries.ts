// Data of the no-login registration form (/r/:token): the form's meta (branding, partner, required
// fields per motion), the live duplicate hint and the submission — all with the link's token as the
// credential. An expired or withdrawn link answers 410, an unknown one 404: the page then says so.
import { useQuery } from '@tanstack/react-query';
import type { PartnerDuplicateCheck } from '../../shared/duplicates.ts';
import type { Motion } from '../../shared/opportunities.ts';
import type { PartnerRegistration, RegistrationInput } from '../../shared/registrations.ts';
import { ApiError, api } from '../lib/api.ts';
import type { Locale } from '../lib/api-types.ts';
import { postPublic, postWithKey } from '../portal/registrations/keyed-request.ts';
import type { HintInput } from '../portal/registrations/registration-form.ts';

export type LinkForm = {
  workspace: {
    name: string;
    slug: string;
    locale: Locale;
    branding: {
      logoUrl: string | null;
      primaryColor: string | null;
      productName: string | null;
      supportEmail: string | null;
      faviconUrl: string | null;
    };
  };
  partner: { name: string };
  expiresAt: string;
  motions: Motion[];
  requiredFields: Partial<Record<Motion, string[]>>;
  leadRequiredFields: string[];
};

export type GoneReason = 'expired' | 'revoked' | 'missing';

/** Why the link no longer opens, when the error says so. */
export function goneReason(error: unknown): GoneReason | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return error.extras.reason === 'revoked' ? 'revoked' : 'expired';
  if (error.status === 404 && error.code === 'not_found') return 'missing';
  return null;
}

const base = (token: string) => `/api/v1/registration-links/${encodeURIComponent(token)}`;

/** The form's meta, checked again every minute so a withdrawn link shows as such. */
export function useLinkForm(token: string) {
  return useQuery({
    queryKey: ['registration-link', token, 'form'],
    queryFn: ({ signal }) => api<LinkForm>(`${base(token)}/form`, { signal }),
    retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
    refetchInterval: 60_000,
    refetchOnWindowFocus: false,
  });
}

/** The live hint: only "no match" or "possible conflict". */
export function linkDuplicateCheck(token: string) {
  return (body: HintInput, signal?: AbortSignal) => postPublic<PartnerDuplicateCheck>(`${base(token)}/duplicate-check`, body, signal);
}

/** Submits through the link; the Idempotency-Key makes a retried submission one registration. */
export function submitThroughLink(token: string, body: RegistrationInput & { submitter: { name: string; email: string } }, key: string) {
  return postWithKey<PartnerRegistration>(`${base(token)}/registrations`, body, key);
}
