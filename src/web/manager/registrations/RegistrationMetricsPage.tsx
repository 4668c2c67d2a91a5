// /app/registrations/metrics: the registrations area's head and tabs above the REG-12 dashboard.
import { RegistrationMetrics } from './metrics/RegistrationMetrics.tsx';
import { QueueHeader } from './QueueHeader.tsx';

export function RegistrationMetricsPage() {
  return (
    <>
      <QueueHeader active="metrics" />
      <RegistrationMetrics />
    </>
  );
}
