// The head of a board column below its name: the stage's totals per currency from the server and
// their amounts weighted by the stage's probability; a placeholder while they load, a retry when
// they failed.
import { ActionIcon, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Stage, StageSummary } from '../../../shared/opportunities.ts';
import { useMoney } from '../crm/list.tsx';

/** What the totals need of the summary query. */
export type TotalsState = { isPending: boolean; isError: boolean; refetch: () => unknown };

/** Under a column's name: its totals per currency and, dimmed, the same weighted by the stage's probability. */
export function ColumnTotals({ summary, totals, stage }: { summary: StageSummary | undefined; totals: TotalsState; stage: Stage }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (!summary) {
    if (totals.isError) {
      return (
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="red">
            {t('crm.board.totalsFailed')}
          </Text>
          <ActionIcon size="xs" variant="subtle" color="gray" aria-label={t('crm.board.retry')} onClick={() => void totals.refetch()}>
            <IconRefresh size={12} />
          </ActionIcon>
        </Group>
      );
    }
    return <Skeleton h={12} w="70%" mt={4} />;
  }
  if (!summary.totals.length) {
    return (
      <Text size="xs" c="dimmed" data-testid={`board-sum-${stage}`}>
        —
      </Text>
    );
  }
  // One currency: its weighted amount fits the column. Several: the line names the probability and
  // the amounts show on hover, so the header stays short.
  const single = summary.totals.length === 1;
  return (
    <div style={{ fontVariantNumeric: 'tabular-nums' }}>
      <Text size="xs" fw={600} data-testid={`board-sum-${stage}`}>
        {summary.totals.map((x) => (
          <span key={x.currency} style={{ display: 'block' }}>
            {money.format(x.amount)}
          </span>
        ))}
      </Text>
      {summary.probability > 0 && summary.probability < 100 && (
        <Tooltip
          label={
            <Stack gap={2}>
              <Text size="xs">{t('crm.board.weightedHint', { probability: summary.probability })}</Text>
              {summary.totals.map((x) => (
                <Text key={x.currency} size="xs" fw={600}>
                  {money.format(x.weighted)}
                </Text>
              ))}
            </Stack>
          }
          multiline
          w={240}
        >
          <Group gap={4} wrap="nowrap" style={{ cursor: 'help' }}>
            <Text size="xs" c="dimmed" data-testid={`board-weighted-${stage}`}>
              {single
                ? t('crm.board.weighted', { amounts: money.format(summary.totals[0].weighted) })
                : t('crm.board.weightedAt', { probability: summary.probability })}
            </Text>
            {!single && <IconInfoCircle size={12} color="var(--mantine-color-dimmed)" />}
          </Group>
        </Tooltip>
      )}
    </div>
  );
}
