// The way out of a filtered list: the filter bar's "clear filters" and the state when nothing matches.
import { Button } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from './states.tsx';

export function ClearFiltersButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={onClick}>
      {t('common.clearFilters')}
    </Button>
  );
}

/** No row matches the filters: says so and offers to clear them. */
export function NoMatchBlock({ title, text, onClear }: { title: string; text: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <EmptyBlock
      icon={<IconSearch size={28} />}
      title={title}
      text={text}
      action={
        <Button variant="default" onClick={onClear}>
          {t('common.clearFilters')}
        </Button>
      }
    />
  );
}
