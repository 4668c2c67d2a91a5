// The partner users of one partner (role change, deactivate and reactivate for those who may
// manage partners), and the form that invites another.
import { Button, Card, Skeleton, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PARTNER_USER_ROLES } from '../../../shared/workspace.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { InvitePersonModal } from '../../components/InvitePersonModal.tsx';
import { PartnerPeopleTable } from '../../components/PartnerPeopleTable.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { usePersonChange } from '../../lib/person-change.ts';
import { useInvitePartnerUser, usePartnerUsers, useUpdatePartnerUser } from './partner-queries.ts';

export function PartnerUsersCard({ partnerId, canInvite }: { partnerId: string; canInvite: boolean }) {
  const { t } = useTranslation();
  const users = usePartnerUsers(partnerId);
  const invite = useInvitePartnerUser(partnerId);
  const update = useUpdatePartnerUser(partnerId);
  const change = usePersonChange(update);
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
        <PartnerPeopleTable
          people={users.data.data}
          onChange={canInvite ? change : undefined}
          saving={update.isPending}
          testId="partner-users-table"
          compact
        />
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
