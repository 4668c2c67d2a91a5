// /p/:slug/team: the people of the partner organisation; partner admins invite colleagues, change
// their roles and deactivate them, reps see the list only.
import { Button, Card, Skeleton, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PARTNER_USER_ROLES } from '../../shared/workspace.ts';
import { InfoAlert } from '../components/forms.tsx';
import { InvitePersonModal } from '../components/InvitePersonModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PartnerPeopleTable } from '../components/PartnerPeopleTable.tsx';
import { EmptyBlock, ErrorState } from '../components/states.tsx';
import { usePersonChange } from '../lib/person-change.ts';
import { useMe } from '../lib/session.ts';
import { useInviteColleague, useTeam, useUpdateColleague } from './portal-queries.ts';

export function PortalTeamPage() {
  const { t } = useTranslation();
  const me = useMe();
  const team = useTeam();
  const invite = useInviteColleague();
  const update = useUpdateColleague();
  const change = usePersonChange(update);
  const [inviting, modal] = useDisclosure(false);
  const isAdmin = me.actor.role === 'partner_admin';
  const people = team.data?.data ?? [];

  const inviteButton = isAdmin ? (
    <Button leftSection={<IconUserPlus size={16} />} onClick={modal.open} data-testid="team-invite">
      {t('portalPages.team.invite')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('portalPages.team.title')}
        subtitle={t('portalPages.team.subtitle', { partner: me.actor.partner?.name ?? me.workspace.name })}
        actions={inviteButton}
      />
      {!isAdmin && <InfoAlert mb="md">{t('portalPages.team.readOnly')}</InfoAlert>}
      {team.isError ? (
        <ErrorState error={team.error} onRetry={() => void team.refetch()} />
      ) : team.isPending ? (
        <Card>
          <Stack gap="sm">
            <Skeleton h={18} />
            <Skeleton h={18} />
            <Skeleton h={18} w="60%" />
          </Stack>
        </Card>
      ) : (
        <Stack gap="md">
          <Card p="xs">
            <PartnerPeopleTable
              people={people}
              selfId={me.actor.id}
              onChange={isAdmin ? change : undefined}
              saving={update.isPending}
              testId="team-table"
            />
          </Card>
          {people.length <= 1 && isAdmin && (
            <EmptyBlock
              icon={<IconUsers size={28} />}
              title={t('portalPages.team.emptyTitle')}
              text={t('portalPages.team.emptyText')}
              action={inviteButton}
            />
          )}
        </Stack>
      )}
      <InvitePersonModal
        opened={inviting}
        onClose={modal.close}
        invite={invite}
        roles={PARTNER_USER_ROLES}
        defaultRole="partner_rep"
        texts="portalPages.team"
      />
    </>
  );
}
