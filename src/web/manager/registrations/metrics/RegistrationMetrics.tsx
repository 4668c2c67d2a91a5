// The registration metrics dashboard (REG-12): time to decision, approval rate, rejection reasons,
// protections, registered vs unregistered deals and the weekly flow, for a period and a motion.
import { Badge, Card, Grid, Group, Progress, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import {
  IconAlarm,
  IconCalendarTime,
  IconChartBar,
  IconCircleCheck,
  IconClockHour4,
  IconHourglassHigh,
  IconShieldCheck,
  IconShieldOff,
  IconShieldPlus,
  IconTargetArrow,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MOTIONS, type Motion } from '../../../../shared/opportunities.ts';
import { CardTitle } from '../../../components/CardHeader.tsx';
import { EmptyBlock, ErrorState } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { useProgramSettings } from '../../settings/program/program-queries.ts';
import { FigureRow, MetricCard, ReasonBars, WeeklyColumns } from './metrics-parts.tsx';
import { durationParts, PERIOD_PRESETS, type Period, type PeriodPreset, periodOf } from './metrics-period.ts';

/** The answer of GET /api/v1/registrations/metrics. */
export type RegistrationMetricsAnswer = {
  period: Period;
  submitted: number;
  decided: number;
  approved: number;
  rejected: number;
  open: number;
  approvalRate: number | null;
  timeToDecision: { medianHours: number | null; p90Hours: number | null };
  decisionSlaMet: number | null;
  topRejectionReasons: { reason: string; label: string; count: number }[];
  protections: { active: number; expiringIn30Days: number; expiredInPeriod: number; extended: number };
  registeredVsUnregistered: {
    kind: 'registered' | 'unregistered';
    closed: number;
    won: number;
    winRate: number | null;
    averageWonAmount: { value: number; currency: string }[];
  }[];
  byWeek: { week: string; submitted: number; approved: number; rejected: number }[];
};

function useRegistrationMetrics(period: Period, motion: Motion | null) {
  return useQuery({
    queryKey: ['registrations', 'metrics', period, motion],
    queryFn: ({ signal }) =>
      api<RegistrationMetricsAnswer>('/api/v1/registrations/metrics', { query: { from: period.from, to: period.to, motion }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Formatting of the dashboard's figures in the UI language. */
function useFigures() {
  const format = useFormat();
  return useMemo(() => {
    const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 });
    const units = new Map<string, Intl.NumberFormat>();
    const unit = (u: string) => {
      let f = units.get(u);
      if (!f) {
        f = new Intl.NumberFormat(format.locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 });
        units.set(u, f);
      }
      return f;
    };
    return {
      percent: (x: number | null) => (x === null ? '—' : percent.format(x)),
      hours: (h: number | null) => {
        if (h === null) return '—';
        const { value, unit: u } = durationParts(h);
        return unit(u).format(value);
      },
      money: (value: number, currency: string) =>
        new Intl.NumberFormat(format.locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value),
    };
  }, [format.locale]);
}

/** The REG-12 dashboard; self-contained (its own period and motion filters), for a tab or a page of the registrations area. */
export function RegistrationMetrics() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const figures = useFigures();
  const [preset, setPreset] = useState<PeriodPreset>('d90');
  const [custom, setCustom] = useState<Partial<Period>>({});
  const [motion, setMotion] = useState<Motion | null>(null);
  const period = useMemo(() => periodOf(preset, new Date(), custom), [preset, custom]);
  const metrics = useRegistrationMetrics(period, motion);
  const program = useProgramSettings();

  // Rejection reasons in the reader's language when the program knows the key; else the server's label.
  const reasonLabel = (key: string, fallback: string) => {
    const lang = i18n.language === 'de' ? 'de' : 'en';
    return program.data?.settings.registration.rejectionReasons.find((r) => r.key === key)?.label[lang] ?? fallback;
  };

  const m = metrics.data;
  const loading = metrics.isPending;
  const refreshing = metrics.isFetching && !metrics.isPending;

  const filters = (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SegmentedControl
        size="xs"
        aria-label={t('program.metrics.period')}
        data={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`program.metrics.periods.${p}`) }))}
        value={preset}
        onChange={(v) => {
          if (v === 'custom') setCustom(period);
          setPreset(v as PeriodPreset);
        }}
        data-testid="metrics-period"
      />
      {preset === 'custom' && (
        <>
          <TextInput
            size="xs"
            type="date"
            label={t('program.metrics.from')}
            value={custom.from ?? ''}
            max={custom.to}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setCustom((c) => ({ ...c, from: value }));
            }}
            w={140}
            data-testid="metrics-from"
          />
          <TextInput
            size="xs"
            type="date"
            label={t('program.metrics.to')}
            value={custom.to ?? ''}
            min={custom.from}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setCustom((c) => ({ ...c, to: value }));
            }}
            w={140}
            data-testid="metrics-to"
          />
        </>
      )}
      <Select
        size="xs"
        aria-label={t('program.metrics.motion')}
        placeholder={t('program.metrics.allMotions')}
        data={MOTIONS.map((x) => ({ value: x, label: t(`crm.opportunities.motions.${x}`) }))}
        value={motion}
        onChange={(v) => setMotion((v as Motion | null) ?? null)}
        clearable
        w={170}
        data-testid="metrics-motion"
      />
    </Group>
  );

  const header = (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
      <div>
        <Text fw={700} fz="lg">
          {t('program.metrics.title')}
        </Text>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('program.metrics.subtitle')}
          </Text>
          {m && (
            <Badge variant="light" color="gray" radius="sm" tt="none" data-testid="metrics-range">
              {t('program.metrics.range', { from: format.date(`${m.period.from}T12:00:00`), to: format.date(`${m.period.to}T12:00:00`) })}
            </Badge>
          )}
        </Group>
      </div>
      {filters}
    </Group>
  );

  if (metrics.isError && !m) {
    return (
      <Stack gap="lg">
        {header}
        <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
      </Stack>
    );
  }

  const empty = m && m.submitted === 0 && m.protections.active === 0 && m.registeredVsUnregistered.every((s) => s.closed === 0);

  return (
    <Stack gap="lg" data-testid="registration-metrics" style={{ opacity: refreshing ? 0.7 : 1, transition: 'opacity 150ms' }}>
      {header}

      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="lg">
        <MetricCard
          label={t('program.metrics.medianDecision')}
          value={figures.hours(m?.timeToDecision.medianHours ?? null)}
          detail={m?.timeToDecision.medianHours == null ? t('program.metrics.noData') : t('program.metrics.medianDecisionHint')}
          icon={IconClockHour4}
          loading={loading}
          testId="metrics-median"
        />
        <MetricCard
          label={t('program.metrics.p90Decision')}
          value={figures.hours(m?.timeToDecision.p90Hours ?? null)}
          detail={m?.timeToDecision.p90Hours == null ? t('program.metrics.noData') : t('program.metrics.p90DecisionHint')}
          icon={IconHourglassHigh}
          color="violet"
          loading={loading}
          testId="metrics-p90"
        />
        <MetricCard
          label={t('program.metrics.approvalRate')}
          value={figures.percent(m?.approvalRate ?? null)}
          detail={m && t('program.metrics.approvalDetail', { approved: format.number(m.approved), rejected: format.number(m.rejected) })}
          icon={IconCircleCheck}
          color="teal"
          loading={loading}
          testId="metrics-approval-rate"
        >
          {m && m.approvalRate !== null && (
            <Progress.Root size="sm" mt="sm" radius="xl">
              <Progress.Section value={m.approvalRate * 100} color="teal" />
              <Progress.Section value={(1 - m.approvalRate) * 100} color="red.4" />
            </Progress.Root>
          )}
        </MetricCard>
        <MetricCard
          label={t('program.metrics.slaMet')}
          value={figures.percent(m?.decisionSlaMet ?? null)}
          detail={m && (m.decisionSlaMet === null ? t('program.metrics.noData') : t('program.metrics.slaMetDetail', { count: m.decided }))}
          icon={IconAlarm}
          color={m?.decisionSlaMet != null && m.decisionSlaMet < 0.8 ? 'orange' : 'blue'}
          loading={loading}
          testId="metrics-sla-met"
        >
          {m?.decisionSlaMet != null && (
            <Progress value={m.decisionSlaMet * 100} size="sm" mt="sm" radius="xl" color={m.decisionSlaMet < 0.8 ? 'orange' : 'blue'} />
          )}
        </MetricCard>
      </SimpleGrid>

      {empty ? (
        <EmptyBlock icon={<IconChartBar size={28} />} title={t('program.metrics.emptyTitle')} text={t('program.metrics.emptyText')} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card h="100%">
              <CardTitle title={t('program.metrics.weekly')} text={t('program.metrics.weeklyText')} mb="md" />
              {loading || !m ? (
                <Skeleton h={180} />
              ) : m.byWeek.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('program.metrics.emptyTitle')}
                </Text>
              ) : (
                <WeeklyColumns weeks={m.byWeek} />
              )}
              {m && (
                <SimpleGrid cols={3} mt="lg" spacing="sm">
                  {[
                    { label: t('program.metrics.submitted'), value: m.submitted, testId: 'metrics-submitted' },
                    { label: t('program.metrics.decided'), value: m.decided, testId: 'metrics-decided' },
                    { label: t('program.metrics.open'), value: m.open, testId: 'metrics-open' },
                  ].map((x) => (
                    <div key={x.label}>
                      <Text size="xs" c="dimmed">
                        {x.label}
                      </Text>
                      <Text fw={700} fz="xl" data-testid={x.testId}>
                        {format.number(x.value)}
                      </Text>
                    </div>
                  ))}
                </SimpleGrid>
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card h="100%">
              <CardTitle title={t('program.metrics.rejectionReasons')} text={t('program.metrics.rejectionReasonsText')} mb="md" />
              {loading || !m ? (
                <Stack gap="xs">
                  <Skeleton h={28} />
                  <Skeleton h={28} w="70%" />
                  <Skeleton h={28} w="40%" />
                </Stack>
              ) : m.topRejectionReasons.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="metrics-reasons-empty">
                  {t('program.metrics.rejectionEmpty')}
                </Text>
              ) : (
                <ReasonBars
                  reasons={m.topRejectionReasons.map((r) => ({ key: r.reason, label: reasonLabel(r.reason, r.label), count: r.count }))}
                  total={m.rejected}
                />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card h="100%">
              <CardTitle title={t('program.metrics.protections')} text={t('program.metrics.protectionsText')} mb="md" />
              {loading || !m ? (
                <Skeleton h={150} />
              ) : (
                <Stack gap="sm">
                  <FigureRow
                    icon={IconShieldCheck}
                    color="teal"
                    label={t('program.metrics.activeProtections')}
                    value={m.protections.active}
                    testId="metrics-protected"
                  />
                  <FigureRow
                    icon={IconCalendarTime}
                    color="orange"
                    label={t('program.metrics.expiringSoon')}
                    value={m.protections.expiringIn30Days}
                    testId="metrics-expiring"
                  />
                  <FigureRow
                    icon={IconShieldOff}
                    color="gray"
                    label={t('program.metrics.expiredInPeriod')}
                    value={m.protections.expiredInPeriod}
                    testId="metrics-expired"
                  />
                  <FigureRow
                    icon={IconShieldPlus}
                    color="blue"
                    label={t('program.metrics.extended')}
                    value={m.protections.extended}
                    testId="metrics-extended"
                  />
                </Stack>
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card h="100%">
              <CardTitle title={t('program.metrics.registered')} text={t('program.metrics.registeredText')} mb="md" />
              {loading || !m ? (
                <Skeleton h={150} />
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
                  {m.registeredVsUnregistered.map((s) => (
                    <Stack key={s.kind} gap={6} data-testid={`metrics-${s.kind}`}>
                      <Group gap="xs">
                        <IconTargetArrow size={16} color={s.kind === 'registered' ? 'var(--mantine-color-brand-6)' : 'var(--mantine-color-gray-6)'} />
                        <Text fw={600} size="sm">
                          {t(`program.metrics.kinds.${s.kind}`)}
                        </Text>
                      </Group>
                      <Group gap={6} align="baseline">
                        <Text fz={26} fw={700} lh={1.2}>
                          {figures.percent(s.winRate)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t('program.metrics.winRate')}
                        </Text>
                      </Group>
                      <Progress value={(s.winRate ?? 0) * 100} size="sm" radius="xl" color={s.kind === 'registered' ? 'brand' : 'gray.5'} />
                      <Text size="xs" c="dimmed">
                        {s.closed === 0
                          ? t('program.metrics.noClosed')
                          : t('program.metrics.wonOfClosed', { won: format.number(s.won), closed: format.number(s.closed) })}
                      </Text>
                      {s.averageWonAmount.length > 0 && (
                        <div>
                          <Text size="xs" c="dimmed">
                            {t('program.metrics.averageWon')}
                          </Text>
                          <Text size="sm" fw={600}>
                            {s.averageWonAmount.map((a) => figures.money(a.value, a.currency)).join(' · ')}
                          </Text>
                        </div>
                      )}
                    </Stack>
                  ))}
                </SimpleGrid>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
