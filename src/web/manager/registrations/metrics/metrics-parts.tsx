// Building blocks of the metrics dashboard: a stat card, a small labelled figure and the weekly column chart.
import { Box, Card, Group, Progress, Skeleton, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';

/** A headline figure with its label, an icon and one line of context under it. */
export function MetricCard({
  label,
  value,
  detail,
  icon: Icon,
  color = 'brand',
  loading,
  testId,
  children,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  icon: ComponentType<{ size?: number }>;
  color?: string;
  loading: boolean;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <Card p="md" h="100%">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Box style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            {label}
          </Text>
          {loading ? (
            <Skeleton h={30} w={90} mt={6} />
          ) : (
            <Text fz={28} fw={700} lh={1.2} mt={4} data-testid={testId}>
              {value}
            </Text>
          )}
        </Box>
        <ThemeIcon variant="light" color={color} size={40} radius="md">
          <Icon size={22} />
        </ThemeIcon>
      </Group>
      {children}
      {detail && !loading && (
        <Text size="xs" c="dimmed" mt={6}>
          {detail}
        </Text>
      )}
    </Card>
  );
}

/** A figure in a list: an icon, a label and the number on the right. */
export function FigureRow({
  icon: Icon,
  color,
  label,
  value,
  testId,
}: {
  icon: ComponentType<{ size?: number }>;
  color: string;
  label: string;
  value: number;
  testId?: string;
}) {
  const format = useFormat();
  return (
    <Group justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" color={color} size={32} radius="md">
          <Icon size={18} />
        </ThemeIcon>
        <Text size="sm">{label}</Text>
      </Group>
      <Text fw={700} fz="lg" data-testid={testId}>
        {format.number(value)}
      </Text>
    </Group>
  );
}

export type WeekBucket = { week: string; submitted: number; approved: number; rejected: number };

const SEGMENTS = [
  { key: 'approved', color: 'var(--mantine-color-teal-6)' },
  { key: 'rejected', color: 'var(--mantine-color-red-5)' },
  { key: 'other', color: 'var(--mantine-color-gray-4)' },
] as const;

/** Stacked columns per week (approved, rejected, the rest), with a tooltip per week and a legend. */
export function WeeklyColumns({ weeks, height = 160 }: { weeks: readonly WeekBucket[]; height?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = Math.max(1, ...weeks.map((w) => w.submitted));
  const short = new Intl.DateTimeFormat(format.locale, { day: 'numeric', month: 'short' });
  // Label every nth week so the axis stays readable on long periods.
  const every = Math.max(1, Math.ceil(weeks.length / 8));
  return (
    <Stack gap="xs">
      <Group
        gap={4}
        align="flex-end"
        h={height}
        wrap="nowrap"
        data-testid="metrics-weekly"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        {weeks.map((w) => {
          const parts = { approved: w.approved, rejected: w.rejected, other: Math.max(0, w.submitted - w.approved - w.rejected) };
          return (
            <Tooltip
              key={w.week}
              withArrow
              label={
                <Stack gap={2}>
                  <Text size="xs" fw={600}>
                    {t('program.metrics.weekOf', { date: format.date(`${w.week}T12:00:00`) })}
                  </Text>
                  <Text size="xs">
                    {t('program.metrics.submitted')}: {format.number(w.submitted)}
                  </Text>
                  {SEGMENTS.map((s) => (
                    <Text size="xs" key={s.key}>
                      {t(`program.metrics.series.${s.key}`)}: {format.number(parts[s.key])}
                    </Text>
                  ))}
                </Stack>
              }
            >
              <Stack
                gap={0}
                justify="flex-end"
                h={`${(w.submitted / max) * 100}%`}
                mih={w.submitted ? 3 : 0}
                style={{ flex: 1, maxWidth: 48, borderRadius: '4px 4px 0 0', overflow: 'hidden', cursor: 'default' }}
              >
                {SEGMENTS.filter((s) => parts[s.key] > 0).map((s) => (
                  <Box key={s.key} style={{ flex: parts[s.key], background: s.color, minHeight: 2 }} />
                ))}
              </Stack>
            </Tooltip>
          );
        })}
      </Group>
      <Group gap={4} wrap="nowrap">
        {weeks.map((w, i) => (
          <Text key={w.week} size="10px" c="dimmed" ta="center" style={{ flex: 1, maxWidth: 48, whiteSpace: 'nowrap', overflow: 'visible' }}>
            {i % every === 0 ? short.format(new Date(`${w.week}T12:00:00`)) : ''}
          </Text>
        ))}
      </Group>
      <Group gap="md" justify="center">
        {SEGMENTS.map((s) => (
          <Group gap={6} key={s.key}>
            <Box w={10} h={10} style={{ background: s.color, borderRadius: 2 }} />
            <Text size="xs" c="dimmed">
              {t(`program.metrics.series.${s.key}`)}
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

/** Horizontal bars of the top rejection reasons: label and count above, the share of all rejections as the bar. */
export function ReasonBars({ reasons, total }: { reasons: readonly { key: string; label: string; count: number }[]; total: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = Math.max(1, ...reasons.map((r) => r.count));
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Stack gap="sm" data-testid="metrics-reasons">
      {reasons.map((r) => (
        <div key={r.key}>
          <Group justify="space-between" wrap="nowrap" gap="sm" mb={4}>
            <Text size="sm" lineClamp={1} title={r.label}>
              {r.label}
            </Text>
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {t('program.metrics.rejections', { count: r.count })}
              {total > 0 && (
                <Text span size="xs" c="dimmed" fw={400} ml={6}>
                  {percent.format(r.count / total)}
                </Text>
              )}
            </Text>
          </Group>
          <Progress value={(r.count / max) * 100} color="red.5" size="md" radius="xl" aria-label={r.label} />
        </div>
      ))}
    </Stack>
  );
}
