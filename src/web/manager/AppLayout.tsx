// The staff app frame: header with workspace and user menu, navbar with every area.
import { AppShell, Badge, Box, Burger, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBriefcase,
  IconBuildingSkyscraper,
  IconChartBar,
  IconClipboardCheck,
  IconHeartHandshake,
  IconLayoutDashboard,
  IconMailbox,
  IconSchool,
  IconSettings,
  IconShieldCheck,
  IconSpeakerphone,
  IconUserSearch,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { type ComponentType, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrandColor } from '../components/brand.tsx';
import { NavLinkLink } from '../components/links.tsx';
import { PageLoader } from '../components/states.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { WorkspaceLogo } from '../components/WorkspaceLogo.tsx';
import type { Me } from '../lib/api-types.ts';
import { homeOf, MeContext, meQuery, redirectAfterSignOut, useSessionLocale } from '../lib/session.ts';
import { GlobalSearch } from './search/GlobalSearch.tsx';

type NavItem = {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  soon?: boolean;
  visible?: (me: Me) => boolean;
  testId: string;
};

type NavSection = { label: string; items: NavItem[] };

function useSections(): NavSection[] {
  const { t } = useTranslation();
  return [
    {
      label: t('nav.sectionOverview'),
      items: [{ to: '/app', label: t('nav.dashboard'), icon: IconLayoutDashboard, testId: 'nav-dashboard' }],
    },
    {
      label: t('nav.sectionCrm'),
      items: [
        { to: '/app/partners', label: t('nav.partners'), icon: IconHeartHandshake, testId: 'nav-partners' },
        { to: '/app/accounts', label: t('nav.accounts'), icon: IconBuildingSkyscraper, testId: 'nav-accounts' },
        { to: '/app/contacts', label: t('crm.contacts.title'), icon: IconAddressBook, testId: 'nav-contacts' },
        { to: '/app/opportunities', label: t('nav.opportunities'), icon: IconBriefcase, testId: 'nav-opportunities' },
        { to: '/app/registrations', label: t('nav.registrations'), icon: IconClipboardCheck, testId: 'nav-registrations' },
        { to: '/app/leads', label: t('nav.leads'), icon: IconUserSearch, testId: 'nav-leads' },
      ],
    },
    {
      label: t('nav.sectionProgram'),
      items: [
        { to: '/app/learning', label: t('nav.learning'), icon: IconSchool, soon: true, testId: 'nav-learning' },
        { to: '/app/announcements', label: t('nav.announcements'), icon: IconSpeakerphone, soon: true, testId: 'nav-announcements' },
        { to: '/app/analytics', label: t('nav.analytics'), icon: IconChartBar, soon: true, testId: 'nav-analytics' },
      ],
    },
    {
      label: t('nav.sectionWorkspace'),
      items: [
        { to: '/app/audit', label: t('nav.audit'), icon: IconShieldCheck, visible: (me) => me.permissions.readAudit, testId: 'nav-audit' },
        { to: '/app/settings', label: t('nav.settings'), icon: IconSettings, testId: 'nav-settings' },
        {
          to: '/app/mailbox',
          label: t('nav.mailbox'),
          icon: IconMailbox,
          visible: (me) => me.permissions.readMailbox,
          testId: 'nav-mailbox',
        },
      ],
    },
  ];
}

function isActive(pathname: string, to: string): boolean {
  if (to === '/app') return pathname === '/app' || pathname === '/app/';
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const { t } = useTranslation();
  const { data: me, isPending } = useQuery(meQuery);
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname, href } = useLocation();
  const navigate = useNavigate();
  const sections = useSections();
  const misplaced = !isPending && me?.actor.kind !== 'staff';
  useBrandColor(me?.workspace.branding.primaryColor);
  useSessionLocale(me);
  useDocumentTitle(me ? `${me.workspace.name} · Tandem` : 'Tandem');

  // A navigation on a phone closes the navbar drawer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not an input
  useEffect(() => {
    close();
  }, [pathname, close]);

  // The session ended (logout, expiry) or belongs elsewhere: leave once, to the right page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the session only, not to every location change
  useEffect(() => {
    if (!misplaced) return;
    if (me) void navigate({ to: homeOf(me), replace: true });
    else void navigate({ to: '/login', search: { redirect: redirectAfterSignOut(href) }, replace: true });
  }, [misplaced, me, navigate]);

  if (isPending || !me || me.actor.kind !== 'staff') return <PageLoader minHeight="100vh" />;

  return (
    <MeContext value={me}>
      <AppShell header={{ height: 60 }} navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={0} bg="gray.0">
        <AppShell.Header px="md" data-testid="app-header">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
              <UnstyledButton renderRoot={(props) => <Link to="/app" {...props} />} style={{ minWidth: 0 }}>
                <Group gap="sm" wrap="nowrap">
                  <WorkspaceLogo name={me.workspace.name} logoUrl={me.workspace.branding.logoUrl} size={32} />
                  <Text fw={700} size="lg" truncate="end" data-testid="workspace-name">
                    {me.workspace.name}
                  </Text>
                </Group>
              </UnstyledButton>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <GlobalSearch />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm">
          <AppShell.Section grow component={ScrollArea} type="scroll">
            <Stack gap="md">
              {sections.map((section) => {
                const items = section.items.filter((item) => !item.visible || item.visible(me));
                if (items.length === 0) return null;
                return (
                  <Box key={section.label}>
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4} style={{ letterSpacing: '0.04em' }}>
                      {section.label}
                    </Text>
                    {items.map((item) => (
                      <NavLinkLink
                        key={item.to}
                        to={item.to}
                        label={item.label}
                        leftSection={<item.icon size={18} stroke={1.6} />}
                        rightSection={
                          item.soon ? (
                            <Badge size="xs" variant="light" color="gray" radius="sm" tt="none" fw={500}>
                              {t('nav.soon')}
                            </Badge>
                          ) : null
                        }
                        active={isActive(pathname, item.to)}
                        activeOptions={{ exact: item.to === '/app' }}
                        variant="light"
                        style={{ borderRadius: 'var(--mantine-radius-md)' }}
                        data-testid={item.testId}
                      />
                    ))}
                  </Box>
                );
              })}
            </Stack>
          </AppShell.Section>
          <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="xs" c="dimmed" px="sm">
              Tandem · {t('app.tagline')}
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main>
          <Box px={{ base: 'md', sm: 'xl' }} py="xl" maw={1280} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </MeContext>
  );
}
