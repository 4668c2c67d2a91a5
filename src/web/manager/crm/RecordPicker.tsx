// A searchable select of records of another kind (an account, a partner), asking the server as you type.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { usePicker } from './crm-queries.ts';

export function RecordPicker({
  path,
  value,
  onChange,
  initial,
  ...props
}: {
  path: '/api/v1/accounts' | '/api/v1/partners';
  value: string | null;
  onChange: (id: string | null) => void;
  initial?: { id: string; name: string } | null;
} & Omit<SelectProps, 'data' | 'value' | 'onChange'>) {
  const [search, setSearch] = useState(initial?.name ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState(initial ?? null);
  // The typed text is a search unless it is the name of the chosen record.
  const q = chosen && debounced === chosen.name ? '' : debounced;
  const options = usePicker<{ id: string; name: string }>(path, q, [path]);
  const data = (options.data?.data ?? []).map((r) => ({ value: r.id, label: r.name }));
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
        onChange(id);
      }}
      nothingFoundMessage="—"
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
