// The editor of an opportunity's contact roles, in a modal: one row per contact (the account's
// contacts offered first) with its role (free text, common roles suggested); the server's field
// errors show on the row and input they name. Saving PUTs the whole list.
import { Autocomplete, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { MAX_CONTACT_ROLES, type Opportunity } from '../../../shared/opportunities.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { errorMessage } from '../../lib/api.ts';
import { useReplaceList } from '../crm/crm-queries.ts';
import { ContactPicker } from './ContactPicker.tsx';
import { AddRowButton, EditorActions, RemoveRowButton, useEditorRows } from './RoleEditorParts.tsx';
import { type ContactRow, listErrors, rowKey } from './role-rows.ts';

const SUGGESTIONS = ['decisionMaker', 'economicBuyer', 'champion', 'technicalEvaluator', 'influencer', 'user', 'partnerContact'] as const;

const rowsOf = (o: Opportunity): ContactRow[] => o.contactRoles.map((r) => ({ key: rowKey(), contactId: r.contactId, name: r.name, role: r.role }));

/** The contact roles modal of one opportunity. */
export function ContactRolesEditor({ opportunity, opened, onClose }: { opportunity: Opportunity; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useReplaceList<Opportunity, { contactRoles: { contactId: string; role: string }[] }>('opportunities', opportunity.id, 'contact-roles');
  const { rows, change, remove, add, tried, setTried } = useEditorRows<ContactRow>(opened, () => rowsOf(opportunity), save);

  const server = listErrors(save.error, 'contactRoles');
  const rowError = (i: number, input: 'contactId' | 'role') => {
    const r = rows[i];
    if (tried && input === 'contactId' && !r.contactId) return t('crm.roles.chooseContact');
    if (tried && input === 'role' && !r.role.trim()) return t('crm.roles.roleRequired');
    return server.rows[i]?.[input];
  };
  const submit = () => {
    setTried(true);
    if (rows.some((r) => !r.contactId || !r.role.trim())) return;
    save.mutate(
      { contactRoles: rows.map((r) => ({ contactId: r.contactId as string, role: r.role.trim() })) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('crm.roles.contactRolesSaved') });
          onClose();
        },
      },
    );
  };
  const suggestions = SUGGESTIONS.map((s) => t(`crm.roles.suggestions.${s}`));

  return (
    <Modal opened={opened} onClose={onClose} title={t('crm.roles.contactsTitle', { name: opportunity.name })} size={760}>
      <Stack gap="md" data-testid="contact-roles-editor">
        <Text size="sm" c="dimmed">
          {t('crm.roles.contactsHint', { account: opportunity.account.name })}
        </Text>
        {(server.other || server.list.length > 0) && (
          <ErrorAlert>{server.list.join(' ') || errorMessage(save.error, t('errors.generic'))}</ErrorAlert>
        )}
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('crm.roles.noContactsYet')}
          </Text>
        ) : (
          <Table withRowBorders={false} verticalSpacing={6} horizontalSpacing="xs" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('crm.roles.contact')}</Table.Th>
                <Table.Th w={260}>{t('crm.roles.role')}</Table.Th>
                <Table.Th w={44} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={r.key} style={{ verticalAlign: 'top' }} data-testid="contact-role-row">
                  <Table.Td>
                    <ContactPicker
                      account={opportunity.account}
                      aria-label={t('crm.roles.contact')}
                      placeholder={t('crm.roles.contactPlaceholder')}
                      initial={r.contactId ? { id: r.contactId, name: r.name } : null}
                      value={r.contactId}
                      exclude={rows.filter((o) => o.key !== r.key && o.contactId).map((o) => o.contactId as string)}
                      onChange={(c) => change(r.key, { contactId: c?.id ?? null, name: c?.name ?? '' })}
                      error={rowError(i, 'contactId')}
                      data-testid="contact-role-contact"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Autocomplete
                      aria-label={t('crm.roles.role')}
                      placeholder={t('crm.roles.rolePlaceholder')}
                      data={suggestions}
                      value={r.role}
                      onChange={(v) => change(r.key, { role: v })}
                      maxLength={60}
                      error={rowError(i, 'role')}
                      data-testid="contact-role-role"
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <RemoveRowButton name={r.name} onClick={() => remove(r.key)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <AddRowButton
          label={t('crm.roles.addContact')}
          full={rows.length >= MAX_CONTACT_ROLES}
          limit={t('crm.roles.maxContacts', { max: MAX_CONTACT_ROLES })}
          onClick={() => add({ key: rowKey(), contactId: null, name: '', role: '' })}
          testId="contact-role-add"
        />
        <EditorActions onCancel={onClose} onSave={submit} pending={save.isPending} testId="contact-roles-save" />
      </Stack>
    </Modal>
  );
}
