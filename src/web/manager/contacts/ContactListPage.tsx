// /app/contacts: contacts with search, email and owner filters, sort, deleted ones, saved views,
// CSV export and "load more".
import { Button, Card, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAddressBook, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactInput } from '../../../shared/contacts.ts';
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
import { ContactFormModal } from './ContactFormModal.tsx';

export const contactSearch = filterSearch(['q', 'accountId', 'partnerId', 'email', 'ownerUserId', 'deleted', 'sort']);

export function ContactListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const navigate = useNavigate();
  const owners = useStaffNames();
  const list = useListFilters('/app/contacts');
  const { filters } = list;
  const [creating, create] = useDisclosure(false);
  const [importing, importer] = useDisclosure(false);
  const createContact = useCreateRecord<Contact, ContactInput>('contacts');
  const query = useCrmList<Contact>('contacts', filters);
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const canCreate = query.data?.pages[0]?.permissions?.create ?? true;

  const newButton = canCreate ? (
    <Button leftSection={<IconPlus size={18} />} onClick={create.open} data-testid="contact-new">
      {t('crm.contacts.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('crm.contacts.title')}
        subtitle={t('crm.contacts.subtitle')}
        actions={
          <>
            <SavedViews entity="contacts" filters={filters} onApply={list.apply} />
            <ExportButton entity="contacts" filters={filters} />
            {canCreate && (
              <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importer.open} data-testid="contacts-import">
                {t('crm.common.importCsv')}
              </Button>
            )}
            {newButton}
          </>
        }
      />

      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SearchBox value={list.q} onChange={list.setQ} placeholder={t('crm.contacts.searchPlaceholder')} testId="contact-search" />
          <TextInput
            key={`email-${filters.email ?? ''}`}
            aria-label={t('crm.contacts.emailFilter')}
            placeholder={t('crm.contacts.emailFilter')}
            defaultValue={filters.email ?? ''}
            onBlur={(e) => list.set('email', e.currentTarget.value.trim() || undefined)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') list.set('email', e.currentTarget.value.trim() || undefined);
            }}
            w={{ base: '100%', xs: 220 }}
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
              { value: 'name', label: t('crm.contacts.sortName') },
              { value: 'createdAt', label: t('crm.contacts.sortCreated') },
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
      ) : rows.length === 0 ? (
        list.filtered ? (
          <NoMatchBlock title={t('crm.contacts.noMatchTitle')} text={t('crm.contacts.noMatchText')} onClear={list.clear} />
        ) : (
          <EmptyBlock
            icon={<IconAddressBook size={28} />}
            title={t('crm.contacts.emptyTitle')}
            text={t('crm.contacts.emptyText')}
            action={newButton}
          />
        )
      ) : (
        <PagedTableCard query={query} count={rows.length} minWidth={760}>
          <Table highlightOnHover data-testid="contact-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('crm.contacts.name')}</Table.Th>
                <Table.Th>{t('crm.contacts.emails')}</Table.Th>
                <Table.Th>{t('crm.contacts.account')}</Table.Th>
                <Table.Th>{t('crm.contacts.phone')}</Table.Th>
                <Table.Th pr="lg">{t('crm.common.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr
                  key={c.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate({ to: '/app/contacts/$contactId', params: { contactId: c.id } })}
                >
                  <Table.Td pl="lg">
                    <AnchorLink to="/app/contacts/$contactId" params={{ contactId: c.id }} fw={600} c="dark" onClick={(e) => e.stopPropagation()}>
                      {c.name}
                    </AnchorLink>
                    {c.title && (
                      <Text size="xs" c="dimmed">
                        {c.title}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end" maw={260}>
                      {c.emails.join(', ') || t('common.none')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.account?.name ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.phone ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td pr="lg" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c="dimmed">
                      {format.date(c.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}

      <ContactFormModal
        opened={creating}
        onClose={() => {
          create.close();
          createContact.reset();
        }}
        pending={createContact.isPending}
        error={createContact.error}
        onSubmit={(input) =>
          createContact.mutate(input, {
            onSuccess: (c) => {
              create.close();
              createContact.reset();
              notifications.show({ color: 'green', message: t('crm.common.created', { name: c.name }) });
              void navigate({ to: '/app/contacts/$contactId', params: { contactId: c.id } });
            },
          })
        }
      />
      <ImportWizard entity="contacts" opened={importing} onClose={importer.close} />
    </>
  );
}
