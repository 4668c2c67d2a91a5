// /app/opportunities/:id: one deal: stage (changeable in place), amount, partners, contact roles,
// details, and its timeline with the note composer.
import { Badge, Button, Card, DataList, Grid, Group, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Opportunity, type OpportunityPatch, STAGES } from '../../../shared/opportunities.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useCrmRecord, useUpdateRecord } from '../crm/crm-queries.ts';
import { useDay, useMoney, useStaffNames } from '../crm/list.tsx';
import { BackLink, DeleteButton, DeletedBanner, RecordState } from '../crm/record.tsx';
import { TimelineCard } from '../crm/Timeline.tsx';
import { OpportunityFormModal } from './OpportunityFormModal.tsx';
import { STAGE_COLORS, StageBadge } from './StageBadge.tsx';

export function OpportunityShowPage() {
  const { t } = useTranslation();
  const { opportunityId } = useParams({ from: '/app/opportunities/$opportunityId' });
  const opp = useCrmRecord<Opportunity>('opportunities', opportunityId);
  const back = <BackLink to="/app/opportunities" label={t('crm.opportunities.title')} />;
  const state = RecordState({ query: opp, back, list: '/app/opportunities' });
  if (state || !opp.data) return state;
  return <OpportunityView o={opp.data} back={back} />;
}

function OpportunityView({ o, back }: { o: Opportunity; back: React.ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const day = useDay();
  const owners = useStaffNames();
  const notifyError = useNotifyError();
  const [editing, edit] = useDisclosure(false);
  const update = useUpdateRecord<Opportunity, OpportunityPatch>('opportunities', o.id);
  const stageChange = useUpdateRecord<Opportunity, OpportunityPatch>('opportunities', o.id);
  const deleted = Boolean(o.deletedAt);
  const none = <Text c="dimmed">{t('common.none')}</Text>;

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
        title={<span data-testid="opportunity-title">{o.name}</span>}
        subtitle={
          <Group gap={8} component="span" mt={4}>
            <StageBadge stage={o.stage} />
            <Text fw={600} data-testid="opportunity-amount-text">
              {money.format(o.amount)}
            </Text>
            <Text c="dimmed" size="sm">
              ·
            </Text>
            <AnchorLink to="/app/accounts/$accountId" params={{ accountId: o.accountId }} size="sm">
              {o.account.name}
            </AnchorLink>
          </Group>
        }
        actions={
          !deleted && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={edit.open} data-testid="opportunity-edit">
                {t('common.edit')}
              </Button>
              <DeleteButton entity="opportunities" id={o.id} name={o.name} list="/app/opportunities" />
            </>
          )
        }
      />
      {o.deletedAt && <DeletedBanner entity="opportunities" id={o.id} name={o.name} deletedAt={o.deletedAt} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Card>
              <Group justify="space-between" mb="xs">
                <Title order={4}>{t('crm.opportunities.stage')}</Title>
                <Text size="sm" c="dimmed">
                  {t('crm.opportunities.probability')}: {o.probability} %
                </Text>
              </Group>
              <Select
                aria-label={t('crm.opportunities.stage')}
                data={STAGES.map((value) => ({ value, label: t(`crm.opportunities.stages.${value}`) }))}
                value={o.stage}
                allowDeselect={false}
                disabled={deleted || stageChange.isPending}
                onChange={(stage) =>
                  stage && stage !== o.stage && stageChange.mutate({ stage: stage as Opportunity['stage'] }, { onError: notifyError })
                }
                data-testid="opportunity-stage-select"
              />
              <Progress value={o.probability} color={STAGE_COLORS[o.stage]} mt="sm" size="sm" />
              <Text size="xs" c="dimmed" mt={6}>
                {format.relative(o.stageChangedAt)}
              </Text>
            </Card>
            <Card>
              <Title order={4} mb="md">
                {t('crm.common.details')}
              </Title>
              <DataList withDivider labelWidth={150} gap="sm">
                {item(t('crm.opportunities.amount'), money.format(o.amount))}
                {item(t('crm.opportunities.closeDate'), day(o.closeDate))}
                {item(t('crm.opportunities.motion'), o.motion ? t(`crm.opportunities.motions.${o.motion}`) : null)}
                {item(t('crm.opportunities.source'), t(`crm.opportunities.sources.${o.source}`))}
                {item(t('crm.common.owner'), o.ownerUserId ? (owners.get(o.ownerUserId) ?? null) : null)}
                {item(
                  t('crm.opportunities.nextStep'),
                  o.nextStep ? (
                    <div>
                      <Text size="sm">{o.nextStep}</Text>
                      {o.nextStepUpdatedAt && (
                        <Text size="xs" c="dimmed">
                          {t('crm.opportunities.nextStepUpdated', { when: format.relative(o.nextStepUpdatedAt) })}
                        </Text>
                      )}
                    </div>
                  ) : null,
                )}
                {item(t('crm.common.createdAt'), format.dateTime(o.createdAt))}
                {item(t('crm.common.updatedAt'), format.dateTime(o.updatedAt))}
              </DataList>
              {o.description && (
                <>
                  <Text size="sm" fw={600} mt="md">
                    {t('crm.opportunities.description')}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {o.description}
                  </Text>
                </>
              )}
            </Card>
            <Card>
              <CardHeader title={t('crm.opportunities.partners')} text={t('crm.opportunities.partnersText')} mb="sm" />
              {o.partners.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('crm.opportunities.noPartners')}
                </Text>
              ) : (
                <Stack gap="xs">
                  {o.partners.map((p) => (
                    <Group key={p.partnerId} justify="space-between" wrap="nowrap">
                      <div>
                        <AnchorLink to="/app/partners/$partnerId" params={{ partnerId: p.partnerId }} fw={600} size="sm">
                          {p.partnerName}
                        </AnchorLink>
                        <Text size="xs" c="dimmed">
                          {t(`crm.opportunities.roles.${p.role}`)} · {t(`crm.opportunities.attributions.${p.attribution}`)}
                        </Text>
                      </div>
                      <Badge variant="light">{t('crm.opportunities.share', { share: format.number(p.share) })}</Badge>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
            <Card>
              <Title order={4} mb="sm">
                {t('crm.opportunities.contactRoles')}
              </Title>
              {o.contactRoles.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('crm.opportunities.noContactRoles')}
                </Text>
              ) : (
                <Stack gap="xs">
                  {o.contactRoles.map((c) => (
                    <Group key={c.contactId} justify="space-between">
                      <AnchorLink to="/app/contacts/$contactId" params={{ contactId: c.contactId }} size="sm" fw={600}>
                        {c.name}
                      </AnchorLink>
                      <Text size="sm" c="dimmed">
                        {c.role}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TimelineCard entity="opportunities" id={o.id} canWrite={!deleted} />
        </Grid.Col>
      </Grid>

      <OpportunityFormModal
        opened={editing}
        opportunity={o}
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
    </>
  );
}
