// The decisions on a registration, for those who may decide: take into review, approve (protection
// days, which account or opportunity to link, an override of the conflict policy), reject (a reason
// from the workspace's list and a note), reassign, and release an approved registration's protection.
// A refused action shows the server's explanation in its dialog.
import { Button, Select, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconEye, IconShieldOff, IconUserShare, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../shared/registrations.ts';
import { InfoAlert } from '../../components/forms.tsx';
import { fieldErrors } from '../../lib/api.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useProgramSettings } from '../settings/program/program-queries.ts';
import { ActionModal } from './ActionModal.tsx';
import { ApproveModal } from './ApproveModal.tsx';
import { ApproverSelect, useApprovers } from './ApproverSelect.tsx';
import { type RegistrationActions, useRegistrationActions } from './registration-queries.ts';

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
