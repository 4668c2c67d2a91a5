// The "load more" row under a cursor-paginated list, and the card of a paginated table.
import { Button, Card, Center, Table, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What the row needs of an infinite query. */
export type PagedQuery = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

export function LoadMore({ count, query }: { count: number; query: PagedQuery }) {
  const { t } = useTranslation();
  return (
    <Center py="md" style={{ flexDirection: 'column', gap: 8 }}>
      {query.hasNextPage && (
        <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <Text size="xs" c="dimmed">
        {t('common.showing', { count })}
      </Text>
    </Center>
  );
}

/** A table filling a card, "load more" under it; dimmed while rows for new filters load. */
export function PagedTableCard({
  query,
  count,
  minWidth,
  style,
  children,
}: {
  query: PagedQuery & { isPlaceholderData: boolean };
  count: number;
  minWidth: number;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <Card p={0} style={{ opacity: query.isPlaceholderData ? 0.6 : 1, ...style }}>
      <Table.ScrollContainer minWidth={minWidth}>{children}</Table.ScrollContainer>
      <LoadMore count={count} query={query} />
    </Card>
  );
}
