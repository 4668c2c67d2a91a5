// Approving a registration: protection days (the best-fitting default shown), which account or
// opportunity to link (or let the server find or create them), and an override of the conflict
// policy with its reason when another partner holds the company.
import { Alert, Checkbox, NumberInput, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../shared/registrations.ts';
import { errorMessage, fieldErrors } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { RecordPicker } from '../crm/RecordPicker.tsx';
import { useProgramSettings } from '../settings/program/program-queries.ts';
import { ActionModal } from './ActionModal.tsx';
import { tierLabel } from './parts.tsx';
import type { ApproveInput, RegistrationActions } from './registration-queries.ts';

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

export function ApproveModal({
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
