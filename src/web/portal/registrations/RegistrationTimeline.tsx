// The registration's shared timeline in the portal, newest first: what happened (submitted,
// approved, appealed, extended …) worded in the UI's language from each entry's event, with the
// partner's own words or the vendor's note to the partner where the entry carries them.
import { Button, Card, Center, Skeleton, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconArrowBackUp,
  IconBell,
  IconCircleCheck,
  IconCircleX,
  IconClockPlus,
  IconFlag,
  IconMessageCircle,
  IconSend,
  IconShieldOff,
  IconShieldX,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerTimelineEntry } from '../../../shared/portal.ts';
import { CardTitle } from '../../components/CardHeader.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useRegistrationTimeline } from './registration-queries.ts';

type Event =
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'released'
  | 'appealed'
  | 'appeal_denied'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'expired'
  | 'protection_reminded';

const EVENTS: Record<Event, { icon: ComponentType<{ size?: number }>; color: string }> = {
  submitted: { icon: IconSend, color: 'blue' },
  approved: { icon: IconCircleCheck, color: 'teal' },
  rejected: { icon: IconCircleX, color: 'red' },
  withdrawn: { icon: IconArrowBackUp, color: 'gray' },
  released: { icon: IconShieldOff, color: 'gray' },
  appealed: { icon: IconFlag, color: 'indigo' },
  appeal_denied: { icon: IconCircleX, color: 'red' },
  extension_requested: { icon: IconClockPlus, color: 'indigo' },
  extension_approved: { icon: IconClockPlus, color: 'teal' },
  extension_refused: { icon: IconCircleX, color: 'orange' },
  expired: { icon: IconShieldX, color: 'orange' },
  protection_reminded: { icon: IconBell, color: 'orange' },
};

/** The text after the first `prefix`, if the body starts with it (the partner's reason, the vendor's note). */
function after(body: string, prefix: RegExp): string | null {
  const m = prefix.exec(body);
  if (!m) return null;
  const rest = body.slice(m.index + m[0].length).trim();
  return rest && rest !== '.' ? rest.replace(/\.$/, '') : null;
}

/** The event's detail line: only the words meant for the partner, never staff-only remarks. */
function detailOf(event: Event, e: PartnerTimelineEntry, extendedBy: (days: number) => string): string | null {
  const body = e.body ?? '';
  switch (event) {
    case 'appealed':
      return after(body, /^Appealed:/);
    case 'extension_requested':
      return after(body, /^Extension requested \([^)]*\):/);
    case 'appeal_denied':
      return after(body, /^Appeal denied:/);
    case 'extension_refused':
      return after(body, /^Extension refused:/);
    case 'released':
      return after(body, /^Protection released:/);
    case 'extension_approved': {
      const days = /by (\d+) days/.exec(body)?.[1];
      return days ? extendedBy(Number(days)) : null;
    }
    default:
      return null;
  }
}

function Entry({ e }: { e: PartnerTimelineEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const event = e.event as Event | undefined;
  const known = event && event in EVENTS ? EVENTS[event] : null;
  const Icon = known?.icon ?? IconMessageCircle;
  const extendedBy = (count: number): string => t('portalRegistrations.timeline.extendedBy', { count });
  const detail = known && event ? detailOf(event, e, extendedBy) : (e.body ?? null);
  return (
    <Timeline.Item
      bullet={
        <ThemeIcon size={26} radius="xl" variant="light" color={known?.color ?? 'gray'}>
          <Icon size={14} />
        </ThemeIcon>
      }
      title={
        <Text size="sm" fw={600}>
          {known && event ? t(`portalRegistrations.timeline.events.${event}`) : (e.authorName ?? t('portalRegistrations.timeline.note'))}
        </Text>
      }
      data-testid="reg-timeline-entry"
      data-event={event ?? e.kind}
    >
      {detail && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
          {detail}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={2}>
        {format.dateTime(e.occurredAt)}
        {known && e.authorName ? ` · ${e.authorName}` : ''}
      </Text>
    </Timeline.Item>
  );
}

/** The card with the timeline. */
export function RegistrationTimeline({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useRegistrationTimeline(id);
  const entries = query.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card p="lg" data-testid="reg-timeline">
      <CardTitle title={t('portalRegistrations.timeline.title')} text={t('portalRegistrations.timeline.text')} mb="md" />
      {query.isError ? (
        <ErrorState compact error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Stack gap="sm">
          <Skeleton h={18} />
          <Skeleton h={18} w="70%" />
        </Stack>
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portalRegistrations.timeline.empty')}
        </Text>
      ) : (
        <>
          <Timeline bulletSize={26} lineWidth={2}>
            {entries.map((e) => (
              <Entry key={e.id} e={e} />
            ))}
          </Timeline>
          {query.hasNextPage && (
            <Center mt="md">
              <Button variant="default" size="xs" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Center>
          )}
        </>
      )}
    </Card>
  );
}
