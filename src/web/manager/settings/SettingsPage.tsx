// /app/settings: tabs for the workspace, its branding, its staff users, what partners see and API keys.
import { Tabs } from '@mantine/core';
import { IconBrush, IconClipboardCheck, IconEye, IconKey, IconSettings, IconUsers } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../lib/session.ts';
import { ApiKeysTab } from './ApiKeysTab.tsx';
import { BrandingTab } from './BrandingTab.tsx';
import { GeneralTab } from './GeneralTab.tsx';
import { ProgramTab } from './program/ProgramTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import { VisibilityTab } from './visibility/VisibilityTab.tsx';

export type SettingsTab = 'general' | 'branding' | 'users' | 'api-keys' | 'visibility' | 'program';

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate({ from: '/app/settings' });
  const { tab = 'general' } = useSearch({ from: '/app/settings' });
  const showKeys = me.permissions.manageApiKeys;
  const active = tab === 'api-keys' && !showKeys ? 'general' : tab;

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Tabs
        value={active}
        onChange={(value) => void navigate({ search: { tab: (value ?? 'general') as SettingsTab }, replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="general" leftSection={<IconSettings size={16} />} data-testid="settings-tab-general">
            {t('settings.tabs.general')}
          </Tabs.Tab>
          <Tabs.Tab value="branding" leftSection={<IconBrush size={16} />} data-testid="settings-tab-branding">
            {t('settings.tabs.branding')}
          </Tabs.Tab>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />} data-testid="settings-tab-users">
            {t('settings.tabs.users')}
          </Tabs.Tab>
          <Tabs.Tab value="visibility" leftSection={<IconEye size={16} />} data-testid="settings-tab-visibility">
            {t('staffPortal.visibility.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="program" leftSection={<IconClipboardCheck size={16} />} data-testid="settings-tab-program">
            {t('program.tab')}
          </Tabs.Tab>
          {showKeys && (
            <Tabs.Tab value="api-keys" leftSection={<IconKey size={16} />} data-testid="settings-tab-api-keys">
              {t('settings.tabs.apiKeys')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="general">
          <GeneralTab />
        </Tabs.Panel>
        <Tabs.Panel value="branding">
          <BrandingTab />
        </Tabs.Panel>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="visibility">
          <VisibilityTab />
        </Tabs.Panel>
        <Tabs.Panel value="program">
          <ProgramTab />
        </Tabs.Panel>
        {showKeys && (
          <Tabs.Panel value="api-keys">
            <ApiKeysTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
