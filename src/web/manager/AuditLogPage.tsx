// /app/audit: every recorded change, newest first, filtered by action and entity type.
import { Anchor, Autocomplete, Box, Card, Code, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowRight, IconSearch, IconShieldCheck } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClearFiltersButton, NoMatchBlock } from '../components/filters.tsx';
import { PagedTableCard } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyBlock, ErrorState, ForbiddenState } from '../components/states.tsx';
import { api } from '../lib/api.ts';
import type { AuditEvent, Page } from '../lib/api-types.ts';
import { useFormat } from '../lib/format.ts';
import { useMe } from '../lib/session.ts';
import { changeRows, formatAuditValue, isDiff } from './audit-format.ts';

const KNOWN_ENTITY_TYPES = ['partner', 'partner_user', 'user', 'workspace', 'api_key', 'session'];

/** The audit events query, shared with the dashboard's recent activity. */
export function useAuditEvents(filters: { action?: string; entityType?: string }, limit = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['audit', filters, limit],
    queryFn: ({ pageParam, signal }) => api<Page<AuditEvent>>('/api/v1/audit-events', { query: { ...filters, cursor: pageParam, limit }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * The changes of an event as `field: from → to`. Creations (nothing before) and plain
 * values (`{ method: 'password' }`) show as `field: value`.
 */
export function ChangesList({ changes, max, expandable }: { changes: AuditEvent['changes']; max?: number; expandable?: boolean }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const entries = changeRows(changes);
  if (entries.length === 0) return <Text c="dimmed">{t('common.none')}</Text>;
  const empty = t('audit.empty');
  const creation = entries.every(({ change }) => isDiff(change) && change.from == null);
  const shown = max && !expanded ? entries.slice(0, max) : entries;
  return (
    <Stack gap={2}>
      {shown.map(({ field, change }) => (
        <Group key={field} gap={6} wrap="nowrap" fz="xs" style={{ minWidth: 0 }}>
          <Text span fz="xs" fw={600} ff="monospace" style={{ flexShrink: 0 }}>
            {field}:
          </Text>
          {isDiff(change) && !creation ? (
            <>
              <Text span fz="xs" c="dimmed" td={change.from == null ? undefined : 'line-through'} truncate="end" maw={160}>
                {formatAuditValue(change.from, empty)}
              </Text>
              <IconArrowRight size={12} style={{ flexShrink: 0, opacity: 0.6 }} />
              <Text span fz="xs" truncate="end" maw={200}>
                {formatAuditValue(change.to, empty)}
              </Text>
            </>
          ) : (
            <Text span fz="xs" truncate="end" maw={320}>
              {formatAuditValue(isDiff(change) ? change.to : change, empty)}
            </Text>
          )}
        </Group>
      ))}
      {max &&
        entries.length > max &&
        (expandable ? (
          <Anchor component="button" type="button" fz="xs" ta="left" onClick={() => setExpanded((v) => !v)}>
            {expanded ? t('audit.showLess') : t('audit.more', { count: entries.length - max })}
          </Anchor>
        ) : (
          <Text fz="xs" c="dimmed">
            {t('audit.more', { count: entries.length - max })}
          </Text>
        ))}
    </Stack>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [debounced] = useDebouncedValue({ action: action.trim(), entityType: entityType.trim() }, 300);
  const filters = { action: debounced.action || undefined, entityType: debounced.entityType || undefined };
  const events = useAuditEvents(filters, 50, me.permissions.readAudit);
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(filters.action || filters.entityType);
  const seenActions = useMemo(() => [...new Set(rows.map((r) => r.action))].sort(), [rows]);
  const entityTypes = useMemo(() => [...new Set([...KNOWN_ENTITY_TYPES, ...rows.map((r) => r.entityType)])].sort(), [rows]);

  if (!me.permissions.readAudit) return <ForbiddenState />;

  const clear = () => {
    setAction('');
    setEntityType('');
  };

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Autocomplete
            label={t('audit.actionFilter')}
            placeholder={t('audit.actionPlaceholder')}
            leftSection={<IconSearch size={16} />}
            data={seenActions}
            value={action}
            onChange={setAction}
            w={{ base: '100%', xs: 260 }}
          />
          <Autocomplete
            label={t('audit.entityFilter')}
            placeholder={t('audit.entityPlaceholder')}
            data={entityTypes}
            value={entityType}
            onChange={setEntityType}
            w={{ base: '100%', xs: 220 }}
          />
          {(action || entityType) && <ClearFiltersButton onClick={clear} />}
        </Group>
      </Card>

      {events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.isPending ? (
        <Card p="lg">
          <Stack gap="md">
            {Array.from({ length: 6 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
              <Skeleton key={i} h={16} />
            ))}
          </Stack>
        </Card>
      ) : rows.length === 0 ? (
        filtered ? (
          <NoMatchBlock title={t('audit.noMatchTitle')} text={t('audit.noMatchText')} onClear={clear} />
        ) : (
          <EmptyBlock icon={<IconShieldCheck size={28} />} title={t('audit.emptyTitle')} text={t('audit.emptyText')} />
        )
      ) : (
        <PagedTableCard query={events} count={rows.length} minWidth={900}>
          <Table verticalSpacing="sm" data-testid="audit-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg" w={180}>
                  {t('audit.time')}
                </Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th pr="lg">{t('audit.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((event) => (
                <Table.Tr key={event.id} style={{ verticalAlign: 'top' }}>
                  <Table.Td pl="lg">
                    <Tooltip label={event.occurredAt} withArrow openDelay={400}>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {format.dateTime(event.occurredAt)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} truncate="end" maw={220}>
                      {event.actorLabel ?? t('common.none')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`audit.actorKinds.${event.actorKind as 'staff'}`, { defaultValue: event.actorKind })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code fz="xs">{event.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{event.entityType}</Text>
                    {event.entityId && (
                      <Text size="xs" c="dimmed" ff="monospace" truncate="end" maw={160} title={event.entityId}>
                        {event.entityId.slice(0, 8)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td pr="lg">
                    <Box maw={420}>
                      <ChangesList changes={event.changes} max={4} expandable />
                      {event.reason && (
                        <Text size="xs" c="dimmed" fs="italic" mt={4}>
                          {t('audit.reason', { reason: event.reason })}
                        </Text>
                      )}
                    </Box>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}
    </>
  );
}
