// /p/:slug/login: the partner portal's sign-in, in the workspace's colours, logo and name.
import { Anchor, Box, Center, EmptyState, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMapSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthFrame } from '../auth/AuthFrame.tsx';
import { LoginForm, type LoginTab } from '../auth/LoginForm.tsx';
import { safeRedirect } from '../auth/redirect.ts';
import { useBrandColor } from '../components/brand.tsx';
import { InfoAlert } from '../components/forms.tsx';
import { AnchorLink } from '../components/links.tsx';
import { ErrorState } from '../components/states.tsx';
import { WorkspaceLogo } from '../components/WorkspaceLogo.tsx';
import { ApiError } from '../lib/api.ts';
import { applyLocale, resolveLocale } from '../lib/i18n.ts';
import { homeOf, meQuery } from '../lib/session.ts';
import { accessibleColor, DEFAULT_PRIMARY, isHexColor, readableTextOn } from '../lib/theme.ts';
import { publicWorkspaceQuery } from './public-workspace.ts';

export function PortalLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug } = useParams({ from: '/p/$slug/login' });
  const search = useSearch({ from: '/p/$slug/login' });
  const workspace = useQuery(publicWorkspaceQuery(slug));
  const { data: me } = useQuery(meQuery);
  const branding = workspace.data?.branding;
  useBrandColor(branding?.primaryColor);

  useDocumentTitle(branding?.productName || workspace.data?.name || 'Tandem');

  const workspaceLocale = workspace.data?.locale;
  useEffect(() => {
    if (workspaceLocale) applyLocale(resolveLocale(null, workspaceLocale));
  }, [workspaceLocale]);

  if (workspace.isError) {
    const missing = workspace.error instanceof ApiError && workspace.error.status === 404;
    return (
      <AuthFrame>
        <Box p="xl">
          {missing ? (
            <EmptyState
              variant="light"
              color="gray"
              icon={<IconMapSearch size={28} />}
              title={t('auth.portalNotFoundTitle')}
              description={t('auth.portalNotFoundText')}
              data-testid="portal-not-found"
            />
          ) : (
            <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />
          )}
        </Box>
      </AuthFrame>
    );
  }

  const color = accessibleColor(isHexColor(branding?.primaryColor) ? branding.primaryColor : DEFAULT_PRIMARY);
  const name = workspace.data?.name ?? '';
  const product = branding?.productName || t('portal.defaultProduct', { workspace: name });

  return (
    <AuthFrame
      footer={
        branding?.supportEmail ? (
          <Text size="xs" c="dimmed" ta="center">
            {t('auth.needHelp')}{' '}
            <Anchor href={`mailto:${branding.supportEmail}`} size="xs">
              {branding.supportEmail}
            </Anchor>
          </Text>
        ) : null
      }
    >
      <Box px={{ base: 'lg', sm: 32 }} py="lg" style={{ backgroundColor: color, color: readableTextOn(color) }} data-testid="portal-login-header">
        {workspace.isPending ? (
          <Skeleton h={40} w="60%" />
        ) : (
          <Stack gap="sm">
            <WorkspaceLogo name={name} logoUrl={branding?.logoUrl} size={40} inverted />
            <div>
              <Title order={1} fz={22} c="inherit">
                {t('auth.portalTitle', { product })}
              </Title>
              <Text size="sm" c="inherit">
                {t('auth.portalSubtitle', { workspace: name })}
              </Text>
            </div>
          </Stack>
        )}
      </Box>
      <Box p={{ base: 'lg', sm: 32 }}>
        {me?.actor.kind === 'staff' && (
          <InfoAlert mb="lg">
            <Stack gap={4}>
              <Text size="sm">{t('auth.portalStaffNotice', { email: me.actor.email })}</Text>
              <AnchorLink to="/app" size="sm">
                {t('auth.portalToApp')}
              </AnchorLink>
            </Stack>
          </InfoAlert>
        )}
        {workspace.isPending ? (
          <Center py="xl">
            <Paper w="100%">
              <Stack>
                <Skeleton h={36} />
                <Skeleton h={36} />
                <Skeleton h={36} />
              </Stack>
            </Paper>
          </Center>
        ) : (
          <LoginForm
            workspace={slug}
            initialTab={search.tab as LoginTab | undefined}
            onSignedIn={(signedIn) => {
              const target =
                signedIn.actor.kind === 'partner_user' && signedIn.workspace.slug === slug
                  ? (safeRedirect(search.redirect) ?? homeOf(signedIn))
                  : homeOf(signedIn);
              void navigate({ to: target });
            }}
          />
        )}
      </Box>
    </AuthFrame>
  );
}
