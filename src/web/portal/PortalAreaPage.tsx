// Portal areas whose features come later (library, courses, announcements): a
// real page in the real navigation, with an empty state that says what will be here and where to
// go meanwhile.
import { Card, EmptyState, Group } from '@mantine/core';
import { IconBook, IconSchool, IconSpeakerphone } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/links.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

export type PortalArea = 'library' | 'courses' | 'announcements';

export const AREA_ICONS: Record<PortalArea, ComponentType<{ size?: number; stroke?: number }>> = {
  library: IconBook,
  courses: IconSchool,
  announcements: IconSpeakerphone,
};

export function PortalAreaPage({ area }: { area: PortalArea }) {
  const { t } = useTranslation();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const Icon = AREA_ICONS[area];
  return (
    <>
      <PageHeader title={t(`portalPages.areas.${area}.title`)} subtitle={t(`portalPages.areas.${area}.text`)} />
      <Card py={56} data-testid={`portal-area-${area}`}>
        <EmptyState
          variant="light"
          icon={<Icon size={30} stroke={1.5} />}
          title={t(`portalPages.areas.${area}.emptyTitle`)}
          description={t(`portalPages.areas.${area}.empty`)}
        >
          <EmptyState.Actions>
            <Group gap="sm" justify="center">
              <ButtonLink to="/p/$slug/deals" params={{ slug }} variant="light">
                {t('portalPages.areas.toDeals')}
              </ButtonLink>
              <ButtonLink to="/p/$slug/rules" params={{ slug }} variant="default">
                {t('portalPages.areas.toRules')}
              </ButtonLink>
            </Group>
          </EmptyState.Actions>
        </EmptyState>
      </Card>
    </>
  );
}
