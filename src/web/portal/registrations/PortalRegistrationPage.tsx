// /p/:slug/registrations/:id: one registration of the partner — where it stands (steps), the
// confirmation right after submitting (REG-4), its fields, the decision with the appeal, the
// protection window with extension requests, and the shared timeline; withdraw while it is open.
import { Alert, Button, Grid, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowLeft, IconCircleCheck, IconSearchOff } from '@tabler/icons-react';
import { useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { AppealModal, ExtensionModal, WithdrawModal } from './FollowupModals.tsx';
import { DecisionCard, DetailsCard, ProtectionCard } from './RegistrationPanels.tsx';
import { RegistrationSteps } from './RegistrationSteps.tsx';
import { RegistrationTimeline } from './RegistrationTimeline.tsx';
import { useRegistration } from './registration-queries.ts';
import { RegistrationStatusBadge } from './registration-status.tsx';

function Back({ slug }: { slug: string }) {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/p/$slug/registrations" params={{ slug }} size="sm" c="dimmed" mb={4}>
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('portalRegistrations.detail.back')}
      </Group>
    </AnchorLink>
  );
}

export function PortalRegistrationPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { slug, registrationId } = useParams({ strict: false }) as { slug: string; registrationId: string };
  const { created } = useSearch({ strict: false }) as { created?: boolean };
  const query = useRegistration(registrationId);
  const [modal, setModal] = useState<'appeal' | 'extension' | 'withdraw' | null>(null);

  if (query.isPending) {
    return (
      <Stack>
        <Back slug={slug} />
        <Skeleton h={32} w="40%" />
        <Skeleton h={110} />
        <Skeleton h={260} />
      </Stack>
    );
  }
  if (query.isError) {
    const missing = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Stack>
        <Back slug={slug} />
        {missing ? (
          <EmptyBlock
            icon={<IconSearchOff size={28} />}
            title={t('portalRegistrations.detail.notFoundTitle')}
            text={t('portalRegistrations.detail.notFoundText')}
            action={
              <ButtonLink to="/p/$slug/registrations" params={{ slug }}>
                {t('portalRegistrations.detail.back')}
              </ButtonLink>
            }
          />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Stack>
    );
  }

  const r = query.data;
  const close = () => setModal(null);
  return (
    <>
      <PageHeader
        above={<Back slug={slug} />}
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span data-testid="reg-title">{r.company?.name ?? r.number}</span>
            {r.status && <RegistrationStatusBadge status={r.status} size="lg" />}
          </Group>
        }
        subtitle={
          <Text c="dimmed" size="sm">
            <Text span ff="monospace" fw={600} c="dark" data-testid="reg-number">
              {r.number}
            </Text>
            {r.type && ` · ${t(`portalRegistrations.types.${r.type}`)}`}
            {r.motion && ` · ${t(`crm.opportunities.motions.${r.motion}`)}`}
          </Text>
        }
        actions={
          r.actions.withdraw ? (
            <Button
              variant="default"
              color="red"
              leftSection={<IconArrowBackUp size={16} />}
              onClick={() => setModal('withdraw')}
              data-testid="reg-withdraw"
            >
              {t('portalRegistrations.withdraw.action')}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        {created && (
          <Alert
            variant="light"
            color="teal"
            icon={<IconCircleCheck size={20} />}
            title={t('portalRegistrations.created.title', { number: r.number })}
            data-testid="reg-created"
          >
            <Stack gap={4}>
              <Text size="sm">{t('portalRegistrations.created.email', { email: me.actor.email })}</Text>
              {r.decisionDueAt && <Text size="sm">{t('portalRegistrations.created.decision', { date: format.dateTime(r.decisionDueAt) })}</Text>}
              {r.duplicateCheck.verdict === 'possible_conflict' && <Text size="sm">{t('portalRegistrations.created.conflict')}</Text>}
            </Stack>
          </Alert>
        )}
        <RegistrationSteps r={r} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="lg">
              <DecisionCard r={r} onAppeal={() => setModal('appeal')} />
              <ProtectionCard r={r} onExtend={() => setModal('extension')} />
              <DetailsCard r={r} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <RegistrationTimeline id={r.id} />
          </Grid.Col>
        </Grid>
      </Stack>
      <AppealModal registration={r} opened={modal === 'appeal'} onClose={close} />
      <ExtensionModal registration={r} opened={modal === 'extension'} onClose={close} />
      <WithdrawModal registration={r} opened={modal === 'withdraw'} onClose={close} />
    </>
  );
}
