// Small pieces of the registration pages: status, type and duplicate-verdict badges, the live SLA
// countdown, the protection badge, and match and conflict reasons in the UI's language.
import { Badge, type BadgeProps, Group, Text, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconAlertTriangle, IconClock, IconClockPause, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration, RegistrationStatus } from '../../../shared/registrations.ts';
import { useFormat } from '../../lib/format.ts';
import { useProgramSettings } from '../settings/program/program-queries.ts';
import { hms, hoursLeftNow, isBusinessTime } from './business-clock.ts';
import { claimNumberOf, conflictReasonMessage, matchReasonMessage } from './reason-text.ts';

/** Badges keep their width in narrow table cells (a Badge may otherwise shrink to its ellipsis). */
const KEEP = { flexShrink: 0, overflow: 'visible' } as const;
const KEEP_LABEL = { label: { overflow: 'visible', textOverflow: 'clip' } } as const;

const STATUS_COLORS: Record<RegistrationStatus, string> = {
  submitted: 'blue',
  in_review: 'indigo',
  approved: 'green',
  rejected: 'red',
  expired: 'gray',
  released: 'gray',
  withdrawn: 'gray',
};

export function StatusBadge({ status, ...props }: { status: RegistrationStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm" style={KEEP} styles={KEEP_LABEL} {...props}>
      {t(`registrations.statuses.${status}`)}
    </Badge>
  );
}

type Verdict = Registration['duplicateCheck']['verdict'];
const VERDICT_COLORS: Record<Verdict, string> = { no_match: 'gray', possible_duplicate: 'yellow', conflict: 'red' };

export function VerdictBadge({ verdict, ...props }: { verdict: Verdict } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant={verdict === 'no_match' ? 'default' : 'light'}
      color={VERDICT_COLORS[verdict]}
      radius="sm"
      style={KEEP}
      styles={KEEP_LABEL}
      leftSection={verdict === 'conflict' ? <IconAlertTriangle size={12} /> : undefined}
      data-verdict={verdict}
      {...props}
    >
      {t(`registrations.verdicts.${verdict}`)}
    </Badge>
  );
}

export function TypeBadge({ type }: { type: Registration['type'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="default" radius="sm" size="sm" style={KEEP} styles={KEEP_LABEL}>
      {t(`registrations.types.${type}`)}
    </Badge>
  );
}

/** A partner's tier as it is written in the partner's record (gold → Gold). */
export function tierLabel(tier: string | null): string | null {
  return tier ? tier.charAt(0).toUpperCase() + tier.slice(1) : null;
}

// Breached is the one filled badge: red.9 keeps white text at 4.5:1 (the light variants reach it through styles.css).
const SLA_COLORS = { on_track: 'teal', at_risk: 'orange', breached: 'red.9' } as const;

/** Re-renders every second while `on`. */
function useTick(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), 1000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: start and stop with `on` only
  useEffect(() => {
    if (on) interval.start();
    else interval.stop();
    return interval.stop;
  }, [on]);
  return on ? now : Date.now();
}

/**
 * The decision SLA as a countdown of business hours: the server's figure at `fetchedAt`, ticking
 * down each second while the workspace is in working hours, paused (with a pause icon) outside them.
 */
export function SlaCountdown({
  sla,
  fetchedAt,
  size = 'sm',
  testId,
}: {
  sla: NonNullable<Registration['decisionSla']>;
  fetchedAt: number;
  size?: 'sm' | 'lg';
  testId?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const program = useProgramSettings();
  const calendar = program.data?.calendar;
  const now = useTick(Boolean(calendar) && sla.remainingBusinessHours !== null);
  const running = calendar ? isBusinessTime(new Date(now), calendar) : false;

  if (sla.remainingBusinessHours === null) return null;
  const left = hoursLeftNow(sla.remainingBusinessHours, fetchedAt, now, running);
  const breached = left <= 0 || sla.state === 'breached';
  const state = breached ? 'breached' : sla.state;
  const { h, m, s } = hms(left);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = size === 'lg' && running ? `${h} h ${pad(m)} min ${pad(s)} s` : `${h} h ${pad(m)} min`;
  const label = breached ? t('registrations.sla.overdue', { time }) : size === 'lg' ? t('registrations.sla.left', { time }) : time;
  const Icon = breached ? IconAlertTriangle : running ? IconClock : IconClockPause;
  return (
    <Tooltip
      multiline
      w={260}
      label={
        <>
          <Text size="xs" fw={600}>
            {t(`registrations.sla.states.${state}`)}
          </Text>
          {!breached && <Text size="xs">{t('registrations.sla.businessLeft', { time })}</Text>}
          <Text size="xs">{t('registrations.sla.due', { date: format.dateTime(sla.dueAt) })}</Text>
          <Text size="xs">{running ? t('registrations.sla.running') : t('registrations.sla.paused')}</Text>
        </>
      }
    >
      <Badge
        variant={state === 'breached' ? 'filled' : 'light'}
        color={SLA_COLORS[state]}
        size={size === 'lg' ? 'lg' : 'md'}
        radius="sm"
        style={KEEP}
        leftSection={<Icon size={size === 'lg' ? 16 : 13} />}
        styles={{ label: { ...KEEP_LABEL.label, fontVariantNumeric: 'tabular-nums', textTransform: 'none' } }}
        data-testid={testId}
        data-sla-state={state}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

const PROTECTION_COLORS = { active: 'green', expiring: 'orange', expired: 'gray', released: 'gray' } as const;

export function ProtectionBadge({ protection, compact }: { protection: NonNullable<Registration['protection']>; compact?: boolean }) {
  const { t } = useTranslation();
  const live = protection.state === 'active' || protection.state === 'expiring';
  return (
    <Badge
      variant="light"
      color={PROTECTION_COLORS[protection.state]}
      radius="sm"
      style={KEEP}
      styles={KEEP_LABEL}
      leftSection={<IconShieldCheck size={12} />}
    >
      {live
        ? t(compact ? 'registrations.protection.daysLeftShort' : 'registrations.protection.daysLeft', { count: protection.daysLeft })
        : t(`registrations.protection.states.${protection.state}`)}
    </Badge>
  );
}

/**
 * How the server names another partner in a conflict ("partner of REG-00001"): its real name when
 * the page knows that registration (`partners`: number → partner name), else "the partner of REG-00001".
 */
function usePartnerName(partners: ReadonlyMap<string, string>) {
  const { t } = useTranslation();
  return (name: string) => {
    const number = claimNumberOf(name);
    if (!number) return name;
    return partners.get(number) ?? t('registrations.conflict.partnerOf', { number });
  };
}

/** A match reason (`same web domain acme.de`) in the UI's language; unknown ones as the server words them. */
export function useMatchReasonText() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (reason: { code: string; text: string }): string => {
    if (i18n.language === 'en') return reason.text;
    const m = matchReasonMessage(reason);
    if (!m) return reason.text;
    const v = { ...m.values };
    if (v.score) v.score = format.number(Number(v.score));
    if (v.stage && i18n.exists(`crm.opportunities.stages.${v.stage}`)) v.stage = t(`crm.opportunities.stages.${v.stage}` as never);
    if (m.key === 'extra_words')
      return t(v.side === 'new' ? 'registrations.reasons.extraWordsNew' : 'registrations.reasons.extraWordsExisting', { words: v.words });
    return i18n.exists(`registrations.reasons.${m.key}`) ? t(`registrations.reasons.${m.key}` as never, v) : reason.text;
  };
}

const CERTS: Record<string, string> = { certified: 'certified', 'in certification': 'in_progress', 'not certified': 'none' };

/** A conflict reason in the UI's language, partners by name where known; unknown ones as the server words them. */
export function useConflictReasonText(partners: ReadonlyMap<string, string> = new Map()) {
  const { t, i18n } = useTranslation();
  const partner = usePartnerName(partners);
  return (reason: { code: string; text: string }): string => {
    const m = conflictReasonMessage(reason);
    if (!m || !i18n.exists(`registrations.conflictReasons.${m.key}`)) return reason.text;
    const v = { ...m.values };
    if (v.winner) v.winner = partner(v.winner);
    if (v.loser) v.loser = partner(v.loser);
    for (const k of ['winnerCert', 'loserCert'] as const) if (v[k]) v[k] = t(`registrations.certifications.${CERTS[v[k]] ?? 'none'}` as never);
    const text: string = t(`registrations.conflictReasons.${m.key}` as never, v);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}

/** A label and value pair in a compact line: "Motion: Resale". */
export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {children}
      </Text>
    </Group>
  );
}
