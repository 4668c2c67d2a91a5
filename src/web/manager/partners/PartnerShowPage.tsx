// /app/partners/:id: one partner's details, edit and delete, and its partner users.
import { Anchor, Badge, Button, Card, DataList, Grid, Group, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconSearchOff, IconTrash } from '@tabler/icons-react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useMe } from '../../lib/session.ts';
import { LifecycleBadge, PartnerTypeBadge } from './PartnerBadges.tsx';
import { PartnerFormModal } from './PartnerFormModal.tsx';
import { PartnerUsersCard } from './PartnerUsersCard.tsx';
import { useDeletePartner, usePartner, useUpdatePartner } from './partner-queries.ts';
import { RegistrationLinksCard } from './RegistrationLinksCard.tsx';

export function PartnerShowPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const { partnerId } = useParams({ from: '/app/partners/$partnerId' });
  const partner = usePartner(partnerId);
  const update = useUpdatePartner(partnerId);
  const remove = useDeletePartner(partnerId);
  const notifyError = useNotifyError();
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const canManage = me.permissions.managePartners;

  const back = (
    <AnchorLink to="/app/partners" size="sm" c="dimmed" mb={4}>
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('partners.backToList')}
      </Group>
    </AnchorLink>
  );

  if (partner.isPending) {
    return (
      <Stack>
        {back}
        <Skeleton h={32} w="40%" />
        <Skeleton h={240} />
      </Stack>
    );
  }
  if (partner.isError) {
    if (partner.error instanceof ApiError && (partner.error.status === 404 || partner.error.status === 400)) {
      return (
        <Stack>
          {back}
          <EmptyBlock
            icon={<IconSearchOff size={28} />}
            title={t('partners.notFoundTitle')}
            text={t('partners.notFoundText')}
            action={<ButtonLink to="/app/partners">{t('partners.backToList')}</ButtonLink>}
          />
        </Stack>
      );
    }
    return <ErrorState error={partner.error} onRetry={() => void partner.refetch()} />;
  }

  const p = partner.data;
  const none = <Text c="dimmed">{t('common.none')}</Text>;

  return (
    <>
      <PageHeader
        above={back}
        title={
          <Group gap="sm" component="span">
            <span data-testid="partner-name">{p.name}</span>
          </Group>
        }
        subtitle={
          <Group gap={6} component="span" mt={4}>
            <PartnerTypeBadge type={p.type} />
            <LifecycleBadge state={p.lifecycleState} />
            {p.tier && (
              <Badge variant="outline" radius="sm" tt="capitalize">
                {p.tier}
              </Badge>
            )}
          </Group>
        }
        actions={
          canManage && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={edit.open} data-testid="partner-edit">
                {t('common.edit')}
              </Button>
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={del.open} data-testid="partner-delete">
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card>
            <Title order={4} mb="md">
              {t('partners.details')}
            </Title>
            <DataList withDivider labelWidth={150} gap="sm">
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.type')}</DataList.ItemLabel>
                <DataList.ItemValue>{t(`partners.types.${p.type}`)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.tier')}</DataList.ItemLabel>
                <DataList.ItemValue tt="capitalize">{p.tier ?? none}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.region')}</DataList.ItemLabel>
                <DataList.ItemValue>{p.region ?? none}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.domains')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {p.domains.length > 0 ? (
                    <Group gap={6}>
                      {p.domains.map((d) => (
                        <Anchor key={d} href={`https://${d}`} target="_blank" rel="noopener noreferrer" size="sm">
                          {d}
                        </Anchor>
                      ))}
                    </Group>
                  ) : (
                    none
                  )}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.lifecycle')}</DataList.ItemLabel>
                <DataList.ItemValue>{t(`partners.lifecycleStates.${p.lifecycleState}`)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.certification')}</DataList.ItemLabel>
                <DataList.ItemValue>{t(`partners.certificationStatuses.${p.certificationStatus}`)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.established')}</DataList.ItemLabel>
                <DataList.ItemValue>{p.isEstablished ? t('common.yes') : t('common.no')}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.createdAt')}</DataList.ItemLabel>
                <DataList.ItemValue>{format.dateTime(p.createdAt)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('partners.updatedAt')}</DataList.ItemLabel>
                <DataList.ItemValue>{format.dateTime(p.updatedAt)}</DataList.ItemValue>
              </DataList.Item>
            </DataList>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <PartnerUsersCard partnerId={p.id} canInvite={canManage} />
        </Grid.Col>
      </Grid>
      <RegistrationLinksCard partnerId={p.id} canManage={canManage} />

      <PartnerFormModal
        opened={editing}
        partner={p}
        onClose={() => {
          edit.close();
          update.reset();
        }}
        pending={update.isPending}
        error={update.error}
        onSubmit={(input) =>
          update.mutate(input, {
            onSuccess: () => {
              edit.close();
              update.reset();
              notifications.show({ color: 'green', message: t('partners.updated') });
            },
          })
        }
      />

      <ConfirmModal
        opened={deleting}
        onClose={del.close}
        title={t('partners.deleteTitle', { name: p.name })}
        text={t('partners.deleteText')}
        confirmLabel={t('partners.deleteConfirm')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(reason.trim() || undefined, {
            onSuccess: () => {
              del.close();
              notifications.show({ color: 'green', message: t('partners.deleted', { name: p.name }) });
              void navigate({ to: '/app/partners' });
            },
            onError: notifyError,
          })
        }
      >
        <Textarea
          label={t('partners.deleteReason')}
          description={t('common.optional')}
          placeholder={t('partners.deleteReasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={500}
        />
      </ConfirmModal>
    </>
  );
}
