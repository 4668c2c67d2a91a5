// /app/leads: leads with search, status and owner filters, sort, deleted ones, saved views and "load more".
import { Button, Card, Group, MultiSelect, Select, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconUserSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LEAD_STATUSES, type Lead, type LeadInput } from '../../../shared/leads.ts';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { useCreateRecord, useCrmList } from '../crm/crm-queries.ts';
import { DeletedToggle, filterSearch, SearchBox, SortSelect, TableSkeleton, useListFilters, useStaffNames } from '../crm/list.tsx';
import { SavedViews } from '../crm/SavedViews.tsx';
import { LeadFormModal } from './LeadFormModal.tsx';
import { LeadStatusBadge } from './LeadStatusBadge.tsx';

export const leadSearch = filterSearch(['q', 'status', 'ownerUserId', 'partnerId', 'deleted', 'sort']);

export function LeadListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const navigate = useNavigate();
  const owners = useStaffNames();
  const list = useListFilters('/app/leads');
  const { filters } = list;
  const [creating, create] = useDisclosure(false);
  const createLead = useCreateRecord<Lead, LeadInput>('leads');
  const query = useCrmList<Lead>('leads', filters);
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const canCreate = query.data?.pages[0]?.permissions?.create ?? true;

  const newButton = canCreate ? (
    <Button leftSection={<IconPlus size={18} />} onClick={create.open} data-testid="lead-new">
      {t('crm.leads.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('crm.leads.title')}
        subtitle={t('crm.leads.subtitle')}
        actions={
          <>
            <SavedViews entity="leads" filters={filters} onApply={list.apply} />
            {newButton}
          </>
        }
      />
      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SearchBox value={list.q} onChange={list.setQ} placeholder={t('crm.leads.searchPlaceholder')} testId="lead-search" />
          <MultiSelect
            aria-label={t('crm.leads.status')}
            placeholder={filters.status ? undefined : t('crm.leads.anyStatus')}
            data={LEAD_STATUSES.map((value) => ({ value, label: t(`crm.leads.statuses.${value}`) }))}
            value={filters.status ? filters.status.split(',') : []}
            onChange={(v) => list.set('status', v.join(',') || undefined)}
            clearable
            w={{ base: '100%', xs: 240 }}
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
            w={{ base: '100%', xs: 170 }}
          />
          <SortSelect
            value={filters.sort ?? 'createdAt'}
            options={[
              { value: 'createdAt', label: t('crm.leads.sortCreated') },
              { value: 'company', label: t('crm.leads.sortCompany') },
            ]}
            onChange={(v) => list.set('sort', v === 'createdAt' ? undefined : v)}
          />
          <DeletedToggle value={filters.deleted === 'only'} onChange={(v) => list.set('deleted', v ? 'only' : undefined)} />
          {list.filtered && <ClearFiltersButton onClick={list.clear} />}
        </Group>
      </Card>

      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        list.filtered ? (
          <NoMatchBlock title={t('crm.leads.noMatchTitle')} text={t('crm.leads.noMatchText')} onClear={list.clear} />
        ) : (
          <EmptyBlock icon={<IconUserSearch size={28} />} title={t('crm.leads.emptyTitle')} text={t('crm.leads.emptyText')} action={newButton} />
        )
      ) : (
        <PagedTableCard query={query} count={rows.length} minWidth={760}>
          <Table highlightOnHover data-testid="lead-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('crm.leads.name')}</Table.Th>
                <Table.Th>{t('crm.leads.company')}</Table.Th>
                <Table.Th>{t('crm.leads.status')}</Table.Th>
                <Table.Th>{t('crm.leads.email')}</Table.Th>
                <Table.Th pr="lg">{t('crm.common.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((l) => (
                <Table.Tr
                  key={l.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate({ to: '/app/leads/$leadId', params: { leadId: l.id } })}
                >
                  <Table.Td pl="lg">
                    <AnchorLink to="/app/leads/$leadId" params={{ leadId: l.id }} fw={600} c="dark" onClick={(e) => e.stopPropagation()}>
                      {l.name}
                    </AnchorLink>
                    {l.title && (
                      <Text size="xs" c="dimmed">
                        {l.title}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.company}</Text>
                    {l.companyDomain && (
                      <Text size="xs" c="dimmed">
                        {l.companyDomain}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <LeadStatusBadge status={l.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.email ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td pr="lg" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c="dimmed">
                      {format.date(l.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}

      <LeadFormModal
        opened={creating}
        onClose={() => {
          create.close();
          createLead.reset();
        }}
        pending={createLead.isPending}
        error={createLead.error}
        onSubmit={(input) =>
          createLead.mutate(input, {
            onSuccess: (l) => {
              create.close();
              createLead.reset();
              notifications.show({ color: 'green', message: t('crm.common.created', { name: l.name }) });
              void navigate({ to: '/app/leads/$leadId', params: { leadId: l.id } });
            },
          })
        }
      />
    </>
  );
}
