// The shared deal's timeline for its recipient, with the comment box when the link allows comments.
import { Avatar, Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessage } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerTimelineEntry } from '../../shared/portal.ts';
import { CardHeader } from '../components/CardHeader.tsx';
import { ErrorState } from '../components/states.tsx';
import { fieldErrors } from '../lib/api.ts';
import { useFormat } from '../lib/format.ts';
import { type SharedMeta, useSharedComment, useSharedError, useSharedTimeline } from './shared-queries.ts';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0])
    .join('')
    .toUpperCase();

function Entry({ e, meta, workspace }: { e: PartnerTimelineEntry; meta: SharedMeta; workspace: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = meta.recipientName !== null && e.authorName === meta.recipientName && !e.fromPartner;
  const author = mine
    ? t('sharing.timeline.you', { name: e.authorName })
    : (e.authorName ?? (e.fromPartner ? t('sharing.timeline.partner') : t('sharing.timeline.vendor', { workspace })));
  const text =
    e.kind === 'stage_change' && e.stageChange?.to
      ? t('sharing.timeline.stageChange', { to: t(`crm.opportunities.stages.${e.stageChange.to}` as never, { defaultValue: e.stageChange.to }) })
      : e.body;
  return (
    <Group
      align="flex-start"
      wrap="nowrap"
      gap="sm"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="shared-entry"
    >
      <Avatar size={32} radius="xl" color={mine ? 'brand' : 'gray'} variant={mine ? 'filled' : 'light'}>
        {initials(author)}
      </Avatar>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} truncate="end">
              {author}
            </Text>
            {e.kind && e.kind !== 'note' && (
              <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                {t(`crm.timeline.kinds.${e.kind}` as never, { defaultValue: e.kind })}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={format.dateTime(e.occurredAt)}>
            {format.relative(e.occurredAt)}
          </Text>
        </Group>
        {text && (
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            c={e.kind === 'system' || e.kind === 'stage_change' ? 'dimmed' : undefined}
          >
            {text}
          </Text>
        )}
      </div>
    </Group>
  );
}

function CommentBox({ token, workspace }: { token: string; workspace: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const comment = useSharedComment(token);
  const notifyError = useSharedError();
  const send = () => {
    if (!body.trim()) return setError(t('sharing.timeline.required'));
    comment.mutate(body.trim(), {
      onSuccess: () => {
        setBody('');
        setError(null);
        notifications.show({ color: 'green', message: t('sharing.timeline.sent') });
      },
      onError: (e) => {
        const placed = fieldErrors(e, ['body']).body;
        if (placed) setError(placed);
        else notifyError(e);
      },
    });
  };
  return (
    <Stack gap="xs" mb="md">
      <Textarea
        aria-label={t('sharing.timeline.comment')}
        placeholder={t('sharing.timeline.commentPlaceholder', { workspace })}
        description={t('sharing.timeline.commentHint', { workspace })}
        inputWrapperOrder={['input', 'description', 'error']}
        autosize
        minRows={3}
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={error}
        data-testid="shared-comment"
      />
      <Group justify="flex-end">
        <Button leftSection={<IconMessage size={16} />} onClick={send} loading={comment.isPending} data-testid="shared-comment-send">
          {t('sharing.timeline.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The timeline card; `canComment` shows the comment box above the entries. */
export function SharedTimeline({ token, meta, canComment }: { token: string; meta: SharedMeta; canComment: boolean }) {
  const { t } = useTranslation();
  const workspace = meta.workspace.branding.productName || meta.workspace.name;
  const timeline = useSharedTimeline(token);
  const entries = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card data-testid="shared-timeline">
      <CardHeader title={t('sharing.timeline.title')} text={t('sharing.timeline.text', { workspace: meta.workspace.name })} mb="md" />
      {canComment && <CommentBox token={token} workspace={meta.workspace.name} />}
      {timeline.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : timeline.isError ? (
        <ErrorState compact error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sharing.timeline.empty')}
        </Text>
      ) : (
        <div data-testid="shared-entries">
          {entries.map((e) => (
            <Entry key={e.id} e={e} meta={meta} workspace={workspace} />
          ))}
          {timeline.hasNextPage && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
              {t('sharing.timeline.loadOlder')}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
