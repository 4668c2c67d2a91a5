// /app/opportunities: the deals with search, stage/motion/owner/close-date/amount filters, sort,
// deleted ones, saved views, CSV export and import, "load more" (the page itself is CrmListPage);
// a switch to the pipeline board.
import { Group, MultiSelect, NumberInput, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { IconBriefcase, IconLayoutKanban, IconList } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MOTIONS, OPPORTUNITY_SORTS, type Opportunity, type OpportunityInput, STAGES } from '../../../shared/opportunities.ts';
import { CellText, CrmListPage, type ListFilters, SubLine } from '../crm/CrmListPage.tsx';
import { filterSearch, useDay, useMoney } from '../crm/list.tsx';
import { useStaffNames } from '../crm/OwnerSelect.tsx';
import { ShareListButton } from '../sharing/ShareListButton.tsx';
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

/** An amount bound of the filter bar, applied when the input loses focus. */
function AmountBound({ list, field, label }: { list: ListFilters; field: 'amountMin' | 'amountMax'; label: string }) {
  return (
    <NumberInput
      label={label}
      min={0}
      value={list.filters[field] ?? ''}
      onBlur={(e) => list.set(field, e.currentTarget.value.replace(/[^\d.]/g, '') || undefined)}
      thousandSeparator
      w={{ base: '100%', xs: 140 }}
    />
  );
}

export function OpportunityListPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useDay();
  const owners = useStaffNames();
  return (
    <CrmListPage<Opportunity, OpportunityInput>
      entity="opportunities"
      testId="opportunity"
      icon={<IconBriefcase size={28} />}
      csv
      order
      headerActions={
        <>
          <ShareListButton />
          <OpportunityViewSwitch value="list" />
        </>
      }
      route={(o) => ({ to: '/app/opportunities/$opportunityId', params: { opportunityId: o.id } })}
      subtitle={(o) => <SubLine maw={320}>{o.account.name}</SubLine>}
      minWidth={1000}
      filters={({ filters, set }) => (
        <>
          <MultiSelect
            aria-label={t('crm.opportunities.stage')}
            placeholder={filters.stage ? undefined : t('crm.opportunities.anyStage')}
            data={STAGES.map((value) => ({ value, label: t(`crm.opportunities.stages.${value}`) }))}
            value={filters.stage ? filters.stage.split(',') : []}
            onChange={(v) => set('stage', v.join(',') || undefined)}
            clearable
            w={{ base: '100%', xs: 240 }}
          />
          <Select
            aria-label={t('crm.opportunities.motion')}
            placeholder={t('crm.opportunities.anyMotion')}
            data={MOTIONS.map((value) => ({ value, label: t(`crm.opportunities.motions.${value}`) }))}
            value={filters.motion ?? null}
            onChange={(v) => set('motion', v)}
            clearable
            w={{ base: '100%', xs: 160 }}
          />
        </>
      )}
      moreFilters={(list) => (
        <>
          <TextInput
            type="date"
            label={t('crm.opportunities.closeFrom')}
            value={list.filters.closeFrom ?? ''}
            onChange={(e) => list.set('closeFrom', e.currentTarget.value || undefined)}
            w={{ base: '100%', xs: 160 }}
          />
          <TextInput
            type="date"
            label={t('crm.opportunities.closeTo')}
            value={list.filters.closeTo ?? ''}
            onChange={(e) => list.set('closeTo', e.currentTarget.value || undefined)}
            w={{ base: '100%', xs: 160 }}
          />
          <AmountBound list={list} field="amountMin" label={`${t('crm.opportunities.amount')} ≥`} />
          <AmountBound list={list} field="amountMax" label={`${t('crm.opportunities.amount')} ≤`} />
        </>
      )}
      sort={{ default: 'closeDate', options: OPPORTUNITY_SORTS.map((value) => ({ value, label: t(`crm.opportunities.sorts.${value}`) })) }}
      columns={[
        { key: 'stage', label: t('crm.opportunities.stage'), nowrap: true, width: 130, cell: (o) => <StageBadge stage={o.stage} /> },
        {
          key: 'amount',
          label: t('crm.opportunities.amount'),
          align: 'right',
          nowrap: true,
          cell: (o) => (
            <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {money.format(o.amount)}
            </Text>
          ),
        },
        { key: 'close', label: t('crm.opportunities.closeDate'), nowrap: true, cell: (o) => <CellText>{day(o.closeDate)}</CellText> },
        {
          key: 'motion',
          label: t('crm.opportunities.motion'),
          cell: (o) => <CellText>{o.motion && t(`crm.opportunities.motions.${o.motion}`)}</CellText>,
        },
        { key: 'owner', label: t('crm.common.owner'), nowrap: true, cell: (o) => <CellText>{o.ownerUserId && owners.get(o.ownerUserId)}</CellText> },
      ]}
      createModal={(props) => <OpportunityFormModal {...props} />}
    />
  );
}
