// The grid of one object's fields: a "visible" and an "editable" switch for each (editable only
// where the catalogue allows it, and only once visible), with the built-in default beside it.
import { Badge, Switch, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SafelistField, SafelistObject } from '../../../../shared/safelists.ts';

export type Draft = { visible: Set<string>; editable: Set<string> };

/** The grid; `onChange` gets the next draft (absent: read-only). */
export function SafelistGrid({
  object,
  fields,
  draft,
  onChange,
}: {
  object: SafelistObject;
  fields: readonly SafelistField[];
  draft: Draft;
  onChange?: (next: Draft) => void;
}) {
  const { t, i18n } = useTranslation();
  const label = (key: string) => {
    const path = `staffPortal.visibility.fields.${object}.${key}`;
    return i18n.exists(path) ? t(path as never) : key;
  };
  const toggle = (key: string, which: 'visible' | 'editable', on: boolean) => {
    if (!onChange) return;
    const visible = new Set(draft.visible);
    const editable = new Set(draft.editable);
    if (which === 'visible') {
      if (on) visible.add(key);
      else {
        visible.delete(key);
        editable.delete(key);
      }
    } else if (on) editable.add(key);
    else editable.delete(key);
    onChange({ visible, editable });
  };
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing={6} data-testid="safelist-grid" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('staffPortal.visibility.field')}</Table.Th>
            <Table.Th w={90} ta="center">
              {t('staffPortal.visibility.visible')}
            </Table.Th>
            <Table.Th w={90} ta="center">
              {t('staffPortal.visibility.editable')}
            </Table.Th>
            <Table.Th w={140}>{t('staffPortal.visibility.default')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => {
            const visible = draft.visible.has(f.key);
            const editable = draft.editable.has(f.key);
            const name = label(f.key);
            const editSwitch = (
              <Switch
                size="sm"
                checked={editable}
                disabled={!onChange || !f.editable || !visible}
                onChange={(e) => toggle(f.key, 'editable', e.currentTarget.checked)}
                aria-label={t('staffPortal.visibility.editableOf', { field: name })}
                data-testid={`safelist-editable-${f.key}`}
                styles={{ body: { justifyContent: 'center' } }}
              />
            );
            return (
              <Table.Tr key={f.key} data-testid={`safelist-row-${f.key}`}>
                <Table.Td>
                  <Text size="sm" fw={visible ? 600 : 400} c={visible ? undefined : 'dimmed'}>
                    {name}
                  </Text>
                </Table.Td>
                <Table.Td ta="center">
                  <Switch
                    size="sm"
                    checked={visible}
                    disabled={!onChange}
                    onChange={(e) => toggle(f.key, 'visible', e.currentTarget.checked)}
                    aria-label={t('staffPortal.visibility.visibleOf', { field: name })}
                    data-testid={`safelist-visible-${f.key}`}
                    styles={{ body: { justifyContent: 'center' } }}
                  />
                </Table.Td>
                <Table.Td ta="center">
                  {!f.editable ? (
                    <Tooltip label={t('staffPortal.visibility.neverEditable')}>
                      <Text span size="sm" c="dimmed" aria-label={t('staffPortal.visibility.neverEditable')}>
                        —
                      </Text>
                    </Tooltip>
                  ) : !visible ? (
                    <Tooltip label={t('staffPortal.visibility.needsVisible')}>
                      <span>{editSwitch}</span>
                    </Tooltip>
                  ) : (
                    editSwitch
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={f.visible ? 'teal' : 'gray'} tt="none" radius="sm">
                    {f.visible
                      ? f.editable?.byDefault
                        ? t('staffPortal.visibility.defaultEditable')
                        : t('staffPortal.visibility.defaultVisible')
                      : t('staffPortal.visibility.defaultHidden')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
