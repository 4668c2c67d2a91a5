// Pieces both role editors (partners, contacts) use: the rows being edited, a row's remove button,
// "add a row", and the Cancel / Save actions under the rows.
import { ActionIcon, Button, Group } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The rows of an editor, back to `initial()` each time it opens; `change` edits one row and drops
 * the server's last errors (they were about the rows as sent). `tried` is set by the first save.
 */
export function useEditorRows<R extends { key: string }>(opened: boolean, initial: () => R[], save: { error: unknown; reset: () => void }) {
  const [rows, setRows] = useState<R[]>(initial);
  const [tried, setTried] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: start from the saved list each time the modal opens
  useEffect(() => {
    if (opened) {
      setRows(initial());
      setTried(false);
      save.reset();
    }
  }, [opened]);
  const change = (key: string, patch: Partial<R>) => {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    if (save.error) save.reset();
  };
  const remove = (key: string) => setRows((all) => all.filter((r) => r.key !== key));
  const add = (row: R) => setRows((all) => [...all, row]);
  return { rows, change, remove, add, tried, setTried };
}

/** Removes one row; named after what the row holds, when it holds something. */
export function RemoveRowButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="lg"
      aria-label={name ? t('crm.roles.remove', { name }) : t('crm.roles.removeRow')}
      onClick={onClick}
    >
      <IconTrash size={16} />
    </ActionIcon>
  );
}

/** Adds an empty row; `limit` says why it is disabled once the list is full. */
export function AddRowButton({
  label,
  full,
  limit,
  onClick,
  testId,
}: {
  label: string;
  full: boolean;
  limit: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <Group>
      <Button
        variant="light"
        leftSection={<IconPlus size={16} />}
        disabled={full}
        title={full ? limit : undefined}
        onClick={onClick}
        data-testid={testId}
      >
        {label}
      </Button>
    </Group>
  );
}

/** Cancel and Save (`<testId>`) of an editor. */
export function EditorActions({ onCancel, onSave, pending, testId }: { onCancel: () => void; onSave: () => void; pending: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button onClick={onSave} loading={pending} data-testid={testId}>
        {t('common.saveChanges')}
      </Button>
    </Group>
  );
}
