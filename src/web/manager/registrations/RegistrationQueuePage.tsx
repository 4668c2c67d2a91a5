// /app/registrations: the staff queue of deal and lead registrations. Tabs "Needs decision" (open,
// most urgent SLA first), "Conflicts", "All" and the metrics; filters in the URL; a table with the
// SLA countdown, duplicate verdict and approver of each registration; "load more" by cursor.
import { Card, Group, MultiSelect, Select, Stack, Table, Text } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MOTIONS } from '../../../shared/opportunities.ts';
import { REGISTRATION_STATUSES, type Registration } from '../../../shared/registrations.ts';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import type { Partner } from '../../lib/api-types.ts';
import { useFormat } from '../../lib/format.ts';
import { SearchBox, TableSkeleton, useMoney } from '../crm/list.tsx';
import { RecordPicker } from '../crm/RecordPicker.tsx';
import { partnerKeys } from '../partners/partner-queries.ts';
import { useApprovers } from './ApproverSelect.tsx';
import { ProtectionBadge, SlaCountdown, StatusBadge, tierLabel, VerdictBadge } from './parts.tsx';
import { QueueHeader } from './QueueHeader.tsx';
import { type QueueSearch, useQueueFilters } from './queue-search.ts';
import { type QueueQuery, useRegistrationQueue } from './registration-queries.ts';

const OPEN = 'submitted,in_review';

/** The filters sent to the server for a tab and the URL's filters. */
function queryOf(s: QueueSearch): QueueQuery {
  const tab = s.tab ?? 'needs';
  return {
    status: s.status ?? (tab === 'all' ? undefined : OPEN),
    verdict: tab === 'conflicts' ? 'conflict' : s.verdict,
    partnerId: s.partnerId,
    approverUserId: s.approverUserId,
    motion: s.motion,
    q: s.q,
    sort: s.sort ?? (tab === 'all' ? 'createdAt' : 'decisionDueAt'),
  };
}

export function RegistrationQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useQueueFilters();
  const search = list.search;
  const tab = search.tab ?? 'needs';
  const query = useRegistrationQueue(queryOf(search));
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const fetchedAt = query.dataUpdatedAt;
  const approvers = useApprovers();
  const statusChoices = tab === 'needs' ? (['submitted', 'in_review'] as const) : REGISTRATION_STATUSES;

  return (
    <>
      <QueueHeader active={tab} />

      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SearchBox value={list.q} onChange={list.setQ} placeholder={t('registrations.queue.searchPlaceholder')} testId="registrations-search" />
          <PartnerFilter value={search.partnerId ?? null} onChange={(id) => list.set('partnerId', id ?? undefined)} />
          <MultiSelect
            aria-label={t('registrations.fields.status')}
            placeholder={search.status ? undefined : tab === 'all' ? t('registrations.queue.anyStatus') : t('registrations.queue.openStatuses')}
            data={statusChoices.map((value) => ({ value, label: t(`registrations.statuses.${value}`) }))}
            value={search.status ? search.status.split(',') : []}
            onChange={(v) => list.set('status', v.join(',') || undefined)}
            clearable
            w={{ base: '100%', xs: 220 }}
            data-testid="registrations-status-filter"
          />
          {tab !== 'conflicts' && (
            <Select
              aria-label={t('registrations.fields.duplicateCheck')}
              placeholder={t('registrations.queue.anyVerdict')}
              data={(['conflict', 'possible_duplicate', 'no_match'] as const).map((value) => ({
                value,
                label: t(`registrations.verdicts.${value}`),
              }))}
              value={search.verdict ?? null}
              onChange={(v) => list.set('verdict', v ?? undefined)}
              clearable
              w={{ base: '100%', xs: 190 }}
              data-testid="registrations-verdict-filter"
            />
          )}
        </Group>
        <Group gap="sm" wrap="wrap" align="flex-end" mt="sm">
          <Select
            aria-label={t('registrations.fields.motion')}
            placeholder={t('registrations.queue.anyMotion')}
            data={MOTIONS.map((value) => ({ value, label: t(`crm.opportunities.motions.${value}`) }))}
            value={search.motion ?? null}
            onChange={(v) => list.set('motion', v ?? undefined)}
            clearable
            w={{ base: '100%', xs: 170 }}
          />
          <Select
            aria-label={t('registrations.fields.approver')}
            placeholder={t('registrations.queue.anyApprover')}
            data={approvers.options(search.approverUserId ?? null, t('registrations.queue.assignedToMe'))}
            value={search.approverUserId ?? null}
            onChange={(v) => list.set('approverUserId', v ?? undefined)}
            clearable
            searchable
            w={{ base: '100%', xs: 210 }}
            data-testid="registrations-approver-filter"
          />
          <Select
            aria-label={t('registrations.queue.sort')}
            data={[
              { value: 'decisionDueAt', label: t('registrations.queue.sortSla') },
              { value: 'createdAt', label: t('registrations.queue.sortNewest') },
            ]}
            value={queryOf(search).sort}
            onChange={(v) => v && list.set('sort', v === (tab === 'all' ? 'createdAt' : 'decisionDueAt') ? undefined : v)}
            allowDeselect={false}
            w={{ base: '100%', xs: 230 }}
            data-testid="registrations-sort"
          />
          {list.filtered && <ClearFiltersButton onClick={list.clear} />}
        </Group>
      </Card>

      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <TableSkeleton columns={7} />
      ) : rows.length === 0 ? (
        list.filtered ? (
          <NoMatchBlock title={t('registrations.queue.noMatchTitle')} text={t('registrations.queue.noMatchText')} onClear={list.clear} />
        ) : (
          <EmptyBlock
            icon={<IconClipboardCheck size={28} />}
            title={t(`registrations.queue.empty.${tab}.title`)}
            text={t(`registrations.queue.empty.${tab}.text`)}
          />
        )
      ) : (
        <PagedTableCard query={query} count={rows.length} minWidth={1020}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="registrations-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('registrations.fields.number')}</Table.Th>
                <Table.Th>{t('registrations.fields.company')}</Table.Th>
                <Table.Th>{t('registrations.fields.partner')}</Table.Th>
                <Table.Th ta="right">{t('registrations.fields.amount')}</Table.Th>
                <Table.Th>{t('registrations.queue.statusColumn')}</Table.Th>
                <Table.Th>{t('registrations.fields.duplicateCheck')}</Table.Th>
                <Table.Th pr="lg">{t('registrations.fields.approver')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <QueueRow
                  key={r.id}
                  r={r}
                  fetchedAt={fetchedAt}
                  onOpen={() => void navigate({ to: '/app/registrations/$registrationId', params: { registrationId: r.id } })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}
    </>
  );
}

/** The partner filter; a partner chosen before (in the URL) shows with its name. */
function PartnerFilter({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const chosen = useQuery({
    queryKey: partnerKeys.one(value ?? ''),
    queryFn: ({ signal }) => api<Partner>(`/api/v1/partners/${value}`, { signal }),
    enabled: Boolean(value),
    staleTime: 60_000,
  });
  const initial = value && chosen.data ? { id: value, name: chosen.data.name } : null;
  return (
    <RecordPicker
      // Mounted again once the chosen partner's name is known, so the input shows it.
      key={initial ? initial.id : 'none'}
      path="/api/v1/partners"
      aria-label={t('registrations.fields.partner')}
      placeholder={t('registrations.queue.anyPartner')}
      value={value}
      initial={initial}
      onChange={(id) => onChange(id)}
      clearable
      w={{ base: '100%', xs: 220 }}
      data-testid="registrations-partner-filter"
    />
  );
}

function QueueRow({ r, fetchedAt, onOpen }: { r: Registration; fetchedAt: number; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={onOpen} data-testid={`registration-row-${r.number}`}>
      <Table.Td pl="lg" style={{ whiteSpace: 'nowrap' }}>
        <AnchorLink
          to="/app/registrations/$registrationId"
          params={{ registrationId: r.id }}
          fw={600}
          c="dark"
          ff="monospace"
          size="sm"
          onClick={(e) => e.stopPropagation()}
        >
          {r.number}
        </AnchorLink>
        <Text size="xs" c="dimmed">
          {t(`registrations.types.${r.type}`)} · {t(`crm.opportunities.motions.${r.motion}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {format.relative(r.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} lineClamp={2} maw={200}>
          {r.company.name}
        </Text>
        <Text size="xs" c="dimmed" truncate="end" maw={170}>
          {r.company.domain ?? t('common.none')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} maw={170}>
          {r.partner.name}
        </Text>
        <Text size="xs" c="dimmed">
          {r.partner.tier ? t('registrations.tier', { tier: tierLabel(r.partner.tier) }) : t('common.none')}
        </Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{money.format(r.amount)}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <StatusBadge status={r.status} />
          {r.decisionSla ? (
            <SlaCountdown sla={r.decisionSla} fetchedAt={fetchedAt} testId={`registration-sla-${r.number}`} />
          ) : r.protection ? (
            <ProtectionBadge protection={r.protection} compact />
          ) : r.decidedAt ? (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('registrations.queue.decidedOn', { date: format.date(r.decidedAt) })}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <VerdictBadge verdict={r.duplicateCheck.verdict} />
        {r.claim.rank > 1 && (
          <Text size="xs" c="dimmed" mt={2}>
            {t('registrations.claim.rankShort', { rank: r.claim.rank })}
          </Text>
        )}
      </Table.Td>
      <Table.Td pr="lg">
        <Text size="sm" truncate="end" maw={140}>
          {r.approver?.name ?? t('registrations.queue.unassigned')}
        </Text>
        {r.queueId && (
          <Text size="xs" c="dimmed" truncate="end" maw={140}>
            {queueName(r.queueId, t)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A routing queue's name: the fallback queue has one in every language, others are named by their id. */
export function queueName(queueId: string, t: (key: 'registrations.queues.partner_managers') => string): string {
  return queueId === 'partner_managers' ? t('registrations.queues.partner_managers') : queueId;
}
