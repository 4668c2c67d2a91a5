// /app/opportunities: the deals with search, stage/motion/owner/close-date/amount filters, sort,
// deleted ones, saved views, CSV export and "load more"; a switch to the pipeline board.
import { Button, Card, Group, MultiSelect, NumberInput, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBriefcase, IconFileImport, IconLayoutKanban, IconList, IconPlus, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MOTIONS, OPPORTUNITY_SORTS, type Opportunity, type OpportunityInput, STAGES } from '../../../shared/opportunities.ts';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useMe } from '../../lib/session.ts';
import { useCreateRecord, useCrmList } from '../crm/crm-queries.ts';
import {
  DeletedToggle,
  ExportButton,
  filterSearch,
  SearchBox,
  SortSelect,
  TableSkeleton,
  useDay,
  useListFilters,
  useMoney,
  useStaffNames,
} from '../crm/list.tsx';
import { SavedViews } from '../crm/SavedViews.tsx';
import { ImportWizard } from '../imports/ImportWizard.tsx';
import { OpportunityFormModal } from './OpportunityFormModal.tsx';
import { StageBadge } from './StageBadge.tsx';

export const opportunitySearch = filterSearch([
  'q',
  'stage',
  'motion',
  'ownerUserId',
  'accountId',
  'partnerId',
  'closeFrom',
  'closeTo',
  'amountMin',
  'amountMax',
  'deleted',
  'sort',
  'order',
]);

/** List | Board, above both views of the opportunities. */
export function OpportunityViewSwitch({ value }: { value: 'list' | 'board' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SegmentedControl
      value={value}
      onChange={(v) => void navigate({ to: v === 'board' ? '/app/opportunities/board' : '/app/opportunities' })}
      data={[
        {
          value: 'list',
          label: (
            <Group gap={6} wrap="nowrap">
              <IconList size={16} />
              {t('crm.opportunities.list')}
            </Group>
          ),
        },
        {
          value: 'board',
          label: (
            <Group gap={6} wrap="nowrap" data-testid="opportunities-board-tab">
              <IconLayoutKanban size={16} />
              {t('crm.opportunities.board')}
            </Group>
          ),
        },
      ]}
    />
  );
}

export function OpportunityListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const day = useDay();
  const owners = useStaffNames();
  const navigate = useNavigate();
  const list = useListFilters('/app/opportunities');
  const { filters } = list;
  const [creating, create] = useDisclosure(false);
  const [importing, importer] = useDisclosure(false);
  const createOpp = useCreateRecord<Opportunity, OpportunityInput>('opportunities');
  const query = useCrmList<Opportunity>('opportunities', filters);
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const canCreate = query.data?.pages[0]?.permissions?.create ?? true;
  const order = filters.order ?? 'asc';

  const newButton = canCreate ? (
    <Button leftSection={<IconPlus size={18} />} onClick={create.open} data-testid="opportunity-new">
      {t('crm.opportunities.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('crm.opportunities.title')}
        subtitle={t('crm.opportunities.subtitle')}
        actions={
          <>
            <OpportunityViewSwitch value="list" />
            <SavedViews entity="opportunities" filters={filters} onApply={list.apply} />
            <ExportButton entity="opportunities" filters={filters} />
            {canCreate && (
              <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importer.open} data-testid="opportunities-import">
                {t('crm.common.importCsv')}
              </Button>
            )}
            {newButton}
          </>
        }
      />

      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SearchBox value={list.q} onChange={list.setQ} placeholder={t('crm.opportunities.searchPlaceholder')} testId="opportunity-search" />
          <MultiSelect
            aria-label={t('crm.opportunities.stage')}
            placeholder={filters.stage ? undefined : t('crm.opportunities.anyStage')}
            data={STAGES.map((value) => ({ value, label: t(`crm.opportunities.stages.${value}`) }))}
            value={filters.stage ? filters.stage.split(',') : []}
            onChange={(v) => list.set('stage', v.join(',') || undefined)}
            clearable
            w={{ base: '100%', xs: 240 }}
          />
          <Select
            aria-label={t('crm.opportunities.motion')}
            placeholder={t('crm.opportunities.anyMotion')}
            data={MOTIONS.map((value) => ({ value, label: t(`crm.opportunities.motions.${value}`) }))}
            value={filters.motion ?? null}
            onChange={(v) => list.set('motion', v)}
            clearable
            w={{ base: '100%', xs: 160 }}
          />
          <Select
            aria-label={t('crm.common.owner')}
            placeholder={t('crm.common.anyOwner')}
            data={[
              { value: me.actor.id, label: t('crm.common.mine') },
              ...[...owners].filter(([id]) => id !== me.actor.id).map(([value, label]) => ({ value, label })),
            ]}
            value={filters.ownerUserId ?? null}
            onChange={(v) => list.set('ownerUserId', v)}
            clearable
            searchable
            w={{ base: '100%', xs: 160 }}
          />
        </Group>
        <Group gap="sm" wrap="wrap" align="flex-end" mt="sm">
          <TextInput
            type="date"
            label={t('crm.opportunities.closeFrom')}
            value={filters.closeFrom ?? ''}
            onChange={(e) => list.set('closeFrom', e.currentTarget.value || undefined)}
            w={{ base: '100%', xs: 160 }}
          />
          <TextInput
            type="date"
            label={t('crm.opportunities.closeTo')}
            value={filters.closeTo ?? ''}
            onChange={(e) => list.set('closeTo', e.currentTarget.value || undefined)}
            w={{ base: '100%', xs: 160 }}
          />
          <NumberInput
            label={`${t('crm.opportunities.amount')} ≥`}
            min={0}
            value={filters.amountMin ?? ''}
            onBlur={(e) => list.set('amountMin', e.currentTarget.value.replace(/[^\d.]/g, '') || undefined)}
            thousandSeparator
            w={{ base: '100%', xs: 140 }}
          />
          <NumberInput
            label={`${t('crm.opportunities.amount')} ≤`}
            min={0}
            value={filters.amountMax ?? ''}
            onBlur={(e) => list.set('amountMax', e.currentTarget.value.replace(/[^\d.]/g, '') || undefined)}
            thousandSeparator
            w={{ base: '100%', xs: 140 }}
          />
          <SortSelect
            value={filters.sort ?? 'closeDate'}
            options={OPPORTUNITY_SORTS.map((value) => ({ value, label: t(`crm.opportunities.sorts.${value}`) }))}
            onChange={(v) => list.set('sort', v === 'closeDate' ? undefined : v)}
          />
          <Button
            variant="default"
            px="sm"
            aria-label={order === 'asc' ? t('crm.common.ascending') : t('crm.common.descending')}
            title={order === 'asc' ? t('crm.common.ascending') : t('crm.common.descending')}
            onClick={() => list.set('order', order === 'asc' ? 'desc' : undefined)}
          >
            {order === 'asc' ? <IconSortAscending size={18} /> : <IconSortDescending size={18} />}
          </Button>
          <DeletedToggle value={filters.deleted === 'only'} onChange={(v) => list.set('deleted', v ? 'only' : undefined)} />
          {list.filtered && <ClearFiltersButton onClick={list.clear} />}
        </Group>
      </Card>

      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <TableSkeleton columns={6} />
      ) : rows.length === 0 ? (
        list.filtered ? (
          <NoMatchBlock title={t('crm.opportunities.noMatchTitle')} text={t('crm.opportunities.noMatchText')} onClear={list.clear} />
        ) : (
          <EmptyBlock
            icon={<IconBriefcase size={28} />}
            title={t('crm.opportunities.emptyTitle')}
            text={t('crm.opportunities.emptyText')}
            action={newButton}
          />
        )
      ) : (
        <PagedTableCard query={query} count={rows.length} minWidth={1000}>
          <Table highlightOnHover data-testid="opportunity-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('crm.opportunities.name')}</Table.Th>
                <Table.Th>{t('crm.opportunities.stage')}</Table.Th>
                <Table.Th ta="right">{t('crm.opportunities.amount')}</Table.Th>
                <Table.Th>{t('crm.opportunities.closeDate')}</Table.Th>
                <Table.Th>{t('crm.opportunities.motion')}</Table.Th>
                <Table.Th pr="lg">{t('crm.common.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr
                  key={o.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate({ to: '/app/opportunities/$opportunityId', params: { opportunityId: o.id } })}
                >
                  <Table.Td pl="lg">
                    <AnchorLink
                      to="/app/opportunities/$opportunityId"
                      params={{ opportunityId: o.id }}
                      fw={600}
                      c="dark"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {o.name}
                    </AnchorLink>
                    <Text size="xs" c="dimmed" truncate="end" maw={320}>
                      {o.account.name}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <StageBadge stage={o.stage} />
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {money.format(o.amount)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{day(o.closeDate)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{o.motion ? t(`crm.opportunities.motions.${o.motion}`) : t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td pr="lg" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{o.ownerUserId ? (owners.get(o.ownerUserId) ?? t('common.none')) : t('common.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}

      <OpportunityFormModal
        opened={creating}
        onClose={() => {
          create.close();
          createOpp.reset();
        }}
        pending={createOpp.isPending}
        error={createOpp.error}
        onSubmit={(input) =>
          createOpp.mutate(input, {
            onSuccess: (o) => {
              create.close();
              createOpp.reset();
              notifications.show({ color: 'green', message: t('crm.common.created', { name: o.name }) });
              void navigate({ to: '/app/opportunities/$opportunityId', params: { opportunityId: o.id } });
            },
          })
        }
      />
      <ImportWizard entity="opportunities" opened={importing} onClose={importer.close} />
    </>
  );
}
