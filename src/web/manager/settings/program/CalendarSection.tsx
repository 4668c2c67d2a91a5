// Settings → Program → Business calendar: the time zone, working days and hours and the public
// holidays that business-hour SLAs count in (German states selectable), plus the workspace's own closing days.
import { Chip, Group, MultiSelect, Select, SimpleGrid, Stack, TagsInput, Text } from '@mantine/core';
import { IconCalendarTime } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { timeZoneOptions } from '../time-zones.ts';
import type { BusinessCalendar } from './program-queries.ts';
import { SectionCard, type SectionProps, SubHeading, useSectionForm } from './section.tsx';

type Values = { timeZone: string; workdays: string[]; dayStart: string; dayEnd: string; holidays: string[]; extraHolidays: string[] };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
// Half-hour steps; the end may be 24:00 (a day that runs to midnight).
const TIMES = Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
const CUSTOM_HOLIDAY = /^(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}|easter([+-]\d{1,3})?)$/;

const fromCalendar = (c: BusinessCalendar): Values => ({
  timeZone: c.timeZone,
  workdays: c.workdays.map(String),
  dayStart: c.dayStart,
  dayEnd: c.dayEnd,
  holidays: [...c.holidays],
  extraHolidays: [...c.extraHolidays],
});

export function CalendarSection({ answer, canEdit }: SectionProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language === 'de' ? 'de' : 'en';
  const section = useSectionForm<Values>({
    card: 'calendar',
    section: 'calendar',
    answer,
    fromAnswer: (a) => fromCalendar(a.calendar),
    toPatch: (v) => ({
      calendar: {
        timeZone: v.timeZone,
        workdays: v.workdays.map(Number).sort((a, b) => a - b),
        dayStart: v.dayStart,
        dayEnd: v.dayEnd,
        holidays: v.holidays,
        extraHolidays: v.extraHolidays.map((h) => h.trim().toLowerCase()),
      },
    }),
    validate: (v) => {
      const e: Record<string, string> = {};
      if (v.workdays.length === 0) e.workdays = t('program.calendar.workdaysRequired');
      if (v.dayEnd <= v.dayStart) e.dayEnd = t('program.calendar.endAfterStart');
      const bad = v.extraHolidays.filter((h) => !CUSTOM_HOLIDAY.test(h.trim().toLowerCase()));
      if (bad.length) e.extraHolidays = t('program.calendar.extraHolidaysInvalid', { values: bad.join(', ') });
      return e;
    },
    place: (p) => {
      const top = p.split('.')[0];
      return ['timeZone', 'workdays', 'dayStart', 'dayEnd', 'holidays', 'extraHolidays'].includes(top) ? top : null;
    },
  });
  const { form } = section;
  const v = form.values;
  const zones = useMemo(() => timeZoneOptions(answer.calendar.timeZone), [answer.calendar.timeZone]);
  const weekday = useMemo(() => new Intl.DateTimeFormat(format.locale, { weekday: 'short' }), [format.locale]);
  // 2024-01-01 was a Monday: ISO weekday d is 2024-01-0d.
  const dayName = (d: number) => weekday.format(new Date(2024, 0, d, 12));
  const regions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const r of answer.holidayRegions) {
      const country = r.code.slice(0, 2);
      const group = t(`program.calendar.countries.${country}` as never, { defaultValue: country }) as string;
      groups.set(group, [...(groups.get(group) ?? []), { value: r.code, label: r.label[lang] }]);
    }
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [answer.holidayRegions, lang, t]);
  const hours = (() => {
    const [h1, m1] = v.dayStart.split(':').map(Number);
    const [h2, m2] = v.dayEnd.split(':').map(Number);
    return Math.max(0, (h2 * 60 + m2 - (h1 * 60 + m1)) / 60);
  })();

  return (
    <SectionCard icon={IconCalendarTime} title={t('program.calendar.title')} text={t('program.calendar.text')} section={section} canEdit={canEdit}>
      <SimpleGrid type="container" cols={{ base: 1, '620px': 3 }} spacing="md">
        <Select
          label={t('program.calendar.timeZone')}
          data={zones}
          searchable
          allowDeselect={false}
          maxDropdownHeight={280}
          disabled={!canEdit}
          data-testid="calendar-time-zone"
          {...form.getInputProps('timeZone')}
        />
        <Select
          label={t('program.calendar.dayStart')}
          data={TIMES.slice(0, -1)}
          searchable
          allowDeselect={false}
          maxDropdownHeight={240}
          disabled={!canEdit}
          {...form.getInputProps('dayStart')}
        />
        <Select
          label={t('program.calendar.dayEnd')}
          data={TIMES.slice(1)}
          searchable
          allowDeselect={false}
          maxDropdownHeight={240}
          disabled={!canEdit}
          {...form.getInputProps('dayEnd')}
        />
      </SimpleGrid>

      <Stack gap={6}>
        <SubHeading
          title={t('program.calendar.workdays')}
          text={t('program.calendar.hoursPerWeek', { hours: hours * v.workdays.length, perDay: hours })}
        />
        <Chip.Group multiple value={v.workdays} onChange={(w) => canEdit && form.setFieldValue('workdays', w)}>
          <Group gap="xs" data-testid="calendar-workdays">
            {WEEKDAYS.map((d) => (
              <Chip key={d} value={String(d)} variant="light" disabled={!canEdit}>
                {dayName(d)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {form.errors.workdays && (
          <Text size="xs" c="red">
            {form.errors.workdays}
          </Text>
        )}
      </Stack>

      <SimpleGrid type="container" cols={{ base: 1, '620px': 2 }} spacing="md">
        <MultiSelect
          label={t('program.calendar.holidays')}
          description={t('program.calendar.holidaysHint')}
          inputWrapperOrder={['label', 'description', 'input', 'error']}
          placeholder={v.holidays.length ? undefined : t('program.calendar.noHolidays')}
          data={regions}
          searchable
          clearable
          maxDropdownHeight={300}
          disabled={!canEdit}
          data-testid="calendar-holidays"
          {...form.getInputProps('holidays')}
        />
        <TagsInput
          label={t('program.calendar.extraHolidays')}
          description={t('program.calendar.extraHolidaysHint')}
          inputWrapperOrder={['label', 'description', 'input', 'error']}
          placeholder={t('program.calendar.extraHolidaysPlaceholder')}
          clearable
          disabled={!canEdit}
          {...form.getInputProps('extraHolidays')}
        />
      </SimpleGrid>
    </SectionCard>
  );
}
