// How a registration's state reads in the portal: the status badge, the protection countdown and
// the one line that says what happens next (decision due, protected until, appeal until).
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconClockHour4, IconShieldCheck, IconShieldOff, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PartnerRegistration, RegistrationStatus } from '../../../shared/registrations.ts';
import { useFormat } from '../../lib/format.ts';

type Protection = NonNullable<PartnerRegistration['protection']>;

/** A calendar day (`2027-03-31`) as an instant inside that day everywhere, so formatting keeps the day. */
export function noonOf(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T12:00:00Z` : day;
}

export const STATUS_COLORS: Record<RegistrationStatus, string> = {
  submitted: 'blue',
  in_review: 'indigo',
  approved: 'teal',
  rejected: 'red',
  expired: 'orange',
  released: 'gray',
  withdrawn: 'gray',
};

/** The status as a badge. */
export function RegistrationStatusBadge({ status, size = 'md' }: { status: RegistrationStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm" tt="none" size={size} data-testid="reg-status" data-status={status}>
      {t(`portalRegistrations.status.${status}`)}
    </Badge>
  );
}

const PROTECTION_COLORS: Record<Protection['state'], string> = { active: 'teal', expiring: 'orange', expired: 'red', released: 'gray' };

/** The protection's countdown (`42 days left`, the end date in the tooltip) or how it ended. */
export function ProtectionCountdown({ protection }: { protection: Protection }) {
  const { t } = useTranslation();
  const format = useFormat();
  const live = protection.state === 'active' || protection.state === 'expiring';
  const Icon = live ? IconShieldCheck : protection.state === 'expired' ? IconShieldX : IconShieldOff;
  const label = live
    ? t('portalRegistrations.protection.daysLeft', { count: Math.max(0, protection.daysLeft) })
    : t(`portalRegistrations.protection.states.${protection.state}`);
  const until = live
    ? t('portalRegistrations.protection.until', { date: format.date(noonOf(protection.lastProtectedDay)) })
    : t('portalRegistrations.protection.endedOn', { date: format.date(noonOf(protection.lastProtectedDay)) });
  return (
    <Tooltip label={until}>
      <Badge
        variant="light"
        color={PROTECTION_COLORS[protection.state]}
        radius="sm"
        tt="none"
        leftSection={<Icon size={12} />}
        data-testid="reg-protection"
        data-state={protection.state}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

/** What happens next with the registration, in one short line (or nothing). */
export function NextStep({ r }: { r: PartnerRegistration }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (r.protection && r.status === 'approved') return <ProtectionCountdown protection={r.protection} />;
  if ((r.status === 'submitted' || r.status === 'in_review') && r.decisionDueAt) {
    const late = new Date(r.decisionDueAt).getTime() < Date.now();
    return (
      <Tooltip label={format.dateTime(r.decisionDueAt)}>
        <Group gap={4} wrap="nowrap" c="dimmed" data-testid="reg-decision-due">
          <IconClockHour4 size={14} aria-hidden />
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {late
              ? t('portalRegistrations.decision.overdue')
              : t('portalRegistrations.decision.dueRelative', { when: format.relative(r.decisionDueAt) })}
          </Text>
        </Group>
      </Tooltip>
    );
  }
  if (r.status === 'rejected' && r.appeals.some((a) => a.status === 'open')) {
    return (
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="reg-appeal-open">
        {t('portalRegistrations.appeal.underReview')}
      </Text>
    );
  }
  if (r.status === 'rejected' && r.actions.appeal && r.appealUntil) {
    return (
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('portalRegistrations.appeal.until', { date: format.date(r.appealUntil) })}
      </Text>
    );
  }
  if (r.protection) return <ProtectionCountdown protection={r.protection} />;
  return (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
}
