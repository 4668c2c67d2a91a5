// The public face of a workspace (name, locale, branding) for the portal's login page.
import { queryOptions } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import type { PublicWorkspace } from '../lib/api-types.ts';

export function publicWorkspaceQuery(slug: string) {
  return queryOptions({
    queryKey: ['public-workspace', slug],
    queryFn: ({ signal }) => api<PublicWorkspace>(`/api/v1/public/workspaces/${encodeURIComponent(slug)}`, { signal }),
    staleTime: 60_000,
  });
}
