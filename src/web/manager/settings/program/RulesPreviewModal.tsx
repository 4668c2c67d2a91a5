// The rules of engagement as partners read them in the portal (/p/:slug/rules), in English or German.
import { Alert, Anchor, Card, Code, Group, List, Modal, SegmentedControl, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconExternalLink, IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/states.tsx';
import { useMe } from '../../../lib/session.ts';
import { type Locale, useRulesPreview } from './program-queries.ts';

export function RulesPreviewModal({ opened, onClose, dirty }: { opened: boolean; onClose: () => void; dirty: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [locale, setLocale] = useState<Locale>(i18n.language === 'de' ? 'de' : 'en');
  const rules = useRulesPreview(locale, opened);
  const portalRules = `${window.location.origin}/p/${me.workspace.slug}/rules`;

  return (
    <Modal opened={opened} onClose={onClose} title={t('program.preview.title')} size="xl" data-testid="rules-preview-modal">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed" maw={520}>
            {t('program.preview.text')}
          </Text>
          <SegmentedControl
            size="xs"
            value={locale}
            onChange={(l) => setLocale(l as Locale)}
            data={[
              { value: 'en', label: t('language.en') },
              { value: 'de', label: t('language.de') },
            ]}
          />
        </Group>
        {dirty && (
          <Alert variant="light" color="orange" icon={<IconInfoCircle size={18} />}>
            {t('program.preview.unsaved')}
          </Alert>
        )}
        {rules.isError ? (
          <ErrorState compact error={rules.error} onRetry={() => void rules.refetch()} />
        ) : rules.isPending ? (
          <Stack gap="sm">
            {[1, 2, 3, 4].map((i) => (
              <Skeleton key={i} h={16} />
            ))}
          </Stack>
        ) : rules.data === null ? (
          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="rules-preview-fallback">
            <Stack gap={6}>
              <Text size="sm">{t('program.preview.fallback')}</Text>
              <Code>{portalRules}</Code>
            </Stack>
          </Alert>
        ) : (
          <Stack gap="md" data-testid="rules-preview">
            <Text fw={700} fz="lg">
              {rules.data.title}
            </Text>
            <Card bg="brand.0" withBorder={false} p="sm">
              <Group gap="sm" wrap="nowrap">
                <ThemeIcon variant="white" size={32} radius="md">
                  <IconShieldCheck size={18} />
                </ThemeIcon>
                <Text size="sm" fw={600}>
                  {t('program.preview.protection', { count: rules.data.protectionDays, lng: locale })}
                </Text>
              </Group>
            </Card>
            <List type="ordered" spacing="sm" size="sm" styles={{ itemWrapper: { display: 'inline' } }}>
              {rules.data.rules.map((rule) => (
                <List.Item key={rule}>
                  <Text size="sm" lh={1.6} span>
                    {rule}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        <Group justify="flex-end">
          <Anchor href={portalRules} target="_blank" rel="noopener noreferrer" size="sm">
            <Group gap={4}>
              {t('program.preview.openPortal')}
              <IconExternalLink size={14} />
            </Group>
          </Anchor>
        </Group>
      </Stack>
    </Modal>
  );
}
