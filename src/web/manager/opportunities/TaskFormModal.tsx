// The form of a deal's task: title, description, side, shared or internal, assignee (a staff
// member or a user of a partner on the deal), due date and status.
import { Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { TASK_SIDES, TASK_STATUSES, type Task, type TaskInput } from '../../../shared/tasks.ts';
import { ApiError } from '../../lib/api.ts';
import type { FormModalProps } from '../crm/modal.ts';
import { useStaff } from '../crm/OwnerSelect.tsx';
import { RecordFormModal, useRecordForm } from '../crm/RecordForm.tsx';
import type { DealPartnerUser } from './task-queries.ts';

const FIELDS = ['title', 'description', 'side', 'visibility', 'assignee', 'dueDate', 'status'] as const;

type Values = {
  title: string;
  description: string;
  side: Task['side'];
  visibility: Task['visibility'];
  assignee: string | null;
  dueDate: string;
  status: Task['status'];
};

/** `staff:<id>` or `partner:<id>` → the task's assignee fields. */
function assigneeOf(value: string | null): Pick<TaskInput, 'assigneeUserId' | 'assigneePartnerUserId'> {
  if (!value) return { assigneeUserId: null, assigneePartnerUserId: null };
  const [kind, id] = value.split(':');
  return kind === 'staff' ? { assigneeUserId: id, assigneePartnerUserId: null } : { assigneeUserId: null, assigneePartnerUserId: id };
}

/** The server names `assigneeUserId` or `assigneePartnerUserId`; the form has one assignee input. */
function assigneeErrors(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.errors.map((e) => ({ ...e, field: e.field.replace(/^body\.assignee(Partner)?UserId/, 'body.assignee') }));
  return new ApiError({ status: error.status, code: error.code, detail: error.detail, errors, requestId: error.requestId });
}

/** The add/edit modal; `task` set means editing it. */
export function TaskFormModal({ task, partnerUsers, ...modal }: FormModalProps<TaskInput> & { task?: Task | null; partnerUsers: DealPartnerUser[] }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const { form, frame } = useRecordForm<Values, TaskInput>({
    modal,
    values: () => ({
      title: task?.title ?? '',
      description: task?.description ?? '',
      side: task?.side ?? 'vendor',
      visibility: task?.visibility ?? 'shared',
      assignee: task?.assignee ? `${task.assignee.kind === 'staff' ? 'staff' : 'partner'}:${task.assignee.id}` : null,
      dueDate: task?.dueDate ?? '',
      status: task?.status ?? 'open',
    }),
    toInput: (v) => ({
      title: v.title.trim(),
      description: v.description.trim() || null,
      side: v.side,
      visibility: v.visibility,
      dueDate: v.dueDate || null,
      status: v.status,
      ...assigneeOf(v.assignee),
    }),
    validate: { title: isNotEmpty(t('common.required')) },
    fields: FIELDS,
    resetOn: [task?.id],
    mapError: assigneeErrors,
  });
  const assignees = [
    {
      group: t('staffPortal.tasks.staffGroup'),
      items: (staff.data?.data ?? []).filter((u) => u.status !== 'deactivated').map((u) => ({ value: `staff:${u.id}`, label: u.name })),
    },
    {
      group: t('staffPortal.tasks.partnerGroup'),
      items: partnerUsers.filter((u) => u.status !== 'deactivated').map((u) => ({ value: `partner:${u.id}`, label: `${u.name} · ${u.partnerName}` })),
    },
  ].filter((g) => g.items.length > 0);

  return (
    <RecordFormModal
      {...frame}
      title={task ? t('staffPortal.tasks.editTitle') : t('staffPortal.tasks.addTitle')}
      testId="task"
      editing={Boolean(task)}
    >
      <TextInput
        label={t('staffPortal.tasks.taskTitle')}
        required
        data-autofocus
        maxLength={300}
        {...form.getInputProps('title')}
        data-testid="task-title"
      />
      <Textarea label={t('staffPortal.tasks.description')} autosize minRows={2} maxLength={5000} {...form.getInputProps('description')} />
      <Group grow align="flex-start">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('staffPortal.tasks.side')}
          </Text>
          <SegmentedControl
            aria-label={t('staffPortal.tasks.side')}
            data={TASK_SIDES.map((s) => ({ value: s, label: t(`staffPortal.tasks.sides.${s}`) }))}
            {...form.getInputProps('side')}
          />
        </Stack>
        <Select
          label={t('staffPortal.tasks.status')}
          data={TASK_STATUSES.map((s) => ({ value: s, label: t(`staffPortal.tasks.statuses.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
      </Group>
      <Select
        label={t('staffPortal.tasks.visibility')}
        description={t('staffPortal.tasks.visibilityHint')}
        data={(['shared', 'internal'] as const).map((v) => ({ value: v, label: t(`staffPortal.tasks.visibilities.${v}`) }))}
        allowDeselect={false}
        {...form.getInputProps('visibility')}
        data-testid="task-visibility"
      />
      <Group grow align="flex-start">
        <Select
          label={t('staffPortal.tasks.assignee')}
          placeholder={t('staffPortal.tasks.assigneePlaceholder')}
          data={assignees}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('assignee')}
          data-testid="task-assignee"
        />
        <TextInput label={t('staffPortal.tasks.dueDate')} type="date" {...form.getInputProps('dueDate')} data-testid="task-due" />
      </Group>
    </RecordFormModal>
  );
}
