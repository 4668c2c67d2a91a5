// The stage of an opportunity as a coloured badge.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../shared/opportunities.ts';

export const STAGE_COLORS: Record<Stage, string> = {
  prospecting: 'gray',
  qualification: 'blue',
  proposal: 'indigo',
  negotiation: 'violet',
  closed_won: 'teal',
  closed_lost: 'red',
};

export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STAGE_COLORS[stage]} radius="sm" style={{ flexShrink: 0, overflow: 'visible' }} data-testid="stage-badge">
      {t(`crm.opportunities.stages.${stage}`)}
    </Badge>
  );
}
