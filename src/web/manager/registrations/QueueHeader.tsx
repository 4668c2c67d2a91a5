// The head of the registrations area: title, explanation and the tabs (three views of the queue,
// then the metrics), shared by the queue and the metrics page.
import { Tabs } from '@mantine/core';
import { IconAlertTriangle, IconChartBar, IconInbox, IconList } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { QueueSearch, QueueTab } from './queue-search.ts';

export function QueueHeader({ active }: { active: QueueTab | 'metrics' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as QueueSearch;
  const open = (tab: string | null) => {
    if (!tab || tab === active) return;
    if (tab === 'metrics') {
      void navigate({ to: '/app/registrations/metrics' });
      return;
    }
    // Filters that mean something in every tab stay; status, verdict and sort belong to the tab.
    const { status: _s, verdict: _v, sort: _o, tab: _t, ...keep } = search;
    void navigate({ to: '/app/registrations', search: { ...keep, tab: tab === 'needs' ? undefined : (tab as QueueTab) } });
  };
  return (
    <>
      <PageHeader title={t('registrations.title')} subtitle={t('registrations.subtitle')} />
      <Tabs value={active} onChange={open} mb="md" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="needs" leftSection={<IconInbox size={16} />} data-testid="registrations-tab-needs">
            {t('registrations.tabs.needs')}
          </Tabs.Tab>
          <Tabs.Tab value="conflicts" leftSection={<IconAlertTriangle size={16} />} data-testid="registrations-tab-conflicts">
            {t('registrations.tabs.conflicts')}
          </Tabs.Tab>
          <Tabs.Tab value="all" leftSection={<IconList size={16} />} data-testid="registrations-tab-all">
            {t('registrations.tabs.all')}
          </Tabs.Tab>
          <Tabs.Tab value="metrics" leftSection={<IconChartBar size={16} />} data-testid="registrations-tab-metrics">
            {t('registrations.tabs.metrics')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
    </>
  );
}
