// The Partner access card of an opportunity: which users of the partners on the deal see it as
// reps (its owner, those it was shared with), and sharing it with another or taking it back.
import { ActionIcon, Badge, Button, Card, Group, Select, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShare, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../shared/opportunities.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useNotifyError } from '../../lib/notify.ts';
import { useChangePartnerAccess, useDealPartnerUsers, usePartnerAccess } from './task-queries.ts';

/** The Partner access card; `canEdit` is false on a deleted deal. */
export function PartnerAccessCard({ o, canEdit = !o.deletedAt }: { o: Opportunity; canEdit?: boolean }) {
  const { t } = useTranslation();
  const access = usePartnerAccess(o.id);
  const people = useDealPartnerUsers(o);
  const change = useChangePartnerAccess(o.id);
  const notifyError = useNotifyError();
  const [pick, setPick] = useState<string | null>(null);
  const seeing = new Set(access.data?.data.map((a) => a.id));
  const reps = people.users.filter((u) => u.role === 'partner_rep' && u.status !== 'deactivated');
  const candidates = reps.filter((u) => !seeing.has(u.id));
  const partnerName = (partnerId: string) => o.partners.find((p) => p.partnerId === partnerId)?.partnerName ?? '';
  const nameOf = (id: string) => people.users.find((u) => u.id === id)?.name ?? access.data?.data.find((a) => a.id === id)?.name ?? '';

  const share = (partnerUserId: string, on: boolean) =>
    change.mutate(
      { partnerUserId, share: on },
      {
        onSuccess: () => {
          setPick(null);
          notifications.show({
            color: 'green',
            message: t(on ? 'staffPortal.partnerAccess.added' : 'staffPortal.partnerAccess.removed', { name: nameOf(partnerUserId) }),
          });
        },
        onError: notifyError,
      },
    );

  return (
    <Card data-testid="partner-access-card">
      <CardHeader title={t('staffPortal.partnerAccess.title')} text={t('staffPortal.partnerAccess.text')} mb="md" />
      {o.partners.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('staffPortal.partnerAccess.noPartners')}
        </Text>
      ) : access.isError ? (
        <ErrorState compact error={access.error} onRetry={() => void access.refetch()} />
      ) : access.isPending ? (
        <Skeleton h={28} />
      ) : (
        <Stack gap="sm">
          {access.data.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('staffPortal.partnerAccess.nobody')}
            </Text>
          ) : (
            access.data.data.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap" data-testid="partner-access-entry">
                <div>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {a.name}
                    </Text>
                    <Badge size="xs" variant="light" color={a.reason === 'owner' ? 'blue' : 'gray'} tt="none">
                      {t(`staffPortal.partnerAccess.${a.reason}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {partnerName(a.partnerId)}
                  </Text>
                </div>
                {canEdit && a.reason === 'shared' && (
                  <Tooltip label={t('staffPortal.partnerAccess.remove', { name: a.name })}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('staffPortal.partnerAccess.remove', { name: a.name })}
                      onClick={() => share(a.id, false)}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            ))
          )}
          {canEdit &&
            !people.isPending &&
            (candidates.length === 0 ? (
              <Text size="xs" c="dimmed">
                {reps.length === 0 ? t('staffPortal.partnerAccess.noReps') : t('staffPortal.partnerAccess.noCandidates')}
              </Text>
            ) : (
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <Select
                  label={t('staffPortal.partnerAccess.add')}
                  placeholder={t('staffPortal.partnerAccess.addPlaceholder')}
                  data={candidates.map((u) => ({ value: u.id, label: `${u.name} · ${u.partnerName}` }))}
                  value={pick}
                  onChange={setPick}
                  searchable
                  style={{ flex: 1 }}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="partner-access-pick"
                />
                <Button
                  leftSection={<IconShare size={16} />}
                  disabled={!pick}
                  loading={change.isPending && change.variables?.share === true}
                  onClick={() => pick && share(pick, true)}
                  data-testid="partner-access-share"
                >
                  {t('staffPortal.partnerAccess.addButton')}
                </Button>
              </Group>
            ))}
        </Stack>
      )}
    </Card>
  );
}
