// The partner users of one partner, and the form that invites another.
import { Button, Card, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PARTNER_USER_ROLES } from '../../../shared/workspace.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { InvitePersonModal } from '../../components/InvitePersonModal.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { UserStatusBadge } from '../../components/UserStatusBadge.tsx';
import { useInvitePartnerUser, usePartnerUsers } from './partner-queries.ts';

export function PartnerUsersCard({ partnerId, canInvite }: { partnerId: string; canInvite: boolean }) {
  const { t } = useTranslation();
  const users = usePartnerUsers(partnerId);
  const invite = useInvitePartnerUser(partnerId);
  const [opened, modal] = useDisclosure(false);

  const inviteButton = canInvite ? (
    <Button variant="light" leftSection={<IconUserPlus size={16} />} onClick={modal.open} data-testid="partner-user-invite">
      {t('partners.users.invite')}
    </Button>
  ) : null;

  return (
    <Card>
      <CardHeader
        title={t('partners.users.title')}
        text={t('partners.users.subtitle')}
        mb="md"
        action={users.data && users.data.data.length > 0 && inviteButton}
      />

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
                    <UserStatusBadge status={user.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <InvitePersonModal
        opened={opened}
        onClose={modal.close}
        invite={invite}
        roles={PARTNER_USER_ROLES}
        defaultRole="partner_rep"
        texts="partners.users"
      />
    </Card>
  );
}
