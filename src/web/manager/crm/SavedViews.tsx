// Saved views of a list: named sets of filters, kept in this browser's localStorage per workspace,
// user and list (key `tandem.views.<workspaceId>.<userId>.<entity>`). A server-side store can replace
// loadViews/storeViews later without touching the lists.
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconBookmarkPlus, IconChevronDown, IconListDetails, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session.ts';
import type { CrmEntity, Filters } from './crm-queries.ts';

export type SavedView = { id: string; name: string; filters: Filters };

const storageKey = (workspaceId: string, userId: string, entity: string) => `tandem.views.${workspaceId}.${userId}.${entity}`;

function loadViews(key: string): SavedView[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v) => v && typeof v.name === 'string' && typeof v.filters === 'object') : [];
  } catch {
    return [];
  }
}

function storeViews(key: string, views: SavedView[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(views));
  } catch {
    // Storage full or disabled: the views last until the page reloads.
  }
}

const sameFilters = (a: Filters, b: Filters) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
};

export function SavedViews({ entity, filters, onApply }: { entity: CrmEntity | 'board'; filters: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const key = storageKey(me.workspace.id, me.actor.id, entity);
  const [views, setViews] = useState<SavedView[]>(() => loadViews(key));
  const [saving, save] = useDisclosure(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const active = views.find((v) => sameFilters(v.filters, filters));

  const update = (next: SavedView[]) => {
    setViews(next);
    storeViews(key, next);
  };

  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('crm.views.nameRequired'));
      return;
    }
    const others = views.filter((v) => v.name !== trimmed);
    update([...others, { id: crypto.randomUUID(), name: trimmed, filters }].sort((a, b) => a.name.localeCompare(b.name)));
    notifications.show({ color: 'green', message: t('crm.views.savedToast', { name: trimmed }) });
    save.close();
  };

  return (
    <>
      <Menu position="bottom-end" width={300} withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid={`${entity}-views`}
          >
            {active ? active.name : t('crm.views.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconListDetails size={16} />} onClick={() => onApply({})}>
            {t('crm.views.all')}
          </Menu.Item>
          <Menu.Label>{t('crm.views.saved')}</Menu.Label>
          {views.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" pb="xs">
              {t('crm.views.none')}
            </Text>
          )}
          {views.map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => onApply(view.filters)}
              fw={view === active ? 600 : undefined}
              rightSection={
                <ActionIcon
                  component="span"
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={t('crm.views.remove', { name: view.name })}
                  onClick={(e) => {
                    e.stopPropagation();
                    update(views.filter((v) => v.id !== view.id));
                    notifications.show({ message: t('crm.views.removed', { name: view.name }) });
                  }}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              }
            >
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconBookmarkPlus size={16} />}
            onClick={() => {
              setName('');
              setError(null);
              save.open();
            }}
            data-testid={`${entity}-view-save`}
          >
            {t('crm.views.saveCurrent')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>

      <Modal opened={saving} onClose={save.close} title={t('crm.views.saveTitle')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
        >
          <Stack>
            <TextInput
              label={t('crm.views.name')}
              placeholder={t('crm.views.namePlaceholder')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              maxLength={80}
              data-autofocus
              data-testid="view-name"
            />
            <Text size="xs" c="dimmed">
              {t('crm.views.storedHint')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={save.close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" data-testid="view-submit">
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
