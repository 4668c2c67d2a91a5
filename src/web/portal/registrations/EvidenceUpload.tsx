// Evidence files for an appeal or an extension request: picked files upload at once
// (POST /api/v1/attachments), each shows its state, a refused one says why; the limits are shown
// before anyone picks a file, and a file over the size limit is refused without uploading it.
import { ActionIcon, Button, FileButton, Group, Loader, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconFileCheck, IconPaperclip, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { type Attachment, useUploadEvidence } from './registration-queries.ts';

/** The server's limits (attachments.rules.ts): 10 MB a file, 10 files per appeal or request. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;
const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.ics,.eml,.txt,.md,.csv,application/pdf,image/png,image/jpeg,text/calendar,message/rfc822,text/plain';

type Item = { key: number; file: File; state: 'uploading' | 'done' | 'failed'; attachment?: Attachment; error?: string };

/** The files of one form: what was picked, what uploaded, the ids to send. */
export function useEvidence() {
  const upload = useUploadEvidence();
  const { t } = useTranslation();
  const [items, setItems] = useState<Item[]>([]);
  // The server's reasons, in the UI's language where they are known.
  const refusal = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'payload_too_large') return t('portalRegistrations.evidence.tooLarge');
    if (error instanceof ApiError && error.code === 'validation_failed')
      return /empty/.test(error.detail) ? t('portalRegistrations.evidence.empty') : t('portalRegistrations.evidence.wrongType');
    return errorMessage(error, t('errors.generic'));
  };
  const next = useRef(0);
  const add = (files: File[]) => {
    const room = Math.max(0, MAX_FILES - items.length);
    const fresh = files.slice(0, room).map((file) => ({ key: next.current++, file, state: 'uploading' as const }));
    setItems((list) => [...list, ...fresh]);
    for (const item of fresh) {
      const done = (patch: Partial<Item>) => setItems((list) => list.map((i) => (i.key === item.key ? { ...i, ...patch } : i)));
      if (item.file.size > MAX_FILE_BYTES) {
        done({ state: 'failed', error: t('portalRegistrations.evidence.tooLarge') });
        continue;
      }
      upload(item.file).then(
        (attachment) => done({ state: 'done', attachment }),
        (error) => done({ state: 'failed', error: refusal(error) }),
      );
    }
  };
  const remove = (key: number) => setItems((list) => list.filter((i) => i.key !== key));
  const reset = () => setItems([]);
  const ids = items.flatMap((i) => (i.attachment ? [i.attachment.id] : []));
  const busy = items.some((i) => i.state === 'uploading');
  const failed = items.some((i) => i.state === 'failed');
  return { items, add, remove, reset, ids, busy, failed };
}

function size(bytes: number, format: ReturnType<typeof useFormat>) {
  if (bytes < 1024) return `${format.number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format.number(Math.round(bytes / 1024))} KB`;
  return `${format.number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

/** The picker with the limits and the picked files. */
export function EvidenceUpload({ evidence }: { evidence: ReturnType<typeof useEvidence> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const full = evidence.items.length >= MAX_FILES;
  return (
    <Stack gap="xs" data-testid="evidence">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <div>
          <Text size="sm" fw={500}>
            {t('portalRegistrations.evidence.label')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('portalRegistrations.evidence.limits', { count: MAX_FILES, mb: MAX_FILE_BYTES / 1024 / 1024 })}
          </Text>
        </div>
        <FileButton onChange={(files) => evidence.add(files)} accept={ACCEPT} multiple disabled={full}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="xs"
              leftSection={<IconPaperclip size={14} />}
              disabled={full}
              style={{ flexShrink: 0 }}
              data-testid="evidence-add"
            >
              {t('portalRegistrations.evidence.add')}
            </Button>
          )}
        </FileButton>
      </Group>
      {evidence.items.length > 0 && (
        <Stack gap={6}>
          {evidence.items.map((i) => (
            <Paper key={i.key} withBorder radius="sm" px="sm" py={6} data-testid="evidence-file" data-state={i.state}>
              <Group gap="sm" wrap="nowrap">
                {i.state === 'uploading' ? (
                  <Loader size={16} />
                ) : i.state === 'done' ? (
                  <ThemeIcon size={20} variant="light" color="teal">
                    <IconFileCheck size={14} />
                  </ThemeIcon>
                ) : (
                  <ThemeIcon size={20} variant="light" color="red">
                    <IconAlertCircle size={14} />
                  </ThemeIcon>
                )}
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" truncate="end">
                    {i.file.name}
                  </Text>
                  <Text size="xs" c={i.state === 'failed' ? 'red.8' : 'dimmed'}>
                    {i.state === 'failed'
                      ? i.error
                      : i.state === 'uploading'
                        ? t('portalRegistrations.evidence.uploading')
                        : size(i.file.size, format)}
                  </Text>
                </div>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => evidence.remove(i.key)}
                  aria-label={t('portalRegistrations.evidence.remove', { name: i.file.name })}
                >
                  <IconX size={14} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
