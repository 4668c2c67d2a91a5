// The editor of an opportunity's partner roles, in a modal: one row per partner (picker with
// search, role, sourced or influenced, share in %), a live total that must stay at or under 100 %,
// and the server's field errors on the row and input they name. Saving PUTs the whole list.
import { Alert, Group, Modal, NumberInput, Progress, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTIONS, MAX_PARTNERS, type Opportunity, PARTNER_ROLES, type PartnerRole } from '../../../shared/opportunities.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { errorMessage } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useReplaceList } from '../crm/crm-queries.ts';
import { RecordPicker } from '../crm/RecordPicker.tsx';
import { AddRowButton, EditorActions, RemoveRowButton, useEditorRows } from './RoleEditorParts.tsx';
import { listErrors, type PartnerRow, partnersInput, roleForPartnerType, rowKey, rowsTotal, shareProblem } from './role-rows.ts';

const rowsOf = (o: Opportunity): PartnerRow[] =>
  o.partners.map((p) => ({
    key: rowKey(),
    partnerId: p.partnerId,
    partnerName: p.partnerName,
    role: p.role,
    attribution: p.attribution,
    share: p.share,
  }));

/** The partner roles modal of one opportunity. */
export function PartnerRolesEditor({ opportunity, opened, onClose }: { opportunity: Opportunity; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const save = useReplaceList<Opportunity, { partners: ReturnType<typeof partnersInput> }>('opportunities', opportunity.id, 'partners');
  const { rows, change, remove, add, tried, setTried } = useEditorRows<PartnerRow>(opened, () => rowsOf(opportunity), save);

  const total = rowsTotal(rows);
  const over = total > 100;
  const server = listErrors(save.error, 'partners');
  const rowError = (i: number, input: 'partnerId' | 'role' | 'attribution' | 'share') => {
    const r = rows[i];
    if (input === 'partnerId' && tried && !r.partnerId) return t('crm.roles.choosePartner');
    if (input === 'share') {
      const problem = shareProblem(r.share);
      if (problem && (tried || r.share !== '')) return t(`crm.roles.${problem}`);
    }
    return server.rows[i]?.[input];
  };
  const invalid = over || rows.some((r, i) => !r.partnerId || shareProblem(r.share) || rowError(i, 'share'));

  const submit = () => {
    setTried(true);
    if (invalid) return;
    save.mutate(
      { partners: partnersInput(rows) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('crm.roles.partnersSaved') });
          onClose();
        },
      },
    );
  };
  const de = i18n.language === 'de';
  const totalText = format.number(total);

  return (
    <Modal opened={opened} onClose={onClose} title={t('crm.roles.partnersTitle', { name: opportunity.name })} size={960}>
      <Stack gap="md" data-testid="partner-roles-editor">
        <Text size="sm" c="dimmed">
          {t('crm.roles.partnersHint')}
        </Text>
        {server.other && <ErrorAlert>{errorMessage(save.error, t('errors.generic'))}</ErrorAlert>}
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('crm.roles.noPartnersYet')}
          </Text>
        ) : (
          <Table withRowBorders={false} verticalSpacing={6} horizontalSpacing="xs" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('crm.roles.partner')}</Table.Th>
                <Table.Th w={160}>{t('crm.roles.role')}</Table.Th>
                <Table.Th w={232}>{t('crm.roles.attribution')}</Table.Th>
                <Table.Th w={120}>{t('crm.roles.share')}</Table.Th>
                <Table.Th w={44} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={r.key} data-testid="partner-role-row" style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <RecordPicker
                      path="/api/v1/partners"
                      aria-label={t('crm.roles.partner')}
                      placeholder={t('crm.roles.partnerPlaceholder')}
                      initial={r.partnerId ? { id: r.partnerId, name: r.partnerName } : null}
                      value={r.partnerId}
                      exclude={rows.filter((o) => o.key !== r.key && o.partnerId).map((o) => o.partnerId as string)}
                      onChange={(id, record) =>
                        change(r.key, {
                          partnerId: id,
                          partnerName: record?.name ?? '',
                          // A new row's role follows the partner's type; a chosen role stays.
                          ...(record && !opportunity.partners.some((p) => p.partnerId === id) ? { role: roleForPartnerType(record.type) } : {}),
                        })
                      }
                      error={rowError(i, 'partnerId')}
                      data-testid="partner-role-partner"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('crm.roles.role')}
                      data={PARTNER_ROLES.map((value) => ({ value, label: t(`crm.opportunities.roles.${value}`) }))}
                      value={r.role}
                      onChange={(v) => v && change(r.key, { role: v as PartnerRole })}
                      allowDeselect={false}
                      error={rowError(i, 'role')}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      fullWidth
                      aria-label={t('crm.roles.attribution')}
                      data={ATTRIBUTIONS.map((value) => ({ value, label: t(`crm.opportunities.attributions.${value}`) }))}
                      value={r.attribution}
                      onChange={(v) => change(r.key, { attribution: v as PartnerRow['attribution'] })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('crm.roles.share')}
                      value={r.share}
                      onChange={(v) => change(r.key, { share: v })}
                      min={0}
                      max={100}
                      clampBehavior="none"
                      decimalScale={2}
                      decimalSeparator={de ? ',' : '.'}
                      allowNegative={false}
                      suffix=" %"
                      error={rowError(i, 'share')}
                      data-testid="partner-role-share"
                    />
                  </Table.Td>
                  <Table.Td>
                    <RemoveRowButton name={r.partnerName} onClick={() => remove(r.key)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <AddRowButton
          label={t('crm.roles.addPartner')}
          full={rows.length >= MAX_PARTNERS}
          limit={t('crm.roles.maxPartners', { max: MAX_PARTNERS })}
          onClick={() =>
            // Usually one partner brought the deal: the first row is the sourcing one.
            add({
              key: rowKey(),
              partnerId: null,
              partnerName: '',
              role: 'reseller',
              attribution: rows.some((r) => r.attribution === 'sourced') ? 'influenced' : 'sourced',
              share: '',
            })
          }
          testId="partner-role-add"
        />
        {rows.length > 0 && (
          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="sm" fw={600} c={over ? 'red' : undefined} data-testid="partner-share-total">
                {t('crm.roles.total', { total: totalText })}
              </Text>
              {!over && total < 100 && (
                <Text size="xs" c="dimmed">
                  {t('crm.roles.unattributed', { rest: format.number(Math.round((100 - total) * 100) / 100) })}
                </Text>
              )}
            </Group>
            <Progress value={Math.min(total, 100)} color={over ? 'red' : 'teal'} size="sm" aria-hidden />
          </Stack>
        )}
        {(over || server.list.length > 0) && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="partner-share-error">
            {over ? t('crm.roles.over', { total: totalText }) : server.list.join(' ')}
          </Alert>
        )}
        <EditorActions onCancel={onClose} onSave={submit} pending={save.isPending} testId="partner-roles-save" />
      </Stack>
    </Modal>
  );
}
