// Areas of the staff app that are not built yet: what they will do, instead of an empty page.
import { Badge, Card, Center, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBriefcase, IconBuildingSkyscraper, IconChartBar, IconCheck, IconSchool, IconSpeakerphone, IconUserSearch } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

export type ComingSoonArea = 'accounts' | 'opportunities' | 'leads' | 'learning' | 'announcements' | 'analytics';

const ICONS: Record<ComingSoonArea, ComponentType<{ size?: number; stroke?: number }>> = {
  accounts: IconBuildingSkyscraper,
  opportunities: IconBriefcase,
  leads: IconUserSearch,
  learning: IconSchool,
  announcements: IconSpeakerphone,
  analytics: IconChartBar,
};

export function ComingSoonPage({ area }: { area: ComingSoonArea }) {
  const { t } = useTranslation();
  const Icon = ICONS[area];
  const points = t(`comingSoon.${area}.points`, { returnObjects: true }) as string[];
  return (
    <Center py={{ base: 'md', sm: 48 }}>
      <Card maw={640} w="100%" padding="xl" shadow="xs" data-testid={`coming-soon-${area}`}>
        <Stack align="center" ta="center" gap="sm">
          <ThemeIcon size={72} radius="xl" variant="light">
            <Icon size={36} stroke={1.5} />
          </ThemeIcon>
          <Badge variant="light" color="gray" mt="xs">
            {t('comingSoon.badge')}
          </Badge>
          <Title order={2}>{t(`comingSoon.${area}.title`)}</Title>
          <Text c="dimmed" maw={480}>
            {t(`comingSoon.${area}.text`)}
          </Text>
        </Stack>
        <Card.Section withBorder inheritPadding py="lg" mt="xl" bg="gray.0">
          <Text fw={600} size="sm" mb="sm">
            {t('comingSoon.whatToExpect')}
          </Text>
          <List
            spacing="sm"
            size="sm"
            icon={
              <ThemeIcon size={20} radius="xl" variant="light">
                <IconCheck size={13} />
              </ThemeIcon>
            }
          >
            {points.map((point) => (
              <List.Item key={point}>{point}</List.Item>
            ))}
          </List>
        </Card.Section>
      </Card>
    </Center>
  );
}
