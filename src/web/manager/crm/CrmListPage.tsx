// One list page for every CRM area (accounts, contacts, opportunities, leads): header with saved
// views, CSV export and import, "new"; the filter bar (search, the area's own filters, owner, sort,
// deleted only, clear); the table with its loading, error, empty and no-match states and "load
// more"; the create modal. Texts come from `crm.<entity>.*`, test ids from `testId`.
import { Button, Card, Group, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconPlus, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ImportWizard } from '../imports/ImportWizard.tsx';
import { type CrmEntity, useCreateRecord, useCrmList } from './crm-queries.ts';
import { DeletedToggle, ExportButton, type ListPath, SearchBox, SortSelect, TableSkeleton, useListFilters } from './list.tsx';
import { type FormModalProps, useFormModal } from './modal.ts';
import { OwnerSelect } from './OwnerSelect.tsx';
import { SavedViews } from './SavedViews.tsx';

export type ListFilters = ReturnType<typeof useListFilters>;

/** Where a record's page is: the typed route and its one parameter. */
export type RecordRoute =
  | { to: '/app/accounts/$accountId'; params: { accountId: string } }
  | { to: '/app/contacts/$contactId'; params: { contactId: string } }
  | { to: '/app/opportunities/$opportunityId'; params: { opportunityId: string } }
  | { to: '/app/leads/$leadId'; params: { leadId: string } };

/** A column after the first: its header and cell. */
export type ListColumn<T> = { key: string; label: string; cell: (row: T) => ReactNode; align?: 'right'; nowrap?: boolean; width?: number };

type Props<T extends { id: string; name: string }, I> = {
  entity: CrmEntity;
  /** Prefix of the test ids: `<testId>-new`, `<testId>-search`, `<testId>-table`. */
  testId: string;
  icon: ReactNode;
  /** The record's page, opened by a click on its row. */
  route: (row: T) => RecordRoute;
  /** The line under the name in the first column. */
  subtitle?: (row: T) => ReactNode;
  columns: ListColumn<T>[];
  minWidth: number;
  /** The area's own filters, after the search box (first row of the bar). */
  filters?: (list: ListFilters) => ReactNode;
  /** A second row of filters, before sort and "deleted only". */
  moreFilters?: (list: ListFilters) => ReactNode;
  sort: { default: string; options: { value: string; label: string }[] };
  /** Whether the list can be turned around (ascending / descending). */
  order?: boolean;
  /** CSV export and import (the areas the import job knows). */
  csv?: boolean;
  headerActions?: ReactNode;
  createModal: (props: FormModalProps<I>) => ReactNode;
};

/** The list page of a CRM area; filters live in the URL of `/app/<entity>`. */
export function CrmListPage<T extends { id: string; name: string }, I>(p: Props<T, I>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const path = `/app/${p.entity}` as ListPath;
  const list = useListFilters(path);
  const { filters } = list;
  const [importing, importer] = useDisclosure(false);
  const query = useCrmList<T>(p.entity, filters);
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];
  const canCreate = query.data?.pages[0]?.permissions?.create ?? true;
  const create = useCreateRecord<T, I>(p.entity);
  const creating = useFormModal(create, (record) => {
    notifications.show({ color: 'green', message: t('crm.common.created', { name: record.name }) });
    void navigate(p.route(record));
  });
  const order = filters.order ?? 'asc';
  const label = (key: 'title' | 'subtitle' | 'new' | 'searchPlaceholder' | 'emptyTitle' | 'emptyText' | 'noMatchTitle' | 'noMatchText') =>
    t(`crm.${p.entity}.${key}`);

  const newButton = canCreate ? (
    <Button leftSection={<IconPlus size={18} />} onClick={creating.open} data-testid={`${p.testId}-new`}>
      {label('new')}
    </Button>
  ) : null;

  const tail = (
    <>
      <SortSelect
        value={filters.sort ?? p.sort.default}
        options={p.sort.options}
        onChange={(v) => list.set('sort', v === p.sort.default ? undefined : v)}
      />
      {p.order && (
        <Button
          variant="default"
          px="sm"
          aria-label={order === 'asc' ? t('crm.common.ascending') : t('crm.common.descending')}
          title={order === 'asc' ? t('crm.common.ascending') : t('crm.common.descending')}
          onClick={() => list.set('order', order === 'asc' ? 'desc' : undefined)}
        >
          {order === 'asc' ? <IconSortAscending size={18} /> : <IconSortDescending size={18} />}
        </Button>
      )}
      <DeletedToggle value={filters.deleted === 'only'} onChange={(v) => list.set('deleted', v ? 'only' : undefined)} />
      {list.filtered && <ClearFiltersButton onClick={list.clear} />}
    </>
  );

  return (
    <>
      <PageHeader
        title={label('title')}
        subtitle={label('subtitle')}
        actions={
          <>
            {p.headerActions}
            <SavedViews entity={p.entity} filters={filters} onApply={list.apply} />
            {p.csv && <ExportButton entity={p.entity} filters={filters} />}
            {p.csv && canCreate && (
              <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importer.open} data-testid={`${p.entity}-import`}>
                {t('crm.common.importCsv')}
              </Button>
            )}
            {newButton}
          </>
        }
      />

      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SearchBox value={list.q} onChange={list.setQ} placeholder={label('searchPlaceholder')} testId={`${p.testId}-search`} />
          {p.filters?.(list)}
          <OwnerSelect mode="filter" value={filters.ownerUserId ?? null} onChange={(v) => list.set('ownerUserId', v)} w={{ base: '100%', xs: 170 }} />
          {!p.moreFilters && tail}
        </Group>
        {p.moreFilters && (
          <Group gap="sm" wrap="wrap" align="flex-end" mt="sm">
            {p.moreFilters(list)}
            {tail}
          </Group>
        )}
      </Card>

      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <TableSkeleton columns={p.columns.length + 1} />
      ) : rows.length === 0 ? (
        list.filtered ? (
          <NoMatchBlock title={label('noMatchTitle')} text={label('noMatchText')} onClear={list.clear} />
        ) : (
          <EmptyBlock icon={p.icon} title={label('emptyTitle')} text={label('emptyText')} action={newButton} />
        )
      ) : (
        <PagedTableCard query={query} count={rows.length} minWidth={p.minWidth}>
          <Table highlightOnHover data-testid={`${p.testId}-table`}>
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t(`crm.${p.entity}.name`)}</Table.Th>
                {p.columns.map((c, i) => (
                  <Table.Th key={c.key} ta={c.align} w={c.width} pr={i === p.columns.length - 1 ? 'lg' : undefined}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(p.route(row))}>
                  <Table.Td pl="lg">
                    <AnchorLink {...p.route(row)} fw={600} c="dark" onClick={(e) => e.stopPropagation()}>
                      {row.name}
                    </AnchorLink>
                    {p.subtitle?.(row)}
                  </Table.Td>
                  {p.columns.map((c, i) => (
                    <Table.Td
                      key={c.key}
                      ta={c.align}
                      pr={i === p.columns.length - 1 ? 'lg' : undefined}
                      style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}
                    >
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}

      {p.createModal(creating.props)}
      {p.csv && p.entity !== 'leads' && <ImportWizard entity={p.entity} opened={importing} onClose={importer.close} />}
    </>
  );
}

/** A small dimmed line under a cell's main text (the domains under an account's name, say). */
export function SubLine({ children, maw }: { children: ReactNode; maw?: number }) {
  return (
    <Text size="xs" c="dimmed" truncate={maw ? 'end' : undefined} maw={maw}>
      {children}
    </Text>
  );
}

/** A plain cell text, or "—" when empty; cut with an ellipsis at `maw`. */
export function CellText({ children, dimmed, maw }: { children: ReactNode; dimmed?: boolean; maw?: number }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c={dimmed ? 'dimmed' : undefined} truncate={maw ? 'end' : undefined} maw={maw}>
      {children === null || children === undefined || children === '' ? t('common.none') : children}
    </Text>
  );
}
