// Pieces every CRM list page shares: filters kept in the URL, the search box, sort, "deleted only",
// the CSV export of the current filters, and money and days formatted in the UI language.
import { Button, Card, Checkbox, Group, Select, Skeleton, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, type Money } from '../../../shared/money.ts';
import { withQuery } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import type { CrmEntity, Filters } from './crm-queries.ts';

export type ListPath = '/app/accounts' | '/app/contacts' | '/app/opportunities' | '/app/leads' | '/app/opportunities/board';

/** validateSearch of a list route: keeps the named filters that are non-empty strings. */
export function filterSearch(keys: readonly string[]) {
  return (search: Record<string, unknown>): Filters => {
    const out: Filters = {};
    for (const key of keys) {
      const value = search[key];
      if (typeof value === 'string' && value !== '') out[key] = value;
      else if (typeof value === 'number') out[key] = String(value);
    }
    return out;
  };
}

/** The list's filters from the URL, and ways to change them (the search box is debounced). */
export function useListFilters(path: ListPath) {
  const navigate = useNavigate();
  const filters = useSearch({ strict: false }) as Filters;
  const [q, setQ] = useState(filters.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  const go = (next: Filters, replace = false) => {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
    void navigate({ to: path, search: clean as never, replace });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the typed text only
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== filters.q) go({ ...filters, q: next }, true);
  }, [debouncedQ]);

  // A saved view applied (or filters cleared) puts its text into the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the URL only
  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ.trim()) setQ(filters.q ?? '');
  }, [filters.q]);

  return {
    filters,
    q,
    setQ,
    set: (key: string, value: string | null | undefined) => go({ ...filters, [key]: value ?? undefined }),
    apply: (next: Filters) => {
      setQ(next.q ?? '');
      go(next);
    },
    clear: () => {
      setQ('');
      go({});
    },
    /** Whether any filter narrows the list (sort and order do not). */
    filtered: Object.entries(filters).some(([k, v]) => v && k !== 'sort' && k !== 'order'),
  };
}

export function SearchBox({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      aria-label={t('common.search')}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      style={{ flex: '1 1 240px' }}
      data-testid={testId}
    />
  );
}

export function SortSelect({
  value,
  options,
  onChange,
}: {
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      aria-label={t('crm.common.sort')}
      data={options}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      w={{ base: '100%', xs: 170 }}
    />
  );
}

export function DeletedToggle({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  return <Checkbox label={t('crm.common.showDeleted')} checked={value} onChange={(e) => onChange(e.currentTarget.checked)} mb={8} />;
}

/** Downloads the CSV of every record matching the filters (the server streams it). */
export function ExportButton({ entity, filters }: { entity: CrmEntity; filters: Filters }) {
  const { t, i18n } = useTranslation();
  const { q, ...rest } = filters;
  // Excel with a German locale expects semicolons.
  const href = withQuery(`/api/v1/${entity}/export.csv`, { ...rest, q, delimiter: i18n.language === 'de' ? 'semicolon' : undefined });
  return (
    <Tooltip label={t('crm.common.exportHint')}>
      <Button component="a" href={href} download variant="default" leftSection={<IconDownload size={16} />} data-testid={`${entity}-export`}>
        {t('crm.common.exportCsv')}
      </Button>
    </Tooltip>
  );
}

/** Money in the UI language: 1.234,56 € (de) or €1,234.56 (en). */
export function useMoney() {
  const format = useFormat();
  return useMemo(
    () => ({
      format: (money: Money | null | undefined) => (money ? formatMoney(money, format.locale) : '—'),
      compact: (money: Money) => formatMoney(money, format.locale, { notation: 'compact' }),
    }),
    [format.locale],
  );
}

/** A date without time ('2027-03-31') in the UI language, without shifting it through time zones. */
export function useDay() {
  const format = useFormat();
  return (value: string | null | undefined) => (value ? format.date(`${value.slice(0, 10)}T12:00:00`) : '—');
}

export function TableSkeleton({ columns = 5 }: { columns?: number }) {
  return (
    <Card p="lg">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
        <Group key={i} gap="xl" py={10} wrap="nowrap">
          {Array.from({ length: columns }, (_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder cells
            <Skeleton key={j} h={14} w={j === 0 ? '28%' : '12%'} />
          ))}
        </Group>
      ))}
    </Card>
  );
}
