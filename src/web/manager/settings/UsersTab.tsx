// Settings → Users: staff of the workspace; invite, change role, deactivate or reactivate.
import { Badge, Button, Card, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserCheck, IconUserOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES } from '../../../shared/workspace.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { InvitePersonModal } from '../../components/InvitePersonModal.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { UserStatusBadge } from '../../components/UserStatusBadge.tsx';
import type { StaffRole, StaffUser } from '../../lib/api-types.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useMe } from '../../lib/session.ts';
import { useInviteStaffUser, useStaffUsers, useUpdateStaffUser } from './settings-queries.ts';

export function UsersTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const users = useStaffUsers();
  const update = useUpdateStaffUser();
  const inviteUser = useInviteStaffUser();
  const notifyError = useNotifyError();
  const [inviting, invite] = useDisclosure(false);
  const [deactivating, setDeactivating] = useState<StaffUser | null>(null);
  const canManage = me.permissions.manageUsers;
  const roleOptions = STAFF_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }));
  const rows = users.data?.pages.flatMap((p) => p.data) ?? [];

  const changeRole = (user: StaffUser, role: StaffRole) =>
    update.mutate(
      { id: user.id, role },
      {
        onSuccess: () =>
          notifications.show({ color: 'green', message: t('settings.users.roleChanged', { name: user.name, role: t(`roles.${role}`) }) }),
        onError: notifyError,
      },
    );

  const setStatus = (user: StaffUser, status: 'active' | 'deactivated') =>
    update.mutate(
      { id: user.id, status },
      {
        onSuccess: () => {
          setDeactivating(null);
          notifications.show({
            color: 'green',
            message: t(status === 'active' ? 'settings.users.reactivated' : 'settings.users.deactivated', { name: user.name }),
          });
        },
        onError: notifyError,
      },
    );

  return (
    <Card p={0}>
      <CardHeader
        title={t('settings.users.title')}
        text={t('settings.users.text')}
        p="lg"
        action={
          canManage && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open} data-testid="user-invite">
              {t('settings.users.invite')}
            </Button>
          )
        }
      />

      {users.isPending ? (
        <Stack p="lg" pt={0}>
          <Skeleton h={18} />
          <Skeleton h={18} />
          <Skeleton h={18} w="70%" />
        </Stack>
      ) : users.isError ? (
        <Stack p="lg" pt={0}>
          <ErrorState compact error={users.error} onRetry={() => void users.refetch()} />
        </Stack>
      ) : rows.length === 0 ? (
        <Stack p="lg" pt={0}>
          <EmptyBlock icon={<IconUsers size={28} />} title={t('settings.users.emptyTitle')} text={t('settings.users.emptyText')} />
        </Stack>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="users-table">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th pl="lg">{t('settings.users.name')}</Table.Th>
                  <Table.Th w={220}>{t('settings.users.role')}</Table.Th>
                  <Table.Th>{t('settings.users.status')}</Table.Th>
                  <Table.Th>{t('settings.users.since')}</Table.Th>
                  <Table.Th pr="lg" ta="right">
                    {canManage ? t('common.actions') : ''}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((user) => {
                  const self = user.id === me.actor.id;
                  return (
                    <Table.Tr key={user.id}>
                      <Table.Td pl="lg">
                        <Group gap={6}>
                          <Text size="sm" fw={600}>
                            {user.name}
                          </Text>
                          {self && (
                            <Badge size="xs" variant="light" tt="none">
                              {t('settings.users.you')}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {user.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {canManage && !self && user.status !== 'deactivated' ? (
                          <Select
                            size="xs"
                            aria-label={t('settings.users.role')}
                            data={roleOptions}
                            value={user.role}
                            allowDeselect={false}
                            onChange={(value) => value && value !== user.role && changeRole(user, value as StaffRole)}
                            w={190}
                          />
                        ) : (
                          <Text size="sm">{t(`roles.${user.role}`)}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <UserStatusBadge status={user.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{format.date(user.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td pr="lg" ta="right">
                        {canManage &&
                          !self &&
                          (user.status === 'deactivated' ? (
                            <Button size="xs" variant="subtle" leftSection={<IconUserCheck size={14} />} onClick={() => setStatus(user, 'active')}>
                              {t('settings.users.reactivate')}
                            </Button>
                          ) : (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              leftSection={<IconUserOff size={14} />}
                              onClick={() => setDeactivating(user)}
                            >
                              {t('settings.users.deactivate')}
                            </Button>
                          ))}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {(users.hasNextPage || rows.length > 10) && <LoadMore count={rows.length} query={users} />}
        </>
      )}

      <InvitePersonModal
        opened={inviting}
        onClose={invite.close}
        invite={inviteUser}
        roles={STAFF_ROLES}
        defaultRole="partner_manager"
        texts="settings.users"
      />

      <ConfirmModal
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={t('settings.users.deactivateTitle', { name: deactivating?.name ?? '' })}
        text={t('settings.users.deactivateText')}
        confirmLabel={t('settings.users.deactivate')}
        loading={update.isPending}
        onConfirm={() => deactivating && setStatus(deactivating, 'deactivated')}
      />
    </Card>
  );
}
