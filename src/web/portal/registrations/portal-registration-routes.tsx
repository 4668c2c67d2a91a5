// The portal's registration routes (/p/:slug/registrations/…): my registrations, register, one registration.
import { type AnyRoute, createRoute } from '@tanstack/react-router';
import { PortalRegisterPage } from './PortalRegisterPage.tsx';
import { PortalRegistrationPage } from './PortalRegistrationPage.tsx';
import { PortalRegistrationsPage, registrationSearch } from './PortalRegistrationsPage.tsx';

/** `?created=1` on a registration's page: it was just submitted, so the confirmation shows. */
const createdSearch = (search: Record<string, unknown>): { created?: boolean } =>
  search.created === true || search.created === 1 || search.created === '1' || search.created === 'true' ? { created: true } : {};

/** The child routes of the portal shell for registrations. */
export function portalRegistrationRoutes<P extends AnyRoute>(shell: P) {
  const parent = () => shell;
  return [
    createRoute({ getParentRoute: parent, path: 'registrations', validateSearch: registrationSearch, component: PortalRegistrationsPage }),
    createRoute({ getParentRoute: parent, path: 'registrations/new', component: PortalRegisterPage }),
    createRoute({ getParentRoute: parent, path: 'registrations/$registrationId', validateSearch: createdSearch, component: PortalRegistrationPage }),
  ] as const;
}
