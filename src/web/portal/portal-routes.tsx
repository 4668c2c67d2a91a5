// The routes inside the signed-in portal (/p/:slug/…): home, deals and one deal, leads, team, rules
// of engagement, and the areas whose features come later.
import { type AnyRoute, createRoute } from '@tanstack/react-router';
import { PortalDealPage } from './deals/PortalDealPage.tsx';
import { dealSearch, PortalDealsPage } from './deals/PortalDealsPage.tsx';
import { type PortalArea, PortalAreaPage } from './PortalAreaPage.tsx';
import { PortalHomePage } from './PortalHomePage.tsx';
import { PortalLeadsPage } from './PortalLeadsPage.tsx';
import { PortalRulesPage } from './PortalRulesPage.tsx';
import { PortalTeamPage } from './PortalTeamPage.tsx';
import { portalRegistrationRoutes } from './registrations/portal-registration-routes.tsx';

/** The child routes of the portal's signed-in shell. */
export function portalRoutes<P extends AnyRoute>(shell: P) {
  const parent = () => shell;
  const area = (name: PortalArea) => createRoute({ getParentRoute: parent, path: name, component: () => <PortalAreaPage area={name} /> });
  return [
    createRoute({ getParentRoute: parent, path: '/', component: PortalHomePage }),
    createRoute({ getParentRoute: parent, path: 'deals', validateSearch: dealSearch, component: PortalDealsPage }),
    createRoute({ getParentRoute: parent, path: 'deals/$dealId', component: PortalDealPage }),
    createRoute({ getParentRoute: parent, path: 'leads', component: PortalLeadsPage }),
    createRoute({ getParentRoute: parent, path: 'team', component: PortalTeamPage }),
    createRoute({ getParentRoute: parent, path: 'rules', component: PortalRulesPage }),
    ...portalRegistrationRoutes(shell),
    area('library'),
    area('courses'),
    area('announcements'),
  ] as const;
}
