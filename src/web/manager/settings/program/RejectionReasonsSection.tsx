// Settings → Program → Rejection reasons (REG-6): the list an approver picks a reason from, in
// English and German; each reason has a stable key that reports and the API use.
import { ActionIcon, Box, Button, Code, Group, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconMessageX, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SectionCard, type SectionProps, useSectionForm } from './section.tsx';

type Reason = { key: string; en: string; de: string; isNew: boolean };
type Values = { reasons: Reason[] };

const KEY = /^[a-z][a-z0-9_]{1,59}$/;

/** A key from an English label: `Budget on hold` → `budget_on_hold`. */
export function reasonKey(label: string, taken: readonly string[]): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 50) || 'reason';
  const padded = base.length < 2 ? `${base}_reason` : base;
  let key = padded;
  for (let n = 2; taken.includes(key); n += 1) key = `${padded}_${n}`;
  return key;
}

export function RejectionReasonsSection({ answer, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const section = useSectionForm<Values>({
    card: 'reasons',
    section: 'registration',
    answer,
    fromAnswer: (a) => ({ reasons: a.settings.registration.rejectionReasons.map((r) => ({ key: r.key, ...r.label, isNew: false })) }),
    // The section is replaced whole: keep the required fields as stored.
    toPatch: (v) => ({
      registration: {
        ...answer.settings.registration,
        rejectionReasons: v.reasons.map((r) => ({ key: r.key, label: { en: r.en.trim(), de: r.de.trim() } })),
      },
    }),
    validate: (v) => {
      const e: Record<string, string> = {};
      if (v.reasons.length === 0) e.reasons = t('program.reasons.keepOne');
      const seen = new Set<string>();
      v.reasons.forEach((r, i) => {
        if (!r.en.trim()) e[`reasons.${i}.en`] = t('common.required');
        if (!r.de.trim()) e[`reasons.${i}.de`] = t('common.required');
        if (!KEY.test(r.key)) e[`reasons.${i}.en`] = t('program.reasons.keyInvalid');
        else if (seen.has(r.key)) e[`reasons.${i}.en`] = t('program.reasons.keyTaken', { key: r.key });
        seen.add(r.key);
      });
      return e;
    },
    place: (p) => {
      const m = /^rejectionReasons\.(\d+)(?:\.label\.(en|de))?/.exec(p);
      return m ? `reasons.${m[1]}.${m[2] ?? 'en'}` : p === 'rejectionReasons' ? 'reasons' : null;
    },
  });
  const { form } = section;
  const reasons = form.values.reasons;

  const setEnglish = (i: number, en: string) => {
    form.setFieldValue(`reasons.${i}.en`, en);
    // A new reason takes its key from its English label until saved; saved keys never change.
    if (reasons[i].isNew) {
      const others = reasons.filter((_, j) => j !== i).map((r) => r.key);
      form.setFieldValue(`reasons.${i}.key`, reasonKey(en, others));
    }
  };

  return (
    <SectionCard icon={IconMessageX} title={t('program.reasons.title')} text={t('program.reasons.text')} section={section} canEdit={canEdit}>
      <Stack gap="xs" data-testid="rejection-reasons">
        <Group gap="sm" wrap="nowrap" px="sm" visibleFrom="sm">
          <Text size="xs" fw={600} c="dimmed" w={28} />
          <Text size="xs" fw={600} c="dimmed" style={{ flex: 1 }}>
            {t('program.reasons.labelEn')}
          </Text>
          <Text size="xs" fw={600} c="dimmed" style={{ flex: 1 }}>
            {t('program.reasons.labelDe')}
          </Text>
          <Text w={canEdit ? 100 : 0} />
        </Group>
        <Paper withBorder radius="md">
          {reasons.map((r, i) => (
            <Box
              key={r.isNew ? `new-${i}` : r.key}
              px="sm"
              py="xs"
              style={i > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
              data-testid="rejection-reason"
            >
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={700} c="dimmed" w={28} ta="center" mt={6}>
                  {i + 1}
                </Text>
                <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <TextInput
                    aria-label={t('program.reasons.labelEn')}
                    value={r.en}
                    onChange={(e) => setEnglish(i, e.currentTarget.value)}
                    error={form.errors[`reasons.${i}.en`]}
                    maxLength={200}
                    disabled={!canEdit}
                    data-testid="rejection-reason-en"
                  />
                  <Text size="xs" c="dimmed">
                    {t('program.reasons.key')} <Code fz="xs">{r.key}</Code>
                  </Text>
                </Stack>
                <TextInput
                  aria-label={t('program.reasons.labelDe')}
                  maxLength={200}
                  disabled={!canEdit}
                  style={{ flex: 1, minWidth: 0 }}
                  data-testid="rejection-reason-de"
                  {...form.getInputProps(`reasons.${i}.de`)}
                />
                {canEdit && (
                  <Group gap={2} wrap="nowrap" w={100} justify="flex-end" mt={4}>
                    <Tooltip label={t('program.common.moveUp')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('program.common.moveUp')}
                        disabled={i === 0}
                        onClick={() => form.reorderListItem('reasons', { from: i, to: i - 1 })}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('program.common.moveDown')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('program.common.moveDown')}
                        disabled={i === reasons.length - 1}
                        onClick={() => form.reorderListItem('reasons', { from: i, to: i + 1 })}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={reasons.length === 1 ? t('program.reasons.keepOne') : t('program.common.remove')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('program.common.remove')}
                        disabled={reasons.length === 1}
                        onClick={() => form.removeListItem('reasons', i)}
                        data-testid="rejection-reason-remove"
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )}
              </Group>
            </Box>
          ))}
        </Paper>
        {form.errors.reasons && (
          <Text size="xs" c="red">
            {form.errors.reasons}
          </Text>
        )}
        {canEdit && (
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                form.insertListItem('reasons', {
                  key: reasonKey(
                    'reason',
                    reasons.map((x) => x.key),
                  ),
                  en: '',
                  de: '',
                  isNew: true,
                })
              }
              disabled={reasons.length >= 50}
              data-testid="rejection-reason-add"
            >
              {t('program.reasons.add')}
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('program.reasons.hint')}
        </Text>
      </Stack>
    </SectionCard>
  );
}
