// /app/registrations/:id: one registration. The header (number, company, status, partner, SLA
// countdown, the decisions), the outcome of a decision (linked records, protection window), open
// appeals and extension requests, the side-by-side duplicate comparison, the submitted fields with
// the claim rank and the conflict analysis, and the timeline.
import { Alert, Anchor, Badge, Card, DataList, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconBriefcase,
  IconBuildingSkyscraper,
  IconCircleCheck,
  IconCircleX,
  IconClockExclamation,
  IconSearchOff,
  IconShieldCheck,
  IconUserSearch,
} from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../shared/registrations.ts';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useDay, useMoney } from '../crm/list.tsx';
import { useProgramSettings } from '../settings/program/program-queries.ts';
import { ClaimLine, ConflictCard } from './ConflictCard.tsx';
import { DuplicateComparison } from './DuplicateComparison.tsx';
import { AppealsCard, ExtensionsCard } from './FollowUps.tsx';
import { ProtectionBadge, SlaCountdown, StatusBadge, TypeBadge, tierLabel, VerdictBadge } from './parts.tsx';
import { RegistrationActionBar } from './RegistrationActions.tsx';
import { queueName } from './RegistrationQueuePage.tsx';
import { RegistrationTimelineCard } from './RegistrationTimeline.tsx';
import { useRegistration, useRelatedRegistrations } from './registration-queries.ts';

function Back() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/app/registrations" size="sm" c="dimmed" mb={4}>
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('registrations.backToQueue')}
      </Group>
    </AnchorLink>
  );
}

export function RegistrationShowPage() {
  const { t } = useTranslation();
  const { registrationId } = useParams({ from: '/app/registrations/$registrationId' });
  const query = useRegistration(registrationId);
  if (query.isPending) {
    return (
      <Stack>
        <Back />
        <Skeleton h={32} w="40%" />
        <Skeleton h={120} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) {
      return (
        <Stack>
          <Back />
          <EmptyBlock
            icon={<IconSearchOff size={28} />}
            title={t('registrations.notFoundTitle')}
            text={t('registrations.notFoundText')}
            action={<ButtonLink to="/app/registrations">{t('registrations.backToQueue')}</ButtonLink>}
          />
        </Stack>
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <RegistrationView r={query.data} fetchedAt={query.dataUpdatedAt} />;
}

function RegistrationView({ r, fetchedAt }: { r: Registration; fetchedAt: number }) {
  const { t } = useTranslation();
  // Other registrations by number and partner: the first claim, the conflict's winner, the candidates.
  const winnerId = r.conflict?.winnerRegistrationId && r.conflict.winnerRegistrationId !== r.id ? r.conflict.winnerRegistrationId : null;
  const firstId = r.claim.firstClaimId !== r.id ? r.claim.firstClaimId : null;
  const related = useRelatedRegistrations([
    firstId,
    winnerId,
    ...r.duplicateCheck.candidates.filter((c) => c.kind === 'registration').map((c) => c.id),
  ]);
  const winnerNumber = winnerId ? (related.numbers.get(winnerId) ?? null) : null;
  const firstNumber = firstId ? (related.numbers.get(firstId) ?? null) : null;
  const pendingFollowUps = r.appeals.some((a) => a.status === 'open') || r.extensionRequests.some((e) => e.status === 'pending');

  return (
    <>
      <PageHeader
        above={<Back />}
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <Text span ff="monospace" fz={26} fw={700} data-testid="registration-number">
              {r.number}
            </Text>
            <Text span fz={26} fw={700} data-testid="registration-title">
              {r.company.name}
            </Text>
          </Group>
        }
        subtitle={
          <Group gap={8} mt={4} wrap="wrap">
            <StatusBadge status={r.status} data-testid="registration-status" data-status={r.status} />
            <TypeBadge type={r.type} />
            <VerdictBadge verdict={r.duplicateCheck.verdict} />
            <Text size="sm" c="dimmed">
              ·
            </Text>
            <AnchorLink to="/app/partners/$partnerId" params={{ partnerId: r.partner.id }} size="sm" fw={500} c="brand.8">
              {r.partner.name}
            </AnchorLink>
            {r.partner.tier && (
              <Badge variant="default" radius="sm" size="sm">
                {tierLabel(r.partner.tier)}
              </Badge>
            )}
            {r.decisionSla && <SlaCountdown sla={r.decisionSla} fetchedAt={fetchedAt} testId="registration-sla" />}
            {r.protection && <ProtectionBadge protection={r.protection} />}
          </Group>
        }
        actions={<RegistrationActionBar r={r} winnerNumber={winnerNumber} />}
      />

      <Stack gap="lg">
        <Outcome r={r} />
        {r.noTouch && (
          <Alert color="orange" variant="light" icon={<IconClockExclamation size={18} />} title={t('registrations.noTouch.title')}>
            {t('registrations.noTouch.text')}
          </Alert>
        )}
        {pendingFollowUps && (
          <Grid gap="lg">
            {r.appeals.length > 0 && (
              <Grid.Col span={{ base: 12, md: r.extensionRequests.length ? 6 : 12 }}>
                <AppealsCard r={r} />
              </Grid.Col>
            )}
            {r.extensionRequests.length > 0 && (
              <Grid.Col span={{ base: 12, md: r.appeals.length ? 6 : 12 }}>
                <ExtensionsCard r={r} />
              </Grid.Col>
            )}
          </Grid>
        )}
        <DuplicateComparison r={r} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="lg">
              <SubmissionCard r={r} firstNumber={firstNumber} />
              <ConflictCard r={r} winnerNumber={winnerNumber} partners={related.partners} />
              {!pendingFollowUps && <AppealsCard r={r} />}
              {!pendingFollowUps && <ExtensionsCard r={r} />}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <RegistrationTimelineCard id={r.id} />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{empty ? <Text c="dimmed">{t('common.none')}</Text> : children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function SubmissionCard({ r, firstNumber }: { r: Registration; firstNumber: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const day = useDay();
  return (
    <Card data-testid="registration-details">
      <Title order={4} mb={2}>
        {t('registrations.details.title')}
      </Title>
      <ClaimLine r={r} firstNumber={firstNumber} />
      <DataList withDivider labelWidth={150} gap="sm" mt="md">
        <Detail label={t('registrations.fields.company')}>{r.company.name}</Detail>
        <Detail label={t('registrations.fields.domain')}>
          {r.company.domain && (
            <Anchor href={`https://${r.company.domain}`} target="_blank" rel="noreferrer" size="sm">
              {r.company.domain}
            </Anchor>
          )}
        </Detail>
        <Detail label={t('registrations.fields.contactName')}>{r.contact.name}</Detail>
        <Detail label={t('registrations.fields.contactEmail')}>
          {r.contact.email && (
            <Anchor href={`mailto:${r.contact.email}`} size="sm">
              {r.contact.email}
            </Anchor>
          )}
        </Detail>
        <Detail label={t('registrations.fields.amount')}>{r.amount && money.format(r.amount)}</Detail>
        <Detail label={t('registrations.fields.expectedCloseDate')}>{r.expectedCloseDate && day(r.expectedCloseDate)}</Detail>
        <Detail label={t('registrations.fields.motion')}>{t(`crm.opportunities.motions.${r.motion}`)}</Detail>
        <Detail label={t('registrations.fields.type')}>{t(`registrations.types.${r.type}`)}</Detail>
        <Detail label={t('registrations.fields.submittedBy')}>
          {t('registrations.details.submittedVia', {
            who: r.submittedBy.label ?? t('common.none'),
            channel: t(`registrations.channels.${r.channel}`),
          })}
        </Detail>
        <Detail label={t('registrations.fields.submittedAt')}>{format.dateTime(r.createdAt)}</Detail>
        <Detail label={t('registrations.fields.approver')}>
          {r.approver || r.queueId ? (
            <div>
              <Text size="sm">{r.approver?.name ?? t('registrations.queue.unassigned')}</Text>
              {r.queueId && (
                <Text size="xs" c="dimmed">
                  {t('registrations.details.queue', { queue: queueName(r.queueId, t) })}
                </Text>
              )}
            </div>
          ) : null}
        </Detail>
        {r.decisionSla && <Detail label={t('registrations.details.decisionDue')}>{format.dateTime(r.decisionSla.dueAt)}</Detail>}
      </DataList>
      {r.notes && (
        <>
          <Text size="sm" fw={600} mt="md">
            {t('registrations.fields.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="registration-notes">
            {r.notes}
          </Text>
        </>
      )}
    </Card>
  );
}

/** After a decision: what it was, who took it, the linked CRM records and the protection window. */
function Outcome({ r }: { r: Registration }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const day = useDay();
  const program = useProgramSettings(r.status === 'rejected');
  if (!r.decidedAt && r.status !== 'withdrawn') return null;
  const by = r.decidedBy?.name;
  const when = r.decidedAt ? format.dateTime(r.decidedAt) : null;

  if (r.status === 'rejected') {
    const lang = i18n.language === 'de' ? 'de' : 'en';
    const label = program.data?.settings.registration.rejectionReasons.find((x) => x.key === r.rejectionReason)?.label[lang] ?? r.rejectionReason;
    const appealOpen = r.appealUntil && Date.parse(r.appealUntil) > Date.now();
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconCircleX size={18} />}
        title={t('registrations.outcome.rejected', { reason: label })}
        data-testid="registration-outcome"
      >
        <Stack gap={4}>
          {r.decisionNote && <Text size="sm">{r.decisionNote}</Text>}
          <Text size="xs" c="dimmed">
            {by ? t('registrations.outcome.decidedBy', { name: by, date: when }) : when}
            {r.appealUntil &&
              ` · ${appealOpen ? t('registrations.outcome.appealUntil', { date: format.dateTime(r.appealUntil) }) : t('registrations.outcome.appealClosed')}`}
          </Text>
        </Stack>
      </Alert>
    );
  }

  if (r.status === 'withdrawn') {
    return (
      <Alert
        color="gray"
        variant="light"
        icon={<IconCircleX size={18} />}
        title={t('registrations.outcome.withdrawn')}
        data-testid="registration-outcome"
      />
    );
  }

  const p = r.protection;
  const links = (
    <Group gap="sm" wrap="wrap">
      {r.accountId && (
        <ButtonLink
          to="/app/accounts/$accountId"
          params={{ accountId: r.accountId }}
          size="xs"
          variant="default"
          leftSection={<IconBuildingSkyscraper size={14} />}
          data-testid="registration-account-link"
        >
          {t('registrations.outcome.account')}
        </ButtonLink>
      )}
      {r.opportunityId && (
        <ButtonLink
          to="/app/opportunities/$opportunityId"
          params={{ opportunityId: r.opportunityId }}
          size="xs"
          variant="default"
          leftSection={<IconBriefcase size={14} />}
          data-testid="registration-opportunity-link"
        >
          {t('registrations.outcome.opportunity')}
        </ButtonLink>
      )}
      {r.leadId && (
        <ButtonLink
          to="/app/leads/$leadId"
          params={{ leadId: r.leadId }}
          size="xs"
          variant="default"
          leftSection={<IconUserSearch size={14} />}
          data-testid="registration-lead-link"
        >
          {t('registrations.outcome.lead')}
        </ButtonLink>
      )}
    </Group>
  );
  // An upheld appeal approves with the note "Appeal upheld: …" (the server's words): say it in the UI's language.
  const onAppeal = /^Appeal upheld(: |$)/.test(r.decisionNote ?? '');
  const note = onAppeal ? (r.decisionNote ?? '').replace(/^Appeal upheld:? ?/, '') || null : r.decisionNote;
  const title =
    r.status === 'approved'
      ? onAppeal
        ? t('registrations.outcome.approvedOnAppeal')
        : t('registrations.outcome.approved')
      : r.status === 'released'
        ? t('registrations.outcome.released')
        : r.status === 'expired'
          ? t('registrations.outcome.expired')
          : t(`registrations.statuses.${r.status}`);
  return (
    <Card withBorder data-testid="registration-outcome" style={{ borderColor: r.status === 'approved' ? 'var(--mantine-color-green-4)' : undefined }}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          {r.status === 'approved' ? (
            <IconCircleCheck size={24} color="var(--mantine-color-green-6)" />
          ) : (
            <IconShieldCheck size={24} color="var(--mantine-color-gray-6)" />
          )}
          <div>
            <Text fw={600}>{title}</Text>
            <Text size="xs" c="dimmed">
              {by ? t('registrations.outcome.decidedBy', { name: by, date: when }) : when}
            </Text>
            {note && (
              <Text size="sm" mt={4}>
                {note}
              </Text>
            )}
          </div>
        </Group>
        {links}
      </Group>
      {p && (
        <Group mt="md" gap="xl" wrap="wrap" data-testid="registration-protection">
          <div>
            <Text size="xs" c="dimmed">
              {t('registrations.protection.window')}
            </Text>
            <Text size="sm" fw={500}>
              {t('registrations.protection.range', { from: format.date(p.startsAt), to: day(p.lastProtectedDay) })}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {p.state === 'released' ? t('registrations.protection.plannedEnd') : t('registrations.protection.expires')}
            </Text>
            <Text size="sm" fw={500} data-testid="registration-protection-expires">
              {format.dateTime(p.expiresAt)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('registrations.protection.status')}
            </Text>
            <ProtectionBadge protection={p} />
          </div>
        </Group>
      )}
    </Card>
  );
}
