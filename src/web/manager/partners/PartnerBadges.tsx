// Coloured badges for a partner's type and lifecycle state.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LIFECYCLE_STATES, PARTNER_TYPES } from '../../../shared/partners.ts';

type PartnerType = (typeof PARTNER_TYPES)[number];
type LifecycleState = (typeof LIFECYCLE_STATES)[number];

const LIFECYCLE_COLORS: Record<LifecycleState, string> = {
  applied: 'violet',
  onboarding: 'blue',
  active: 'green',
  suspended: 'orange',
  offboarded: 'gray',
};

export function PartnerTypeBadge({ type }: { type: PartnerType }) {
  const { t } = useTranslation();
  return (
    <Badge variant="default" radius="sm" fw={500} tt="none">
      {t(`partners.types.${type}`)}
    </Badge>
  );
}

export function LifecycleBadge({ state }: { state: LifecycleState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={LIFECYCLE_COLORS[state] ?? 'gray'} radius="sm" tt="none" fw={600}>
      {t(`partners.lifecycleStates.${state}`)}
    </Badge>
  );
}
