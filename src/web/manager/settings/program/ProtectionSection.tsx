// Settings → Program → Protection (REG-8, REG-9): the window an approval grants, longer or shorter
// windows per motion and tier, the expiry reminder, the no-touch rule and how extensions work.
import { ActionIcon, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconShieldLock, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MOTIONS } from '../../../../shared/opportunities.ts';
import { type ProtectionSettings, usePartnerTiers } from './program-queries.ts';
import { SectionCard, type SectionProps, SubHeading, useSectionForm } from './section.tsx';

type Num = number | string;
type Values = {
  defaultDays: Num;
  overrides: { motion: string | null; tier: string | null; days: Num }[];
  reminderDaysBefore: Num;
  noTouchDays: Num;
  extension: { days: Num; maxExtensions: Num; maxTotalDays: Num; requireEvidence: boolean; anyTime: boolean; opensDaysBeforeExpiry: Num };
};

const fromSettings = (p: ProtectionSettings): Values => ({
  defaultDays: p.defaultDays,
  overrides: p.overrides.map((o) => ({ motion: o.motion ?? null, tier: o.tier ?? null, days: o.days })),
  reminderDaysBefore: p.reminderDaysBefore,
  noTouchDays: p.noTouchDays,
  extension: {
    days: p.extension.days,
    maxExtensions: p.extension.maxExtensions,
    maxTotalDays: p.extension.maxTotalDays,
    requireEvidence: p.extension.requireEvidence,
    anyTime: p.extension.opensDaysBeforeExpiry === null,
    opensDaysBeforeExpiry: p.extension.opensDaysBeforeExpiry ?? 30,
  },
});

const num = (v: Num) => (typeof v === 'number' ? v : Number.NaN);

const toSettings = (v: Values): ProtectionSettings => ({
  defaultDays: num(v.defaultDays),
  overrides: v.overrides.map((o) => ({
    ...(o.motion ? { motion: o.motion as ProtectionSettings['overrides'][number]['motion'] } : {}),
    ...(o.tier?.trim() ? { tier: o.tier.trim().toLowerCase() } : {}),
    days: num(o.days),
  })),
  reminderDaysBefore: num(v.reminderDaysBefore),
  noTouchDays: num(v.noTouchDays),
  extension: {
    days: num(v.extension.days),
    maxExtensions: num(v.extension.maxExtensions),
    maxTotalDays: num(v.extension.maxTotalDays),
    requireEvidence: v.extension.requireEvidence,
    opensDaysBeforeExpiry: v.extension.anyTime ? null : num(v.extension.opensDaysBeforeExpiry),
  },
});

export function ProtectionSection({ answer, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const tiers = usePartnerTiers();
  const range = (v: Num, min: number, max: number) =>
    typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max ? t('program.common.wholeRange', { min, max }) : null;
  const section = useSectionForm<Values>({
    card: 'protection',
    section: 'protection',
    answer,
    fromAnswer: (a) => fromSettings(a.settings.protection),
    toPatch: (v) => ({ protection: toSettings(v) }),
    validate: (v) => {
      const e: Record<string, string | null> = {
        defaultDays: range(v.defaultDays, 30, 365),
        reminderDaysBefore: range(v.reminderDaysBefore, 1, 29),
        noTouchDays: range(v.noTouchDays, 7, 180),
        'extension.days': range(v.extension.days, 7, 180),
        'extension.maxExtensions': range(v.extension.maxExtensions, 0, 10),
        'extension.maxTotalDays': range(v.extension.maxTotalDays, 0, 365),
        'extension.opensDaysBeforeExpiry': v.extension.anyTime ? null : range(v.extension.opensDaysBeforeExpiry, 1, 365),
      };
      const seen = new Map<string, number>();
      v.overrides.forEach((o, i) => {
        e[`overrides.${i}.days`] = range(o.days, 30, 365);
        const key = `${o.motion ?? '*'}|${o.tier?.trim().toLowerCase() || '*'}`;
        if (!o.motion && !o.tier?.trim()) e[`overrides.${i}.motion`] = t('program.protection.overrideNeedsTarget');
        else if (seen.has(key)) e[`overrides.${i}.motion`] = t('program.protection.overrideRepeats', { n: (seen.get(key) ?? 0) + 1 });
        else seen.set(key, i);
      });
      return Object.fromEntries(Object.entries(e).filter(([, m]) => m)) as Record<string, string>;
    },
    place: (p) => {
      const o = /^overrides\.(\d+)(?:\.(\w+))?$/.exec(p);
      if (o) return `overrides.${o[1]}.${o[2] ?? 'motion'}`;
      if (p === 'extension.opensDaysBeforeExpiry' || /^(defaultDays|reminderDaysBefore|noTouchDays|extension\.\w+)$/.test(p)) return p;
      return null;
    },
  });
  const { form } = section;
  const v = form.values;
  const tierOptions = [...new Set([...(tiers.data ?? []), ...v.overrides.map((o) => o.tier).filter((x): x is string => Boolean(x))])];
  const days = t('program.common.daysSuffix');

  return (
    <SectionCard icon={IconShieldLock} title={t('program.protection.title')} text={t('program.protection.text')} section={section} canEdit={canEdit}>
      <SimpleGrid type="container" cols={{ base: 1, '620px': 3 }} spacing="md">
        <NumberInput
          label={t('program.protection.defaultDays')}
          description={t('program.protection.defaultDaysHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          min={30}
          max={365}
          allowDecimal={false}
          suffix={` ${days}`}
          disabled={!canEdit}
          data-testid="protection-default-days"
          {...form.getInputProps('defaultDays')}
        />
        <NumberInput
          label={t('program.protection.reminder')}
          description={t('program.protection.reminderHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          min={1}
          max={29}
          allowDecimal={false}
          suffix={` ${days}`}
          disabled={!canEdit}
          {...form.getInputProps('reminderDaysBefore')}
        />
        <NumberInput
          label={t('program.protection.noTouch')}
          description={t('program.protection.noTouchHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          min={7}
          max={180}
          allowDecimal={false}
          suffix={` ${days}`}
          disabled={!canEdit}
          data-testid="protection-no-touch"
          {...form.getInputProps('noTouchDays')}
        />
      </SimpleGrid>

      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <SubHeading title={t('program.protection.overrides')} text={t('program.protection.overridesText')} />
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('overrides', { motion: null, tier: null, days: 90 })}
              data-testid="protection-add-override"
            >
              {t('program.protection.addOverride')}
            </Button>
          )}
        </Group>
        {v.overrides.length === 0 ? (
          <Paper withBorder radius="md" p="md" style={{ borderStyle: 'dashed' }}>
            <Text size="sm" c="dimmed" ta="center">
              {t('program.protection.noOverrides', { days: String(v.defaultDays) })}
            </Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table verticalSpacing="xs" data-testid="protection-overrides">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>{t('program.common.motion')}</Table.Th>
                  <Table.Th>{t('program.common.tier')}</Table.Th>
                  <Table.Th w={170}>{t('program.protection.window')}</Table.Th>
                  <Table.Th w={50} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.overrides.map((_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; the form addresses them by index
                  <Table.Tr key={i}>
                    <Table.Td>
                      <Select
                        aria-label={t('program.common.motion')}
                        placeholder={t('program.common.anyMotion')}
                        data={MOTIONS.map((m) => ({ value: m, label: t(`crm.opportunities.motions.${m}`) }))}
                        clearable
                        disabled={!canEdit}
                        {...form.getInputProps(`overrides.${i}.motion`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('program.common.tier')}
                        placeholder={t('program.common.anyTier')}
                        data={tierOptions.map((x) => ({ value: x, label: x.charAt(0).toUpperCase() + x.slice(1) }))}
                        clearable
                        searchable
                        disabled={!canEdit}
                        {...form.getInputProps(`overrides.${i}.tier`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('program.protection.window')}
                        min={30}
                        max={365}
                        allowDecimal={false}
                        suffix={` ${days}`}
                        disabled={!canEdit}
                        {...form.getInputProps(`overrides.${i}.days`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      {canEdit && (
                        <Tooltip label={t('program.common.remove')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('program.common.remove')}
                            onClick={() => form.removeListItem('overrides', i)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        <Text size="xs" c="dimmed">
          {t('program.protection.overridesOrder')}
        </Text>
      </Stack>

      <Stack gap="xs">
        <SubHeading title={t('program.protection.extensions')} text={t('program.protection.extensionsText')} />
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <SimpleGrid type="container" cols={{ base: 1, '620px': 3 }} spacing="md">
              <NumberInput
                label={t('program.protection.extensionDays')}
                min={7}
                max={180}
                allowDecimal={false}
                suffix={` ${days}`}
                disabled={!canEdit}
                {...form.getInputProps('extension.days')}
              />
              <NumberInput
                label={t('program.protection.maxExtensions')}
                description={t('program.protection.maxExtensionsHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                min={0}
                max={10}
                allowDecimal={false}
                disabled={!canEdit}
                {...form.getInputProps('extension.maxExtensions')}
              />
              <NumberInput
                label={t('program.protection.maxTotalDays')}
                min={0}
                max={365}
                allowDecimal={false}
                suffix={` ${days}`}
                disabled={!canEdit}
                {...form.getInputProps('extension.maxTotalDays')}
              />
            </SimpleGrid>
            <Switch
              label={t('program.protection.requireEvidence')}
              description={t('program.protection.requireEvidenceHint')}
              disabled={!canEdit}
              {...form.getInputProps('extension.requireEvidence', { type: 'checkbox' })}
            />
            <Group align="flex-end" gap="md" wrap="wrap">
              <Switch
                label={t('program.protection.anyTime')}
                description={t('program.protection.anyTimeHint')}
                disabled={!canEdit}
                {...form.getInputProps('extension.anyTime', { type: 'checkbox' })}
              />
              {!v.extension.anyTime && (
                <NumberInput
                  label={t('program.protection.opensBefore')}
                  min={1}
                  max={365}
                  allowDecimal={false}
                  suffix={` ${days}`}
                  w={280}
                  disabled={!canEdit}
                  {...form.getInputProps('extension.opensDaysBeforeExpiry')}
                />
              )}
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </SectionCard>
  );
}
