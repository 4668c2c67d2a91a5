// /p/:slug: the partner's start page — a greeting, the deals that moved last, and the areas.
import { Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconArrowRight, IconBriefcase, IconClipboardCheck, IconScale, IconUserSearch } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { CardHeader } from '../components/CardHeader.tsx';
import { AnchorLink, ButtonLink } from '../components/links.tsx';
import { ErrorState } from '../components/states.tsx';
import { useMe } from '../lib/session.ts';
import { StageBadge } from '../manager/opportunities/StageBadge.tsx';
import { ProtectionBadge } from './deals/ProtectionBadge.tsx';
import { AREA_ICONS, type PortalArea } from './PortalAreaPage.tsx';
import { usePortalDeals } from './portal-queries.ts';

type Tile = { path: string; title: string; text: string; icon: ComponentType<{ size?: number }> };

function RecentDeals({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const deals = usePortalDeals({ sort: 'updatedAt', order: 'desc' });
  const rows = deals.data?.pages[0]?.data.slice(0, 5) ?? [];
  return (
    <Card data-testid="portal-recent-deals">
      <CardHeader
        title={t('portalPages.home.recentTitle')}
        text={t('portalPages.home.recentText')}
        mb="md"
        action={
          <ButtonLink to="/p/$slug/deals" params={{ slug }} variant="subtle" rightSection={<IconArrowRight size={16} />}>
            {t('portalPages.home.allDeals')}
          </ButtonLink>
        }
      />
      {deals.isError ? (
        <ErrorState compact error={deals.error} onRetry={() => void deals.refetch()} />
      ) : deals.isPending ? (
        <Stack gap="sm">
          <Skeleton h={20} />
          <Skeleton h={20} />
          <Skeleton h={20} />
        </Stack>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portalPages.home.noDeals')}
        </Text>
      ) : (
        <Stack gap="sm">
          {rows.map((deal) => (
            <Group key={deal.id} justify="space-between" wrap="nowrap" gap="md">
              <div style={{ minWidth: 0 }}>
                <AnchorLink to="/p/$slug/deals/$dealId" params={{ slug, dealId: deal.id }} fw={600} size="sm" c="dark" lineClamp={1}>
                  {deal.name ?? deal.accountName ?? '—'}
                </AnchorLink>
                {deal.nextStep && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {deal.nextStep}
                  </Text>
                )}
              </div>
              <Group gap={6} wrap="nowrap">
                {deal.stage && <StageBadge stage={deal.stage} />}
                {deal.protection && <ProtectionBadge protection={deal.protection} />}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export function PortalHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { slug } = useParams({ from: '/p/$slug' });
  const partner = me.actor.partner?.name ?? me.workspace.name;
  const area = (a: PortalArea): Tile => ({
    path: a,
    title: t(`portalPages.areas.${a}.title`),
    text: t(`portalPages.areas.${a}.text`),
    icon: AREA_ICONS[a],
  });
  const tiles: Tile[] = [
    { path: 'deals', title: t('portal.areas.deals.title'), text: t('portal.areas.deals.text'), icon: IconBriefcase },
    { path: 'registrations', title: t('portalRegistrations.home.title'), text: t('portalRegistrations.home.text'), icon: IconClipboardCheck },
    { path: 'leads', title: t('portalPages.leads.title'), text: t('portalPages.leads.subtitle'), icon: IconUserSearch },
    { path: 'rules', title: t('portal.areas.rules.title'), text: t('portal.areas.rules.text'), icon: IconScale },
    area('library'),
    area('announcements'),
  ];

  return (
    <Stack gap="xl">
      <Card p="xl">
        <Title order={1} fz={28} data-testid="portal-greeting">
          {t('portal.greeting', { name: me.actor.name.split(' ')[0] })}
        </Title>
        <Text c="dimmed" mt={4} data-testid="portal-partner-name">
          {t('portal.greetingText', { partner })}
        </Text>
      </Card>
      <RecentDeals slug={slug} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
        {tiles.map(({ path, title, text, icon: Icon }) => (
          <UnstyledButton key={path} renderRoot={(props) => <Link to={`/p/$slug/${path}`} params={{ slug }} {...props} />}>
            <Card h="100%" className="quick-link">
              <Group wrap="nowrap" align="flex-start" gap="md">
                <ThemeIcon size={44} radius="md" variant="light">
                  <Icon size={24} />
                </ThemeIcon>
                <div style={{ flex: 1 }}>
                  <Text fw={650}>{title}</Text>
                  <Text size="sm" c="dimmed">
                    {text}
                  </Text>
                </div>
                <IconArrowRight size={18} style={{ opacity: 0.4, marginTop: 4 }} aria-hidden />
              </Group>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
