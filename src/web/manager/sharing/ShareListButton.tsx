// "Share list" on the opportunities list: one partner's deals with the list's current filters
// (name search, stages, motion, sort), as a share link of type `opportunity_list`.
import { Badge, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconShare } from '@tabler/icons-react';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MOTIONS, STAGES, type Stage } from '../../../shared/opportunities.ts';
import type { ShareLinkInput } from '../../../shared/share-links.ts';
import { ShareDialog } from './ShareDialog.tsx';
import { ShareLinkRow, useCanShare } from './ShareLinksCard.tsx';
import { useShareLinks } from './share-queries.ts';

type View = NonNullable<ShareLinkInput['view']>;
const SHARED_SORTS = ['closeDate', 'updatedAt', 'name'] as const;
// Filters of the staff list that a partner's list does not have.
const STAFF_ONLY = ['ownerUserId', 'accountId', 'closeFrom', 'closeTo', 'amountMin', 'amountMax'];

/** The list's URL filters as the view of a shared list (what the partner list understands). */
export function viewOf(filters: Record<string, string | undefined>): View {
  const stage = (filters.stage?.split(',') ?? []).filter((s) => (STAGES as readonly string[]).includes(s)) as Stage[];
  const motion = filters.motion && (MOTIONS as readonly string[]).includes(filters.motion) ? [filters.motion as (typeof MOTIONS)[number]] : [];
  const sort = SHARED_SORTS.find((s) => s === filters.sort);
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(stage.length ? { stage } : {}),
    ...(motion.length ? { motion } : {}),
    ...(sort ? { sort } : {}),
    ...(filters.order === 'desc' ? { order: 'desc' as const } : {}),
  };
}

/** The button and its dialog; hidden for those who may not share. */
export function ShareListButton() {
  const { t } = useTranslation();
  const canShare = useCanShare();
  const [opened, dialog] = useDisclosure(false);
  const filters = useSearch({ strict: false }) as Record<string, string | undefined>;
  if (!canShare) return null;
  const view = viewOf(filters);
  const dropped = STAFF_ONLY.some((k) => filters[k]);

  const summary = (
    <Stack gap={6} data-testid="share-list-filters">
      <Text size="sm" fw={500}>
        {t('sharing.dialog.filters')}
      </Text>
      {Object.keys(view).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sharing.dialog.noFilters')}
        </Text>
      ) : (
        <Group gap={6}>
          {view.q && <Badge variant="light">{t('sharing.dialog.filterSearch', { q: view.q })}</Badge>}
          {view.stage && (
            <Badge variant="light">
              {t('sharing.dialog.filterStage', { stages: view.stage.map((s) => t(`crm.opportunities.stages.${s}`)).join(', ') })}
            </Badge>
          )}
          {view.motion?.map((m) => (
            <Badge key={m} variant="light">
              {t(`crm.opportunities.motions.${m}`)}
            </Badge>
          ))}
        </Group>
      )}
      {dropped && (
        <Text size="xs" c="dimmed">
          {t('sharing.dialog.unsupportedFilters')}
        </Text>
      )}
    </Stack>
  );

  return (
    <>
      <Button variant="default" leftSection={<IconShare size={16} />} onClick={dialog.open} data-testid="opportunities-share">
        {t('sharing.listShare.button')}
      </Button>
      <ShareDialog
        opened={opened}
        onClose={dialog.close}
        entityType="opportunity_list"
        view={view}
        partners={{ kind: 'any', initialId: filters.partnerId ?? null, required: true }}
        summary={summary}
        after={<SharedLists />}
      />
    </>
  );
}

/** The lists shared before, with their status and a revoke (a list has no record page to show them). */
function SharedLists() {
  const { t } = useTranslation();
  const links = useShareLinks('opportunity_list');
  const rows = links.data?.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Stack gap={0} mt="lg" data-testid="shared-lists">
      <Divider mb="sm" />
      <Text size="sm" fw={600}>
        {t('sharing.listShare.earlier')}
      </Text>
      {rows.map((link) => (
        <ShareLinkRow key={link.id} link={link} canRevoke />
      ))}
    </Stack>
  );
}
