// /app/mailbox: the development mailbox — emails the server "sent", rendered safely.
import { ActionIcon, Badge, Box, Card, Grid, Group, SegmentedControl, Skeleton, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconMail, IconMailOff, IconMailOpened, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyBlock, ErrorState, ForbiddenState } from '../components/states.tsx';
import { ApiError, api } from '../lib/api.ts';
import type { Mail, MailSummary, Page } from '../lib/api-types.ts';
import { useFormat } from '../lib/format.ts';
import { useMe } from '../lib/session.ts';

const STATUS_COLORS: Record<string, string> = { sent: 'green', delivered: 'green', queued: 'blue', failed: 'red', bounced: 'red' };

export function MailboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const navigate = useNavigate({ from: '/app/mailbox' });
  const { id } = useSearch({ from: '/app/mailbox' });
  const list = useInfiniteQuery({
    queryKey: ['mailbox'],
    queryFn: ({ pageParam, signal }) => api<Page<MailSummary>>('/api/v1/dev/mailbox', { query: { cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: me.permissions.readMailbox,
  });
  const mails = list.data?.pages.flatMap((p) => p.data) ?? [];

  if (!me.permissions.readMailbox) return <ForbiddenState />;

  const refresh = (
    <Tooltip label={t('mailbox.refresh')}>
      <ActionIcon variant="default" size="lg" onClick={() => void list.refetch()} loading={list.isRefetching} aria-label={t('mailbox.refresh')}>
        <IconRefresh size={18} />
      </ActionIcon>
    </Tooltip>
  );

  if (list.isError && list.error instanceof ApiError && list.error.status === 404) {
    return (
      <>
        <PageHeader title={t('mailbox.title')} subtitle={t('mailbox.subtitle')} />
        <EmptyBlock icon={<IconMailOff size={28} />} title={t('mailbox.unavailableTitle')} text={t('mailbox.unavailableText')} />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('mailbox.title')} subtitle={t('mailbox.subtitle')} actions={refresh} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Skeleton h={420} radius="md" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Skeleton h={420} radius="md" />
          </Grid.Col>
        </Grid>
      ) : mails.length === 0 ? (
        <EmptyBlock icon={<IconMail size={28} />} title={t('mailbox.emptyTitle')} text={t('mailbox.emptyText')} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card p={0}>
              {/* A plain scroller: ScrollArea's table layout would defeat the subject's ellipsis. */}
              <Box mah="calc(100vh - 240px)" style={{ overflowY: 'auto' }}>
                <Stack gap={0} data-testid="mailbox-list">
                  {mails.map((mail) => {
                    const selected = mail.id === id;
                    return (
                      <UnstyledButton
                        key={mail.id}
                        onClick={() => void navigate({ search: { id: mail.id }, replace: true })}
                        px="md"
                        py="sm"
                        w="100%"
                        display="block"
                        bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
                        style={{
                          borderBottom: '1px solid var(--mantine-color-gray-2)',
                          borderLeft: `3px solid ${selected ? 'var(--mantine-primary-color-filled)' : 'transparent'}`,
                        }}
                        aria-current={selected ? 'true' : undefined}
                      >
                        <Group justify="space-between" wrap="nowrap" gap="xs">
                          <Text size="sm" fw={600} truncate="end" style={{ flex: 1, minWidth: 0 }}>
                            {mail.subject}
                          </Text>
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {format.relative(mail.createdAt)}
                          </Text>
                        </Group>
                        <Text size="xs" c="dimmed" truncate="end">
                          {t('mailbox.to')}: {mail.to}
                        </Text>
                        <Group gap={6} mt={6}>
                          {mail.template && (
                            <Badge size="xs" variant="default" tt="none" radius="sm">
                              {mail.template}
                            </Badge>
                          )}
                          <Badge size="xs" variant="light" color={STATUS_COLORS[mail.status] ?? 'gray'} tt="none" radius="sm">
                            {mail.status}
                          </Badge>
                        </Group>
                      </UnstyledButton>
                    );
                  })}
                </Stack>
                {list.hasNextPage && <LoadMore count={mails.length} query={list} />}
              </Box>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            {id ? (
              <MailView id={id} />
            ) : (
              <EmptyBlock icon={<IconMailOpened size={28} />} title={t('mailbox.selectTitle')} text={t('mailbox.selectText')} />
            )}
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}

function MailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [view, setView] = useState<'html' | 'text'>('html');
  const mail = useQuery({ queryKey: ['mailbox', id], queryFn: ({ signal }) => api<Mail>(`/api/v1/dev/mailbox/${id}`, { signal }) });

  if (mail.isPending) return <Skeleton h={480} radius="md" />;
  if (mail.isError) return <ErrorState error={mail.error} onRetry={() => void mail.refetch()} />;
  const m = mail.data;
  const mode = view === 'html' && !m.html && m.text ? 'text' : view;

  return (
    <Card p={0} data-testid="mailbox-view">
      <Stack gap={6} p="lg" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <Title order={4}>{m.subject}</Title>
        <Group gap="lg">
          <Text size="sm">
            <Text span c="dimmed">
              {t('mailbox.to')}:
            </Text>{' '}
            {m.to}
          </Text>
          <Text size="sm" c="dimmed">
            {format.dateTime(m.createdAt)}
          </Text>
        </Group>
        <Group justify="space-between" mt={6}>
          <Group gap={6}>
            {m.template && (
              <Badge size="sm" variant="default" tt="none" radius="sm">
                {t('mailbox.template')}: {m.template}
              </Badge>
            )}
            <Badge size="sm" variant="light" color={STATUS_COLORS[m.status] ?? 'gray'} tt="none" radius="sm">
              {m.status}
            </Badge>
          </Group>
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => setView(v as 'html' | 'text')}
            data={[
              { value: 'html', label: t('mailbox.html') },
              { value: 'text', label: t('mailbox.text') },
            ]}
          />
        </Group>
      </Stack>
      <Box bg="gray.0" p="md">
        {mode === 'html' ? (
          m.html ? (
            <iframe
              title={m.subject}
              sandbox=""
              srcDoc={m.html}
              referrerPolicy="no-referrer"
              style={{ width: '100%', height: 'calc(100vh - 380px)', minHeight: 360, border: 0, background: 'white', borderRadius: 8 }}
              data-testid="mailbox-html"
            />
          ) : (
            <Text c="dimmed" size="sm" p="md">
              {t('mailbox.noHtml')}
            </Text>
          )
        ) : m.text ? (
          <Box
            component="pre"
            m={0}
            p="md"
            bg="white"
            fz="sm"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', borderRadius: 8, fontFamily: 'var(--mantine-font-family-monospace)' }}
            data-testid="mailbox-text"
          >
            {m.text}
          </Box>
        ) : (
          <Text c="dimmed" size="sm" p="md">
            {t('mailbox.noText')}
          </Text>
        )}
      </Box>
    </Card>
  );
}
