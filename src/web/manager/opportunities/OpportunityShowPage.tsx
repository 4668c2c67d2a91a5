// /app/opportunities/:id: one deal: stage (changeable in place), amount, details, partner and
// contact roles (each with its editor), and its timeline with the note composer.
import { Card, Group, Progress, Select, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Opportunity, type OpportunityPatch, STAGES } from '../../../shared/opportunities.ts';
import { AnchorLink } from '../../components/links.tsx';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useUpdateRecord } from '../crm/crm-queries.ts';
import { useDay, useMoney } from '../crm/list.tsx';
import { useEditModal } from '../crm/modal.ts';
import { useStaffNames } from '../crm/OwnerSelect.tsx';
import { CrmRecordPage, Detail, DetailsCard, RecordLayout } from '../crm/RecordLayout.tsx';
import { ShareLinksCard } from '../sharing/ShareLinksCard.tsx';
import { OpportunityFormModal } from './OpportunityFormModal.tsx';
import { ContactRolesCard, PartnerRolesCard } from './OpportunityRoles.tsx';
import { PartnerAccessCard } from './PartnerAccessCard.tsx';
import { STAGE_COLORS, StageBadge } from './StageBadge.tsx';
import { TasksCard } from './TasksCard.tsx';

export function OpportunityShowPage() {
  const { opportunityId } = useParams({ from: '/app/opportunities/$opportunityId' });
  return (
    <CrmRecordPage<Opportunity> entity="opportunities" id={opportunityId}>
      {(o) => <OpportunityView o={o} />}
    </CrmRecordPage>
  );
}

function StageCard({ o }: { o: Opportunity }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notifyError = useNotifyError();
  const stageChange = useUpdateRecord<Opportunity, OpportunityPatch>('opportunities', o.id);
  return (
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
        disabled={Boolean(o.deletedAt) || stageChange.isPending}
        onChange={(stage) => stage && stage !== o.stage && stageChange.mutate({ stage: stage as Opportunity['stage'] }, { onError: notifyError })}
        data-testid="opportunity-stage-select"
      />
      <Progress value={o.probability} color={STAGE_COLORS[o.stage]} mt="sm" size="sm" />
      <Text size="xs" c="dimmed" mt={6}>
        {format.relative(o.stageChangedAt)}
      </Text>
    </Card>
  );
}

function OpportunityView({ o }: { o: Opportunity }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const day = useDay();
  const owners = useStaffNames();
  const editing = useEditModal<Opportunity, OpportunityPatch>('opportunities', o.id);
  const canEdit = !o.deletedAt;

  return (
    <>
      <RecordLayout
        entity="opportunities"
        testId="opportunity"
        record={o}
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
        onEdit={editing.open}
        main={<TasksCard o={o} />}
        side={
          <>
            <StageCard o={o} />
            <PartnerRolesCard o={o} canEdit={canEdit} />
            <ContactRolesCard o={o} canEdit={canEdit} />
            <PartnerAccessCard o={o} />
            <ShareLinksCard entityType="opportunity" entityId={o.id} partners={{ kind: 'deal', partners: o.partners }} disabled={!canEdit} />
            <DetailsCard
              extra={
                o.description && (
                  <>
                    <Text size="sm" fw={600} mt="md">
                      {t('crm.opportunities.description')}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {o.description}
                    </Text>
                  </>
                )
              }
            >
              <Detail label={t('crm.opportunities.amount')}>{money.format(o.amount)}</Detail>
              <Detail label={t('crm.opportunities.closeDate')}>{day(o.closeDate)}</Detail>
              <Detail label={t('crm.opportunities.motion')}>{o.motion ? t(`crm.opportunities.motions.${o.motion}`) : null}</Detail>
              <Detail label={t('crm.opportunities.source')}>{t(`crm.opportunities.sources.${o.source}`)}</Detail>
              <Detail label={t('crm.common.owner')}>{o.ownerUserId ? (owners.get(o.ownerUserId) ?? null) : null}</Detail>
              <Detail label={t('crm.opportunities.nextStep')}>
                {o.nextStep ? (
                  <div>
                    <Text size="sm">{o.nextStep}</Text>
                    {o.nextStepUpdatedAt && (
                      <Text size="xs" c="dimmed">
                        {t('crm.opportunities.nextStepUpdated', { when: format.relative(o.nextStepUpdatedAt) })}
                      </Text>
                    )}
                  </div>
                ) : null}
              </Detail>
              <Detail label={t('crm.common.createdAt')}>{format.dateTime(o.createdAt)}</Detail>
              <Detail label={t('crm.common.updatedAt')}>{format.dateTime(o.updatedAt)}</Detail>
            </DetailsCard>
          </>
        }
      />
      <OpportunityFormModal opportunity={o} {...editing.props} />
    </>
  );
}
