// The link just created, shown once: copy it now, it cannot be shown again.
import { ActionIcon, Alert, Button, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ShareLinkCreated } from './share-queries.ts';

/** The URL with a copy button, whether it was emailed, and why it is shown only now. */
export function ShareResult({ link, emailed, onDone }: { link: ShareLinkCreated; emailed: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="share-result">
      <Text size="sm">{t(emailed ? 'sharing.result.emailed' : 'sharing.result.notEmailed', { email: link.recipientEmail })}</Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="share-url">
          {link.url}
        </Code>
        <CopyButton value={link.url} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('sharing.result.copied') : t('sharing.result.copy')} withArrow>
              <ActionIcon
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'teal' : 'brand'}
                size="lg"
                onClick={copy}
                aria-label={t('sharing.result.copy')}
                data-testid="share-copy"
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Alert variant="light" color="yellow" icon={<IconShieldLock size={18} />}>
        {t('sharing.result.once')}
      </Alert>
      <Group justify="flex-end">
        <Button onClick={onDone} data-testid="share-done">
          {t('sharing.result.done')}
        </Button>
      </Group>
    </Stack>
  );
}
