// Settings → Program → Required fields (REG-2): what a deal registration must contain, per motion,
// and what a lead registration must contain.
import { Checkbox, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconListCheck, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MOTIONS, type Motion } from '../../../../shared/opportunities.ts';
import { REQUIRABLE_FIELDS, type RequirableField } from '../../../../shared/registrations.ts';
import { SectionCard, type SectionProps, useSectionForm } from './section.tsx';

type Column = Motion | 'lead';
type Values = Record<Column, RequirableField[]>;
const COLUMNS: Column[] = [...MOTIONS, 'lead'];
// Leads are not deals of a motion: their column stands apart.
const LEAD_COLUMN = { borderLeft: '1px solid var(--mantine-color-gray-3)' };

export function RequiredFieldsSection({ answer, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const section = useSectionForm<Values>({
    card: 'required',
    section: 'registration',
    answer,
    fromAnswer: (a) => {
      const r = a.settings.registration;
      const deal = Object.fromEntries(MOTIONS.map((m) => [m, [...(r.requiredFields[m] ?? REQUIRABLE_FIELDS)]]));
      return { ...deal, lead: [...r.leadRequiredFields] } as Values;
    },
    // The section is replaced whole: keep the rejection reasons as stored.
    toPatch: (v) => ({
      registration: {
        ...answer.settings.registration,
        requiredFields: Object.fromEntries(MOTIONS.map((m) => [m, REQUIRABLE_FIELDS.filter((f) => v[m].includes(f))])),
        leadRequiredFields: REQUIRABLE_FIELDS.filter((f) => v.lead.includes(f)),
      },
    }),
    place: () => null,
  });
  const { form } = section;
  const toggle = (col: Column, field: RequirableField, on: boolean) => {
    const now = form.values[col];
    form.setFieldValue(col, on ? [...now, field] : now.filter((f) => f !== field));
  };
  const label = (col: Column) => (col === 'lead' ? t('program.required.lead') : t(`crm.opportunities.motions.${col}`));

  return (
    <SectionCard icon={IconListCheck} title={t('program.required.title')} text={t('program.required.text')} section={section} canEdit={canEdit}>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" data-testid="required-fields" striped="even" miw={720}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>{t('program.required.field')}</Table.Th>
              {COLUMNS.map((c) => (
                <Table.Th key={c} ta="center" style={c === 'lead' ? LEAD_COLUMN : undefined}>
                  {label(c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm">{t('program.required.fields.companyName')}</Text>
                  <Tooltip label={t('program.required.always')}>
                    <IconLock size={14} color="var(--mantine-color-gray-6)" aria-label={t('program.required.always')} />
                  </Tooltip>
                </Group>
              </Table.Td>
              {COLUMNS.map((c) => (
                <Table.Td key={c} style={c === 'lead' ? LEAD_COLUMN : undefined}>
                  <Checkbox checked disabled aria-label={`${t('program.required.fields.companyName')} – ${label(c)}`} mx="auto" w="fit-content" />
                </Table.Td>
              ))}
            </Table.Tr>
            {REQUIRABLE_FIELDS.map((field) => (
              <Table.Tr key={field}>
                <Table.Td>
                  <Text size="sm">{t(`program.required.fields.${field}`)}</Text>
                </Table.Td>
                {COLUMNS.map((c) => (
                  <Table.Td key={c} style={c === 'lead' ? LEAD_COLUMN : undefined}>
                    <Checkbox
                      checked={form.values[c].includes(field)}
                      onChange={(e) => toggle(c, field, e.currentTarget.checked)}
                      disabled={!canEdit}
                      aria-label={`${t(`program.required.fields.${field}`)} – ${label(c)}`}
                      data-testid={`required-${c}-${field}`}
                      mx="auto"
                      w="fit-content"
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('program.required.hint')}
      </Text>
    </SectionCard>
  );
}
