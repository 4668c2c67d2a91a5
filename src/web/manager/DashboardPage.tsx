// /app: welcome, partner counts, the program's make-up, quick links and recent activity.
import { Box, Card, Grid, Group, Progress, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconArrowRight,
  IconBrush,
  IconExternalLink,
  IconHeartHandshake,
  IconHistory,
  IconRocket,
  IconSparkles,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPES } from '../../shared/partners.ts';
import { AnchorLink } from '../components/links.tsx';
import { EmptyBlock, ErrorState } from '../components/states.tsx';
import { api } from '../lib/api.ts';
import type { Page, Partner, StaffUser } from '../lib/api-types.ts';
import { useFormat } from '../lib/format.ts';
import { useMe } from '../lib/session.ts';
import { ChangesList, useAuditEvents } from './AuditLogPage.tsx';

function StatCard({
  label,
  value,
  icon: Icon,
  loading,
  testId,
}: {
  label: string;
  value: ReactNode;
  icon: ComponentType<{ size?: number }>;
  loading: boolean;
  testId?: string;
}) {
  return (
    <Card p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            {label}
          </Text>
          {loading ? (
            <Skeleton h={30} w={60} mt={6} />
          ) : (
            <Text fz={30} fw={700} lh={1.2} mt={4} data-testid={testId}>
              {value}
            </Text>
          )}
        </div>
        <ThemeIcon variant="light" size={40} radius="md">
          <Icon size={22} />
        </ThemeIcon>
      </Group>
    </Card>
  );
}

function QuickLink({
  to,
  search,
  href,
  icon: Icon,
  title,
  text,
}: {
  to?: string;
  search?: Record<string, string>;
  href?: string;
  icon: ComponentType<{ size?: number }>;
  title: string;
  text: string;
}) {
  const body = (
    <Group wrap="nowrap" align="flex-start" gap="sm" p="sm" style={{ borderRadius: 'var(--mantine-radius-md)' }} className="quick-link">
      <ThemeIcon variant="light" size={36} radius="md">
        <Icon size={20} />
      </ThemeIcon>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {text}
        </Text>
      </Box>
      {href ? <IconExternalLink size={16} style={{ opacity: 0.5 }} /> : <IconArrowRight size={16} style={{ opacity: 0.5 }} />}
    </Group>
  );
  if (href) {
    return (
      <UnstyledButton component="a" href={href} target="_blank" rel="noopener">
        {body}
      </UnstyledButton>
    );
  }
  return <UnstyledButton renderRoot={(props) => <Link to={to} search={search} {...props} />}>{body}</UnstyledButton>;
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const partners = useQuery({
    queryKey: ['partners', 'dashboard'],
    queryFn: ({ signal }) => api<Page<Partner>>('/api/v1/partners', { query: { limit: 200 }, signal }),
  });
  const users = useQuery({
    queryKey: ['users', 'dashboard'],
    queryFn: ({ signal }) => api<Page<StaffUser>>('/api/v1/users', { query: { limit: 200 }, signal }),
  });
  const recent = useAuditEvents({}, 6, me.permissions.readAudit);

  const list = partners.data?.data ?? [];
  const more = Boolean(partners.data?.nextCursor);
  const count = (n: number) => (more && n === list.length ? t('dashboard.partnersMore', { count: n }) : format.number(n));
  const byState = (state: string) => list.filter((p) => p.lifecycleState === state).length;
  const byType = PARTNER_TYPES.map((type) => ({ type, n: list.filter((p) => p.type === type).length })).filter((x) => x.n > 0);
  const maxType = Math.max(1, ...byType.map((x) => x.n));
  const activeUsers = users.data?.data.filter((u) => u.status !== 'deactivated').length ?? 0;
  const events = recent.data?.pages[0]?.data ?? [];

  return (
    <Stack gap="lg">
      <Card
        p="xl"
        style={{
          background: 'linear-gradient(135deg, var(--mantine-color-brand-6), var(--mantine-color-brand-8))',
          color: 'var(--mantine-color-white)',
          border: 0,
        }}
      >
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Title order={2} c="white" data-testid="dashboard-welcome">
              {t('dashboard.welcome', { name: me.actor.name.split(' ')[0] })}
            </Title>
            <Text c="white" opacity={0.85} mt={4}>
              {t('dashboard.welcomeText', { workspace: me.workspace.name })}
            </Text>
          </div>
          <ThemeIcon size={64} radius="xl" variant="white" visibleFrom="sm">
            <IconSparkles size={34} />
          </ThemeIcon>
        </Group>
      </Card>

      {partners.isError ? (
        <ErrorState compact error={partners.error} onRetry={() => void partners.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg">
          <StatCard
            label={t('dashboard.partners')}
            value={count(list.length)}
            icon={IconHeartHandshake}
            loading={partners.isPending}
            testId="stat-partners"
          />
          <StatCard label={t('dashboard.activePartners')} value={format.number(byState('active'))} icon={IconRocket} loading={partners.isPending} />
          <StatCard
            label={t('dashboard.onboarding')}
            value={format.number(byState('onboarding') + byState('applied'))}
            icon={IconSparkles}
            loading={partners.isPending}
          />
          <StatCard label={t('dashboard.staff')} value={format.number(activeUsers)} icon={IconUsers} loading={users.isPending} />
        </SimpleGrid>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card>
              <Title order={4} mb="md">
                {t('dashboard.byType')}
              </Title>
              {partners.isPending ? (
                <Stack>
                  <Skeleton h={12} />
                  <Skeleton h={12} w="70%" />
                  <Skeleton h={12} w="40%" />
                </Stack>
              ) : byType.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('dashboard.byTypeEmpty')}
                </Text>
              ) : (
                <Stack gap="sm">
                  {byType.map(({ type, n }) => (
                    <div key={type}>
                      <Group justify="space-between" mb={4}>
                        <Text size="sm">{t(`partners.types.${type}`)}</Text>
                        <Text size="sm" fw={600}>
                          {format.number(n)}
                        </Text>
                      </Group>
                      <Progress value={(n / maxType) * 100} size="md" radius="xl" />
                    </div>
                  ))}
                </Stack>
              )}
            </Card>
            {me.permissions.readAudit && (
              <Card>
                <Group justify="space-between" mb="md">
                  <Title order={4}>{t('dashboard.recentActivity')}</Title>
                  <AnchorLink to="/app/audit" size="sm">
                    {t('dashboard.viewAudit')}
                  </AnchorLink>
                </Group>
                {recent.isPending ? (
                  <Stack>
                    <Skeleton h={14} />
                    <Skeleton h={14} />
                  </Stack>
                ) : recent.isError ? (
                  <ErrorState compact error={recent.error} onRetry={() => void recent.refetch()} />
                ) : events.length === 0 ? (
                  <EmptyBlock
                    icon={<IconHistory size={24} />}
                    title={t('audit.emptyTitle')}
                    text={t('dashboard.recentActivityEmpty')}
                    bordered={false}
                  />
                ) : (
                  <Stack gap="sm">
                    {events.map((event) => (
                      <Group key={event.id} wrap="nowrap" align="flex-start" gap="sm">
                        <ThemeIcon variant="light" color="gray" size={28} radius="xl">
                          <IconHistory size={15} />
                        </ThemeIcon>
                        <Box style={{ flex: 1, minWidth: 0 }}>
                          <Group justify="space-between" gap="xs" wrap="nowrap">
                            <Text size="sm" truncate="end">
                              <Text span fw={600}>
                                {event.actorLabel ?? t('audit.actorKinds.system')}
                              </Text>{' '}
                              <Text span c="dimmed" ff="monospace" fz="xs">
                                {event.action}
                              </Text>
                            </Text>
                            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                              {format.relative(event.occurredAt)}
                            </Text>
                          </Group>
                          {event.changes && <ChangesList changes={event.changes} max={2} />}
                        </Box>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card>
            <Title order={4} mb="xs">
              {t('dashboard.quickLinks')}
            </Title>
            <Stack gap={2}>
              {me.permissions.managePartners && (
                <QuickLink to="/app/partners" icon={IconHeartHandshake} title={t('dashboard.addPartner')} text={t('dashboard.addPartnerText')} />
              )}
              {me.permissions.manageUsers && (
                <QuickLink
                  to="/app/settings"
                  search={{ tab: 'users' }}
                  icon={IconUserPlus}
                  title={t('dashboard.inviteUser')}
                  text={t('dashboard.inviteUserText')}
                />
              )}
              {me.permissions.manageWorkspace && (
                <QuickLink
                  to="/app/settings"
                  search={{ tab: 'branding' }}
                  icon={IconBrush}
                  title={t('dashboard.branding')}
                  text={t('dashboard.brandingText')}
                />
              )}
              <QuickLink
                href={`/p/${me.workspace.slug}/login`}
                icon={IconExternalLink}
                title={t('dashboard.openPortal')}
                text={t('dashboard.openPortalText')}
              />
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
