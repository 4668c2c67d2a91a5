// /app/accounts: accounts with search, status/country/segment filters, sort, deleted ones, saved
// views, CSV export and "load more".
import { Badge, Button, Card, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBuildingSkyscraper, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Account, type AccountInput, CUSTOMER_STATUSES } from '../../../shared/accounts.ts';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { useCreateRecord, useCrmList } from '../crm/crm-queries.ts';
import { DeletedToggle, ExportButton, filterSearch, SearchBox, SortSelect, TableSkeleton, useListFilters, useStaffNames } from '../crm/list.tsx';
import { SavedViews } from '../crm/SavedViews.tsx';
import { ImportWizard } from '../imports/ImportWizard.tsx';
import { AccountFormModal } from './AccountFormModal.tsx';

export const accountSearch = filterSearch(['q', 'domain', 'customerStatus', 'country', 'segment', 'ownerUserId', 'deleted', 'sort']);

export function CustomerStatusBadge({ status }: { status: Account['customerStatus'] }) {
  const { t } = useTranslation();
  const color = status === 'customer' ? 'teal' : status === 'former' ? 'gray' : 'blue';
  return (
    <Badge variant="light" color={color} radius="sm">
      {t(`crm.accounts.statuses.${status}`)}
    </Badge>
  );
}

export function AccountListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const navigate = useNavigate();
  const owners = useStaffNames();
  const list = useListFilters('/app/accounts');
  const { filters } = list;
  const [creating, create] = useDisclosure(false);
  const [importing, importer] = useDisclosure(false);
  const createAccount = useCreateRecord<Account, AccountInput>('accounts');
  const query = useCrmList<Account>('accounts', filters);
  const accounts = query.data?.pages.flatMap((p) => p.data) ?? [];
  const canCreate = query.data?.pages[0]?.permissions?.create ?? true;

  const newButton = canCreate ? (
    <Button leftSection={<IconPlus size={18} />} onClick={create.open} data-testid="account-new">
      {t('crm.accounts.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('crm.accounts.title')}
        subtitle={t('crm.accounts.subtitle')}
        actions={
          <>
            <SavedViews entity="accounts" filters={filters} onApply={list.apply} />
            <ExportButton entity="accounts" filters={filters} />
            {canCreate && (
              <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importer.open} data-testid="accounts-import">
                {t('crm.common.importCsv')}
              </Button>
            )}
            {newButton}
          </>
        }
      />

      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SearchBox value={list.q} onChange={list.setQ} placeholder={t('crm.accounts.searchPlaceholder')} testId="account-search" />
          <Select
            aria-label={t('crm.accounts.customerStatus')}
            placeholder={t('crm.accounts.anyStatus')}
            data={CUSTOMER_STATUSES.map((value) => ({ value, label: t(`crm.accounts.statuses.${value}`) }))}
            value={filters.customerStatus ?? null}
            onChange={(v) => list.set('customerStatus', v)}
            clearable
            w={{ base: '100%', xs: 170 }}
          />
          <TextInput
            aria-label={t('crm.accounts.country')}
            placeholder={t('crm.accounts.countryFilter')}
            onChange={(e) => {
              const v = e.currentTarget.value.toUpperCase();
              if (v.length === 0 || v.length === 2) list.set('country', v || undefined);
            }}
            maxLength={2}
            w={{ base: '100%', xs: 130 }}
            key={`country-${filters.country ?? ''}`}
            defaultValue={filters.country ?? ''}
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
            value={filters.sort ?? 'name'}
            options={[
              { value: 'name', label: t('crm.accounts.sortName') },
              { value: 'createdAt', label: t('crm.accounts.sortCreated') },
            ]}
            onChange={(v) => list.set('sort', v === 'name' ? undefined : v)}
          />
          <DeletedToggle value={filters.deleted === 'only'} onChange={(v) => list.set('deleted', v ? 'only' : undefined)} />
          {list.filtered && <ClearFiltersButton onClick={list.clear} />}
        </Group>
      </Card>

      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <TableSkeleton />
      ) : accounts.length === 0 ? (
        list.filtered ? (
          <NoMatchBlock title={t('crm.accounts.noMatchTitle')} text={t('crm.accounts.noMatchText')} onClear={list.clear} />
        ) : (
          <EmptyBlock
            icon={<IconBuildingSkyscraper size={28} />}
            title={t('crm.accounts.emptyTitle')}
            text={t('crm.accounts.emptyText')}
            action={newButton}
          />
        )
      ) : (
        <PagedTableCard query={query} count={accounts.length} minWidth={760}>
          <Table highlightOnHover data-testid="account-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('crm.accounts.name')}</Table.Th>
                <Table.Th>{t('crm.accounts.customerStatus')}</Table.Th>
                <Table.Th>{t('crm.accounts.country')}</Table.Th>
                <Table.Th>{t('crm.accounts.segment')}</Table.Th>
                <Table.Th>{t('crm.common.owner')}</Table.Th>
                <Table.Th pr="lg">{t('crm.common.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.map((a) => (
                <Table.Tr
                  key={a.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate({ to: '/app/accounts/$accountId', params: { accountId: a.id } })}
                >
                  <Table.Td pl="lg">
                    <AnchorLink to="/app/accounts/$accountId" params={{ accountId: a.id }} fw={600} c="dark" onClick={(e) => e.stopPropagation()}>
                      {a.name}
                    </AnchorLink>
                    {a.domains.length > 0 && (
                      <Text size="xs" c="dimmed" truncate="end" maw={320}>
                        {a.domains.join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <CustomerStatusBadge status={a.customerStatus} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.country ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.segment ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{a.ownerUserId ? (owners.get(a.ownerUserId) ?? t('common.none')) : t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td pr="lg" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c="dimmed">
                      {format.date(a.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}

      <AccountFormModal
        opened={creating}
        onClose={() => {
          create.close();
          createAccount.reset();
        }}
        pending={createAccount.isPending}
        error={createAccount.error}
        onSubmit={(input) =>
          createAccount.mutate(input, {
            onSuccess: (account) => {
              create.close();
              createAccount.reset();
              notifications.show({ color: 'green', message: t('crm.common.created', { name: account.name }) });
              void navigate({ to: '/app/accounts/$accountId', params: { accountId: account.id } });
            },
          })
        }
      />
      <ImportWizard entity="accounts" opened={importing} onClose={importer.close} />
    </>
  );
}
