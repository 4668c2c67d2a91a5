// The cards of a registration's page: its fields, the decision (with the appeal and its window),
// the protection window (dates, days-left bar, extension requests and why one cannot be asked for).
import { Badge, Button, Card, DataList, Group, Progress, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconClockPlus, IconFlag } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/money.ts';
import type { PartnerRegistration } from '../../../shared/registrations.ts';
import { CardHeader, CardTitle } from '../../components/CardHeader.tsx';
import { useFormat } from '../../lib/format.ts';
import { noonOf, ProtectionCountdown } from './registration-status.tsx';

type R = PartnerRegistration;
const DAY = 86_400_000;

/** The registration's fields, as far as the partner's safelist shows them. */
export function DetailsCard({ r }: { r: R }) {
  const { t } = useTranslation();
  const format = useFormat();
  const narrow = useMediaQuery('(max-width: 36em)');
  const rows: [string, ReactNode][] = [];
  const add = (label: string, value: ReactNode | null | undefined) => {
    if (value !== undefined)
      rows.push([
        label,
        value ?? (
          <Text span c="dimmed">
            —
          </Text>
        ),
      ]);
  };
  add(
    t('portalRegistrations.fields.number'),
    r.number ? (
      <Text span ff="monospace" fw={600} size="sm">
        {r.number}
      </Text>
    ) : undefined,
  );
  add(t('portalRegistrations.fields.type'), r.type ? t(`portalRegistrations.types.${r.type}`) : undefined);
  add(t('portalRegistrations.fields.motion'), r.motion ? t(`crm.opportunities.motions.${r.motion}`) : undefined);
  add(t('portalRegistrations.fields.companyName'), r.company?.name);
  if (r.company) add(t('portalRegistrations.fields.companyDomain'), r.company.domain);
  if (r.contact) {
    add(t('portalRegistrations.fields.contactName'), r.contact.name);
    add(t('portalRegistrations.fields.contactEmail'), r.contact.email);
  }
  if (r.amount !== undefined) add(t('portalRegistrations.fields.amount'), r.amount ? formatMoney(r.amount, format.locale) : null);
  if (r.expectedCloseDate !== undefined)
    add(t('portalRegistrations.fields.expectedCloseDate'), r.expectedCloseDate ? format.date(noonOf(r.expectedCloseDate)) : null);
  add(t('portalRegistrations.fields.submittedAt'), r.submittedAt ? format.dateTime(r.submittedAt) : undefined);
  return (
    <Card p="lg" data-testid="reg-details">
      <CardTitle title={t('portalRegistrations.detail.detailsTitle')} text={t('portalRegistrations.detail.detailsText')} mb="md" />
      <DataList withDivider labelWidth={210} gap="sm" orientation={narrow ? 'vertical' : 'horizontal'}>
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {r.notes && (
        <Stack gap={4} mt="md">
          <Text size="sm" fw={500}>
            {t('portalRegistrations.fields.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.notes}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

const APPEAL_COLORS = { open: 'indigo', upheld: 'teal', denied: 'red' } as const;
const EXTENSION_COLORS = { pending: 'indigo', approved: 'teal', refused: 'orange' } as const;

function FollowupRow({ badge, title, lines, testId }: { badge: ReactNode; title: string; lines: (string | null)[]; testId: string }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md" data-testid={testId}>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500}>
          {title}
        </Text>
        {lines.filter(Boolean).map((l) => (
          <Text key={l} size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {l}
          </Text>
        ))}
      </Stack>
      {badge}
    </Group>
  );
}

/** Whether (until when) the rejection can be appealed, or why not (any more). */
function AppealWindow({ r }: { r: R }) {
  const { t } = useTranslation();
  const format = useFormat();
  let text: string;
  if (r.actions.appeal && r.appealUntil) text = t('portalRegistrations.appeal.windowOpen', { date: format.dateTime(r.appealUntil) });
  else if (r.appeals.some((a) => a.status === 'open')) text = t('portalRegistrations.appeal.blockedOpen');
  else if (r.appealUntil && new Date(r.appealUntil).getTime() <= Date.now())
    text = t('portalRegistrations.appeal.blockedClosed', { date: format.dateTime(r.appealUntil) });
  else if (r.appeals.length) text = t('portalRegistrations.appeal.blockedDecided');
  else text = t('portalRegistrations.appeal.blockedNone');
  return (
    <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }} data-testid="reg-appeal-window">
      {text}
    </Text>
  );
}

/** A rejection: its reason and note, the appeal window and the appeals. */
export function DecisionCard({ r, onAppeal }: { r: R; onAppeal: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (r.status !== 'rejected' && r.appeals.length === 0) return null;
  const reason = r.decisionReason;
  return (
    <Card p="lg" data-testid="reg-decision">
      <CardHeader
        title={r.status === 'rejected' ? t('portalRegistrations.decision.rejectedTitle') : t('portalRegistrations.appeal.listTitle')}
        text={r.status === 'rejected' ? t('portalRegistrations.decision.rejectedText') : t('portalRegistrations.appeal.listText')}
        mb="md"
      />
      <Stack gap="md">
        {reason && (
          <Stack gap={4}>
            <Text size="sm" fw={600} data-testid="reg-rejection-reason">
              {reason.label ?? reason.reason}
            </Text>
            {reason.note && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {reason.note}
              </Text>
            )}
          </Stack>
        )}
        {r.status === 'rejected' && (
          <Group justify="space-between" align="center" wrap="wrap" gap="sm">
            <AppealWindow r={r} />
            {r.actions.appeal && (
              <Button leftSection={<IconFlag size={16} />} onClick={onAppeal} data-testid="reg-appeal">
                {t('portalRegistrations.appeal.action')}
              </Button>
            )}
          </Group>
        )}
        {r.appeals.map((a) => (
          <FollowupRow
            key={a.id}
            testId="reg-appeal-row"
            title={t('portalRegistrations.appeal.rowTitle', { date: format.date(a.createdAt) })}
            lines={[
              a.status === 'open' ? t('portalRegistrations.appeal.dueBy', { date: format.dateTime(a.dueAt) }) : null,
              a.decidedAt ? t('portalRegistrations.followup.decidedOn', { date: format.date(a.decidedAt) }) : null,
              a.decisionNote,
            ]}
            badge={
              <Badge variant="light" color={APPEAL_COLORS[a.status]} radius="sm" tt="none" data-status={a.status}>
                {t(`portalRegistrations.appeal.statuses.${a.status}`)}
              </Badge>
            }
          />
        ))}
      </Stack>
    </Card>
  );
}

/** That an extension can be asked for, or why not now. */
function ExtensionHint({ r }: { r: R }) {
  const { t } = useTranslation();
  const p = r.protection;
  let text: string;
  if (r.actions.requestExtension) text = t('portalRegistrations.extension.allowed');
  else if (!p || p.state === 'released') text = t('portalRegistrations.extension.blockedReleased');
  else if (p.state === 'expired') text = t('portalRegistrations.extension.blockedExpired');
  else if (r.extensionRequests.some((e) => e.status === 'pending')) text = t('portalRegistrations.extension.blockedPending');
  else text = t('portalRegistrations.extension.blockedRules', { count: p.daysLeft });
  return (
    <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }} data-testid="reg-extension-hint">
      {text}
    </Text>
  );
}

/** The protection window: dates, a days-left bar, the extension requests. */
export function ProtectionCard({ r, onExtend }: { r: R; onExtend: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const p = r.protection;
  if (!p) return null;
  const start = new Date(p.startsAt).getTime();
  const end = new Date(p.expiresAt).getTime();
  const live = p.state === 'active' || p.state === 'expiring';
  const left = live ? Math.max(0, p.daysLeft) : 0;
  // Days are counted in the workspace's calendar (today included): never fewer in total than left.
  const totalDays = Math.max(1, Math.round((end - start) / DAY), left);
  const percent = live ? Math.min(100, Math.max(2, (left / totalDays) * 100)) : 0;
  return (
    <Card p="lg" data-testid="reg-protection-card" data-state={p.state}>
      <CardHeader
        title={t('portalRegistrations.protection.title')}
        text={t('portalRegistrations.protection.text')}
        mb="md"
        action={<ProtectionCountdown protection={p} />}
      />
      <Stack gap="md">
        <Group gap="xl" wrap="wrap">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('portalRegistrations.protection.start')}
            </Text>
            <Text size="sm" fw={600}>
              {format.date(p.startsAt)}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('portalRegistrations.protection.lastDay')}
            </Text>
            <Text size="sm" fw={600} data-testid="reg-protection-until">
              {format.date(noonOf(p.lastProtectedDay))}
            </Text>
          </Stack>
        </Group>
        <Stack gap={4}>
          <Progress
            value={percent}
            color={p.state === 'expiring' ? 'orange' : live ? 'teal' : 'gray'}
            size="lg"
            radius="xl"
            aria-label={t('portalRegistrations.protection.daysLeftOf', { count: left, total: totalDays })}
          />
          <Text size="xs" c="dimmed">
            {live
              ? t('portalRegistrations.protection.daysLeftOf', { count: left, total: totalDays })
              : t(`portalRegistrations.protection.states.${p.state}`)}
          </Text>
        </Stack>
        {r.status === 'approved' && (
          <Group justify="space-between" align="center" wrap="wrap" gap="sm">
            <ExtensionHint r={r} />
            {r.actions.requestExtension && (
              <Button variant="light" leftSection={<IconClockPlus size={16} />} onClick={onExtend} data-testid="reg-extend">
                {t('portalRegistrations.extension.action')}
              </Button>
            )}
          </Group>
        )}
        {r.extensionRequests.map((e) => (
          <FollowupRow
            key={e.id}
            testId="reg-extension-row"
            title={t('portalRegistrations.extension.rowTitle', { date: format.date(e.createdAt) })}
            lines={[
              e.grantedDays ? t('portalRegistrations.extension.granted', { count: e.grantedDays }) : null,
              e.decidedAt ? t('portalRegistrations.followup.decidedOn', { date: format.date(e.decidedAt) }) : null,
              e.decisionNote,
            ]}
            badge={
              <Badge variant="light" color={EXTENSION_COLORS[e.status]} radius="sm" tt="none" data-status={e.status}>
                {t(`portalRegistrations.extension.statuses.${e.status}`)}
              </Badge>
            }
          />
        ))}
      </Stack>
    </Card>
  );
}
