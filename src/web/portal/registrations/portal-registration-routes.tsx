// The portal's registration routes (/p/:slug/registrations/…): register, my registrations, one registration.
import { type AnyRoute, createRoute } from '@tanstack/react-router';

/** The child routes of the portal shell for registrations. */
export function portalRegistrationRoutes<P extends AnyRoute>(shell: P) {
  const parent = () => shell;
  return [createRoute({ getParentRoute: parent, path: 'registrations', component: () => null })] as const;
}
