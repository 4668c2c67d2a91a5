// The claim rank and the conflict analysis of a registration: which claim the conflict policy ranks
// first and why, and the two conflict SLAs (acknowledge within 24 h, a resolution plan within 5
// business days) with the buttons that meet them.
import { Alert, Badge, Button, Card, Group, List, Stack, Text, Textarea, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCrown, IconEye, IconFileDescription, IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../shared/registrations.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { fieldErrors } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { ActionModal } from './ActionModal.tsx';
import { useConflictReasonText } from './parts.tsx';
import { useRegistrationActions } from './registration-queries.ts';

/** "First claim" or "Second claim after REG-00001" (linking the first). */
export function ClaimLine({ r, firstNumber }: { r: Registration; firstNumber: string | null }) {
  const { t } = useTranslation();
  if (r.claim.rank <= 1 || !r.claim.firstClaimId) {
    return (
      <Text size="sm" data-testid="registration-claim">
        {t('registrations.claim.first')}
      </Text>
    );
  }
  const ordinal = r.claim.rank === 2 ? 'second' : r.claim.rank === 3 ? 'third' : 'nth';
  return (
    <Text size="sm" data-testid="registration-claim">
      {t(`registrations.claim.${ordinal}`, { rank: r.claim.rank })}{' '}
      <AnchorLink to="/app/registrations/$registrationId" params={{ registrationId: r.claim.firstClaimId }} size="sm" ff="monospace">
        {firstNumber ?? t('registrations.claim.firstClaim')}
      </AnchorLink>
    </Text>
  );
}

/** An SLA step of the conflict: done (when), or due (red once overdue), with its button. */
function SlaStep({
  label,
  dueAt,
  doneAt,
  done,
  closed,
  action,
}: {
  label: string;
  dueAt: string | null;
  doneAt: string | null;
  done: string;
  /** The registration is decided: an open step is not needed any more (its timer stopped). */
  closed: boolean;
  action: React.ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const overdue = !closed && !doneAt && dueAt !== null && Date.parse(dueAt) < Date.now();
  return (
    <Group justify="space-between" wrap="wrap" gap="xs" py={6}>
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon size={22} radius="xl" variant="light" color={doneAt ? 'green' : overdue ? 'red' : 'gray'}>
          {doneAt ? <IconCheck size={13} /> : <IconScale size={13} />}
        </ThemeIcon>
        <div>
          <Text size="sm" fw={500}>
            {label}
          </Text>
          <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
            {doneAt
              ? t(done as never, { date: format.dateTime(doneAt) })
              : closed
                ? t('registrations.conflict.notNeeded')
                : dueAt
                  ? overdue
                    ? t('registrations.followups.overdue', { date: format.dateTime(dueAt) })
                    : t('registrations.conflict.dueOn', { date: format.dateTime(dueAt) })
                  : t('common.none')}
          </Text>
        </div>
      </Group>
      {!doneAt && !closed && action}
    </Group>
  );
}

export function ConflictCard({ r, winnerNumber, partners }: { r: Registration; winnerNumber: string | null; partners: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const reasonText = useConflictReasonText(partners);
  const actions = useRegistrationActions(r.id);
  const notifyError = useNotifyError();
  const [planning, plan] = useDisclosure(false);
  const c = r.conflict;
  if (!c) return null;
  const wins = c.winnerRegistrationId === r.id;
  // No other partner's claim was ranked: the conflict is with the records of the duplicate check (the vendor's own deal, say).
  const withRecords = !c.winnerRegistrationId && c.reasons.length === 0 && !c.needsReview;
  const closed = r.status !== 'submitted' && r.status !== 'in_review';
  return (
    <Card data-testid="registration-conflict">
      <CardHeader
        title={t('registrations.conflict.title')}
        text={withRecords ? t('registrations.conflict.textRecords') : t('registrations.conflict.text')}
        action={
          c.needsReview ? (
            <Badge color="orange" variant="light" radius="sm">
              {t('registrations.conflict.needsReview')}
            </Badge>
          ) : undefined
        }
        mb="sm"
      />
      <Alert
        variant="light"
        color={wins ? 'green' : c.winnerRegistrationId || withRecords ? 'orange' : 'gray'}
        icon={<IconCrown size={18} />}
        mb="sm"
        data-testid="registration-conflict-winner"
      >
        {wins ? (
          t('registrations.conflict.thisWins')
        ) : c.winnerRegistrationId ? (
          <>
            {t('registrations.conflict.otherWins')}{' '}
            <AnchorLink to="/app/registrations/$registrationId" params={{ registrationId: c.winnerRegistrationId }} ff="monospace" size="sm">
              {winnerNumber ?? t('registrations.conflict.otherClaim')}
            </AnchorLink>
          </>
        ) : withRecords ? (
          t('registrations.conflict.withRecords')
        ) : (
          t('registrations.conflict.noWinner')
        )}
      </Alert>
      {c.reasons.length > 0 && (
        <List size="sm" spacing={4} mb="sm" data-testid="registration-conflict-reasons">
          {c.reasons.map((reason) => (
            <List.Item key={`${reason.code}-${reason.text}`}>{reasonText(reason)}</List.Item>
          ))}
        </List>
      )}
      {(c.ackDueAt || c.acknowledgedAt || c.planDueAt || c.plannedAt) && (
        <Stack gap={0}>
          <SlaStep
            label={t('registrations.conflict.ack')}
            dueAt={c.ackDueAt}
            doneAt={c.acknowledgedAt}
            done="registrations.conflict.acknowledgedOn"
            closed={closed}
            action={
              r.permissions.decide && (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconEye size={14} />}
                  loading={actions.acknowledge.isPending}
                  onClick={() =>
                    actions.acknowledge.mutate(undefined, {
                      onSuccess: () => notifications.show({ color: 'green', message: t('registrations.conflict.acknowledged') }),
                      onError: notifyError,
                    })
                  }
                  data-testid="conflict-acknowledge"
                >
                  {t('registrations.conflict.acknowledge')}
                </Button>
              )
            }
          />
          <SlaStep
            label={t('registrations.conflict.plan')}
            dueAt={c.planDueAt}
            doneAt={c.plannedAt}
            done="registrations.conflict.plannedOn"
            closed={closed}
            action={
              r.permissions.decide && (
                <Button size="xs" variant="light" leftSection={<IconFileDescription size={14} />} onClick={plan.open} data-testid="conflict-plan">
                  {t('registrations.conflict.recordPlan')}
                </Button>
              )
            }
          />
          {c.plan && (
            <Text size="sm" mt={4} pl={30} style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-plan-text">
              {c.plan}
            </Text>
          )}
        </Stack>
      )}
      {planning && <PlanModal r={r} onClose={plan.close} />}
    </Card>
  );
}

function PlanModal({ r, onClose }: { r: Registration; onClose: () => void }) {
  const { t } = useTranslation();
  const actions = useRegistrationActions(r.id);
  const [text, setText] = useState(r.conflict?.plan ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <ActionModal<{ plan: string }>
      title={t('registrations.conflict.planTitle', { number: r.number })}
      text={t('registrations.conflict.planText')}
      mutation={actions.plan}
      onClose={onClose}
      confirm={t('registrations.conflict.savePlan')}
      testId="conflict-plan-confirm"
      submit={() => {
        if (!text.trim()) {
          setProblem(t('registrations.conflict.planRequired'));
          return null;
        }
        return { plan: text.trim() };
      }}
    >
      <Textarea
        label={t('registrations.conflict.plan')}
        placeholder={t('registrations.conflict.planPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setProblem(null);
        }}
        error={problem ?? fieldErrors(actions.plan.error, ['plan']).plan}
        autosize
        minRows={4}
        maxLength={10000}
        withAsterisk
        data-testid="conflict-plan-text-input"
      />
    </ActionModal>
  );
}
