// /auth/magic?token=…: the page a magic link opens. It verifies the token with a POST from
// JavaScript (email scanners fetch the page but run no script), then routes to the right home.
import { Box, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconClockX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/links.tsx';
import { ApiError, api, errorMessage, isUnreachable } from '../lib/api.ts';
import type { Me } from '../lib/api-types.ts';
import { homeOf, startSession } from '../lib/session.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { TandemHeader } from './TandemMark.tsx';

// One POST per token, even when React mounts the page twice (StrictMode) or it re-renders.
const attempts = new Map<string, Promise<Me>>();

function verify(token: string): Promise<Me> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = api<Me>('/api/v1/auth/magic-link/verify', { method: 'POST', body: { token } });
    attempts.set(token, attempt);
  }
  return attempt;
}

type State = { kind: 'verifying' } | { kind: 'gone' } | { kind: 'failed'; message: string } | { kind: 'missing' };

export function MagicLinkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { token, workspace } = useSearch({ from: '/auth/magic' });
  const [state, setState] = useState<State>(token ? { kind: 'verifying' } : { kind: 'missing' });

  useEffect(() => {
    if (!token) return;
    let active = true;
    verify(token).then(
      (me) => {
        if (!active) return;
        startSession(queryClient, me);
        void navigate({ to: homeOf(me), replace: true });
      },
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && (error.status === 410 || error.code === 'gone')) setState({ kind: 'gone' });
        // A token the server cannot even parse: the link was cut off or mangled on the way.
        else if (error instanceof ApiError && error.status === 400) setState({ kind: 'missing' });
        else
          setState({
            kind: 'failed',
            message: isUnreachable(error) ? t('errors.network') : errorMessage(error, t('errors.generic')),
          });
      },
    );
    return () => {
      active = false;
    };
  }, [token, navigate, queryClient, t]);

  const loginPath = workspace ? `/p/${workspace}/login` : '/login';

  return (
    <AuthFrame header={<TandemHeader />}>
      <Box p={{ base: 'lg', sm: 40 }}>
        {state.kind === 'verifying' && (
          <Stack align="center" gap="sm" ta="center" data-testid="magic-verifying">
            <Loader size="lg" />
            <Title order={3}>{t('auth.magicSigningIn')}</Title>
            <Text c="dimmed" size="sm">
              {t('auth.magicSigningInText')}
            </Text>
          </Stack>
        )}
        {state.kind === 'gone' && (
          <Stack align="center" gap="sm" ta="center" data-testid="magic-gone">
            <ThemeIcon size={64} radius="xl" variant="light" color="orange">
              <IconClockX size={34} />
            </ThemeIcon>
            <Title order={3}>{t('auth.magicExpiredTitle')}</Title>
            <Text c="dimmed" size="sm" maw={360}>
              {t('auth.magicExpiredText')}
            </Text>
            <ButtonLink to={loginPath} search={{ tab: 'magic' }} mt="sm">
              {t('auth.magicRequestNew')}
            </ButtonLink>
          </Stack>
        )}
        {(state.kind === 'failed' || state.kind === 'missing') && (
          <Stack align="center" gap="sm" ta="center" data-testid="magic-failed">
            <ThemeIcon size={64} radius="xl" variant="light" color="red">
              <IconAlertTriangle size={34} />
            </ThemeIcon>
            <Title order={3}>{t('auth.magicFailedTitle')}</Title>
            <Text c="dimmed" size="sm" maw={360}>
              {state.kind === 'failed' ? state.message : t('auth.magicMissingToken')}
            </Text>
            <ButtonLink to={loginPath} search={{ tab: 'magic' }} mt="sm">
              {t('auth.magicRequestNew')}
            </ButtonLink>
            <ButtonLink to={loginPath} variant="subtle" size="xs">
              {t('auth.magicBackToLogin')}
            </ButtonLink>
          </Stack>
        )}
      </Box>
    </AuthFrame>
  );
}
