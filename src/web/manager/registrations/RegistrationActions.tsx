// The decisions on a registration, for those who may decide: take into review, approve (protection
// days, which account or opportunity to link, an override of the conflict policy), reject (a reason
// from the workspace's list and a note), reassign, and release an approved registration's protection.
// A refused action shows the server's explanation in its dialog.
import { Alert, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconEye, IconShieldOff, IconUserShare, IconX } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../shared/registrations.ts';
import { ErrorAlert, InfoAlert } from '../../components/forms.tsx';
import { errorMessage, fieldErrors } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { RecordPicker } from '../crm/RecordPicker.tsx';
import { useProgramSettings } from '../settings/program/program-queries.ts';
import { ApproverSelect, useApprovers } from './ApproverSelect.tsx';
import { tierLabel } from './parts.tsx';
import { type ApproveInput, type RegistrationActions, useRegistrationActions } from './registration-queries.ts';

const OPEN = new Set(['submitted', 'in_review']);

/** The action buttons of the registration page's header (nothing without `permissions.decide`). */
export function RegistrationActionBar({ r, winnerNumber }: { r: Registration; winnerNumber: string | null }) {
  const { t } = useTranslation();
  const actions = useRegistrationActions(r.id);
  const notifyError = useNotifyError();
  const [approving, approve] = useDisclosure(false);
  const [rejecting, reject] = useDisclosure(false);
  const [reassigning, reassign] = useDisclosure(false);
  const [releasing, release] = useDisclosure(false);
  if (!r.permissions.decide) return null;
  const open = OPEN.has(r.status);
  const protectedNow = r.status === 'approved' && (r.protection?.state === 'active' || r.protection?.state === 'expiring');
  return (
    <>
      {r.status === 'submitted' && (
        <Button
          variant="default"
          leftSection={<IconEye size={16} />}
          loading={actions.review.isPending}
          onClick={() =>
            actions.review.mutate(undefined, {
              onSuccess: () => notifications.show({ color: 'green', message: t('registrations.actions.reviewStarted') }),
              onError: notifyError,
            })
          }
          data-testid="registration-review"
        >
          {t('registrations.actions.review')}
        </Button>
      )}
      {open && (
        <Button variant="default" leftSection={<IconUserShare size={16} />} onClick={reassign.open} data-testid="registration-reassign">
          {t('registrations.actions.reassign')}
        </Button>
      )}
      {open && (
        <Button variant="light" color="red" leftSection={<IconX size={16} />} onClick={reject.open} data-testid="registration-reject">
          {t('registrations.actions.reject')}
        </Button>
      )}
      {open && (
        <Button color="teal.9" leftSection={<IconCheck size={16} />} onClick={approve.open} data-testid="registration-approve">
          {t('registrations.actions.approve')}
        </Button>
      )}
      {protectedNow && (
        <Button variant="light" color="orange" leftSection={<IconShieldOff size={16} />} onClick={release.open} data-testid="registration-release">
          {t('registrations.actions.release')}
        </Button>
      )}
      {approving && <ApproveModal r={r} winnerNumber={winnerNumber} actions={actions} onClose={approve.close} />}
      {rejecting && <RejectModal r={r} actions={actions} onClose={reject.close} />}
      {reassigning && <ReassignModal r={r} actions={actions} onClose={reassign.close} />}
      {releasing && <ReleaseModal r={r} actions={actions} onClose={release.close} />}
    </>
  );
}

/** A dialog that submits one mutation: the server's refusal above the buttons, the mutation reset on close. */
export function ActionModal<I>({
  title,
  text,
  mutation,
  onClose,
  confirm,
  color,
  testId,
  submit,
  children,
}: {
  title: string;
  text?: ReactNode;
  mutation: UseMutationResult<Registration, unknown, I, unknown>;
  onClose: () => void;
  confirm: string;
  color?: string;
  testId?: string;
  /** The input, or null when the form says what is missing. */
  submit: () => I | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal opened onClose={close} title={title} size="lg" closeButtonProps={{ 'aria-label': t('registrations.actions.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const input = submit();
          if (input !== null) mutation.mutate(input, { onSuccess: close });
        }}
      >
        <Stack gap="md">
          {text && (
            <Text size="sm" c="dimmed">
              {text}
            </Text>
          )}
          {children}
          {mutation.error != null && (
            <ErrorAlert title={t('registrations.actions.refused')} data-testid="registration-action-error">
              {errorMessage(mutation.error, t('errors.generic'))}
            </ErrorAlert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-testid="registration-action-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={mutation.isPending} data-testid={testId}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The protection length the server would choose: the best-fitting override by motion and tier, else the default. */
function defaultProtectionDays(
  protection: { defaultDays: number; overrides: { motion?: string; tier?: string; days: number }[] } | undefined,
  r: Registration,
): number {
  if (!protection) return 90;
  const fits = protection.overrides.filter(
    (o) => (o.motion === undefined || o.motion === r.motion) && (o.tier === undefined || o.tier === r.partner.tier),
  );
  const both = fits.filter((o) => o.motion !== undefined && o.tier !== undefined);
  const pool = both.length ? both : fits;
  return pool.length ? Math.max(...pool.map((o) => o.days)) : protection.defaultDays;
}

type LinkMode = 'auto' | 'account' | 'opportunity';

function ApproveModal({
  r,
  winnerNumber,
  actions,
  onClose,
}: {
  r: Registration;
  winnerNumber: string | null;
  actions: RegistrationActions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const program = useProgramSettings();
  const protection = program.data?.settings.protection;
  const suggested = defaultProtectionDays(protection, r);
  const [days, setDays] = useState<number | string>('');
  const accountCandidates = r.duplicateCheck.candidates.filter((c) => c.kind === 'account');
  const oppCandidates = r.duplicateCheck.candidates.filter((c) => c.kind === 'opportunity');
  const [mode, setMode] = useState<LinkMode>('auto');
  const [accountId, setAccountId] = useState<string | null>(accountCandidates[0]?.id ?? null);
  const [opportunityId, setOpportunityId] = useState<string | null>(oppCandidates[0]?.id ?? null);
  const [note, setNote] = useState('');
  const loses = Boolean(r.conflict?.winnerRegistrationId && r.conflict.winnerRegistrationId !== r.id);
  const refusedForPolicy = actions.approve.error != null && /override/i.test(errorMessage(actions.approve.error, ''));
  const [override, setOverride] = useState(loses);
  const [overrideReason, setOverrideReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const serverFields = fieldErrors(actions.approve.error, ['protectionDays', 'accountId', 'opportunityId', 'note', 'override']);
  const effectiveDays = typeof days === 'number' ? days : suggested;
  const until = new Date(Date.now() + effectiveDays * 86_400_000);

  return (
    <ActionModal<ApproveInput>
      title={t('registrations.approve.title', { number: r.number })}
      text={
        r.type === 'deal'
          ? t('registrations.approve.textDeal', { partner: r.partner.name })
          : t('registrations.approve.textLead', { partner: r.partner.name })
      }
      mutation={actions.approve}
      onClose={onClose}
      confirm={t('registrations.approve.confirm')}
      color="teal.9"
      testId="registration-approve-confirm"
      submit={() => {
        const next: Record<string, string> = {};
        if (mode === 'account' && !accountId) next.accountId = t('registrations.approve.chooseAccount');
        if (mode === 'opportunity' && !opportunityId) next.opportunityId = t('registrations.approve.chooseOpportunity');
        if (override && !overrideReason.trim()) next.override = t('registrations.approve.overrideRequired');
        setProblems(next);
        if (Object.keys(next).length) return null;
        return {
          protectionDays: typeof days === 'number' ? days : undefined,
          accountId: mode === 'account' ? (accountId ?? undefined) : undefined,
          opportunityId: mode === 'opportunity' ? (opportunityId ?? undefined) : undefined,
          note: note.trim() || undefined,
          override: override ? { reason: overrideReason.trim() } : undefined,
        };
      }}
    >
      {!loses && r.status !== 'approved' && oppCandidates[0] && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('registrations.approve.directTitle')}
          data-testid="registration-approve-direct"
        >
          {t('registrations.approve.directText', { name: oppCandidates[0].name })}
        </Alert>
      )}
      {loses && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('registrations.approve.policyTitle')}>
          {winnerNumber ? t('registrations.approve.policyText', { number: winnerNumber }) : t('registrations.approve.policyTextAnonymous')}
        </Alert>
      )}
      <NumberInput
        label={t('registrations.approve.protectionDays')}
        description={t('registrations.approve.protectionHint', {
          days: suggested,
          motion: t(`crm.opportunities.motions.${r.motion}`),
          tier: tierLabel(r.partner.tier) ?? t('common.none'),
        })}
        placeholder={String(suggested)}
        min={30}
        max={365}
        allowDecimal={false}
        value={days}
        onChange={setDays}
        error={serverFields.protectionDays}
        rightSection={
          <Text size="xs" c="dimmed" pr="md">
            {t('registrations.approve.days')}
          </Text>
        }
        rightSectionWidth={56}
        data-testid="registration-approve-days"
      />
      <Text size="xs" c="dimmed" mt={-8}>
        {t('registrations.approve.until', { date: format.date(until) })}
      </Text>
      {r.type === 'deal' ? (
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('registrations.approve.linkLabel')}
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as LinkMode)}
            data={[
              { value: 'auto', label: t('registrations.approve.linkAuto') },
              { value: 'account', label: t('registrations.approve.linkAccount') },
              ...(oppCandidates.length ? [{ value: 'opportunity', label: t('registrations.approve.linkOpportunity') }] : []),
            ]}
            fullWidth
            data-testid="registration-approve-link"
          />
          <Text size="xs" c="dimmed">
            {t(`registrations.approve.linkHint.${mode}`)}
          </Text>
          {mode === 'account' && (
            <RecordPicker
              path="/api/v1/accounts"
              aria-label={t('registrations.approve.account')}
              placeholder={t('registrations.approve.accountPlaceholder')}
              value={accountId}
              initial={accountCandidates[0] ? { id: accountCandidates[0].id, name: accountCandidates[0].name } : null}
              onChange={(id) => setAccountId(id)}
              error={problems.accountId ?? serverFields.accountId}
              data-testid="registration-approve-account"
            />
          )}
          {mode === 'opportunity' && (
            <Select
              aria-label={t('registrations.approve.opportunity')}
              data={oppCandidates.map((c) => ({ value: c.id, label: c.name }))}
              value={opportunityId}
              onChange={setOpportunityId}
              allowDeselect={false}
              error={problems.opportunityId ?? serverFields.opportunityId}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Stack>
      ) : (
        <Text size="sm">{t('registrations.approve.leadHint')}</Text>
      )}
      <Textarea
        label={t('registrations.approve.note')}
        description={t('registrations.approve.noteHint')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={5000}
      />
      {(loses || refusedForPolicy || override) && (
        <Stack gap={6}>
          <Checkbox
            label={t('registrations.approve.override')}
            checked={override}
            onChange={(e) => setOverride(e.currentTarget.checked)}
            data-testid="registration-approve-override"
          />
          {override && (
            <Textarea
              label={t('registrations.approve.overrideReason')}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.currentTarget.value)}
              error={problems.override ?? serverFields.override}
              autosize
              minRows={2}
              maxLength={2000}
              withAsterisk
              data-testid="registration-approve-override-reason"
            />
          )}
        </Stack>
      )}
    </ActionModal>
  );
}

function RejectModal({ r, actions, onClose }: { r: Registration; actions: RegistrationActions; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const program = useProgramSettings();
  const lang = i18n.language === 'de' ? 'de' : 'en';
  const reasons = program.data?.settings.registration.rejectionReasons ?? [];
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const serverFields = fieldErrors(actions.reject.error, ['reason', 'note']);
  return (
    <ActionModal<{ reason: string; note?: string }>
      title={t('registrations.reject.title', { number: r.number })}
      text={t('registrations.reject.text', { partner: r.partner.name })}
      mutation={actions.reject}
      onClose={onClose}
      confirm={t('registrations.reject.confirm')}
      color="red.9"
      testId="registration-reject-confirm"
      submit={() => {
        if (!reason) {
          setProblem(t('registrations.reject.reasonRequired'));
          return null;
        }
        return { reason, note: note.trim() || undefined };
      }}
    >
      <Select
        label={t('registrations.reject.reason')}
        placeholder={program.isPending ? t('common.loading') : t('registrations.reject.reasonPlaceholder')}
        data={reasons.map((x) => ({ value: x.key, label: x.label[lang] }))}
        value={reason}
        onChange={(v) => {
          setReason(v);
          setProblem(null);
        }}
        error={problem ?? serverFields.reason ?? (program.isError ? t('registrations.reject.reasonsFailed') : undefined)}
        withAsterisk
        comboboxProps={{ withinPortal: true }}
        data-testid="registration-reject-reason"
      />
      <Textarea
        label={t('registrations.reject.note')}
        description={t('registrations.reject.noteHint')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={serverFields.note}
        autosize
        minRows={3}
        maxLength={5000}
        data-testid="registration-reject-note"
      />
    </ActionModal>
  );
}

function ReassignModal({ r, actions, onClose }: { r: Registration; actions: RegistrationActions; onClose: () => void }) {
  const { t } = useTranslation();
  const approvers = useApprovers();
  const nobody = !approvers.loading && !approvers.failed && approvers.options(null, undefined, r.approver?.id ?? null).length === 0;
  const [approver, setApprover] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <ActionModal<{ approverUserId: string }>
      title={t('registrations.reassign.title', { number: r.number })}
      text={r.approver ? t('registrations.reassign.textCurrent', { name: r.approver.name }) : t('registrations.reassign.textNone')}
      mutation={actions.reassign}
      onClose={onClose}
      confirm={t('registrations.reassign.confirm')}
      testId="registration-reassign-confirm"
      submit={() => {
        if (!approver) {
          setProblem(t('registrations.reassign.required'));
          return null;
        }
        return { approverUserId: approver };
      }}
    >
      {nobody && <InfoAlert data-testid="registration-reassign-nobody">{t('registrations.reassign.nobody')}</InfoAlert>}
      <ApproverSelect
        disabled={nobody}
        label={t('registrations.reassign.label')}
        value={approver}
        current={r.approver?.id ?? null}
        onChange={(v) => {
          setApprover(v);
          setProblem(null);
        }}
        error={problem ?? fieldErrors(actions.reassign.error, ['approverUserId']).approverUserId}
        data-testid="registration-reassign-approver"
      />
    </ActionModal>
  );
}

function ReleaseModal({ r, actions, onClose }: { r: Registration; actions: RegistrationActions; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <ActionModal<{ reason: string }>
      title={t('registrations.release.title', { number: r.number })}
      text={t('registrations.release.text', { partner: r.partner.name })}
      mutation={actions.release}
      onClose={onClose}
      confirm={t('registrations.release.confirm')}
      color="red.9"
      testId="registration-release-confirm"
      submit={() => {
        if (!reason.trim()) {
          setProblem(t('registrations.release.required'));
          return null;
        }
        return { reason: reason.trim() };
      }}
    >
      <Textarea
        label={t('registrations.release.reason')}
        placeholder={r.noTouch ? t('registrations.release.noTouchPlaceholder') : undefined}
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          setProblem(null);
        }}
        error={problem ?? fieldErrors(actions.release.error, ['reason']).reason}
        autosize
        minRows={3}
        maxLength={2000}
        withAsterisk
        data-testid="registration-release-reason"
      />
    </ActionModal>
  );
}
