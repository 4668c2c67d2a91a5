// Email + password, or "email me a link": the form of the staff login and the portal login.
import { Anchor, Button, PasswordInput, Stack, Tabs, Text, TextInput, type TextInputProps, ThemeIcon } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { IconKey, IconMail, IconMailCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/forms.tsx';
import { api, errorMessage, isUnreachable } from '../lib/api.ts';
import type { Me } from '../lib/api-types.ts';
import { startSession } from '../lib/session.ts';

export type LoginTab = 'password' | 'magic';

/** Why signing in or sending the link failed, read out to screen readers at once. */
function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return (
    <ErrorAlert title={title} role="alert">
      {isUnreachable(error) ? t('errors.network') : errorMessage(error, t('errors.generic'))}
    </ErrorAlert>
  );
}

/** The email input of both tabs. */
function EmailInput(props: TextInputProps) {
  const { t } = useTranslation();
  return <TextInput label={t('auth.email')} placeholder={t('auth.emailPlaceholder')} type="email" required {...props} />;
}

export function LoginForm({
  workspace,
  initialTab = 'password',
  onSignedIn,
}: {
  workspace?: string;
  initialTab?: LoginTab;
  onSignedIn: (me: Me) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<LoginTab>(initialTab);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const passwordForm = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: { email: isEmail(t('auth.invalidEmail')), password: isNotEmpty(t('auth.passwordRequired')) },
  });
  const magicForm = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: { email: isEmail(t('auth.invalidEmail')) },
  });

  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) =>
      api<Me>('/api/v1/auth/login', { method: 'POST', body: { ...values, email: values.email.trim(), workspace } }),
    onSuccess: (me) => {
      startSession(queryClient, me);
      onSignedIn(me);
    },
  });
  const requestLink = useMutation({
    mutationFn: (email: string) => api<{ sent: boolean }>('/api/v1/auth/magic-link', { method: 'POST', body: { email, workspace } }),
    onSuccess: (_data, email) => setSentTo(email),
  });

  return (
    <Tabs value={tab} onChange={(v) => setTab((v as LoginTab) ?? 'password')} variant="pills" radius="md" keepMounted={false}>
      <Tabs.List grow mb="lg">
        <Tabs.Tab value="password" leftSection={<IconKey size={16} />} data-testid="tab-password">
          {t('auth.passwordTab')}
        </Tabs.Tab>
        <Tabs.Tab value="magic" leftSection={<IconMail size={16} />} data-testid="tab-magic">
          {t('auth.magicTab')}
        </Tabs.Tab>
      </Tabs.List>

      <Tabs.Panel value="password">
        <form onSubmit={passwordForm.onSubmit((values) => login.mutate(values))} noValidate>
          <Stack gap="md">
            {login.isError && <ProblemAlert error={login.error} title={t('auth.signInFailed')} />}
            <EmailInput autoComplete="username" data-autofocus key={passwordForm.key('email')} {...passwordForm.getInputProps('email')} />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              key={passwordForm.key('password')}
              {...passwordForm.getInputProps('password')}
            />
            <Button type="submit" fullWidth size="md" loading={login.isPending} data-testid="login-submit">
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      </Tabs.Panel>

      <Tabs.Panel value="magic">
        {sentTo ? (
          <Stack align="center" gap="sm" py="md" ta="center">
            <ThemeIcon size={56} radius="xl" variant="light" color="green">
              <IconMailCheck size={30} />
            </ThemeIcon>
            <Text fw={600} size="lg">
              {t('auth.linkSentTitle')}
            </Text>
            <Text size="sm" c="dimmed" maw={340}>
              {t('auth.linkSentText', { email: sentTo })}
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={() => setSentTo(null)}>
              {t('auth.useAnotherEmail')}
            </Anchor>
          </Stack>
        ) : (
          <form onSubmit={magicForm.onSubmit((values) => requestLink.mutate(values.email.trim()))} noValidate>
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {t('auth.magicHint')}
              </Text>
              {requestLink.isError && <ProblemAlert error={requestLink.error} />}
              <EmailInput autoComplete="email" key={magicForm.key('email')} {...magicForm.getInputProps('email')} />
              <Button type="submit" fullWidth size="md" loading={requestLink.isPending} leftSection={<IconMail size={18} />}>
                {t('auth.sendLink')}
              </Button>
            </Stack>
          </form>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}
