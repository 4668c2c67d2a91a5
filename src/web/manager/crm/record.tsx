// Pieces of every CRM detail page: the way back to the list, loading and not-found states, delete
// (with undo) and the banner with "restore" on a deleted record.
import { Alert, Button, Group, Skeleton, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconRestore, IconSearchOff, IconTrash } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { type CrmEntity, useDeleteRecord, useRestoreRecord } from './crm-queries.ts';
import type { ListPath } from './list.tsx';

export function BackLink({ to, label }: { to: ListPath; label: string }) {
  const { t } = useTranslation();
  return (
    <AnchorLink to={to} size="sm" c="dimmed" mb={4}>
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('crm.common.backTo', { area: label })}
      </Group>
    </AnchorLink>
  );
}

/** Loading, not found or failed: what to show instead of the record; null once it is there. */
export function RecordState({ query, back, list }: { query: UseQueryResult<unknown>; back: ReactNode; list: ListPath }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Stack>
        {back}
        <Skeleton h={32} w="40%" />
        <Skeleton h={240} />
      </Stack>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) {
      return (
        <Stack>
          {back}
          <EmptyBlock
            icon={<IconSearchOff size={28} />}
            title={t('crm.common.notFoundTitle')}
            text={t('crm.common.notFoundText')}
            action={<ButtonLink to={list}>{t('crm.common.backTo', { area: '' }).trim()}</ButtonLink>}
          />
        </Stack>
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return null;
}

/** The delete button and its confirmation; after deleting, back to the list with an "undo". */
export function DeleteButton({ entity, id, name, list }: { entity: CrmEntity; id: string; name: string; list: ListPath }) {
  const { t } = useTranslation();
  const [open, { open: show, close }] = useDisclosure(false);
  const remove = useDeleteRecord(entity, id);
  const restore = useRestoreRecord(entity, id);
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={show} data-testid={`${entity}-delete`}>
        {t('common.delete')}
      </Button>
      <ConfirmModal
        opened={open}
        onClose={close}
        title={t('crm.common.deleteTitle', { name })}
        text={t('crm.common.deleteText')}
        confirmLabel={t('crm.common.deleteConfirm')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              close();
              const nid = notifications.show({
                color: 'green',
                message: (
                  <Group justify="space-between" wrap="nowrap">
                    <span>{t('crm.common.deleted', { name })}</span>
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconRestore size={12} />}
                      onClick={() => {
                        notifications.hide(nid);
                        restore.mutate(undefined, {
                          onSuccess: () => notifications.show({ color: 'green', message: t('crm.common.restored', { name }) }),
                          onError: notifyError,
                        });
                      }}
                    >
                      {t('crm.common.restore')}
                    </Button>
                  </Group>
                ),
              });
              void navigate({ to: list });
            },
            onError: notifyError,
          })
        }
      />
    </>
  );
}

/** Shown on a deleted record: when it was deleted, and "restore". */
export function DeletedBanner({ entity, id, name, deletedAt }: { entity: CrmEntity; id: string; name: string; deletedAt: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const restore = useRestoreRecord(entity, id);
  const notifyError = useNotifyError();
  return (
    <Alert color="orange" variant="light" icon={<IconTrash size={18} />} mb="lg" data-testid="deleted-banner">
      <Group justify="space-between" wrap="wrap">
        <span>{t('crm.common.deletedBanner', { date: format.dateTime(deletedAt) })}</span>
        <Button
          size="xs"
          variant="white"
          color="orange"
          leftSection={<IconRestore size={14} />}
          loading={restore.isPending}
          onClick={() =>
            restore.mutate(undefined, {
              onSuccess: () => notifications.show({ color: 'green', message: t('crm.common.restored', { name }) }),
              onError: notifyError,
            })
          }
          data-testid="record-restore"
        >
          {t('crm.common.restore')}
        </Button>
      </Group>
    </Alert>
  );
}
