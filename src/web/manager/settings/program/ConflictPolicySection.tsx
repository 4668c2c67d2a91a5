// Settings → Program → Conflict policy (REG-10): who wins when partners claim the same account,
// the hierarchy of tie-breakers, direct vs partner, and the preview of the rules partners read.
import { Badge, Button, Group, Paper, Radio, SimpleGrid, Stack, Switch, TagsInput, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconEye, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type ConflictPolicy, usePartnerTiers } from './program-queries.ts';
import { RulesPreviewModal } from './RulesPreviewModal.tsx';
import { SectionCard, type SectionProps, SubHeading, useSectionForm } from './section.tsx';

const MODES = ['first_qualified_wins', 'tier_priority'] as const;
const DIRECT = ['partner_wins_if_registered_first', 'registered_partner_wins', 'partner_yields'] as const;

export function ConflictPolicySection({ answer, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const tiers = usePartnerTiers();
  const [previewing, preview] = useDisclosure(false);
  const section = useSectionForm<ConflictPolicy>({
    card: 'conflict',
    section: 'conflictPolicy',
    answer,
    fromAnswer: (a) => ({ ...a.settings.conflictPolicy, tierOrder: [...a.settings.conflictPolicy.tierOrder] }),
    toPatch: (v) => ({ conflictPolicy: { ...v, tierOrder: v.tierOrder.map((x) => x.trim().toLowerCase()).filter(Boolean) } }),
    validate: (v) => (v.mode === 'tier_priority' && v.tierOrder.length === 0 ? { tierOrder: t('program.conflict.tierOrderRequired') } : {}),
    place: (p) => (p.startsWith('tierOrder') ? 'tierOrder' : p),
  });
  const { form } = section;
  const v = form.values;

  return (
    <SectionCard
      icon={IconScale}
      title={t('program.conflict.title')}
      text={t('program.conflict.text')}
      section={section}
      canEdit={canEdit}
      action={
        <Button variant="default" size="xs" leftSection={<IconEye size={14} />} onClick={preview.open} data-testid="program-rules-preview">
          {t('program.conflict.preview')}
        </Button>
      }
    >
      <Radio.Group
        label={t('program.conflict.mode')}
        value={v.mode}
        onChange={(m) => form.setFieldValue('mode', m as ConflictPolicy['mode'])}
        readOnly={!canEdit}
      >
        <SimpleGrid type="container" cols={{ base: 1, '520px': 2 }} mt="xs">
          {MODES.map((mode) => (
            <Radio.Card key={mode} value={mode} p="md" radius="md" disabled={!canEdit} data-testid={`conflict-mode-${mode}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator />
                <div>
                  <Text fw={600} size="sm">
                    {t(`program.conflict.modes.${mode}.label`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`program.conflict.modes.${mode}.text`)}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>

      {v.mode === 'tier_priority' && (
        <TagsInput
          label={t('program.conflict.tierOrder')}
          description={t('program.conflict.tierOrderHint')}
          inputWrapperOrder={['label', 'description', 'input', 'error']}
          placeholder={t('program.conflict.tierOrderPlaceholder')}
          data={(tiers.data ?? []).filter((x) => !v.tierOrder.includes(x))}
          disabled={!canEdit}
          clearable
          data-testid="conflict-tier-order"
          {...form.getInputProps('tierOrder')}
        />
      )}

      <Stack gap="xs">
        <SubHeading title={t('program.conflict.hierarchy')} text={t('program.conflict.hierarchyText')} />
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="sm" wrap="nowrap">
                <ThemeIcon size={22} radius="xl" variant="light" color="teal">
                  <IconCheck size={14} />
                </ThemeIcon>
                <div>
                  <Text size="sm" fw={500}>
                    {t('program.conflict.registeredBeats')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('program.conflict.registeredBeatsText')}
                  </Text>
                </div>
              </Group>
              <Badge variant="light" color="gray" radius="sm" tt="none">
                {t('program.conflict.always')}
              </Badge>
            </Group>
            <Switch
              label={t('program.conflict.established')}
              description={t('program.conflict.establishedText')}
              disabled={!canEdit}
              {...form.getInputProps('establishedBeatsNew', { type: 'checkbox' })}
            />
            <Switch
              label={t('program.conflict.certification')}
              description={t('program.conflict.certificationText')}
              disabled={!canEdit}
              {...form.getInputProps('certificationBreaksTies', { type: 'checkbox' })}
            />
          </Stack>
        </Paper>
      </Stack>

      <Radio.Group
        label={t('program.conflict.direct')}
        description={t('program.conflict.directText')}
        value={v.direct}
        onChange={(d) => form.setFieldValue('direct', d as ConflictPolicy['direct'])}
        error={form.errors.direct}
      >
        <Stack gap="xs" mt="xs">
          {DIRECT.map((d) => (
            <Radio
              key={d}
              value={d}
              disabled={!canEdit}
              label={t(`program.conflict.directs.${d}.label`)}
              description={t(`program.conflict.directs.${d}.text`)}
            />
          ))}
        </Stack>
      </Radio.Group>

      <RulesPreviewModal opened={previewing} onClose={preview.close} dirty={form.isDirty()} />
    </SectionCard>
  );
}
