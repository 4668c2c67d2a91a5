// The partner portal frame: a header in the workspace colour with logo, product name and nav;
// a narrower page body than the staff app.
import { AppShell, Box, Burger, Container, Drawer, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrandColor } from '../components/brand.tsx';
import { PageLoader } from '../components/states.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { MeContext, meQuery, redirectAfterSignOut, useSessionLocale } from '../lib/session.ts';
import { DEFAULT_PRIMARY, isHexColor, readableTextOn } from '../lib/theme.ts';
import { PortalHeaderBar } from './PortalHeaderBar.tsx';

export const PORTAL_AREAS = ['deals', 'registrations', 'resources', 'announcements', 'rules'] as const;

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

  // A navigation on a phone closes the nav drawer.
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
  const color = isHexColor(branding.primaryColor) ? branding.primaryColor : DEFAULT_PRIMARY;
  const contrast = readableTextOn(color) === '#ffffff' ? 'light' : 'dark';
  const product = branding.productName || t('portal.defaultProduct', { workspace: me.workspace.name });
  const items = [
    { to: '/p/$slug' as const, label: t('portal.home'), exact: true },
    ...PORTAL_AREAS.map((area) => ({ to: `/p/$slug/${area}` as const, label: t(`portal.${area}`), exact: false })),
  ];

  return (
    <MeContext value={me}>
      <AppShell header={{ height: 64 }} padding={0} bg="gray.0">
        <AppShell.Header withBorder={false} style={{ backgroundColor: color }}>
          <PortalHeaderBar
            color={color}
            logoUrl={branding.logoUrl}
            productName={product}
            workspaceName={me.workspace.name}
            testId="portal-header"
            left={<Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" color={readableTextOn(color)} aria-label={t('nav.toggle')} />}
            right={
              <Group gap="xs" wrap="nowrap" c={readableTextOn(color)}>
                <Group gap={2} visibleFrom="md" wrap="nowrap" component="nav">
                  {items.map((item) => (
                    <Link
                      key={item.to}
                      to={item.to}
                      params={{ slug }}
                      className="portal-nav-link"
                      data-contrast={contrast}
                      activeOptions={{ exact: item.exact }}
                    >
                      {item.label}
                    </Link>
                  ))}
                </Group>
                <UserMenu inverted />
              </Group>
            }
          />
        </AppShell.Header>

        <Drawer opened={opened} onClose={close} size="xs" title={product} hiddenFrom="md">
          <Stack gap={2}>
            {items.map((item) => (
              <NavLink
                key={item.to}
                label={item.label}
                renderRoot={(props) => <Link to={item.to} params={{ slug }} activeOptions={{ exact: item.exact }} {...props} />}
              />
            ))}
          </Stack>
        </Drawer>

        <AppShell.Main>
          <Container size="md" py="xl" px={{ base: 'md', sm: 'lg' }}>
            <Outlet />
          </Container>
          {branding.supportEmail && (
            <Box py="lg">
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
