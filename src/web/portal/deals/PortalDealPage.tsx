// /p/:slug/deals/:dealId: one deal of the partner — its fields (editable ones in place), the
// customer and contacts on the left; the shared timeline with the reply box, the mutual plan and,
// for partner admins, who sees the deal on the right.
import { Grid, Group, Skeleton, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconSearchOff } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PortalDealPatch } from '../../../shared/portal.ts';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { ApiError } from '../../lib/api.ts';
import { useMe } from '../../lib/session.ts';
import { usePortalDeal, useUpdatePortalDeal } from '../portal-queries.ts';
import { DealAccessPanel } from './DealAccessPanel.tsx';
import { MutualTasks } from './MutualTasks.tsx';
import { DealHeadline, PartnerDealView } from './PartnerDealView.tsx';
import { SharedTimeline } from './SharedTimeline.tsx';

function Back({ slug }: { slug: string }) {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/p/$slug/deals" params={{ slug }} size="sm" c="dimmed" mb={4}>
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('portalPages.deal.back')}
      </Group>
    </AnchorLink>
  );
}

export function PortalDealPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { slug, dealId } = useParams({ from: '/p/$slug/shell/deals/$dealId' });
  const deal = usePortalDeal(dealId);
  const update = useUpdatePortalDeal(dealId);

  if (deal.isPending) {
    return (
      <Stack>
        <Back slug={slug} />
        <Skeleton h={32} w="50%" />
        <Skeleton h={260} />
      </Stack>
    );
  }
  if (deal.isError) {
    const missing = deal.error instanceof ApiError && (deal.error.status === 404 || deal.error.status === 400);
    return (
      <Stack>
        <Back slug={slug} />
        {missing ? (
          <EmptyBlock
            icon={<IconSearchOff size={28} />}
            title={t('portalPages.deal.notFoundTitle')}
            text={t('portalPages.deal.notFoundText')}
            action={
              <ButtonLink to="/p/$slug/deals" params={{ slug }}>
                {t('portalPages.deal.back')}
              </ButtonLink>
            }
          />
        ) : (
          <ErrorState error={deal.error} onRetry={() => void deal.refetch()} />
        )}
      </Stack>
    );
  }

  const d = deal.data;
  const onSave = (patch: PortalDealPatch) =>
    update.mutateAsync(patch).then((saved) => {
      const field = Object.keys(patch)[0] ?? '';
      notifications.show({ color: 'green', message: t('portalPages.deal.saved', { field: t(`portalPages.fields.${field as 'stage'}`) }) });
      return saved;
    });

  return (
    <Stack gap="lg">
      <div>
        <Back slug={slug} />
        <DealHeadline deal={d} />
      </div>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PartnerDealView deal={d} editing={{ onSave, saving: update.isPending, error: null }} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <SharedTimeline dealId={d.id} canReply={d.permissions.reply} />
            <MutualTasks dealId={d.id} />
            {me.actor.role === 'partner_admin' && <DealAccessPanel dealId={d.id} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
