// The partner users of one partner, and the form that invites another.
import { Alert, Badge, Button, Card, Group, Modal, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ApiError, fieldErrors } from '../../lib/api.ts';
import type { PartnerUserRole } from '../../lib/api-types.ts';
import { useInvitePartnerUser, usePartnerUsers } from './partner-queries.ts';

const STATUS_COLORS: Record<string, string> = { active: 'green', invited: 'blue', deactivated: 'gray' };

export function PartnerUsersCard({ partnerId, canInvite }: { partnerId: string; canInvite: boolean }) {
  const { t } = useTranslation();
  const users = usePartnerUsers(partnerId);
  const invite = useInvitePartnerUser(partnerId);
  const [opened, modal] = useDisclosure(false);
  const form = useForm({
    initialValues: { email: '', name: '', role: 'partner_rep' as PartnerUserRole },
    validate: { email: isEmail(t('auth.invalidEmail')), name: isNotEmpty(t('common.required')) },
  });

  const close = () => {
    modal.close();
    invite.reset();
    form.reset();
  };

  const inviteButton = canInvite ? (
    <Button variant="light" leftSection={<IconUserPlus size={16} />} onClick={modal.open} data-testid="partner-user-invite">
      {t('partners.users.invite')}
    </Button>
  ) : null;

  const generalError =
    invite.error instanceof ApiError && Object.keys(fieldErrors(invite.error, ['email', 'name', 'role'])).length === 0 ? invite.error.detail : null;

  return (
    <Card>
      <Group justify="space-between" mb="md" align="flex-start">
        <div>
          <Title order={4}>{t('partners.users.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('partners.users.subtitle')}
          </Text>
        </div>
        {users.data && users.data.data.length > 0 && inviteButton}
      </Group>

      {users.isPending ? (
        <Stack gap="sm">
          <Skeleton h={16} />
          <Skeleton h={16} />
          <Skeleton h={16} w="60%" />
        </Stack>
      ) : users.isError ? (
        <ErrorState compact error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.data.length === 0 ? (
        <EmptyBlock
          icon={<IconUsers size={26} />}
          title={t('partners.users.emptyTitle')}
          text={t('partners.users.emptyText')}
          action={inviteButton}
        />
      ) : (
        <Table.ScrollContainer minWidth={460}>
          <Table data-testid="partner-users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('partners.users.name')}</Table.Th>
                <Table.Th>{t('partners.users.role')}</Table.Th>
                <Table.Th>{t('partners.users.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {user.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`roles.${user.role}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[user.status] ?? 'gray'} tt="none" radius="sm">
                      {t(`status.${user.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={opened} onClose={close} title={t('partners.users.inviteTitle')}>
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            invite.mutate(
              { ...values, email: values.email.trim(), name: values.name.trim() },
              {
                onSuccess: (user) => {
                  notifications.show({ color: 'green', message: t('partners.users.invited', { email: user.email }) });
                  close();
                },
                onError: (error) => form.setErrors(fieldErrors(error, ['email', 'name', 'role'])),
              },
            ),
          )}
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('partners.users.inviteText')}
            </Text>
            {generalError && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
                {generalError}
              </Alert>
            )}
            <TextInput label={t('partners.users.name')} required data-autofocus {...form.getInputProps('name')} />
            <TextInput
              label={t('partners.users.email')}
              placeholder={t('auth.emailPlaceholder')}
              type="email"
              required
              {...form.getInputProps('email')}
            />
            <Select
              label={t('partners.users.role')}
              allowDeselect={false}
              data={(['partner_admin', 'partner_rep'] as const).map((value) => ({ value, label: t(`roles.${value}`) }))}
              {...form.getInputProps('role')}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={invite.isPending} leftSection={<IconUserPlus size={16} />}>
                {t('partners.users.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
