// Loading, error, empty and not-found states shared by every page.
import { Alert, Button, Center, EmptyState, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconMapSearch, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, isUnreachable } from '../lib/api.ts';
import { ButtonLink } from './links.tsx';

/** A centred spinner for a page or a panel that is loading. */
export function PageLoader({ minHeight = 240 }: { minHeight?: number | string }) {
  const { t } = useTranslation();
  return (
    <Center mih={minHeight} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

/** What went wrong, with the server's explanation and a retry when possible. */
export function ErrorState({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <ForbiddenState />;
  const detail = isUnreachable(error) ? t('errors.network') : errorMessage(error, t('errors.generic'));
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  if (compact) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('errors.title')}>
        <Stack gap="xs">
          <Text size="sm">{detail}</Text>
          {onRetry && (
            <Group>
              <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
                {t('common.retry')}
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    );
  }
  return (
    <EmptyState py={48} color="red" variant="light" icon={<IconAlertTriangle size={28} />} title={t('errors.title')} description={detail}>
      {requestId && (
        <Text size="xs" c="dimmed" ff="monospace" ta="center">
          {t('errors.requestId', { id: requestId })}
        </Text>
      )}
      {onRetry && (
        <EmptyState.Actions>
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

/** Shown when the actor's role may not see a page. */
export function ForbiddenState() {
  const { t } = useTranslation();
  return (
    <EmptyState
      py={48}
      variant="light"
      color="gray"
      icon={<IconLock size={28} />}
      title={t('errors.forbiddenTitle')}
      description={t('errors.forbiddenText')}
    />
  );
}

/** A friendly empty state inside a card: icon, title, explanation and an optional action. */
export function EmptyBlock({
  icon,
  title,
  text,
  action,
  bordered = true,
}: {
  icon: ReactNode;
  title: string;
  text: ReactNode;
  action?: ReactNode;
  bordered?: boolean;
}) {
  const content = (
    <EmptyState py={40} variant="light" icon={icon} title={title} description={text}>
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
  if (!bordered) return content;
  return (
    <Paper withBorder radius="md" style={{ borderStyle: 'dashed' }}>
      {content}
    </Paper>
  );
}

/** The 404 page body, with a link back home. */
export function NotFoundState({ home = '/app' }: { home?: string }) {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" p="xl">
      <EmptyState variant="light" icon={<IconMapSearch size={30} />} title={t('errors.notFoundTitle')} description={t('errors.notFoundText')}>
        <EmptyState.Actions>
          <ButtonLink to={home}>{t('errors.goHome')}</ButtonLink>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
