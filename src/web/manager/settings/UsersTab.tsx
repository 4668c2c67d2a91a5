// Settings → Users: staff of the workspace; invite, change role, deactivate or reactivate.
import { Alert, Badge, Button, Card, Group, Modal, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconUserCheck, IconUserOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ApiError, errorMessage, fieldErrors } from '../../lib/api.ts';
import type { StaffRole, StaffUser } from '../../lib/api-types.ts';
import { useFormat } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { useInviteStaffUser, useStaffUsers, useUpdateStaffUser } from './settings-queries.ts';

const ROLES: StaffRole[] = ['admin', 'partner_manager', 'sales', 'revops'];
const STATUS_COLORS: Record<string, string> = { active: 'green', invited: 'blue', deactivated: 'gray' };

export function UsersTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const users = useStaffUsers();
  const update = useUpdateStaffUser();
  const [inviting, invite] = useDisclosure(false);
  const [deactivating, setDeactivating] = useState<StaffUser | null>(null);
  const canManage = me.permissions.manageUsers;
  const roleOptions = ROLES.map((value) => ({ value, label: t(`roles.${value}`) }));
  const rows = users.data?.pages.flatMap((p) => p.data) ?? [];

  const notifyError = (error: unknown) =>
    notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t('errors.generic')) });

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
      <Group justify="space-between" p="lg" align="flex-start">
        <div>
          <Title order={4}>{t('settings.users.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('settings.users.text')}
          </Text>
        </div>
        {canManage && (
          <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open} data-testid="user-invite">
            {t('settings.users.invite')}
          </Button>
        )}
      </Group>

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
                        <Badge variant="light" color={STATUS_COLORS[user.status] ?? 'gray'} tt="none" radius="sm">
                          {t(`status.${user.status}`)}
                        </Badge>
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
          {(users.hasNextPage || rows.length > 10) && (
            <LoadMore
              count={rows.length}
              hasMore={Boolean(users.hasNextPage)}
              loading={users.isFetchingNextPage}
              onLoad={() => void users.fetchNextPage()}
            />
          )}
        </>
      )}

      <InviteUserModal opened={inviting} onClose={invite.close} />

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

function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invite = useInviteStaffUser();
  const form = useForm({
    initialValues: { email: '', name: '', role: 'partner_manager' as StaffRole },
    validate: { email: isEmail(t('auth.invalidEmail')), name: isNotEmpty(t('common.required')) },
  });
  const close = () => {
    onClose();
    invite.reset();
    form.reset();
  };
  const generalError =
    invite.error instanceof ApiError && Object.keys(fieldErrors(invite.error, ['email', 'name', 'role'])).length === 0 ? invite.error.detail : null;

  return (
    <Modal opened={opened} onClose={close} title={t('settings.users.inviteTitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          invite.mutate(
            { ...values, email: values.email.trim(), name: values.name.trim() },
            {
              onSuccess: (user) => {
                notifications.show({ color: 'green', message: t('settings.users.invited', { email: user.email }) });
                close();
              },
              onError: (error) => form.setErrors(fieldErrors(error, ['email', 'name', 'role'])),
            },
          ),
        )}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('settings.users.inviteText')}
          </Text>
          {generalError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
              {generalError}
            </Alert>
          )}
          <TextInput label={t('settings.users.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={t('settings.users.email')}
            placeholder={t('auth.emailPlaceholder')}
            type="email"
            required
            {...form.getInputProps('email')}
          />
          <Select
            label={t('settings.users.role')}
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending} leftSection={<IconUserPlus size={16} />}>
              {t('settings.users.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
