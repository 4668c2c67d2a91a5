// /app/opportunities/board: the pipeline per motion. Columns are the stages, headed by the server's
// deal count and totals per currency over every matching deal (GET /opportunities/summary), not
// only the loaded cards; dragging a card (native HTML5 drag and drop) to another column PATCHes its
// stage, moved at once in the cards and the totals and moved back with a notification if the
// server refuses.
import { Badge, Box, Button, Card, Group, ScrollArea, SegmentedControl, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MOTIONS, type Opportunity, type OpportunitySummary, STAGES, type Stage, type StageSummary } from '../../../shared/opportunities.ts';
import { ClearFiltersButton } from '../../components/filters.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState } from '../../components/states.tsx';
import { api, errorMessage } from '../../lib/api.ts';
import { crmKeys, type Filters, type ListPage, useCrmList } from '../crm/crm-queries.ts';
import { filterSearch, SearchBox, useDay, useListFilters, useMoney } from '../crm/list.tsx';
import { OwnerSelect } from '../crm/OwnerSelect.tsx';
import { SavedViews } from '../crm/SavedViews.tsx';
import { summaryKey, useOpportunitySummary } from './board-summary.ts';
import { ColumnTotals, type TotalsState } from './ColumnTotals.tsx';
import { OpportunityViewSwitch } from './OpportunityListPage.tsx';
import { STAGE_COLORS } from './StageBadge.tsx';
import { moveInSummary } from './summary-move.ts';

export const boardSearch = filterSearch(['q', 'motion', 'ownerUserId']);

const COLUMN_LIMIT = 50;
type Pages = InfiniteData<ListPage<Opportunity>, string | undefined>;

const columnFilters = (filters: Filters, stage: Stage): Filters => ({ ...filters, stage, sort: 'closeDate' });
const columnKey = (filters: Filters, stage: Stage) => crmKeys.list('opportunities', columnFilters(filters, stage), COLUMN_LIMIT);

/** Moves a deal to a stage: optimistic in the board's cache, rolled back when the PATCH fails. */
function useMoveStage(filters: Filters) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ opp, to }: { opp: Opportunity; to: Stage }) =>
      api<Opportunity>(`/api/v1/opportunities/${opp.id}`, { method: 'PATCH', body: { stage: to } }),
    onMutate: async ({ opp, to }) => {
      const fromKey = columnKey(filters, opp.stage);
      const toKey = columnKey(filters, to);
      await queryClient.cancelQueries({ queryKey: fromKey });
      await queryClient.cancelQueries({ queryKey: toKey });
      await queryClient.cancelQueries({ queryKey: summaryKey(filters) });
      const before = {
        from: queryClient.getQueryData<Pages>(fromKey),
        to: queryClient.getQueryData<Pages>(toKey),
        summary: queryClient.getQueryData<OpportunitySummary>(summaryKey(filters)),
      };
      queryClient.setQueryData<OpportunitySummary>(summaryKey(filters), (old) => old && moveInSummary(old, opp, to));
      queryClient.setQueryData<Pages>(
        fromKey,
        (old) => old && { ...old, pages: old.pages.map((p) => ({ ...p, data: p.data.filter((o) => o.id !== opp.id) })) },
      );
      queryClient.setQueryData<Pages>(
        toKey,
        (old) => old && { ...old, pages: old.pages.map((p, i) => (i === 0 ? { ...p, data: [{ ...opp, stage: to }, ...p.data] } : p)) },
      );
      return { before, fromKey, toKey };
    },
    onError: (error, { opp }, context) => {
      if (context) {
        queryClient.setQueryData(context.fromKey, context.before.from);
        queryClient.setQueryData(context.toKey, context.before.to);
        queryClient.setQueryData(summaryKey(filters), context.before.summary);
      }
      notifications.show({
        color: 'red',
        title: t('crm.opportunities.moveFailed', { name: opp.name, stage: t(`crm.opportunities.stages.${opp.stage}`) }),
        message: errorMessage(error, t('errors.generic')),
      });
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(crmKeys.one('opportunities', updated.id), updated);
      notifications.show({
        color: 'green',
        message: t('crm.opportunities.moved', { name: updated.name, stage: t(`crm.opportunities.stages.${updated.stage}`) }),
      });
    },
    onSettled: (_data, _error, { opp }) => {
      void queryClient.invalidateQueries({ queryKey: crmKeys.lists('opportunities') });
      void queryClient.invalidateQueries({ queryKey: crmKeys.timeline('opportunities', opp.id) });
    },
  });
}

export function PipelineBoardPage() {
  const { t } = useTranslation();
  const list = useListFilters('/app/opportunities/board');
  const { filters } = list;
  const move = useMoveStage(filters);
  const summary = useOpportunitySummary(filters);
  const [dragging, setDragging] = useState<Opportunity | null>(null);

  return (
    <>
      <PageHeader
        title={t('crm.opportunities.boardTitle')}
        subtitle={t('crm.opportunities.boardSubtitle')}
        actions={
          <>
            <OpportunityViewSwitch value="board" />
            <SavedViews entity="board" filters={filters} onApply={list.apply} />
          </>
        }
      />
      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="center">
          <SegmentedControl
            value={filters.motion ?? 'all'}
            onChange={(v) => list.set('motion', v === 'all' ? undefined : v)}
            data={[
              { value: 'all', label: t('crm.opportunities.allMotions') },
              ...MOTIONS.map((value) => ({ value, label: t(`crm.opportunities.motions.${value}`) })),
            ]}
            data-testid="board-motion"
          />
          <SearchBox value={list.q} onChange={list.setQ} placeholder={t('crm.opportunities.searchPlaceholder')} testId="board-search" />
          <OwnerSelect mode="filter" value={filters.ownerUserId ?? null} onChange={(v) => list.set('ownerUserId', v)} w={{ base: '100%', xs: 220 }} />
          {list.filtered && <ClearFiltersButton onClick={list.clear} />}
        </Group>
      </Card>
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="stretch" gap="sm" wrap="nowrap" pb="sm" data-testid="board">
          {STAGES.map((stage) => (
            <Column
              key={stage}
              stage={stage}
              filters={filters}
              summary={summary.data?.data.find((x) => x.stage === stage)}
              totals={summary}
              dragging={dragging}
              onDragStart={setDragging}
              onDragEnd={() => setDragging(null)}
              onDrop={(opp) => {
                setDragging(null);
                if (opp.stage !== stage) move.mutate({ opp, to: stage });
              }}
            />
          ))}
        </Group>
      </ScrollArea>
    </>
  );
}

function Column({
  stage,
  filters,
  summary,
  totals,
  dragging,
  onDragStart,
  onDragEnd,
  onDrop,
}: {
  stage: Stage;
  filters: Filters;
  summary: StageSummary | undefined;
  totals: TotalsState;
  dragging: Opportunity | null;
  onDragStart: (o: Opportunity) => void;
  onDragEnd: () => void;
  onDrop: (o: Opportunity) => void;
}) {
  const { t } = useTranslation();
  const query = useCrmList<Opportunity>('opportunities', columnFilters(filters, stage), { limit: COLUMN_LIMIT });
  const cards = query.data?.pages.flatMap((p) => p.data) ?? [];
  const [over, setOver] = useState(false);
  const droppable = dragging !== null && dragging.stage !== stage;

  const handleDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (dragging) onDrop(dragging);
  };

  return (
    <Box
      miw={176}
      p="xs"
      bg={over && droppable ? 'var(--mantine-primary-color-light)' : 'gray.1'}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        outline: droppable ? `2px dashed ${over ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-gray-4)'}` : undefined,
        transition: 'background-color 120ms',
        flex: '1 1 0',
      }}
      onDragOver={(e) => {
        if (!droppable) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={handleDrop}
      data-testid={`board-column-${stage}`}
    >
      <Stack gap={2} px={4} mb="xs">
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Box w={8} h={8} miw={8} bg={`${STAGE_COLORS[stage]}.6`} style={{ borderRadius: '50%' }} />
            <Text fw={700} fz={13} truncate="end" title={t(`crm.opportunities.stages.${stage}`)}>
              {t(`crm.opportunities.stages.${stage}`)}
            </Text>
          </Group>
          {summary ? (
            <Tooltip label={t('crm.board.deals', { count: summary.count })}>
              <Badge size="sm" variant="default" style={{ flexShrink: 0, overflow: 'visible' }} data-testid={`board-count-${stage}`}>
                {summary.count}
              </Badge>
            </Tooltip>
          ) : (
            totals.isPending && <Skeleton h={18} w={28} radius="xl" />
          )}
        </Group>
        <ColumnTotals summary={summary} totals={totals} stage={stage} />
      </Stack>
      {query.isError ? (
        <ErrorState compact error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Stack gap="xs">
          <Skeleton h={72} />
          <Skeleton h={72} />
        </Stack>
      ) : (
        <Stack gap="xs" mih={120}>
          {cards.map((o) => (
            <DealCard key={o.id} opp={o} onDragStart={onDragStart} onDragEnd={onDragEnd} faded={dragging?.id === o.id} />
          ))}
          {cards.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="lg">
              {droppable ? t('crm.opportunities.dropHere') : t('crm.opportunities.boardEmpty')}
            </Text>
          )}
          {query.hasNextPage && (
            <Button size="xs" variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </Box>
  );
}

function DealCard({
  opp,
  onDragStart,
  onDragEnd,
  faded,
}: {
  opp: Opportunity;
  onDragStart: (o: Opportunity) => void;
  onDragEnd: () => void;
  faded: boolean;
}) {
  const money = useMoney();
  const day = useDay();
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <Card
      p="sm"
      withBorder
      draggable
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', opp.id);
        onDragStart(opp);
      }}
      onDragEnd={onDragEnd}
      onClick={() => void navigate({ to: '/app/opportunities/$opportunityId', params: { opportunityId: opp.id } })}
      style={{ cursor: 'grab', opacity: faded ? 0.4 : 1 }}
      data-testid="board-card"
      data-id={opp.id}
      aria-label={opp.name}
    >
      <Text fw={600} size="sm" lineClamp={2}>
        {opp.name}
      </Text>
      <Text size="xs" c="dimmed" truncate="end">
        {opp.account.name}
      </Text>
      <Group justify="space-between" mt={6} gap={4} wrap="wrap">
        <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {money.format(opp.amount)}
        </Text>
        <Text size="xs" c="dimmed">
          {day(opp.closeDate)}
        </Text>
      </Group>
      {opp.motion && (
        <Badge size="xs" variant="light" color="gray" mt={6}>
          {t(`crm.opportunities.motions.${opp.motion}`)}
        </Badge>
      )}
    </Card>
  );
}
