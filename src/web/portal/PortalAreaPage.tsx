// Portal areas that are not built yet, each with an explanation of what will be there.
import { Card, EmptyState, Stack, Text, Title } from '@mantine/core';
import { IconBook, IconBriefcase, IconClipboardCheck, IconScale, IconSpeakerphone } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

export type PortalArea = 'deals' | 'registrations' | 'resources' | 'announcements' | 'rules';

const ICONS: Record<PortalArea, ComponentType<{ size?: number; stroke?: number }>> = {
  deals: IconBriefcase,
  registrations: IconClipboardCheck,
  resources: IconBook,
  announcements: IconSpeakerphone,
  rules: IconScale,
};

export function PortalAreaPage({ area }: { area: PortalArea }) {
  const { t } = useTranslation();
  const Icon = ICONS[area];
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t(`portal.areas.${area}.title`)}</Title>
        <Text c="dimmed" size="sm">
          {t(`portal.areas.${area}.text`)}
        </Text>
      </div>
      <Card py={48} data-testid={`portal-area-${area}`}>
        <EmptyState
          variant="light"
          icon={<Icon size={30} stroke={1.5} />}
          title={t('common.comingSoon')}
          description={t(`portal.areas.${area}.empty`)}
        />
      </Card>
    </Stack>
  );
}
