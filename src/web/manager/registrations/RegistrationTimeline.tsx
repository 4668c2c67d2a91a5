// A registration's timeline (GET /api/v1/registrations/:id/timeline): what happened, newest first.
// The server records each step with an event in its metadata and an English sentence; the title
// comes from the event in the UI's language, the detail is what people wrote (a reason, a note, a plan).
import { Badge, Box, Button, Card, Center, Group, Skeleton, Stack, Text, ThemeIcon, Timeline, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCheck,
  IconClockExclamation,
  IconEye,
  IconFileDescription,
  IconGavel,
  IconHourglassHigh,
  IconLock,
  IconNote,
  IconSend,
  IconShieldOff,
  IconX,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../shared/timeline.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useProgramSettings } from '../settings/program/program-queries.ts';
import { useRegistrationTimeline } from './registration-queries.ts';

type Look = { icon: ComponentType<{ size?: number }>; color: string };

const LOOKS: Record<string, Look> = {
  submitted: { icon: IconSend, color: 'blue' },
  approved: { icon: IconCheck, color: 'green' },
  rejected: { icon: IconX, color: 'red' },
  withdrawn: { icon: IconArrowBackUp, color: 'gray' },
  released: { icon: IconShieldOff, color: 'gray' },
  expired: { icon: IconShieldOff, color: 'gray' },
  protection_reminded: { icon: IconHourglassHigh, color: 'orange' },
  no_touch: { icon: IconClockExclamation, color: 'orange' },
  decision_escalated: { icon: IconAlertTriangle, color: 'red' },
  conflict_escalated: { icon: IconAlertTriangle, color: 'red' },
  conflict_acknowledged: { icon: IconEye, color: 'violet' },
  conflict_planned: { icon: IconFileDescription, color: 'violet' },
  appealed: { icon: IconGavel, color: 'orange' },
  appeal_denied: { icon: IconGavel, color: 'red' },
  extension_requested: { icon: IconHourglassHigh, color: 'blue' },
  extension_approved: { icon: IconHourglassHigh, color: 'green' },
  extension_refused: { icon: IconHourglassHigh, color: 'red' },
};

const EVIDENCE = new Set(['discovery_booked', 'stage_advanced', 'meeting_held', 'other']);
const CHANNELS: Record<string, string> = { 'registration link': 'link', portal: 'portal', API: 'api' };

/** What people wrote in a system entry's sentence: the part after a known English prefix. */
const after = (body: string, prefix: RegExp) => {
  const m = prefix.exec(body);
  return m ? body.slice(m[0].length).replace(/\.$/, '').trim() || null : null;
};

/** The title and detail of an entry in the UI's language. */
function useEntryText() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const program = useProgramSettings();
  const lang = i18n.language === 'de' ? 'de' : 'en';
  return (entry: TimelineEntry): { title: string; detail: string | null } => {
    const event = typeof entry.metadata.event === 'string' ? entry.metadata.event : null;
    const body = entry.body;
    const key = (k: string) => `registrations.timeline.events.${k}` as never;
    if (!event || !i18n.exists(key(event))) return { title: entry.kind === 'note' ? t('registrations.timeline.note') : body, detail: null };
    switch (event) {
      case 'submitted': {
        const m = /^Registered by (.+) \((registration link|portal|API)\)/.exec(body);
        const verdict = entry.metadata.verdict as string | undefined;
        return {
          title: m
            ? t('registrations.timeline.submittedBy', { who: m[1], channel: t(`registrations.channels.${CHANNELS[m[2]] ?? 'api'}` as never) })
            : t(key(event)),
          detail:
            verdict && i18n.exists(`registrations.verdicts.${verdict}`)
              ? t('registrations.timeline.verdict', { verdict: t(`registrations.verdicts.${verdict}` as never) })
              : null,
        };
      }
      case 'approved': {
        const expires = entry.metadata.protectionExpiresAt as string | undefined;
        const override = /conflict policy overridden: (.+)\); protected/.exec(body)?.[1];
        const until = expires ? t('registrations.timeline.protectedUntil', { date: format.date(new Date(Date.parse(expires) - 1)) }) : null;
        return {
          title: t(key(event)),
          detail: [until, override ? t('registrations.timeline.overridden', { reason: override }) : null].filter(Boolean).join(' · ') || null,
        };
      }
      case 'rejected': {
        const reasonKey = entry.metadata.reason as string | undefined;
        const label = program.data?.settings.registration.rejectionReasons.find((r) => r.key === reasonKey)?.label[lang];
        return {
          title: label ? t('registrations.timeline.rejectedFor', { reason: label }) : t(key(event)),
          detail: / — (.+)\.$/s.exec(body)?.[1] ?? null,
        };
      }
      case 'released':
        return { title: t(key(event)), detail: after(body, /^Protection released:/) };
      case 'conflict_planned':
        return { title: t(key(event)), detail: after(body, /^Conflict resolution plan:/) };
      case 'appealed':
        return { title: t(key(event)), detail: after(body, /^Appealed:/) };
      case 'appeal_denied':
        return { title: t(key(event)), detail: after(body, /^Appeal denied:/) };
      case 'extension_refused':
        return { title: t(key(event)), detail: after(body, /^Extension refused:/) };
      case 'extension_requested': {
        const m = /^Extension requested \((.+?)\): ([\s\S]*)$/.exec(body);
        const kind = m?.[1].replace(' ', '_');
        return {
          title:
            kind && EVIDENCE.has(kind)
              ? t('registrations.timeline.extensionRequestedKind', { kind: t(`registrations.evidence.${kind}` as never) })
              : t(key(event)),
          detail: m?.[2] ?? null,
        };
      }
      case 'extension_approved': {
        const days = /extended by (\d+) days/.exec(body)?.[1];
        return { title: days ? t('registrations.timeline.extendedBy', { count: Number(days) }) : t(key(event)), detail: null };
      }
      default:
        return { title: t(key(event)), detail: null };
    }
  };
}

export function RegistrationTimelineCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const timeline = useRegistrationTimeline(id);
  const entries = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card data-testid="registration-timeline">
      <CardHeader title={t('registrations.timeline.title')} text={t('registrations.timeline.text')} mb="md" />
      {timeline.isError ? (
        <ErrorState compact error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.isPending ? (
        <Stack gap="md">
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : entries.length === 0 ? (
        <Box>
          <EmptyBlock icon={<IconNote size={28} />} title={t('registrations.timeline.emptyTitle')} text={t('registrations.timeline.emptyText')} />
        </Box>
      ) : (
        <>
          <Timeline bulletSize={30} lineWidth={2} mt="xs">
            {entries.map((entry) => (
              <Entry key={entry.id} entry={entry} />
            ))}
          </Timeline>
          {timeline.hasNextPage && (
            <Center mt="md">
              <Button variant="subtle" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
                {t('registrations.timeline.loadOlder')}
              </Button>
            </Center>
          )}
        </>
      )}
    </Card>
  );
}

function Entry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useEntryText();
  const { title, detail } = text(entry);
  const event = typeof entry.metadata.event === 'string' ? entry.metadata.event : '';
  const look = LOOKS[event] ?? { icon: IconNote, color: 'gray' };
  const Icon = look.icon;
  const author = entry.author.label ?? (entry.author.kind === 'system' ? t('registrations.timeline.system') : t('common.none'));
  return (
    <Timeline.Item
      bullet={
        <ThemeIcon size={30} radius="xl" variant="light" color={look.color}>
          <Icon size={16} />
        </ThemeIcon>
      }
      title={
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm" data-testid={`registration-timeline-${event || entry.kind}`}>
            {title}
          </Text>
          {entry.visibility === 'internal' && (
            <Badge size="xs" variant="light" color="gray" leftSection={<IconLock size={10} />}>
              {t('registrations.timeline.internal')}
            </Badge>
          )}
        </Group>
      }
    >
      {detail && (
        <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
          {detail}
        </Text>
      )}
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
