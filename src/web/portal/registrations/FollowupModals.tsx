// What a partner can do with a registration after submitting it: appeal a rejection (reason and
// evidence files), ask to extend the protection (the kind of progress, what happened, when, files),
// or withdraw it while it waits for a decision.
import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerRegistration } from '../../../shared/registrations.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/forms.tsx';
import { errorMessage, fieldErrors } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { EvidenceUpload, useEvidence } from './EvidenceUpload.tsx';
import { READABLE_ERRORS } from './registration-form.ts';
import { useAppealRegistration, useRequestExtension, useWithdrawRegistration } from './registration-queries.ts';

const EVIDENCE_KINDS = ['discovery_booked', 'stage_advanced', 'meeting_held', 'other'] as const;
type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

type ModalProps = { registration: PartnerRegistration; opened: boolean; onClose: () => void };

function Footer({
  onClose,
  busy,
  label,
  testId,
  disabled,
}: {
  onClose: () => void;
  busy: boolean;
  label: string;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy} disabled={disabled} data-testid={testId}>
        {label}
      </Button>
    </Group>
  );
}

/** Appeal a rejection within the appeal window. */
export function AppealModal({ registration: r, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const appeal = useAppealRegistration(r.id);
  const evidence = useEvidence();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    setProblem(null);
    evidence.reset();
    onClose();
  };
  const submit = () => {
    setProblem(null);
    if (!reason.trim()) return setError(t('portalRegistrations.form.required'));
    appeal.mutate(
      { reason: reason.trim(), attachmentIds: evidence.ids },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('portalRegistrations.appeal.sent') });
          close();
        },
        onError: (e) => {
          const placed = fieldErrors(e, ['reason']);
          if (placed.reason) setError(placed.reason);
          else setProblem(errorMessage(e, t('errors.generic')));
        },
      },
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('portalRegistrations.appeal.title', { number: r.number ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('portalRegistrations.close') }}
    >
      <form
        noValidate
        style={READABLE_ERRORS}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {r.appealUntil
              ? t('portalRegistrations.appeal.intro', { date: format.dateTime(r.appealUntil) })
              : t('portalRegistrations.appeal.introNoDate')}
          </Text>
          <Textarea
            label={t('portalRegistrations.appeal.reason')}
            description={t('portalRegistrations.appeal.reasonHint')}
            required
            autosize
            minRows={4}
            maxRows={12}
            value={reason}
            error={error}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
            data-autofocus
            data-testid="appeal-reason"
          />
          <EvidenceUpload evidence={evidence} />
          {problem && <ErrorAlert>{problem}</ErrorAlert>}
          <Footer
            onClose={close}
            busy={appeal.isPending}
            label={t('portalRegistrations.appeal.submit')}
            testId="appeal-submit"
            disabled={evidence.busy}
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** Ask for a longer protection, on evidence of progress. */
export function ExtensionModal({ registration: r, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const request = useRequestExtension(r.id);
  const evidence = useEvidence();
  const [kind, setKind] = useState<EvidenceKind | null>(null);
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setKind(null);
    setText('');
    setAt('');
    setErrors({});
    setProblem(null);
    evidence.reset();
    onClose();
  };
  const today = new Date().toISOString().slice(0, 10);
  const submit = () => {
    setProblem(null);
    const missing: Record<string, string> = {};
    if (!kind) missing.kind = t('portalRegistrations.form.required');
    if (!text.trim()) missing.text = t('portalRegistrations.form.required');
    if (at && at > today) missing.at = t('portalRegistrations.extension.notFuture');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    request.mutate(
      {
        evidence: { kind: kind as EvidenceKind, text: text.trim(), ...(at ? { at: new Date(`${at}T12:00:00`).toISOString() } : {}) },
        attachmentIds: evidence.ids,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('portalRegistrations.extension.sent') });
          close();
        },
        onError: (e) => {
          const placed = fieldErrors(e, ['evidence']);
          if (placed.evidence) setErrors({ text: placed.evidence });
          setProblem(errorMessage(e, t('errors.generic')));
        },
      },
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('portalRegistrations.extension.title', { number: r.number ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('portalRegistrations.close') }}
    >
      <form
        noValidate
        style={READABLE_ERRORS}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('portalRegistrations.extension.intro')}
          </Text>
          <Group grow align="flex-start" gap="md">
            <Select
              label={t('portalRegistrations.extension.kind')}
              placeholder={t('portalRegistrations.extension.kindPlaceholder')}
              data={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`portalRegistrations.extension.kinds.${k}`) }))}
              value={kind}
              onChange={(v) => {
                setKind(v as EvidenceKind | null);
                setErrors((x) => ({ ...x, kind: '' }));
              }}
              required
              error={errors.kind || undefined}
              data-testid="extension-kind"
            />
            <TextInput
              type="date"
              label={t('portalRegistrations.extension.at')}
              description={t('portalRegistrations.form.optional')}
              max={today}
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
              error={errors.at || undefined}
            />
          </Group>
          <Textarea
            label={t('portalRegistrations.extension.text')}
            description={t('portalRegistrations.extension.textHint')}
            required
            autosize
            minRows={4}
            maxRows={12}
            value={text}
            error={errors.text || undefined}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setErrors((x) => ({ ...x, text: '' }));
            }}
            data-testid="extension-text"
          />
          <EvidenceUpload evidence={evidence} />
          {problem && <ErrorAlert>{problem}</ErrorAlert>}
          <Footer
            onClose={close}
            busy={request.isPending}
            label={t('portalRegistrations.extension.submit')}
            testId="extension-submit"
            disabled={evidence.busy}
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** Withdraw a registration that waits for a decision. */
export function WithdrawModal({ registration: r, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const withdraw = useWithdrawRegistration(r.id);
  const notifyError = useNotifyError();
  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      title={t('portalRegistrations.withdraw.title', { number: r.number ?? '' })}
      text={t('portalRegistrations.withdraw.text')}
      confirmLabel={t('portalRegistrations.withdraw.confirm')}
      loading={withdraw.isPending}
      onConfirm={() =>
        withdraw.mutate(undefined, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('portalRegistrations.withdraw.done', { number: r.number ?? '' }) });
            onClose();
          },
          onError: notifyError,
        })
      }
    />
  );
}
