// /app/accounts/:id: one account's details, its opportunities and contacts, and its timeline.
import { Anchor, Badge, Button, Card, DataList, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Account, AccountInput } from '../../../shared/accounts.ts';
import type { Contact } from '../../../shared/contacts.ts';
import type { Opportunity, OpportunityInput } from '../../../shared/opportunities.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { ContactFormModal } from '../contacts/ContactFormModal.tsx';
import { useCreateRecord, useCrmList, useCrmRecord, useUpdateRecord } from '../crm/crm-queries.ts';
import { useDay, useMoney, useStaffNames } from '../crm/list.tsx';
import { BackLink, DeleteButton, DeletedBanner, RecordState } from '../crm/record.tsx';
import { TimelineCard } from '../crm/Timeline.tsx';
import { OpportunityFormModal } from '../opportunities/OpportunityFormModal.tsx';
import { StageBadge } from '../opportunities/StageBadge.tsx';
import { AccountFormModal } from './AccountFormModal.tsx';
import { CustomerStatusBadge } from './AccountListPage.tsx';

export function AccountShowPage() {
  const { t } = useTranslation();
  const { accountId } = useParams({ from: '/app/accounts/$accountId' });
  const account = useCrmRecord<Account>('accounts', accountId);
  const back = <BackLink to="/app/accounts" label={t('crm.accounts.title')} />;
  const state = RecordState({ query: account, back, list: '/app/accounts' });
  if (state || !account.data) return state;
  return <AccountView account={account.data} back={back} />;
}

function AccountView({ account: a, back }: { account: Account; back: React.ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const day = useDay();
  const owners = useStaffNames();
  const navigate = useNavigate();
  const [editing, edit] = useDisclosure(false);
  const [newOpp, opp] = useDisclosure(false);
  const [newContact, contact] = useDisclosure(false);
  const update = useUpdateRecord<Account, Partial<AccountInput>>('accounts', a.id);
  const createOpp = useCreateRecord<Opportunity, OpportunityInput>('opportunities');
  const createContact = useCreateRecord<Contact, object>('contacts');
  const none = <Text c="dimmed">{t('common.none')}</Text>;
  const deleted = Boolean(a.deletedAt);

  const item = (label: string, value: React.ReactNode) => (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value ?? none}</DataList.ItemValue>
    </DataList.Item>
  );

  return (
    <>
      <PageHeader
        above={back}
        title={<span data-testid="account-title">{a.name}</span>}
        subtitle={
          <Group gap={6} component="span" mt={4}>
            <CustomerStatusBadge status={a.customerStatus} />
            {a.segment && (
              <Badge variant="outline" radius="sm">
                {a.segment}
              </Badge>
            )}
          </Group>
        }
        actions={
          !deleted && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={edit.open} data-testid="account-edit">
                {t('common.edit')}
              </Button>
              <DeleteButton entity="accounts" id={a.id} name={a.name} list="/app/accounts" />
              <Button leftSection={<IconPlus size={16} />} onClick={opp.open} data-testid="account-new-opportunity">
                {t('crm.accounts.newOpportunity')}
              </Button>
            </>
          )
        }
      />
      {a.deletedAt && <DeletedBanner entity="accounts" id={a.id} name={a.name} deletedAt={a.deletedAt} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Card>
              <Title order={4} mb="md">
                {t('crm.common.details')}
              </Title>
              <DataList withDivider labelWidth={150} gap="sm">
                {item(
                  t('crm.accounts.domains'),
                  a.domains.length > 0 ? (
                    <Group gap={6}>
                      {a.domains.map((d) => (
                        <Anchor key={d} href={`https://${d}`} target="_blank" rel="noopener noreferrer" size="sm">
                          {d}
                        </Anchor>
                      ))}
                    </Group>
                  ) : null,
                )}
                {item(t('crm.accounts.industry'), a.industry)}
                {item(t('crm.accounts.country'), a.country && [a.country, a.region].filter(Boolean).join(' · '))}
                {item(t('crm.accounts.employeeCount'), a.employeeCount === null ? null : format.number(a.employeeCount))}
                {item(t('crm.common.owner'), a.ownerUserId ? (owners.get(a.ownerUserId) ?? null) : null)}
                {item(t('crm.accounts.renewalDate'), a.renewalDate ? day(a.renewalDate) : null)}
                {item(t('crm.common.createdAt'), format.dateTime(a.createdAt))}
                {item(t('crm.common.updatedAt'), format.dateTime(a.updatedAt))}
              </DataList>
              {a.description && (
                <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.description}
                </Text>
              )}
            </Card>
            <AccountContacts accountId={a.id} onNew={deleted ? undefined : contact.open} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <AccountOpportunities accountId={a.id} />
            <TimelineCard entity="accounts" id={a.id} canWrite={!deleted} />
          </Stack>
        </Grid.Col>
      </Grid>

      <AccountFormModal
        opened={editing}
        account={a}
        onClose={() => {
          edit.close();
          update.reset();
        }}
        pending={update.isPending}
        error={update.error}
        onSubmit={(input) =>
          update.mutate(input, {
            onSuccess: () => {
              edit.close();
              update.reset();
              notifications.show({ color: 'green', message: t('crm.common.saved') });
            },
          })
        }
      />
      <OpportunityFormModal
        opened={newOpp}
        account={{ id: a.id, name: a.name }}
        onClose={() => {
          opp.close();
          createOpp.reset();
        }}
        pending={createOpp.isPending}
        error={createOpp.error}
        onSubmit={(input) =>
          createOpp.mutate(input as OpportunityInput, {
            onSuccess: (o) => {
              opp.close();
              createOpp.reset();
              notifications.show({ color: 'green', message: t('crm.common.created', { name: o.name }) });
              void navigate({ to: '/app/opportunities/$opportunityId', params: { opportunityId: o.id } });
            },
          })
        }
      />
      <ContactFormModal
        opened={newContact}
        account={{ id: a.id, name: a.name }}
        onClose={() => {
          contact.close();
          createContact.reset();
        }}
        pending={createContact.isPending}
        error={createContact.error}
        onSubmit={(input) =>
          createContact.mutate(input, {
            onSuccess: (c) => {
              contact.close();
              createContact.reset();
              notifications.show({ color: 'green', message: t('crm.common.created', { name: c.name }) });
            },
          })
        }
      />
    </>
  );
}

function AccountOpportunities({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useDay();
  const query = useCrmList<Opportunity>('opportunities', { accountId, sort: 'closeDate' }, { limit: 10 });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card p={0} data-testid="account-opportunities">
      <CardHeader title={t('crm.accounts.opportunities')} text={t('crm.accounts.opportunitiesText')} p="lg" />
      {query.isError ? (
        <ErrorState compact error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" px="lg" pb="lg">
          {query.isPending ? t('crm.common.loadingRecords') : t('crm.accounts.noOpportunities')}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Tbody>
                {rows.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td pl="lg">
                      <AnchorLink to="/app/opportunities/$opportunityId" params={{ opportunityId: o.id }} fw={600} c="dark" size="sm">
                        {o.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <StageBadge stage={o.stage} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" ff="monospace">
                        {money.format(o.amount)}
                      </Text>
                    </Table.Td>
                    <Table.Td pr="lg">
                      <Text size="sm" c="dimmed">
                        {day(o.closeDate)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {query.hasNextPage && <LoadMore count={rows.length} query={query} />}
        </>
      )}
    </Card>
  );
}

function AccountContacts({ accountId, onNew }: { accountId: string; onNew?: () => void }) {
  const { t } = useTranslation();
  const query = useCrmList<Contact>('contacts', { accountId }, { limit: 10 });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card p={0} data-testid="account-contacts">
      <CardHeader
        title={t('crm.accounts.contacts')}
        text={t('crm.accounts.contactsText')}
        p="lg"
        action={
          onNew && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onNew}>
              {t('crm.accounts.newContact')}
            </Button>
          )
        }
      />
      {query.isError ? (
        <ErrorState compact error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" px="lg" pb="lg">
          {query.isPending ? t('crm.common.loadingRecords') : t('crm.accounts.noContacts')}
        </Text>
      ) : (
        <Stack gap={0} pb="sm">
          {rows.map((c) => (
            <Group key={c.id} px="lg" py={8} justify="space-between" wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <div style={{ minWidth: 0 }}>
                <AnchorLink to="/app/contacts/$contactId" params={{ contactId: c.id }} fw={600} c="dark" size="sm">
                  {c.name}
                </AnchorLink>
                <Text size="xs" c="dimmed" truncate="end">
                  {[c.title, c.emails[0]].filter(Boolean).join(' · ') || t('common.none')}
                </Text>
              </div>
            </Group>
          ))}
          {query.hasNextPage && <LoadMore count={rows.length} query={query} />}
        </Stack>
      )}
    </Card>
  );
}
