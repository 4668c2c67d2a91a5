// A deal's protection as partners see it: a countdown while protected, a calm "not protected".
import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconShieldCheck, IconShieldOff, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PartnerDeal } from '../../../shared/portal.ts';
import { useFormat } from '../../lib/format.ts';

type Protection = NonNullable<PartnerDeal['protection']>;

const DAY = 86_400_000;

/** Whole days from now until `iso` (0 on its last day, negative once past). */
export function daysUntil(iso: string, now = new Date()): number {
  return Math.ceil((new Date(iso).getTime() - now.getTime()) / DAY);
}

const COLORS: Record<Protection['status'], string> = { none: 'gray', protected: 'teal', expiring: 'orange', expired: 'red' };

/** The protection status with its countdown (`15 days left`) or end date; `detail` adds the date line. */
export function ProtectionBadge({ protection, detail = false }: { protection: Protection; detail?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { status, expiresAt } = protection;
  const Icon = status === 'none' ? IconShieldOff : status === 'expired' ? IconShieldX : IconShieldCheck;
  const days = expiresAt ? Math.max(0, daysUntil(expiresAt)) : null;
  const label =
    status === 'none'
      ? t('portalPages.protection.none')
      : status === 'expired' || days === null
        ? t(`portalPages.protection.${status}`)
        : t('portalPages.protection.daysLeft', { count: days });
  const date =
    expiresAt && status !== 'none'
      ? status === 'expired'
        ? t('portalPages.protection.endedOn', { date: format.date(expiresAt) })
        : t('portalPages.protection.until', { date: format.date(expiresAt) })
      : status === 'none'
        ? t('portalPages.protection.noneHint')
        : null;
  const badge = (
    <Badge
      variant="light"
      color={COLORS[status]}
      radius="sm"
      tt="none"
      leftSection={<Icon size={12} />}
      style={{ flexShrink: 0 }}
      data-testid="protection-badge"
      data-status={status}
    >
      {label}
    </Badge>
  );
  if (status === 'none') {
    const quiet = (
      <Group gap={4} wrap="nowrap" c="dimmed" data-testid="protection-badge" data-status="none">
        <IconShieldOff size={14} aria-hidden />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {label}
        </Text>
      </Group>
    );
    return detail ? (
      <Stack gap={2}>
        {quiet}
        <Text size="xs" c="dimmed">
          {date}
        </Text>
      </Stack>
    ) : (
      <Tooltip label={date}>{quiet}</Tooltip>
    );
  }
  if (!detail) return date ? <Tooltip label={date}>{badge}</Tooltip> : badge;
  return (
    <Group gap={8} wrap="wrap">
      {badge}
      {date && (
        <Text size="xs" c="dimmed">
          {date}
        </Text>
      )}
    </Group>
  );
}
