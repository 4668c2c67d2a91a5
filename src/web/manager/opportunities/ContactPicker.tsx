// A searchable select of contacts for a deal: the contacts of the deal's account first, then the
// other contacts (partner contacts among them) matching what is typed.
import { Group, Select, type SelectProps, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/contacts.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../../lib/api-types.ts';

function useContacts(query: { q?: string; accountId?: string }, limit: number) {
  return useQuery({
    queryKey: ['contacts', 'picker', query, limit],
    queryFn: ({ signal }) => api<Page<Contact>>('/api/v1/contacts', { query: { ...query, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The picker; `exclude` hides contacts chosen in other rows. */
export function ContactPicker({
  account,
  value,
  initial,
  exclude,
  onChange,
  ...props
}: {
  account: { id: string; name: string };
  value: string | null;
  initial: { id: string; name: string } | null;
  exclude: readonly string[];
  onChange: (contact: { id: string; name: string } | null) => void;
} & Omit<SelectProps, 'data' | 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(initial?.name ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState(initial);
  const q = chosen && debounced === chosen.name ? undefined : debounced.trim() || undefined;
  const atAccount = useContacts({ accountId: account.id, q }, 50);
  const others = useContacts({ q }, 20);
  const known = new Map<string, Contact>();
  const usable = (c: Contact) => c.id === value || !exclude.includes(c.id);
  const first = (atAccount.data?.data ?? []).filter(usable);
  for (const c of first) known.set(c.id, c);
  const rest = (others.data?.data ?? []).filter((c) => usable(c) && !known.has(c.id));
  for (const c of rest) known.set(c.id, c);
  const item = (c: Contact) => ({ value: c.id, label: c.name });
  const data = [
    ...(first.length ? [{ group: t('crm.roles.accountContacts', { account: account.name }), items: first.map(item) }] : []),
    ...(rest.length ? [{ group: t('crm.roles.otherContacts'), items: rest.map(item) }] : []),
  ];
  if (chosen && !known.has(chosen.id)) data.unshift({ group: t('crm.roles.chosen'), items: [{ value: chosen.id, label: chosen.name }] });
  const loading = atAccount.isPending || others.isPending;
  const failed = atAccount.isError || others.isError;

  return (
    <Select
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id, option) => {
        const next = id && option ? { id, name: option.label } : null;
        setChosen(next);
        onChange(next);
      }}
      renderOption={({ option }) => {
        const c = known.get(option.value);
        const detail = c && [c.title, c.account && c.account.id !== account.id ? c.account.name : null, c.emails[0]].filter(Boolean).join(' · ');
        return (
          <Stack gap={0}>
            <Group gap={6}>
              <Text size="sm">{option.label}</Text>
            </Group>
            {detail && (
              <Text size="xs" c="dimmed">
                {detail}
              </Text>
            )}
          </Stack>
        );
      }}
      nothingFoundMessage={failed ? t('errors.generic') : loading ? t('common.loading') : t('crm.roles.noContactsFound')}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
