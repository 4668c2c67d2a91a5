// The shared record as its recipient may see it: a deal (details, account, contacts, timeline,
// tasks), an account, a lead or a list of deals; the acknowledge bar when the link allows it.
import { Button, Card, Grid, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PartnerDeal } from '../../shared/portal.ts';
import { EmptyBlock, ErrorState } from '../components/states.tsx';
import { useFormat } from '../lib/format.ts';
import { StageBadge } from '../manager/opportunities/StageBadge.tsx';
import { ContactsCard, FieldsCard, useAccountRows, useDealRows, useLeadRows } from './SharedFields.tsx';
import { SharedTasks } from './SharedTasks.tsx';
import { SharedTimeline } from './SharedTimeline.tsx';
import { type SharedMeta, type SharedRecord, useAcknowledge, useSharedError, useSharedRecord } from './shared-queries.ts';

function Heading({ kind, title, extra }: { kind: string; title: string; extra?: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" style={{ letterSpacing: 0.6 }}>
        {kind}
      </Text>
      <Group gap="sm" align="center">
        <Title order={2} data-testid="shared-title">
          {title}
        </Title>
        {extra}
      </Group>
    </div>
  );
}

/** The acknowledge button, or when it was acknowledged. */
function AcknowledgeBar({ token, meta }: { token: string; meta: SharedMeta }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ack = useAcknowledge(token);
  const notifyError = useSharedError();
  if (!meta.allowedActions.includes('acknowledge')) return null;
  return (
    <Card bg={meta.acknowledgedAt ? 'teal.0' : undefined} data-testid="shared-acknowledge">
      <Group justify="space-between" wrap="wrap" gap="sm">
        {meta.acknowledgedAt ? (
          <Group gap="xs" c="teal.8">
            <IconCircleCheck size={20} />
            <Text size="sm" fw={600} data-testid="shared-acknowledged">
              {t('sharing.page.acknowledged', { when: format.dateTime(meta.acknowledgedAt) })}
            </Text>
          </Group>
        ) : (
          <>
            <Text size="sm">{t('sharing.page.acknowledgeHint', { workspace: meta.workspace.name })}</Text>
            <Button
              leftSection={<IconCircleCheck size={16} />}
              loading={ack.isPending}
              onClick={() =>
                ack.mutate(undefined, {
                  onSuccess: () =>
                    notifications.show({ color: 'green', message: t('sharing.page.acknowledgedToast', { workspace: meta.workspace.name }) }),
                  onError: notifyError,
                })
              }
              data-testid="shared-acknowledge-button"
            >
              {t('sharing.page.acknowledge')}
            </Button>
          </>
        )}
      </Group>
    </Card>
  );
}

function DealView({ token, meta, deal }: { token: string; meta: SharedMeta; deal: PartnerDeal }) {
  const { t } = useTranslation();
  const rows = useDealRows(deal);
  const accountRows = useAccountRows(deal.account ?? {});
  return (
    <Stack gap="lg">
      <Heading
        kind={t('sharing.page.kinds.opportunity')}
        title={deal.name ?? '—'}
        extra={deal.accountName && <Text c="dimmed">{deal.accountName}</Text>}
      />
      <AcknowledgeBar token={token} meta={meta} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <FieldsCard title={t('sharing.page.details')} rows={rows} testId="shared-details" />
            <FieldsCard title={t('sharing.page.account')} rows={accountRows} testId="shared-account" />
            {deal.contactRoles && <ContactsCard contacts={deal.contactRoles} />}
            <SharedTasks token={token} canUpdate={meta.allowedActions.includes('update_task')} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SharedTimeline token={token} meta={meta} canComment={meta.allowedActions.includes('comment')} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function AccountView({ token, meta, account }: { token: string; meta: SharedMeta; account: NonNullable<SharedRecord['account']> }) {
  const { t } = useTranslation();
  const rows = useAccountRows(account);
  return (
    <Stack gap="lg" maw={720}>
      <Heading kind={t('sharing.page.kinds.account')} title={account.name ?? '—'} />
      <AcknowledgeBar token={token} meta={meta} />
      {rows.length ? (
        <FieldsCard title={t('sharing.page.details')} rows={rows} testId="shared-details" />
      ) : (
        <Text c="dimmed">{t('sharing.page.nothingShown')}</Text>
      )}
    </Stack>
  );
}

function LeadView({ token, meta, lead }: { token: string; meta: SharedMeta; lead: NonNullable<SharedRecord['lead']> }) {
  const { t } = useTranslation();
  const rows = useLeadRows(lead);
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.company || '—';
  return (
    <Stack gap="lg" maw={720}>
      <Heading kind={t('sharing.page.kinds.lead')} title={name} />
      <AcknowledgeBar token={token} meta={meta} />
      {rows.length ? (
        <FieldsCard title={t('sharing.page.details')} rows={rows} testId="shared-details" />
      ) : (
        <Text c="dimmed">{t('sharing.page.nothingShown')}</Text>
      )}
    </Stack>
  );
}

function DealsView({ token, meta, deals }: { token: string; meta: SharedMeta; deals: PartnerDeal[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const month = (m?: string) =>
    m ? new Intl.DateTimeFormat(format.locale, { month: 'short', year: 'numeric' }).format(new Date(`${m}-01T12:00:00`)) : '—';
  const f = (key: string) => t(`sharing.fields.deal.${key}` as never);
  return (
    <Stack gap="lg">
      <Heading
        kind={t('sharing.page.kinds.opportunity_list')}
        title={t('sharing.page.deals')}
        extra={<Text c="dimmed">({format.number(deals.length)})</Text>}
      />
      <AcknowledgeBar token={token} meta={meta} />
      {deals.length === 0 ? (
        <EmptyBlock icon={<IconCircleCheck size={28} />} title={t('sharing.page.deals')} text={t('sharing.page.noDeals')} />
      ) : (
        <Card p={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table data-testid="shared-deals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th pl="lg">{t('sharing.page.kinds.opportunity')}</Table.Th>
                  <Table.Th>{f('stage')}</Table.Th>
                  <Table.Th>{f('nextStep')}</Table.Th>
                  <Table.Th>{f('ownerName')}</Table.Th>
                  <Table.Th pr="lg">{f('closeMonth')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deals.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td pl="lg">
                      <Text size="sm" fw={600}>
                        {d.name ?? '—'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {d.accountName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{d.stage ? <StageBadge stage={d.stage} /> : '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {d.nextStep ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.ownerName ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td pr="lg">
                      <Text size="sm">{month(d.closeMonth)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}

/** Loads the record and shows it in the view for its type. */
export function SharedRecordView({ token, meta }: { token: string; meta: SharedMeta }) {
  const record = useSharedRecord(token, true);
  if (record.isPending)
    return (
      <Stack gap="md">
        <Skeleton h={36} w="50%" />
        <Skeleton h={220} />
      </Stack>
    );
  if (record.isError) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const r = record.data;
  if (r.deal) return <DealView token={token} meta={meta} deal={r.deal} />;
  if (r.account) return <AccountView token={token} meta={meta} account={r.account} />;
  if (r.lead) return <LeadView token={token} meta={meta} lead={r.lead} />;
  return <DealsView token={token} meta={meta} deals={r.deals ?? []} />;
}
