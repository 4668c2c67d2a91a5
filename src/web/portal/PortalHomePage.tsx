// /p/:slug: the partner's start page — a greeting and the areas of the portal.
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconArrowRight, IconBook, IconBriefcase, IconClipboardCheck, IconScale, IconSpeakerphone } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../lib/session.ts';
import type { PortalArea } from './PortalAreaPage.tsx';

const AREAS: { area: PortalArea; icon: ComponentType<{ size?: number }> }[] = [
  { area: 'registrations', icon: IconClipboardCheck },
  { area: 'deals', icon: IconBriefcase },
  { area: 'resources', icon: IconBook },
  { area: 'announcements', icon: IconSpeakerphone },
  { area: 'rules', icon: IconScale },
];

export function PortalHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { slug } = useParams({ from: '/p/$slug' });
  const partner = me.actor.partner?.name ?? me.workspace.name;

  return (
    <Stack gap="xl">
      <Card p="xl">
        <Title order={2} data-testid="portal-greeting">
          {t('portal.greeting', { name: me.actor.name.split(' ')[0] })}
        </Title>
        <Text c="dimmed" mt={4} data-testid="portal-partner-name">
          {t('portal.greetingText', { partner })}
        </Text>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {AREAS.map(({ area, icon: Icon }) => (
          <UnstyledButton key={area} renderRoot={(props) => <Link to={`/p/$slug/${area}`} params={{ slug }} {...props} />}>
            <Card h="100%" className="quick-link">
              <Group wrap="nowrap" align="flex-start" gap="md">
                <ThemeIcon size={44} radius="md" variant="light">
                  <Icon size={24} />
                </ThemeIcon>
                <div style={{ flex: 1 }}>
                  <Text fw={650}>{t(`portal.areas.${area}.title`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`portal.areas.${area}.text`)}
                  </Text>
                </div>
                <IconArrowRight size={18} style={{ opacity: 0.4, marginTop: 4 }} />
              </Group>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
