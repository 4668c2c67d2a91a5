// For partner admins on a deal page: which reps of the organisation see the deal, and sharing it
// with another active colleague (or taking it back).
import { ActionIcon, Badge, Button, Card, Group, Select, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShare, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useNotifyError } from '../../lib/notify.ts';
import { useChangeDealAccess, useDealAccess, useTeam } from '../portal-queries.ts';

/** The "who sees this deal" card (render it for partner admins only). */
export function DealAccessPanel({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const access = useDealAccess(dealId, true);
  const team = useTeam();
  const change = useChangeDealAccess(dealId);
  const notifyError = useNotifyError();
  const [pick, setPick] = useState<string | null>(null);
  const seeing = new Set(access.data?.data.map((a) => a.id));
  const reps = (team.data?.data ?? []).filter((c) => c.role === 'partner_rep' && c.status !== 'deactivated');
  const candidates = reps.filter((c) => !seeing.has(c.id));
  const nameOf = (id: string) => team.data?.data.find((c) => c.id === id)?.name ?? access.data?.data.find((a) => a.id === id)?.name ?? '';

  const share = (partnerUserId: string, on: boolean) =>
    change.mutate(
      { partnerUserId, share: on },
      {
        onSuccess: () => {
          setPick(null);
          notifications.show({
            color: 'green',
            message: t(on ? 'portalPages.access.added' : 'portalPages.access.removed', { name: nameOf(partnerUserId) }),
          });
        },
        onError: notifyError,
      },
    );

  return (
    <Card data-testid="portal-deal-access">
      <CardHeader title={t('portalPages.access.title')} text={t('portalPages.access.text')} mb="md" />
      {access.isError ? (
        <ErrorState compact error={access.error} onRetry={() => void access.refetch()} />
      ) : access.isPending ? (
        <Skeleton h={28} />
      ) : (
        <Stack gap="sm">
          {access.data.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('portalPages.access.nobody')}
            </Text>
          ) : (
            access.data.data.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap" data-testid="portal-access-entry">
                <Group gap={8} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {a.name}
                  </Text>
                  <Badge size="xs" variant="light" color={a.reason === 'owner' ? 'brand' : 'gray'} tt="none">
                    {t(`portalPages.access.${a.reason}`)}
                  </Badge>
                </Group>
                {a.reason === 'shared' && (
                  <Tooltip label={t('portalPages.access.remove', { name: a.name })}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('portalPages.access.remove', { name: a.name })}
                      onClick={() => share(a.id, false)}
                      loading={change.isPending && change.variables?.partnerUserId === a.id}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            ))
          )}
          {team.isSuccess &&
            (candidates.length === 0 ? (
              <Text size="xs" c="dimmed">
                {reps.length === 0 ? t('portalPages.access.noReps') : t('portalPages.access.noColleagues')}
              </Text>
            ) : (
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <Select
                  label={t('portalPages.access.add')}
                  placeholder={t('portalPages.access.addPlaceholder')}
                  data={candidates.map((c) => ({ value: c.id, label: c.name }))}
                  value={pick}
                  onChange={setPick}
                  style={{ flex: 1 }}
                  size="sm"
                  data-testid="portal-access-pick"
                />
                <Button
                  size="sm"
                  leftSection={<IconShare size={16} />}
                  disabled={!pick}
                  loading={change.isPending && change.variables?.share === true}
                  onClick={() => pick && share(pick, true)}
                  data-testid="portal-access-share"
                >
                  {t('portalPages.access.addButton')}
                </Button>
              </Group>
            ))}
        </Stack>
      )}
    </Card>
  );
}
