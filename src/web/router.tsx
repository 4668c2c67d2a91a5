// The routes of the SPA: staff login and app under /app, the partner portal under /p/:slug.

import { Center } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect, useRouter } from '@tanstack/react-router';
import { MagicLinkPage } from './auth/MagicLinkPage.tsx';
import { safeRedirect } from './auth/redirect.ts';
import { StaffLoginPage } from './auth/StaffLoginPage.tsx';
import { ErrorState, NotFoundState, PageLoader } from './components/states.tsx';
import { homeOf, loadMe } from './lib/session.ts';
import { AppLayout } from './manager/AppLayout.tsx';
import { AuditLogPage } from './manager/AuditLogPage.tsx';
import { type ComingSoonArea, ComingSoonPage } from './manager/ComingSoonPage.tsx';
import { crmRoutes } from './manager/crm-routes.tsx';
import { DashboardPage } from './manager/DashboardPage.tsx';
import { MailboxPage } from './manager/MailboxPage.tsx';
import { PartnerListPage } from './manager/partners/PartnerListPage.tsx';
import { PartnerShowPage } from './manager/partners/PartnerShowPage.tsx';
import { registrationRoutes } from './manager/registrations/registration-routes.tsx';
import { SettingsPage, type SettingsTab } from './manager/settings/SettingsPage.tsx';
import { PortalLayout } from './portal/PortalLayout.tsx';
import { PortalLoginPage } from './portal/PortalLoginPage.tsx';
import { portalRoutes } from './portal/portal-routes.tsx';
import { RegistrationLinkPage } from './registration-link/RegistrationLinkPage.tsx';
import { SharedLinkPage } from './shared-link/SharedLinkPage.tsx';

type RouterContext = { queryClient: QueryClient };

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);
const loginTab = (value: unknown) => oneOf(value, ['password', 'magic'] as const);

type LoginSearch = { redirect?: string; tab?: 'password' | 'magic' };
const loginSearch = (search: Record<string, unknown>): LoginSearch => ({ redirect: str(search.redirect), tab: loginTab(search.tab) });

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => <NotFoundState home="/" />,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const me = await loadMe(context.queryClient);
    throw redirect({ to: me ? homeOf(me) : '/login' });
  },
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: loginSearch,
  beforeLoad: async ({ context, search }) => {
    const me = await loadMe(context.queryClient);
    if (me) throw redirect({ to: me.actor.kind === 'staff' ? (safeRedirect(search.redirect) ?? '/app') : homeOf(me) });
  },
  component: StaffLoginPage,
});

const magicRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/auth/magic',
  validateSearch: (search: Record<string, unknown>): { token?: string; workspace?: string } => ({
    token: str(search.token),
    workspace: str(search.workspace),
  }),
  component: MagicLinkPage,
});

// A share link's page: no session, the token is the credential (the server answers 410 for dead links).
const sharedLinkRoute = createRoute({ getParentRoute: () => rootRoute, path: '/s/$token', component: SharedLinkPage });
// A partner's no-login registration form (/r/:token): the server answers 410 for a dead link.
const registrationLinkRoute = createRoute({ getParentRoute: () => rootRoute, path: '/r/$token', component: RegistrationLinkPage });

// ---- staff app ----

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app',
  beforeLoad: async ({ context, location }) => {
    const me = await loadMe(context.queryClient);
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } });
    if (me.actor.kind !== 'staff') throw redirect({ to: homeOf(me) });
  },
  component: AppLayout,
  pendingComponent: () => <PageLoader minHeight="100vh" />,
});

const dashboardRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: DashboardPage });

const partnersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'partners',
  validateSearch: (search: Record<string, unknown>): { q?: string; type?: string; lifecycleState?: string } => ({
    q: str(search.q),
    type: str(search.type),
    lifecycleState: str(search.lifecycleState),
  }),
  component: PartnerListPage,
});

const partnerRoute = createRoute({ getParentRoute: () => appRoute, path: 'partners/$partnerId', component: PartnerShowPage });

function comingSoonRoute(area: ComingSoonArea) {
  return createRoute({ getParentRoute: () => appRoute, path: area, component: () => <ComingSoonPage area={area} /> });
}

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  validateSearch: (search: Record<string, unknown>): { tab?: SettingsTab } => ({
    tab: oneOf<SettingsTab>(search.tab, ['general', 'branding', 'users', 'api-keys', 'visibility', 'program']),
  }),
  component: SettingsPage,
});

const auditRoute = createRoute({ getParentRoute: () => appRoute, path: 'audit', component: AuditLogPage });

const mailboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'mailbox',
  validateSearch: (search: Record<string, unknown>): { id?: string } => ({ id: str(search.id) }),
  component: MailboxPage,
});

// ---- partner portal ----

const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/p/$slug', component: Outlet });

const portalLoginRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'login',
  validateSearch: loginSearch,
  beforeLoad: async ({ context, params, search }) => {
    const me = await loadMe(context.queryClient);
    if (me?.actor.kind === 'partner_user' && me.workspace.slug === params.slug) {
      throw redirect({ to: safeRedirect(search.redirect) ?? homeOf(me) });
    }
  },
  component: PortalLoginPage,
});

const portalShellRoute = createRoute({
  getParentRoute: () => portalRoute,
  id: 'shell',
  beforeLoad: async ({ context, params, location }) => {
    const me = await loadMe(context.queryClient);
    if (me?.actor.kind !== 'partner_user' || me.workspace.slug !== params.slug) {
      throw redirect({ to: '/p/$slug/login', params: { slug: params.slug }, search: { redirect: location.href } });
    }
  },
  component: PortalLayout,
  pendingComponent: () => <PageLoader minHeight="100vh" />,
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  magicRoute,
  sharedLinkRoute,
  registrationLinkRoute,
  appRoute.addChildren([
    dashboardRoute,
    partnersRoute,
    partnerRoute,
    ...crmRoutes(appRoute),
    ...registrationRoutes(appRoute),
    comingSoonRoute('learning'),
    comingSoonRoute('announcements'),
    comingSoonRoute('analytics'),
    settingsRoute,
    auditRoute,
    mailboxRoute,
  ]),
  portalRoute.addChildren([portalLoginRoute, portalShellRoute.addChildren(portalRoutes(portalShellRoute))]),
]);

/** A route failed to load (say the server is down): explain, and retry the whole match. */
function RouteError({ error, reset }: { error: unknown; reset: () => void }) {
  const router = useRouter();
  return (
    <Center mih="60vh" p="xl">
      <ErrorState
        error={error}
        onRetry={() => {
          reset();
          void router.invalidate();
        }}
      />
    </Center>
  );
}

/** The router, with the query client in its context for route guards. */
export function buildRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: () => <NotFoundState />,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof buildRouter>;
  }
}
