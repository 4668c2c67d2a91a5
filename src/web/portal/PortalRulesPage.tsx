// /p/:slug/rules: the workspace's published rules of engagement, numbered, in the UI language.
import { Card, Group, List, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconScale, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../components/states.tsx';
import { currentLocale } from '../lib/i18n.ts';
import { useRulesOfEngagement } from './portal-queries.ts';

export function PortalRulesPage() {
  const { t } = useTranslation();
  const rules = useRulesOfEngagement(currentLocale());
  return (
    <>
      <PageHeader title={rules.data?.title ?? t('portal.rules')} subtitle={t('portalPages.rules.subtitle')} />
      {rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.isPending ? (
        <Card>
          <Stack gap="sm">
            {[1, 2, 3, 4].map((i) => (
              <Skeleton key={i} h={18} />
            ))}
          </Stack>
        </Card>
      ) : rules.data.rules.length === 0 ? (
        <EmptyBlock icon={<IconScale size={28} />} title={t('portalPages.rules.emptyTitle')} text={t('portalPages.rules.emptyText')} />
      ) : (
        <Stack gap="md">
          <Card bg="brand.0" withBorder={false}>
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="white" size={36} radius="md">
                <IconShieldCheck size={20} />
              </ThemeIcon>
              <Text size="sm" fw={600} data-testid="rules-protection">
                {t('portalPages.rules.protection', { count: rules.data.protectionDays })}
              </Text>
            </Group>
          </Card>
          <Card p="xl">
            <List type="ordered" spacing="md" size="sm" data-testid="rules-list" styles={{ itemWrapper: { display: 'inline' } }}>
              {rules.data.rules.map((rule) => (
                <List.Item key={rule}>
                  <Text size="sm" lh={1.6} span>
                    {rule}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Card>
        </Stack>
      )}
    </>
  );
}
