// The user menu in the header: who is signed in, language, log out (here or everywhere).
import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconChevronDown, IconDevices, IconLanguage, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../lib/api-types.ts';
import { currentLocale, LOCALES } from '../lib/i18n.ts';
import { useNotifyError } from '../lib/notify.ts';
import { useChangeLocale, useLogout, useMe } from '../lib/session.ts';
import { ConfirmModal } from './ConfirmModal.tsx';

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function UserMenu({ inverted = false }: { inverted?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const changeLocale = useChangeLocale();
  const notifyError = useNotifyError();
  const [confirmAll, confirm] = useDisclosure(false);
  const locale = currentLocale();

  // Either way the session is forgotten locally and the layout moves on to the login page.
  const signOut = (everywhere: boolean) => logout.mutate(everywhere);

  const switchTo = (next: Locale) => {
    if (next === locale) return;
    changeLocale.mutate(next, { onError: notifyError });
  };

  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" style={{ borderRadius: 8 }} px={6} py={4}>
            {/* The accessible name holds the visible text (WCAG 2.5.3), after what the button is for. */}
            <VisuallyHidden>{t('nav.userMenu')}</VisuallyHidden>
            <Group gap="xs" wrap="nowrap">
              <Avatar size={32} radius="xl" color="brand" variant={inverted ? 'white' : 'light'} aria-hidden>
                {initialsOf(me.actor.name)}
              </Avatar>
              <div style={{ lineHeight: 1.15 }}>
                <Text size="sm" fw={600} c={inverted ? 'inherit' : undefined} visibleFrom="sm" lineClamp={1}>
                  {me.actor.name}
                </Text>
                <Text size="xs" c={inverted ? 'inherit' : 'dimmed'} visibleFrom="sm" lineClamp={1}>
                  {me.actor.partner?.name ?? t(`roles.${me.actor.role}`)}
                </Text>
              </div>
              <IconChevronDown size={14} style={{ opacity: 0.7 }} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('auth.signedInAs')}</Menu.Label>
          <Text size="sm" px="sm" pb={6} truncate="end">
            {me.actor.email}
          </Text>
          <Menu.Divider />
          <Menu.Label>
            <Group gap={6}>
              <IconLanguage size={14} />
              {t('language.label')}
            </Group>
          </Menu.Label>
          {LOCALES.map((l) => (
            <Menu.Item
              key={l}
              onClick={() => switchTo(l)}
              rightSection={l === locale ? <IconCheck size={16} /> : null}
              data-testid={`language-${l}`}
              lang={l}
            >
              {t(`language.${l}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut(false)} data-testid="logout">
            {t('auth.logout')}
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconDevices size={16} />} onClick={confirm.open}>
            {t('auth.logoutAll')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirmAll}
        onClose={confirm.close}
        title={t('auth.logoutAllConfirmTitle')}
        text={t('auth.logoutAllConfirmText')}
        confirmLabel={t('auth.logoutAll')}
        loading={logout.isPending}
        onConfirm={() => {
          confirm.close();
          signOut(true);
        }}
      />
    </>
  );
}
