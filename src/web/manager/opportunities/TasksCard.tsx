// The Tasks card of an opportunity (the mutual action plan): each task with its side, shared or
// internal, assignee, due date and an overdue mark, its status changeable in place; add, edit and
// delete in a modal.
import { ActionIcon, Badge, Button, Card, Group, Select, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconEye, IconLock, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../shared/opportunities.ts';
import { TASK_STATUSES, type Task } from '../../../shared/tasks.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useNotifyError } from '../../lib/notify.ts';
import { useDay } from '../crm/list.tsx';
import { useFormModal } from '../crm/modal.ts';
import { TaskFormModal } from './TaskFormModal.tsx';
import { useAddTask, useDealPartnerUsers, useDeleteTask, useEditTask, useTasks, useUpdateTask } from './task-queries.ts';

function TaskRow({
  task,
  canEdit,
  onEdit,
  onDelete,
  opportunityId,
}: {
  task: Task;
  canEdit: boolean;
  onEdit: () => void;
  onDelete: () => void;
  opportunityId: string;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const update = useUpdateTask(opportunityId);
  const notifyError = useNotifyError();
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm" data-testid="task-row">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600} td={task.status === 'done' ? 'line-through' : undefined}>
            {task.title}
          </Text>
          <Badge size="xs" variant="light" color={task.side === 'partner' ? 'grape' : 'gray'} tt="none">
            {t(`staffPortal.tasks.sides.${task.side}`)}
          </Badge>
          <Badge
            size="xs"
            variant="light"
            color={task.visibility === 'shared' ? 'teal' : 'gray'}
            tt="none"
            leftSection={task.visibility === 'shared' ? <IconEye size={10} /> : <IconLock size={10} />}
          >
            {t(`staffPortal.tasks.${task.visibility}`)}
          </Badge>
          {task.isOverdue && (
            <Badge size="xs" color="red.9" variant="filled" tt="none" data-testid="task-overdue">
              {t('staffPortal.tasks.overdue')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {task.assignee?.name ?? t('staffPortal.tasks.unassigned')} ·{' '}
          {task.dueDate ? t('staffPortal.tasks.due', { date: day(task.dueDate) }) : t('staffPortal.tasks.noDue')}
        </Text>
      </Stack>
      <Group gap={4} wrap="nowrap">
        <Select
          size="xs"
          w={128}
          aria-label={t('staffPortal.tasks.statusOf', { title: task.title })}
          data={TASK_STATUSES.map((s) => ({ value: s, label: t(`staffPortal.tasks.statuses.${s}`) }))}
          value={task.status}
          allowDeselect={false}
          disabled={!canEdit || update.isPending}
          onChange={(v) => v && v !== task.status && update.mutate({ id: task.id, status: v as Task['status'] }, { onError: notifyError })}
          data-testid="task-status"
        />
        {canEdit && (
          <>
            <Tooltip label={t('staffPortal.tasks.edit', { title: task.title })}>
              <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={t('staffPortal.tasks.edit', { title: task.title })}>
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('staffPortal.tasks.delete')}>
              <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={t('staffPortal.tasks.delete')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </>
        )}
      </Group>
    </Group>
  );
}

/** The Tasks card; `canEdit` is false on a deleted deal. */
export function TasksCard({ o, canEdit = !o.deletedAt }: { o: Opportunity; canEdit?: boolean }) {
  const { t } = useTranslation();
  const tasks = useTasks(o.id);
  const partnerUsers = useDealPartnerUsers(o);
  const add = useAddTask(o.id);
  const remove = useDeleteTask(o.id);
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState<Task | null>(null);
  const edit = useEditTask(o.id, editing?.id ?? null);
  const [deleting, setDeleting] = useState<Task | null>(null);
  const adding = useFormModal(add, () => notifications.show({ color: 'green', message: t('staffPortal.tasks.added') }));
  const editor = useFormModal(edit, () => notifications.show({ color: 'green', message: t('staffPortal.tasks.saved') }));

  const addButton = canEdit ? (
    <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={adding.open} data-testid="task-add">
      {t('staffPortal.tasks.add')}
    </Button>
  ) : null;
  const rows = tasks.data?.data ?? [];

  return (
    <Card data-testid="tasks-card">
      <CardHeader title={t('staffPortal.tasks.title')} text={t('staffPortal.tasks.text')} mb="md" action={rows.length > 0 && addButton} />
      {tasks.isError ? (
        <ErrorState compact error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.isPending ? (
        <Stack gap="sm">
          <Skeleton h={28} />
          <Skeleton h={28} />
        </Stack>
      ) : rows.length === 0 ? (
        <EmptyBlock
          icon={<IconChecklist size={26} />}
          title={t('staffPortal.tasks.emptyTitle')}
          text={t('staffPortal.tasks.emptyText')}
          action={addButton}
        />
      ) : (
        <Stack gap="md">
          {rows.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              opportunityId={o.id}
              canEdit={canEdit}
              onEdit={() => {
                setEditing(task);
                editor.open();
              }}
              onDelete={() => setDeleting(task)}
            />
          ))}
        </Stack>
      )}
      <TaskFormModal {...adding.props} partnerUsers={partnerUsers.users} />
      <TaskFormModal {...editor.props} task={editing} partnerUsers={partnerUsers.users} />
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('staffPortal.tasks.deleteTitle', { title: deleting?.title ?? '' })}
        text={t('staffPortal.tasks.deleteText')}
        confirmLabel={t('staffPortal.tasks.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'green', message: t('staffPortal.tasks.deleted') });
            },
            onError: notifyError,
          })
        }
      />
    </Card>
  );
}
