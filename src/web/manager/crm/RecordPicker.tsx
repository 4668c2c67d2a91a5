// A searchable select of records of another kind (an account, a partner), asking the server as you type.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePicker } from './crm-queries.ts';

type Picked = { id: string; name: string; [field: string]: unknown };

/** The picker; `onChange` also gets the chosen record as the server listed it, `exclude` hides ids (chosen elsewhere). */
export function RecordPicker({
  path,
  value,
  onChange,
  initial,
  exclude,
  ...props
}: {
  path: '/api/v1/accounts' | '/api/v1/partners';
  value: string | null;
  onChange: (id: string | null, record?: Picked) => void;
  initial?: { id: string; name: string } | null;
  exclude?: readonly string[];
} & Omit<SelectProps, 'data' | 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(initial?.name ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState(initial ?? null);
  // The typed text is a search unless it is the name of the chosen record.
  const q = chosen && debounced === chosen.name ? '' : debounced;
  const options = usePicker<Picked>(path, q, [path]);
  const records = (options.data?.data ?? []).filter((r) => r.id === value || !exclude?.includes(r.id));
  const data = records.map((r) => ({ value: r.id, label: r.name }));
  if (chosen && !data.some((d) => d.value === chosen.id)) data.unshift({ value: chosen.id, label: chosen.name });
  return (
    <Select
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      onChange={(id, option) => {
        setChosen(id && option ? { id, name: option.label } : null);
        onChange(
          id,
          records.find((r) => r.id === id),
        );
      }}
      nothingFoundMessage={options.isError ? t('errors.generic') : options.isPending ? t('common.loading') : t('crm.common.noMatch')}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
