// /login: staff sign in with a password or a magic link, then go to /app.
import { Box, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useBrandColor } from '../components/brand.tsx';
import { homeOf } from '../lib/session.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { LoginForm, type LoginTab } from './LoginForm.tsx';
import { safeRedirect } from './redirect.ts';
import { TandemHeader } from './TandemMark.tsx';

export function StaffLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ from: '/login' });
  useBrandColor(null);

  return (
    <AuthFrame
      header={<TandemHeader />}
      footer={
        <Text size="xs" c="dimmed" ta="center">
          {t('auth.partnerHint')}
        </Text>
      }
    >
      <Box p={{ base: 'lg', sm: 32 }}>
        <Stack gap={4} mb="lg">
          <Title order={1} fz={24}>
            {t('auth.staffTitle')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('auth.staffSubtitle')}
          </Text>
        </Stack>
        <LoginForm
          initialTab={search.tab as LoginTab | undefined}
          onSignedIn={(me) => {
            const target = me.actor.kind === 'staff' ? (safeRedirect(search.redirect) ?? '/app') : homeOf(me);
            void navigate({ to: target });
          }}
        />
      </Box>
    </AuthFrame>
  );
}
