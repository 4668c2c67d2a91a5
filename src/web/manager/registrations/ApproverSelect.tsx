// Who can decide registrations: the workspace's active admins and partner managers; the approver
// filter of the queue and the picker of "reassign".
import { Loader, Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session.ts';
import { useStaff } from '../crm/OwnerSelect.tsx';

const DECIDERS = new Set(['admin', 'partner_manager']);

/** The approvers as select options; the signed-in user first when it is one (labelled `meLabel`). */
export function useApprovers() {
  const me = useMe();
  const staff = useStaff();
  const users = staff.data?.data ?? [];
  return {
    loading: staff.isPending,
    failed: staff.isError,
    options(value: string | null, meLabel?: string, exclude?: string | null) {
      const deciders = users.filter((u) => (DECIDERS.has(u.role) && u.status === 'active') || u.id === value);
      const mine = deciders.find((u) => u.id === me.actor.id);
      const others = deciders.filter((u) => u.id !== me.actor.id && u.id !== exclude).map((u) => ({ value: u.id, label: u.name }));
      const data = mine && mine.id !== exclude ? [{ value: mine.id, label: meLabel ?? mine.name }, ...others] : others;
      if (value && !data.some((d) => d.value === value)) data.push({ value, label: '…' });
      return data;
    },
  };
}

/** The picker of a new approver (everyone who can decide except `current`). */
export function ApproverSelect({
  value,
  onChange,
  current,
  ...props
}: { value: string | null; onChange: (id: string | null) => void; current: string | null } & Omit<SelectProps, 'data' | 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const me = useMe();
  const approvers = useApprovers();
  return (
    <Select
      data={approvers.options(value, t('registrations.reassign.me', { name: me.actor.name }), current)}
      value={value}
      onChange={onChange}
      searchable
      nothingFoundMessage={t('registrations.reassign.noMatch')}
      rightSection={approvers.loading ? <Loader size={14} /> : undefined}
      error={approvers.failed ? t('registrations.reassign.loadFailed') : undefined}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
