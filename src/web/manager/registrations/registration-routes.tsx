// The staff app's registration routes (/app/registrations/…): the queue, the metrics, one registration.
import { type AnyRoute, createRoute } from '@tanstack/react-router';
import { queueSearch } from './queue-search.ts';
import { RegistrationMetricsPage } from './RegistrationMetricsPage.tsx';
import { RegistrationQueuePage } from './RegistrationQueuePage.tsx';
import { RegistrationShowPage } from './RegistrationShowPage.tsx';

/** The child routes of /app for registrations. */
export function registrationRoutes<P extends AnyRoute>(app: P) {
  const parent = () => app;
  return [
    createRoute({ getParentRoute: parent, path: 'registrations', validateSearch: queueSearch, component: RegistrationQueuePage }),
    createRoute({ getParentRoute: parent, path: 'registrations/metrics', component: RegistrationMetricsPage }),
    createRoute({ getParentRoute: parent, path: 'registrations/$registrationId', component: RegistrationShowPage }),
  ] as const;
}
