// The signed-in session (GET /api/v1/me) as a TanStack Query, plus login, logout and language.

import { notifications } from '@mantine/notifications';
import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { createContext, use, useEffect } from 'react';
import { ApiError, api, setCsrfToken } from './api.ts';
import type { Locale, Me } from './api-types.ts';
import { applyLocale, chooseLocale, i18n, resolveLocale } from './i18n.ts';

export const meKey = ['me'] as const;

/** The session, or null when nobody is signed in (401). */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api<Me>('/api/v1/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 1,
});

/** Loads the session once for route guards; cached afterwards. */
export function loadMe(queryClient: QueryClient): Promise<Me | null> {
  return queryClient.ensureQueryData(meQuery);
}

// Whether the last session ended by the user's own logout (then login needs no redirect back).
let endedByLogout = false;

/** Stores a new session (after login or magic link) and drops everything cached for the previous one. */
export function startSession(queryClient: QueryClient, me: Me): void {
  endedByLogout = false;
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'public-workspace' });
  queryClient.setQueryData(meKey, me);
  setCsrfToken(me.csrfToken);
  applyLocale(resolveLocale(me.actor.locale, me.workspace.locale));
}

/** Forgets the session locally (after logout or a 401); the signed-in layouts then go to login. */
export function endSession(queryClient: QueryClient, { loggedOut = false } = {}): void {
  endedByLogout = loggedOut;
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'public-workspace' });
  queryClient.setQueryData(meKey, null);
}

/** Where login should send the user back to: nowhere after a logout, else where they were. */
export function redirectAfterSignOut(href: string): string | undefined {
  return endedByLogout ? undefined : href;
}

/** Where a signed-in actor belongs: staff in /app, partner users in their portal. */
export function homeOf(me: Me): string {
  return me.actor.kind === 'staff' ? '/app' : `/p/${me.workspace.slug}`;
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in actor inside /app or the portal (their layouts provide it). */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe() is used outside a signed-in layout');
  return me;
}

/** POST /auth/logout or /auth/logout-all, then forget the session (the layout goes to login). */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean) => api<void>(everywhere ? '/api/v1/auth/logout-all' : '/api/v1/auth/logout', { method: 'POST' }),
    onSuccess: (_data, everywhere) => {
      if (everywhere) notifications.show({ color: 'green', message: i18n.t('auth.loggedOutEverywhere') });
    },
    onSettled: () => endSession(queryClient, { loggedOut: true }),
  });
}

/** Switches the language now and saves it to the user's profile (PATCH /me). */
export function useChangeLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => {
      chooseLocale(locale);
      return api<Me>('/api/v1/me', { method: 'PATCH', body: { locale } });
    },
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

/** Keeps the UI language in step with the user's and the workspace's setting. */
export function useSessionLocale(me: Me | null | undefined): void {
  const userLocale = me?.actor.locale;
  const workspaceLocale = me?.workspace.locale;
  useEffect(() => {
    if (workspaceLocale) applyLocale(resolveLocale(userLocale, workspaceLocale));
  }, [userLocale, workspaceLocale]);
}
