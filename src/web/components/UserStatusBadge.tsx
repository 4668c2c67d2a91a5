// Whether a person (staff or partner user) has joined, is still invited or was deactivated.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../lib/api-types.ts';

const STATUS_COLORS: Record<Person['status'], string> = { active: 'green', invited: 'blue', deactivated: 'gray' };

export function UserStatusBadge({ status }: { status: Person['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status] ?? 'gray'} tt="none" radius="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}
