// The deal's shared timeline in the portal: the reply box, then the entries the vendor shares
// (stage changes read as such) and the partner's own replies, newest first.
import { Badge, Box, Button, Card, Center, Group, Skeleton, Stack, Text, Textarea, ThemeIcon, Timeline, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsExchange,
  IconBrandSlack,
  IconCalendarEvent,
  IconChecklist,
  IconEdit,
  IconMail,
  IconMessageCircle,
  IconNote,
  IconPhone,
  IconSend,
  IconSettings,
} from '@tabler/icons-react';
import { type ComponentType, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerTimelineEntry } from '../../../shared/portal.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { fieldErrors } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useReply, useSharedTimeline } from '../portal-queries.ts';

const ICONS: Record<string, ComponentType<{ size?: number }>> = {
  note: IconNote,
  email: IconMail,
  slack_message: IconBrandSlack,
  call: IconPhone,
  meeting: IconCalendarEvent,
  task: IconChecklist,
  stage_change: IconArrowsExchange,
  field_change: IconEdit,
  system: IconSettings,
};

function ReplyBox({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const reply = useReply(dealId);
  const notifyError = useNotifyError();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!body.trim()) {
      setError(t('portalPages.timeline.required'));
      return;
    }
    reply.mutate(body.trim(), {
      onSuccess: () => {
        setBody('');
        notifications.show({ color: 'green', message: t('portalPages.timeline.sent') });
      },
      onError: (e) => {
        const placed = fieldErrors(e, ['body']);
        if (placed.body) setError(placed.body);
        else notifyError(e);
      },
    });
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('portalPages.timeline.replyLabel')}
          description={t('portalPages.timeline.replyHint')}
          placeholder={t('portalPages.timeline.replyPlaceholder')}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit();
          }}
          error={error}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={20_000}
          data-testid="portal-reply-body"
        />
        <Group justify="flex-end">
          <Button type="submit" size="sm" leftSection={<IconSend size={16} />} loading={reply.isPending} data-testid="portal-reply-submit">
            {t('portalPages.timeline.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EntryItem({ entry }: { entry: PartnerTimelineEntry }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const stage = (s: string | null | undefined) =>
    s && i18n.exists(`crm.opportunities.stages.${s}`) ? t(`crm.opportunities.stages.${s}` as never) : (s ?? '—');
  const Icon = entry.fromPartner ? IconMessageCircle : (ICONS[entry.kind ?? ''] ?? IconNote);
  const title = entry.stageChange
    ? entry.stageChange.from
      ? t('portalPages.timeline.stageChange', { from: stage(entry.stageChange.from), to: stage(entry.stageChange.to) })
      : t('portalPages.timeline.stageSet', { to: stage(entry.stageChange.to) })
    : entry.kind && i18n.exists(`portalPages.timeline.kinds.${entry.kind}`)
      ? t(`portalPages.timeline.kinds.${entry.kind}` as never)
      : t('portalPages.timeline.kinds.system');
  return (
    <Timeline.Item
      bullet={
        <ThemeIcon size={30} radius="xl" variant="light" color={entry.fromPartner ? 'brand' : entry.stageChange ? 'violet' : 'teal'}>
          <Icon size={16} />
        </ThemeIcon>
      }
      title={
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm" data-testid={entry.stageChange ? 'portal-timeline-stage' : 'portal-timeline-title'}>
            {title}
          </Text>
          <Badge size="xs" variant="light" color={entry.fromPartner ? 'brand' : 'gray'} tt="none">
            {entry.fromPartner ? t('portalPages.timeline.fromPartner') : t('portalPages.timeline.vendor')}
          </Badge>
        </Group>
      }
    >
      {entry.body && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt={2}>
          {entry.body}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {entry.occurredAt && (
          <Tooltip label={format.dateTime(entry.occurredAt)}>
            <span>{format.relative(entry.occurredAt)}</span>
          </Tooltip>
        )}
        {entry.authorName && ` · ${entry.authorName}`}
      </Text>
    </Timeline.Item>
  );
}

/** The shared timeline card of a deal; `canReply` from the deal's permissions. */
export function SharedTimeline({ dealId, canReply }: { dealId: string; canReply: boolean }) {
  const { t } = useTranslation();
  const timeline = useSharedTimeline(dealId);
  const entries = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card data-testid="portal-timeline">
      <CardHeader title={t('portalPages.timeline.title')} text={t('portalPages.timeline.text')} mb="md" />
      {canReply && <ReplyBox dealId={dealId} />}
      {timeline.isError ? (
        <Box mt="md">
          <ErrorState compact error={timeline.error} onRetry={() => void timeline.refetch()} />
        </Box>
      ) : timeline.isPending ? (
        <Stack gap="md" mt="md">
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : entries.length === 0 ? (
        <Box mt="md">
          <EmptyBlock
            icon={<IconMessageCircle size={28} />}
            title={t('portalPages.timeline.emptyTitle')}
            text={t('portalPages.timeline.emptyText')}
          />
        </Box>
      ) : (
        <>
          <Timeline bulletSize={30} lineWidth={2} mt="lg" data-testid="portal-timeline-entries">
            {entries.map((entry) => (
              <EntryItem key={entry.id} entry={entry} />
            ))}
          </Timeline>
          {timeline.hasNextPage && (
            <Center mt="md">
              <Button variant="subtle" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
                {t('portalPages.timeline.loadOlder')}
              </Button>
            </Center>
          )}
        </>
      )}
    </Card>
  );
}
