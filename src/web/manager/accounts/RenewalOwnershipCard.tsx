// The account page's renewal ownership (REG-11): which partner — or the direct team — works the
// renewal, confirmed before the workspace's deadline (90 days ahead by default).
import { Badge, Button, Card, Group, Modal, Select, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCalendarCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenewalOwnership, RenewalOwnershipInput, RenewalOwnershipStatus } from '../../../shared/renewal-ownership.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ErrorAlert } from '../../components/forms.tsx';
import { ErrorState } from '../../components/states.tsx';
import { api, formError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { crmKeys } from '../crm/crm-queries.ts';

const COLOURS: Record<RenewalOwnershipStatus, string> = {
  no_renewal: 'gray',
  not_needed: 'gray',
  on_track: 'blue',
  at_risk: 'orange',
  overdue: 'red',
  confirmed: 'green',
  renewal_passed: 'gray',
};

const DIRECT = 'direct';

export function RenewalOwnershipCard({ accountId, disabled }: { accountId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [opened, modal] = useDisclosure(false);
  const key = ['renewal-ownership', accountId];
  const query = useQuery({ queryKey: key, queryFn: () => api<RenewalOwnership>(`/api/v1/accounts/${accountId}/renewal-ownership`) });
  const r = query.data;

  return (
    <Card p="lg" data-testid="renewal-ownership">
      <CardHeader
        title={t('renewal.title')}
        text={t('renewal.text')}
        mb="sm"
        action={
          r?.permissions.confirm &&
          !disabled &&
          r.stakes.length > 0 &&
          r.status !== 'renewal_passed' && (
            <Button size="xs" variant="light" leftSection={<IconCalendarCheck size={14} />} onClick={modal.open} data-testid="renewal-confirm">
              {r.confirmation ? t('renewal.change') : t('renewal.confirm')}
            </Button>
          )
        }
      />
      {query.isError ? (
        <ErrorState compact error={query.error} onRetry={() => void query.refetch()} />
      ) : !r ? (
        <Skeleton h={48} />
      ) : (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color={COLOURS[r.status]} variant="light" data-testid="renewal-status" data-status={r.status}>
              {t(`renewal.status.${r.status}`)}
            </Badge>
            {r.dueAt && r.status !== 'confirmed' && (
              <Text size="sm" c={r.status === 'overdue' ? 'red' : 'dimmed'}>
                {t('renewal.dueBy', { date: format.date(r.dueAt) })}
              </Text>
            )}
          </Group>
          {r.stakes.length > 0 && (
            <Text size="sm">
              <Text span c="dimmed">
                {t('renewal.stakes')}{' '}
              </Text>
              {r.stakes.map((s) => `${s.name} (${s.via.map((v) => t(`renewal.via.${v}`)).join(', ')})`).join(' · ')}
            </Text>
          )}
          {r.confirmation && (
            <Text size="sm" data-testid="renewal-confirmation">
              {t('renewal.confirmedAs', {
                owner: r.confirmation.owner.kind === 'partner' ? r.confirmation.owner.name : t('renewal.directTeam'),
                by: r.confirmation.by.label ?? t('renewal.someone'),
                date: format.date(r.confirmation.at),
              })}
              {r.confirmation.note && (
                <Text span c="dimmed">
                  {' '}
                  — {r.confirmation.note}
                </Text>
              )}
            </Text>
          )}
          {(r.status === 'no_renewal' || r.status === 'not_needed') && (
            <Text size="sm" c="dimmed">
              {t(`renewal.explain.${r.status}`)}
            </Text>
          )}
        </Stack>
      )}
      {r && <ConfirmModal opened={opened} onClose={modal.close} ownership={r} queryKey={key} />}
    </Card>
  );
}

function ConfirmModal({
  opened,
  onClose,
  ownership,
  queryKey,
}: {
  opened: boolean;
  onClose: () => void;
  ownership: RenewalOwnership;
  queryKey: string[];
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = ownership.confirmation?.owner;
  const [owner, setOwner] = useState<string | null>(current ? (current.kind === 'partner' ? current.partnerId : DIRECT) : null);
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: (body: RenewalOwnershipInput) =>
      api<RenewalOwnership>(`/api/v1/accounts/${ownership.accountId}/renewal-ownership`, { method: 'POST', body }),
    onSuccess: (data) => {
      client.setQueryData(queryKey, data);
      void client.invalidateQueries({ queryKey: crmKeys.timeline('accounts', ownership.accountId) });
      notifications.show({ color: 'green', message: t('renewal.saved') });
      onClose();
    },
  });
  const options = [...ownership.stakes.map((s) => ({ value: s.partnerId, label: s.name })), { value: DIRECT, label: t('renewal.directTeam') }];
  return (
    <Modal opened={opened} onClose={onClose} title={t('renewal.modalTitle')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('renewal.modalText')}
        </Text>
        <Select
          label={t('renewal.owner')}
          data={options}
          value={owner}
          onChange={setOwner}
          allowDeselect={false}
          data-testid="renewal-owner"
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea label={t('renewal.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
        {save.isError && <ErrorAlert>{formError(save.error, {}) ?? t('renewal.failed')}</ErrorAlert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!owner}
            loading={save.isPending}
            data-testid="renewal-confirm-save"
            onClick={() => save.mutate({ partnerId: owner === DIRECT ? null : owner, ...(note.trim() ? { note: note.trim() } : {}) })}
          >
            {t('renewal.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
