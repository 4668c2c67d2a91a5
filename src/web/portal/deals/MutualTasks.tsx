// The deal's mutual plan in the portal: the shared tasks of both sides, with due dates, an
// overdue mark, and the status the partner may set when its safelist makes it editable.
import { Badge, Card, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type PartnerTask, TASK_STATUSES } from '../../../shared/portal.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useNotifyError } from '../../lib/notify.ts';
import { useDay } from '../../manager/crm/list.tsx';
import { useDealTasks, useUpdatePortalTask } from '../portal-queries.ts';

const STATUS_COLORS = { open: 'gray', in_progress: 'blue', done: 'teal' } as const;

/** Whether a task is past its due date and not done (a date-only comparison in the browser's day). */
export function isOverdue(task: { dueDate?: string | null; status?: string }, today = new Date().toISOString().slice(0, 10)): boolean {
  return Boolean(task.dueDate && task.status !== 'done' && task.dueDate < today);
}

function TaskRow({ task, dealId }: { task: PartnerTask; dealId: string }) {
  const { t } = useTranslation();
  const day = useDay();
  const update = useUpdatePortalTask(dealId);
  const notifyError = useNotifyError();
  const canSetStatus = task.permissions.editable.includes('status') && task.status !== undefined;
  const title = task.title ?? '—';
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md" data-testid="portal-task">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600} td={task.status === 'done' ? 'line-through' : undefined}>
            {title}
          </Text>
          {task.side && (
            <Badge size="xs" variant="light" color={task.side === 'partner' ? 'brand' : 'gray'} tt="none">
              {t(`portalPages.tasks.side.${task.side}`)}
            </Badge>
          )}
          {isOverdue(task) && (
            <Badge size="xs" color="red.9" variant="filled" tt="none">
              {t('portalPages.tasks.overdue')}
            </Badge>
          )}
        </Group>
        {task.description && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {task.description}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {[
            task.dueDate ? t('portalPages.tasks.due', { date: day(task.dueDate) }) : null,
            task.assigneeName !== undefined
              ? task.assigneeName
                ? t('portalPages.tasks.assignee', { name: task.assigneeName })
                : t('portalPages.tasks.unassigned')
              : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
      {canSetStatus ? (
        <Select
          size="xs"
          w={140}
          aria-label={t('portalPages.tasks.statusLabel', { title })}
          data={TASK_STATUSES.map((value) => ({ value, label: t(`portalPages.tasks.status.${value}`) }))}
          value={task.status}
          allowDeselect={false}
          disabled={update.isPending}
          onChange={(v) =>
            v &&
            v !== task.status &&
            update.mutate(
              { id: task.id, status: v as PartnerTask['status'] & string },
              { onSuccess: () => notifications.show({ color: 'green', message: t('portalPages.tasks.updated') }), onError: notifyError },
            )
          }
          data-testid="portal-task-status"
        />
      ) : task.status ? (
        <Badge variant="light" color={STATUS_COLORS[task.status]} tt="none" radius="sm">
          {t(`portalPages.tasks.status.${task.status}`)}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The mutual-plan card of a deal. */
export function MutualTasks({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const tasks = useDealTasks(dealId);
  return (
    <Card data-testid="portal-tasks">
      <CardHeader title={t('portalPages.tasks.title')} text={t('portalPages.tasks.text')} mb="md" />
      {tasks.isError ? (
        <ErrorState compact error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.isPending ? (
        <Stack gap="sm">
          <Skeleton h={32} />
          <Skeleton h={32} />
        </Stack>
      ) : tasks.data.data.length === 0 ? (
        <EmptyBlock icon={<IconChecklist size={26} />} title={t('portalPages.tasks.emptyTitle')} text={t('portalPages.tasks.emptyText')} />
      ) : (
        <Stack gap="md">
          {tasks.data.data.map((task) => (
            <TaskRow key={task.id} task={task} dealId={dealId} />
          ))}
        </Stack>
      )}
    </Card>
  );
}
