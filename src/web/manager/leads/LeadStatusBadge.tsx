// The status of a lead as a coloured badge.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LeadStatus } from '../../../shared/leads.ts';

const COLORS: Record<LeadStatus, string> = { new: 'blue', working: 'yellow', qualified: 'teal', disqualified: 'gray', converted: 'violet' };

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} radius="sm">
      {t(`crm.leads.statuses.${status}`)}
    </Badge>
  );
}
