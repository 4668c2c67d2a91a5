// The "load more" row under a cursor-paginated list.
import { Button, Center, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadMore({ count, hasMore, loading, onLoad }: { count: number; hasMore: boolean; loading: boolean; onLoad: () => void }) {
  const { t } = useTranslation();
  return (
    <Center py="md" style={{ flexDirection: 'column', gap: 8 }}>
      {hasMore && (
        <Button variant="default" onClick={onLoad} loading={loading}>
          {t('common.loadMore')}
        </Button>
      )}
      <Text size="xs" c="dimmed">
        {t('common.showing', { count })}
      </Text>
    </Center>
  );
}
