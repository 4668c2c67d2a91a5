// A record's timeline: the note composer (internal or shared) and the entries, newest first, each
// with the icon of its kind; stage changes say from → to, field changes list the fields.
import {
  Badge,
  Box,
  Button,
  Card,
  Center,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
  Timeline,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsExchange,
  IconBrandSlack,
  IconCalendarEvent,
  IconChecklist,
  IconEdit,
  IconEye,
  IconLock,
  IconMail,
  IconNote,
  IconPhone,
  IconSettings,
} from '@tabler/icons-react';
import { type ComponentType, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../shared/timeline.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { type CrmEntity, useAddNote, useTimeline } from './crm-queries.ts';
import { useStaffNames } from './OwnerSelect.tsx';

type Kind = TimelineEntry['kind'];

const ICONS: Record<Kind, ComponentType<{ size?: number }>> = {
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

const COLORS: Partial<Record<Kind, string>> = { stage_change: 'violet', field_change: 'gray', system: 'gray', note: 'blue' };

export function TimelineCard({ entity, id, canWrite, canShare = true }: { entity: CrmEntity; id: string; canWrite: boolean; canShare?: boolean }) {
  const { t } = useTranslation();
  const timeline = useTimeline(entity, id);
  const entries = timeline.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Card data-testid="timeline">
      <CardHeader title={t('crm.timeline.title')} text={t('crm.timeline.text')} mb="md" />
      {canWrite && <NoteComposer entity={entity} id={id} canShare={canShare} />}
      {timeline.isError ? (
        <ErrorState compact error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.isPending ? (
        <Stack gap="md" mt="md">
          <Skeleton h={40} />
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : entries.length === 0 ? (
        <Box mt="md">
          <EmptyBlock icon={<IconNote size={28} />} title={t('crm.timeline.emptyTitle')} text={t('crm.timeline.emptyText')} />
        </Box>
      ) : (
        <>
          <Timeline bulletSize={30} lineWidth={2} mt="lg" data-testid="timeline-entries">
            {entries.map((entry) => (
              <EntryItem key={entry.id} entry={entry} />
            ))}
          </Timeline>
          {timeline.hasNextPage && (
            <Center mt="md">
              <Button variant="subtle" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
                {t('crm.timeline.loadOlder')}
              </Button>
            </Center>
          )}
          {!timeline.hasNextPage && entries.length > 20 && <LoadMore count={entries.length} query={timeline} />}
        </>
      )}
    </Card>
  );
}

function NoteComposer({ entity, id, canShare }: { entity: CrmEntity; id: string; canShare: boolean }) {
  const { t } = useTranslation();
  const add = useAddNote(entity, id);
  const notifyError = useNotifyError();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'shared'>('internal');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!body.trim()) {
      setError(t('crm.timeline.noteRequired'));
      return;
    }
    add.mutate(
      { kind: 'note', body: body.trim(), visibility },
      {
        onSuccess: () => {
          setBody('');
          notifications.show({ color: 'green', message: t('crm.timeline.noteAdded') });
        },
        onError: notifyError,
      },
    );
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="xs">
        <Textarea
          aria-label={t('crm.timeline.addNote')}
          placeholder={t('crm.timeline.notePlaceholder')}
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
          data-testid="note-body"
        />
        <Group justify="space-between" wrap="wrap">
          {canShare ? (
            <Tooltip label={visibility === 'internal' ? t('crm.timeline.internalHint') : t('crm.timeline.sharedHint')}>
              <SegmentedControl
                size="xs"
                value={visibility}
                onChange={(v) => setVisibility(v as 'internal' | 'shared')}
                data={[
                  { value: 'internal', label: t('crm.timeline.internal') },
                  { value: 'shared', label: t('crm.timeline.shared') },
                ]}
                data-testid="note-visibility"
              />
            </Tooltip>
          ) : (
            <span />
          )}
          <Button type="submit" size="xs" loading={add.isPending} data-testid="note-submit">
            {t('crm.timeline.addNote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One partner or contact role of a changed list, in words: "Nordlicht GmbH 60 %", "Nora Lindqvist (Champion)". */
function listItemText(item: unknown): string {
  if (!item || typeof item !== 'object') return String(item);
  const i = item as { partnerName?: string; share?: number; name?: string; role?: string };
  if (i.partnerName !== undefined) return `${i.partnerName} ${i.share ?? 0} %`;
  if (i.name !== undefined) return i.role ? `${i.name} (${i.role})` : i.name;
  return JSON.stringify(item);
}

function useValueText() {
  const { t, i18n } = useTranslation();
  const owners = useStaffNames();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'stage' && typeof value === 'string')
      return i18n.exists(`crm.opportunities.stages.${value}`) ? t(`crm.opportunities.stages.${value}` as never) : value;
    if (field === 'ownerUserId' && typeof value === 'string') return owners.get(value) ?? value;
    if (Array.isArray(value)) return value.length ? value.map(listItemText).join(', ') : t('common.none');
    if (typeof value === 'object') {
      const v = value as { value?: unknown; currency?: unknown };
      if (v.value !== undefined && typeof v.currency === 'string') return `${v.value} ${v.currency}`;
      return JSON.stringify(value);
    }
    const text = String(value);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };
}

function EntryItem({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const valueText = useValueText();
  const Icon = ICONS[entry.kind] ?? IconSettings;
  const fieldName = (f: string) => (i18n.exists(`crm.fields.${f}`) ? t(`crm.fields.${f}` as never) : f);
  const author = entry.author.label ?? (entry.author.kind === 'system' ? t('crm.timeline.systemAuthor') : t('common.none'));

  let title: string;
  let detail: React.ReactNode = null;
  if (entry.kind === 'stage_change') {
    const { from, to } = entry.metadata as { from?: string | null; to?: string | null };
    title = from
      ? t('crm.timeline.stageChange', { from: valueText('stage', from), to: valueText('stage', to) })
      : t('crm.timeline.stageSet', { to: valueText('stage', to) });
  } else if (entry.kind === 'field_change') {
    const changes = ((entry.metadata as { changes?: Record<string, { from: unknown; to: unknown }> }).changes ?? {}) as Record<
      string,
      { from: unknown; to: unknown }
    >;
    const fields = Object.keys(changes);
    title = t('crm.timeline.fieldChange', { fields: fields.map(fieldName).join(', ') });
    detail = (
      <Stack gap={2} mt={4}>
        {fields.map((f) => (
          <Text key={f} size="xs" c="dimmed">
            {t('crm.timeline.fieldChangeDetail', { field: fieldName(f), from: valueText(f, changes[f]?.from), to: valueText(f, changes[f]?.to) })}
          </Text>
        ))}
      </Stack>
    );
  } else {
    title = t(`crm.timeline.kinds.${entry.kind}`);
  }

  return (
    <Timeline.Item
      bullet={
        <ThemeIcon size={30} radius="xl" variant="light" color={COLORS[entry.kind] ?? 'teal'}>
          <Icon size={16} />
        </ThemeIcon>
      }
      title={
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm" data-testid={`timeline-${entry.kind}`}>
            {title}
          </Text>
          {entry.visibility === 'shared' ? (
            <Badge size="xs" variant="light" color="teal" leftSection={<IconEye size={10} />}>
              {t('crm.timeline.shared')}
            </Badge>
          ) : entry.kind === 'note' ? (
            <Badge size="xs" variant="light" color="gray" leftSection={<IconLock size={10} />}>
              {t('crm.timeline.internal')}
            </Badge>
          ) : null}
        </Group>
      }
    >
      {entry.body && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt={2}>
          {entry.body}
        </Text>
      )}
      {detail}
      <Text size="xs" c="dimmed" mt={4}>
        <Tooltip label={format.dateTime(entry.occurredAt)}>
          <span>{format.relative(entry.occurredAt)}</span>
        </Tooltip>
        {' · '}
        {author}
      </Text>
    </Timeline.Item>
  );
}
