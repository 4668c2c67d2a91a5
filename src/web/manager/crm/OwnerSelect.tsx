// Owners of CRM records: the workspace's staff users (GET /api/v1/users), their names by id, and
// the owner picker of the forms and list filters, with the signed-in user first.
import { Loader, Select, type SelectProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import type { Page, StaffUser } from '../../lib/api-types.ts';
import { useMe } from '../../lib/session.ts';

/** The workspace's staff users, sorted by name (the server sends them all at once). */
export function useStaff() {
  return useQuery({
    queryKey: ['users', 'names'],
    queryFn: ({ signal }) => api<Page<StaffUser>>('/api/v1/users', { query: { limit: 100 }, signal }),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** Names of the workspace's staff users by id (for owners); empty while loading or when the list failed. */
export function useStaffNames(): Map<string, string> {
  const users = useStaff();
  return useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.name])), [users.data]);
}

/**
 * Choices for an owner: the signed-in user first ("Mine" in a filter, "Name (me)" in a form), then
 * the active and invited staff by name; a deactivated user only when already chosen, so a record
 * keeps showing its owner.
 */
export function ownerOptions(staff: StaffUser[], me: { id: string; name: string }, value: string | null, meLabel: string) {
  const others = staff.filter((u) => u.id !== me.id && (u.status !== 'deactivated' || u.id === value)).map((u) => ({ value: u.id, label: u.name }));
  return [{ value: me.id, label: meLabel }, ...others];
}

/**
 * The owner picker. `mode="filter"` is the list filter ("Any owner" when empty, "Mine" first);
 * `mode="field"` the form input (empty means no owner). Loading and failure show in the input.
 */
export function OwnerSelect({
  mode,
  value,
  onChange,
  error,
  ...props
}: { mode: 'filter' | 'field'; value: string | null; onChange: (id: string | null) => void } & Omit<SelectProps, 'data' | 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const me = useMe();
  const staff = useStaff();
  const meLabel = mode === 'filter' ? t('crm.common.mine') : t('crm.owner.me', { name: me.actor.name });
  const data = ownerOptions(staff.data?.data ?? [], me.actor, value, meLabel);
  // An owner the list does not know (it failed, or is still loading) still shows as chosen.
  if (value && !data.some((d) => d.value === value)) data.push({ value, label: staff.isPending ? '…' : t('crm.owner.unknown') });
  return (
    <Select
      aria-label={t('crm.common.owner')}
      placeholder={mode === 'filter' ? t('crm.common.anyOwner') : t('crm.owner.nobody')}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      searchable
      nothingFoundMessage={t('crm.owner.noMatch')}
      rightSection={staff.isPending ? <Loader size={14} /> : undefined}
      error={error || (staff.isError && mode === 'field' ? t('crm.owner.loadFailed') : undefined)}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/** The owner input of a record form whose values have `ownerUserId` ('' for nobody). */
export function OwnerField<V extends { ownerUserId: string }>({ form, testId }: { form: UseFormReturnType<V>; testId: string }) {
  const { t } = useTranslation();
  const f = form as unknown as UseFormReturnType<{ ownerUserId: string }>;
  return (
    <OwnerSelect
      mode="field"
      label={t('crm.common.owner')}
      {...f.getInputProps('ownerUserId')}
      value={f.getValues().ownerUserId || null}
      onChange={(v) => f.setFieldValue('ownerUserId', v ?? '')}
      data-testid={testId}
    />
  );
}
