// /app/accounts/:id: one account's details, its opportunities and contacts, and its timeline.
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Account, AccountInput } from '../../../shared/accounts.ts';
import type { Contact, ContactInput } from '../../../shared/contacts.ts';
import type { Opportunity, OpportunityInput } from '../../../shared/opportunities.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { ContactFormModal } from '../contacts/ContactFormModal.tsx';
import { useCreateRecord, useCrmList } from '../crm/crm-queries.ts';
import { useDay, useMoney } from '../crm/list.tsx';
import { useEditModal, useFormModal } from '../crm/modal.ts';
import { useStaffNames } from '../crm/OwnerSelect.tsx';
import { CrmRecordPage, Detail, DetailsCard, RecordLayout } from '../crm/RecordLayout.tsx';
import { OpportunityFormModal } from '../opportunities/OpportunityFormModal.tsx';
import { StageBadge } from '../opportunities/StageBadge.tsx';
import { ShareLinksCard } from '../sharing/ShareLinksCard.tsx';
import { AccountFormModal } from './AccountFormModal.tsx';
import { CustomerStatusBadge } from './AccountListPage.tsx';
import { RenewalOwnershipCard } from './RenewalOwnershipCard.tsx';

export function AccountShowPage() {
  const { accountId } = useParams({ from: '/app/accounts/$accountId' });
  return (
    <CrmRecordPage<Account> entity="accounts" id={accountId}>
      {(a) => <AccountView account={a} />}
    </CrmRecordPage>
  );
}

function AccountView({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const format = useFormat();
  const day = useDay();
  const owners = useStaffNames();
  const navigate = useNavigate();
  const editing = useEditModal<Account, Partial<AccountInput>>('accounts', a.id);
  const newOpp = useFormModal(useCreateRecord<Opportunity, OpportunityInput>('opportunities'), (o) => {
    notifications.show({ color: 'green', message: t('crm.common.created', { name: o.name }) });
    void navigate({ to: '/app/opportunities/$opportunityId', params: { opportunityId: o.id } });
  });
  const newContact = useFormModal(useCreateRecord<Contact, ContactInput>('contacts'), (c) =>
    notifications.show({ color: 'green', message: t('crm.common.created', { name: c.name }) }),
  );
  const deleted = Boolean(a.deletedAt);
  const here = { id: a.id, name: a.name };

  return (
    <>
      <RecordLayout
        entity="accounts"
        testId="account"
        record={a}
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
        onEdit={editing.open}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={newOpp.open} data-testid="account-new-opportunity">
            {t('crm.accounts.newOpportunity')}
          </Button>
        }
        side={
          <>
            <DetailsCard
              extra={
                a.description && (
                  <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
                    {a.description}
                  </Text>
                )
              }
            >
              <Detail label={t('crm.accounts.domains')}>
                {a.domains.length > 0 ? (
                  <Group gap={6}>
                    {a.domains.map((d) => (
                      <Anchor key={d} href={`https://${d}`} target="_blank" rel="noopener noreferrer" size="sm">
                        {d}
                      </Anchor>
                    ))}
                  </Group>
                ) : null}
              </Detail>
              <Detail label={t('crm.accounts.industry')}>{a.industry}</Detail>
              <Detail label={t('crm.accounts.country')}>{a.country && [a.country, a.region].filter(Boolean).join(' · ')}</Detail>
              <Detail label={t('crm.accounts.employeeCount')}>{a.employeeCount === null ? null : format.number(a.employeeCount)}</Detail>
              <Detail label={t('crm.common.owner')}>{a.ownerUserId ? (owners.get(a.ownerUserId) ?? null) : null}</Detail>
              <Detail label={t('crm.accounts.renewalDate')}>{a.renewalDate ? day(a.renewalDate) : null}</Detail>
              <Detail label={t('crm.common.createdAt')}>{format.dateTime(a.createdAt)}</Detail>
              <Detail label={t('crm.common.updatedAt')}>{format.dateTime(a.updatedAt)}</Detail>
            </DetailsCard>
            <RenewalOwnershipCard accountId={a.id} disabled={deleted} />
            <AccountContacts accountId={a.id} onNew={deleted ? undefined : newContact.open} />
            <ShareLinksCard entityType="account" entityId={a.id} partners={{ kind: 'any' }} disabled={deleted} />
          </>
        }
        main={<AccountOpportunities accountId={a.id} />}
      />
      <AccountFormModal account={a} {...editing.props} />
      <OpportunityFormModal account={here} {...newOpp.props} />
      <ContactFormModal account={here} {...newContact.props} />
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
