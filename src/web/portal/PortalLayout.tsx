// The partner portal frame: a header in the workspace colour with logo, product name and the user
// menu; a side navigation in three groups (pipeline, enablement, program) with the language
// switch; the workspace's favicon and support contact.
import { AppShell, Box, Burger, Container, Divider, NavLink, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import {
  IconBook,
  IconBriefcase,
  IconClipboardCheck,
  IconHome,
  IconScale,
  IconSchool,
  IconSpeakerphone,
  IconUserSearch,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate, useParams } from '@tanstack/react-router';
import { type ComponentType, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrandColor } from '../components/brand.tsx';
import { PageLoader } from '../components/states.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import type { Locale } from '../lib/api-types.ts';
import { currentLocale } from '../lib/i18n.ts';
import { useNotifyError } from '../lib/notify.ts';
import { MeContext, meQuery, redirectAfterSignOut, useChangeLocale, useSessionLocale } from '../lib/session.ts';
import { accessibleColor, DEFAULT_PRIMARY, isHexColor, readableTextOn } from '../lib/theme.ts';
import { PortalHeaderBar } from './PortalHeaderBar.tsx';

type Item = { path: string; key: string; icon: ComponentType<{ size?: number; stroke?: number }> };

/** The portal's navigation: its groups and their pages (paths below /p/:slug). */
export const PORTAL_NAV: { group: 'pipeline' | 'enablement' | 'program'; items: Item[] }[] = [
  {
    group: 'pipeline',
    items: [
      { path: 'deals', key: 'portal.deals', icon: IconBriefcase },
      { path: 'registrations', key: 'portal.registrations', icon: IconClipboardCheck },
      { path: 'leads', key: 'portalPages.nav.leads', icon: IconUserSearch },
    ],
  },
  {
    group: 'enablement',
    items: [
      { path: 'library', key: 'portalPages.nav.library', icon: IconBook },
      { path: 'courses', key: 'portalPages.nav.courses', icon: IconSchool },
      { path: 'announcements', key: 'portal.announcements', icon: IconSpeakerphone },
    ],
  },
  {
    group: 'program',
    items: [
      { path: 'rules', key: 'portal.rules', icon: IconScale },
      { path: 'team', key: 'portalPages.nav.team', icon: IconUsers },
    ],
  },
];

/** Shows the workspace's favicon while the portal is open (and the previous one again after). */
function useFavicon(url: string | null | undefined) {
  useEffect(() => {
    if (!url) return;
    let link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    const created = !link;
    if (!link) {
      link = document.createElement('link');
      link.rel = 'icon';
      document.head.appendChild(link);
    }
    const previous = link.getAttribute('href');
    link.href = url;
    return () => {
      if (created) link?.remove();
      else if (previous) link?.setAttribute('href', previous);
    };
  }, [url]);
}

function LanguageChoice() {
  const { t } = useTranslation();
  const change = useChangeLocale();
  const notifyError = useNotifyError();
  return (
    <SegmentedControl
      size="xs"
      fullWidth
      aria-label={t('language.label')}
      value={currentLocale()}
      onChange={(v) => change.mutate(v as Locale, { onError: notifyError })}
      data={[
        { value: 'en', label: 'English' },
        { value: 'de', label: 'Deutsch' },
      ]}
      data-testid="portal-language"
    />
  );
}

export function PortalLayout() {
  const { t } = useTranslation();
  const { slug } = useParams({ from: '/p/$slug' });
  const { pathname, href } = useLocation();
  const navigate = useNavigate();
  const { data: me, isPending } = useQuery(meQuery);
  const [opened, { toggle, close }] = useDisclosure(false);
  const signedIn = me?.actor.kind === 'partner_user' && me.workspace.slug === slug;
  useBrandColor(me?.workspace.branding.primaryColor);
  useSessionLocale(me);
  useDocumentTitle(me?.workspace.branding.productName || me?.workspace.name || 'Tandem');
  useFavicon(me?.workspace.branding.faviconUrl);

  // A navigation on a phone closes the navigation.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not an input
  useEffect(() => {
    close();
  }, [pathname, close]);

  // The session ended (logout, expiry): leave once, to this portal's login.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the session only, not to every location change
  useEffect(() => {
    if (isPending || signedIn) return;
    void navigate({ to: '/p/$slug/login', params: { slug }, search: { redirect: redirectAfterSignOut(href) }, replace: true });
  }, [isPending, signedIn, slug, navigate]);

  if (isPending || !me || !signedIn) return <PageLoader minHeight="100vh" />;

  const branding = me.workspace.branding;
  const color = accessibleColor(isHexColor(branding.primaryColor) ? branding.primaryColor : DEFAULT_PRIMARY);
  const product = branding.productName || t('portal.defaultProduct', { workspace: me.workspace.name });
  const link = (path: string, label: string, Icon: Item['icon'], exact = false) => (
    <NavLink
      key={path}
      label={label}
      leftSection={<Icon size={18} stroke={1.6} />}
      renderRoot={(props) => <Link to={path ? `/p/$slug/${path}` : '/p/$slug'} params={{ slug }} activeOptions={{ exact }} {...props} />}
      data-testid={`portal-nav-${path || 'home'}`}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <MeContext value={me}>
      <AppShell header={{ height: 64 }} navbar={{ width: 248, breakpoint: 'md', collapsed: { mobile: !opened } }} padding={0} bg="gray.0">
        <AppShell.Header withBorder={false} style={{ backgroundColor: color }}>
          <PortalHeaderBar
            color={color}
            logoUrl={branding.logoUrl}
            productName={product}
            workspaceName={me.workspace.name}
            testId="portal-header"
            left={<Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" color={readableTextOn(color)} aria-label={t('nav.toggle')} />}
            right={
              <Box c={readableTextOn(color)}>
                <UserMenu inverted />
              </Box>
            }
          />
        </AppShell.Header>

        <AppShell.Navbar p="sm" aria-label={t('portalPages.nav.menu')}>
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={2}>
              {link('', t('portal.home'), IconHome, true)}
              {PORTAL_NAV.map(({ group, items }) => (
                <Stack key={group} gap={2} mt="md">
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={2}>
                    {t(`portalPages.nav.${group}`)}
                  </Text>
                  {items.map((item) => link(item.path, t(item.key as 'portal.deals'), item.icon))}
                </Stack>
              ))}
            </Stack>
          </AppShell.Section>
          <AppShell.Section>
            <Divider my="sm" />
            <LanguageChoice />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main>
          <Container size="lg" py="xl" px={{ base: 'md', sm: 'lg' }}>
            <Outlet />
          </Container>
          {branding.supportEmail && (
            <Box py="lg" component="footer">
              <Text size="xs" c="dimmed" ta="center">
                {t('portal.support', { email: branding.supportEmail })}
              </Text>
            </Box>
          )}
        </AppShell.Main>
      </AppShell>
    </MeContext>
  );
}
