// The share links card of a record page: "Share" opens the dialog; below, every link of the
// record with its status, expiry, use and acknowledgement, and a revoke with confirmation.
import { Badge, Button, Card, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconLock, IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShareLink } from '../../../shared/share-links.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useMe } from '../../lib/session.ts';
import { ShareDialog } from './ShareDialog.tsx';
import type { PartnerSource } from './SharePartnerField.tsx';
import { type ShareEntityType, useRevokeShareLink, useShareLinks } from './share-queries.ts';

const SHARING_ROLES = ['admin', 'partner_manager', 'sales'];
const STATUS_COLORS = { active: 'teal', expired: 'gray', revoked: 'red' } as const;

/** Whether the signed-in staff member may create and revoke links (the server's `shareRecords` policy). */
export function useCanShare(): boolean {
  const me = useMe();
  return me.actor.kind === 'staff' && SHARING_ROLES.includes(me.actor.role);
}

/** The card: the record's links and the way to share it; `disabled` (a deleted record) hides "Share". */
export function ShareLinksCard({
  entityType,
  entityId,
  partners,
  disabled = false,
}: {
  entityType: Exclude<ShareEntityType, 'opportunity_list'>;
  entityId: string;
  partners: PartnerSource;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const canShare = useCanShare();
  const [opened, dialog] = useDisclosure(false);
  const links = useShareLinks(entityType, entityId);
  const rows = links.data?.data ?? [];

  return (
    <Card data-testid="share-links">
      <CardHeader
        title={t('sharing.card.title')}
        text={t('sharing.card.text')}
        mb="md"
        action={
          canShare &&
          !disabled && (
            <Button size="xs" variant="light" leftSection={<IconShare size={14} />} onClick={dialog.open} data-testid="share-open">
              {t('sharing.card.share')}
            </Button>
          )
        }
      />
      {links.isPending ? (
        <Stack gap="xs">
          <Skeleton h={14} w="70%" />
          <Skeleton h={14} w="45%" />
        </Stack>
      ) : links.isError ? (
        <ErrorState compact error={links.error} onRetry={() => void links.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sharing.card.empty')}
        </Text>
      ) : (
        <Stack gap={0}>
          {rows.map((link) => (
            <ShareLinkRow key={link.id} link={link} canRevoke={canShare} />
          ))}
        </Stack>
      )}
      {canShare && <ShareDialog opened={opened} onClose={dialog.close} entityType={entityType} entityId={entityId} partners={partners} />}
    </Card>
  );
}

/** One link: who, status, until when, how often opened, acknowledged, by whom; revoke while active. */
export function ShareLinkRow({ link, canRevoke }: { link: ShareLink; canRevoke: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeShareLink();
  const notifyError = useNotifyError();
  const who = link.recipientName ?? link.recipientEmail;
  const use =
    link.accessCount === 0
      ? t('sharing.card.never')
      : `${t('sharing.card.times', { count: link.accessCount })}, ${t('sharing.card.lastAccess', { when: format.relative(link.lastAccessedAt) })}`;

  return (
    <Stack gap={4} py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="share-link" data-status={link.status}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate="end">
              {who}
            </Text>
            {link.requireCode && (
              <Tooltip label={t('sharing.dialog.requireCode')} withArrow>
                <IconLock size={14} aria-label={t('sharing.card.code')} color="var(--mantine-color-gray-6)" />
              </Tooltip>
            )}
          </Group>
          {link.recipientName && (
            <Text size="xs" c="dimmed" truncate="end">
              {link.recipientEmail}
            </Text>
          )}
        </div>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Badge variant="light" color={STATUS_COLORS[link.status]} style={{ flexShrink: 0, overflow: 'visible' }} data-testid="share-link-status">
            {t(`sharing.status.${link.status}`)}
          </Badge>
          {canRevoke && link.status === 'active' && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)} data-testid="share-revoke">
              {t('sharing.card.revoke')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {link.status === 'revoked'
          ? `${t('sharing.status.revoked')} ${format.dateTime(link.revokedAt)}`
          : `${link.status === 'expired' ? t('sharing.card.expired') : t('sharing.card.expires')} ${format.dateTime(link.expiresAt)}`}
        {' · '}
        <span data-testid="share-link-use">{use}</span>
      </Text>
      {(link.allowedActions.length > 0 || link.acknowledgedAt) && (
        <Group gap={6}>
          {link.allowedActions.map((a) => (
            <Badge key={a} size="xs" variant="outline" color="gray">
              {t(`sharing.actions.${a}`)}
            </Badge>
          ))}
          {link.acknowledgedAt && (
            <Badge size="xs" variant="light" color="teal" leftSection={<IconCircleCheck size={12} />} data-testid="share-link-acknowledged">
              {t('sharing.card.acknowledged', { when: format.relative(link.acknowledgedAt) })}
            </Badge>
          )}
        </Group>
      )}
      {link.createdBy && (
        <Text size="xs" c="dimmed">
          {t('sharing.card.createdBy', { name: link.createdBy })} · {format.dateTime(link.createdAt)}
        </Text>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('sharing.card.revokeTitle', { name: who })}
        text={t('sharing.card.revokeText')}
        confirmLabel={t('sharing.card.revoke')}
        loading={revoke.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          revoke.mutate(link.id, {
            onSuccess: () => {
              setConfirming(false);
              notifications.show({ color: 'green', message: t('sharing.card.revoked') });
            },
            onError: notifyError,
          })
        }
      />
    </Stack>
  );
}
