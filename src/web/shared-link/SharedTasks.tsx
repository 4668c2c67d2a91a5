// The shared deal's mutual tasks; their status is a select when the link allows task updates
// and the safelist makes the status editable.
import { Badge, Card, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES } from '../../shared/portal.ts';
import { CardHeader } from '../components/CardHeader.tsx';
import { ErrorState } from '../components/states.tsx';
import { useDay } from '../manager/crm/list.tsx';
import { useSharedError, useSharedTasks, useUpdateSharedTask } from './shared-queries.ts';

/** The tasks card. */
export function SharedTasks({ token, canUpdate }: { token: string; canUpdate: boolean }) {
  const { t } = useTranslation();
  const day = useDay();
  const tasks = useSharedTasks(token);
  const update = useUpdateSharedTask(token);
  const notifyError = useSharedError();
  const rows = tasks.data?.data ?? [];
  return (
    <Card data-testid="shared-tasks">
      <CardHeader title={t('sharing.tasks.title')} text={t('sharing.tasks.text')} mb="md" />
      {tasks.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : tasks.isError ? (
        <ErrorState compact error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sharing.tasks.empty')}
        </Text>
      ) : (
        <Stack gap={0}>
          {rows.map((task) => {
            const editable = canUpdate && task.permissions.editable.includes('status');
            const status = task.status ?? 'open';
            return (
              <Group
                key={task.id}
                justify="space-between"
                wrap="nowrap"
                py="sm"
                style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                data-testid="shared-task"
              >
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} td={status === 'done' ? 'line-through' : undefined}>
                    {task.title ?? '—'}
                  </Text>
                  <Group gap={6}>
                    {task.side && (
                      <Badge size="xs" variant="outline" color="gray">
                        {t(`sharing.tasks.sides.${task.side}`)}
                      </Badge>
                    )}
                    <Text size="xs" c="dimmed">
                      {[
                        task.assigneeName,
                        task.completedAt
                          ? t('sharing.tasks.done', { date: day(task.completedAt) })
                          : task.dueDate
                            ? t('sharing.tasks.due', { date: day(task.dueDate) })
                            : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Group>
                </div>
                {editable ? (
                  <Select
                    aria-label={t('sharing.tasks.status')}
                    size="xs"
                    w={140}
                    data={TASK_STATUSES.map((value) => ({ value, label: t(`sharing.tasks.statuses.${value}`) }))}
                    value={status}
                    allowDeselect={false}
                    disabled={update.isPending}
                    onChange={(v) =>
                      v &&
                      v !== status &&
                      update.mutate(
                        { id: task.id, status: v as typeof status },
                        { onSuccess: () => notifications.show({ color: 'green', message: t('sharing.tasks.saved') }), onError: notifyError },
                      )
                    }
                    data-testid="shared-task-status"
                  />
                ) : (
                  <Badge variant="light" color={status === 'done' ? 'teal' : status === 'in_progress' ? 'blue' : 'gray'}>
                    {t(`sharing.tasks.statuses.${status}`)}
                  </Badge>
                )}
              </Group>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
