// Settings → Program → SLAs (REG-5, REG-6, REG-11): per kind the deadline, the reminder before it
// and the escalation after it; the appeal window is its own card (AppealSection) on the same `sla` section.
import { Group, Input, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DURATION_UNITS, type DurationUnit, type ProgramAnswer, type SlaDuration, type SlaKind, type SlaPolicy } from './program-queries.ts';
import { SectionCard, type SectionForm, type SectionProps, useSectionForm } from './section.tsx';

type Num = number | string;
/** One kind's policy as the form edits it. */
export type SlaDraft = {
  amount: Num;
  unit: DurationUnit;
  reminderMode: 'none' | 'fraction' | 'before';
  fraction: Num;
  beforeAmount: Num;
  beforeUnit: DurationUnit;
  escalate: boolean;
  afterAmount: Num;
  afterUnit: DurationUnit;
};

const SLA_CARD_KINDS = [
  'registration_decision',
  'appeal_decision',
  'conflict_acknowledgement',
  'conflict_resolution_plan',
  'renewal_ownership_confirmation',
] as const satisfies readonly SlaKind[];
/** Counted back from the renewal date: a reminder can only be "before". */
const BACKWARD: ReadonlySet<SlaKind> = new Set(['renewal_ownership_confirmation']);

/** The form's draft of a policy. */
export function draftOf(p: SlaPolicy): SlaDraft {
  const r = p.reminder;
  return {
    amount: p.duration.amount,
    unit: p.duration.unit,
    reminderMode: r === null ? 'none' : 'before' in r ? 'before' : 'fraction',
    fraction: r && 'atFraction' in r ? Math.round(r.atFraction * 100) : 75,
    beforeAmount: r && 'before' in r ? r.before.amount : 1,
    beforeUnit: r && 'before' in r ? r.before.unit : p.duration.unit,
    escalate: p.escalation !== null,
    afterAmount: p.escalation?.afterBreach.amount ?? 0,
    afterUnit: p.escalation?.afterBreach.unit ?? 'hours',
  };
}

const num = (v: Num) => (typeof v === 'number' ? v : Number.NaN);
const duration = (amount: Num, unit: DurationUnit): SlaDuration => ({ amount: num(amount), unit });

/** The policy a draft stands for (as PATCH takes it). */
export function policyOf(d: SlaDraft): SlaPolicy {
  return {
    duration: duration(d.amount, d.unit),
    reminder:
      d.reminderMode === 'none'
        ? null
        : d.reminderMode === 'fraction'
          ? { atFraction: num(d.fraction) / 100 }
          : { before: duration(d.beforeAmount, d.beforeUnit) },
    escalation: d.escalate ? { afterBreach: duration(d.afterAmount, d.afterUnit) } : null,
  };
}

/** Where a server error inside one kind (`duration.amount`, `reminder.before`) shows in the draft. */
export function placeSlaError(rest: string): string | null {
  if (rest.startsWith('duration.unit')) return 'unit';
  if (rest.startsWith('duration')) return 'amount';
  if (rest.startsWith('reminder.atFraction')) return 'fraction';
  if (rest.startsWith('reminder.before.unit')) return 'beforeUnit';
  if (rest.startsWith('reminder.before')) return 'beforeAmount';
  if (rest.startsWith('reminder')) return 'reminderMode';
  if (rest.startsWith('escalation.afterBreach.unit')) return 'afterUnit';
  if (rest.startsWith('escalation')) return 'afterAmount';
  return null;
}

/** Client-side checks of a draft, worded for the reader (the server checks again). */
export function useSlaChecks() {
  const { t } = useTranslation();
  return (d: SlaDraft, prefix: string, allowFraction: boolean) => {
    const e: Record<string, string> = {};
    const positive = (v: Num) => typeof v === 'number' && v > 0;
    if (!positive(d.amount)) e[`${prefix}.amount`] = t('program.sla.mustBePositive');
    else if ((d.unit === 'days' || d.unit === 'business_days') && !Number.isInteger(d.amount)) e[`${prefix}.amount`] = t('program.sla.wholeDays');
    if (d.reminderMode === 'fraction' && allowFraction) {
      const f = num(d.fraction);
      if (!(f > 0 && f < 100)) e[`${prefix}.fraction`] = t('program.sla.fractionRange');
    }
    if (d.reminderMode === 'before' && !positive(d.beforeAmount)) e[`${prefix}.beforeAmount`] = t('program.sla.mustBePositive');
    if (d.escalate && (typeof d.afterAmount !== 'number' || d.afterAmount < 0)) e[`${prefix}.afterAmount`] = t('program.sla.notNegative');
    return e;
  };
}

/** Hours of one business day of the calendar (for "48 business hours are 6 working days"). */
function hoursPerDay(answer: ProgramAnswer): number {
  const [h1, m1] = answer.calendar.dayStart.split(':').map(Number);
  const [h2, m2] = answer.calendar.dayEnd.split(':').map(Number);
  return (h2 * 60 + m2 - (h1 * 60 + m1)) / 60;
}

/** Amount and unit side by side, under one label; errors of either show below both. */
export function DurationInput({
  form,
  path,
  label,
  description,
  disabled,
  units = DURATION_UNITS,
  testId,
}: {
  form: SectionForm<Record<string, unknown>>;
  path: string;
  label?: string;
  description?: string;
  disabled: boolean;
  units?: readonly DurationUnit[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const unitPath = path.endsWith('amount') ? path.replace(/amount$/, 'unit') : path.replace(/Amount$/, 'Unit');
  const amount = form.getInputProps(path);
  const unit = form.getInputProps(unitPath);
  const error = [amount.error, unit.error].filter(Boolean).join('; ') || undefined;
  return (
    <Input.Wrapper label={label} description={description} error={error} inputWrapperOrder={['label', 'input', 'error', 'description']}>
      <Group gap={6} wrap="nowrap" mb={description ? 4 : 0}>
        <NumberInput
          aria-label={label || t('program.sla.amount')}
          min={0}
          decimalScale={2}
          disabled={disabled}
          w={84}
          data-testid={testId}
          {...amount}
          error={Boolean(amount.error)}
        />
        <Select
          aria-label={t('program.sla.unit')}
          data={units.map((u) => ({ value: u, label: t(`program.sla.units.${u}`) }))}
          allowDeselect={false}
          disabled={disabled}
          comboboxProps={{ width: 'target', position: 'bottom-start' }}
          style={{ flex: 1, minWidth: 0 }}
          {...unit}
          error={Boolean(unit.error)}
        />
      </Group>
    </Input.Wrapper>
  );
}

/** One kind's deadline, reminder and escalation. */
export function SlaPolicyEditor({
  form,
  kind,
  canEdit,
  hint,
}: {
  form: SectionForm<Record<string, unknown>>;
  kind: SlaKind;
  canEdit: boolean;
  hint?: string;
}) {
  const { t } = useTranslation();
  const d = form.values[kind] as SlaDraft;
  const backward = BACKWARD.has(kind);
  return (
    <Paper withBorder radius="md" p="md" data-testid={`sla-${kind}`}>
      <Stack gap="sm">
        <div>
          <Text fw={600} size="sm">
            {t(`program.sla.kinds.${kind}.label` as never)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`program.sla.kinds.${kind}.text` as never)}
          </Text>
        </div>
        <SimpleGrid type="container" cols={{ base: 1, '460px': 2, '680px': 3 }} spacing="md">
          <DurationInput
            form={form}
            path={`${kind}.amount`}
            label={backward ? t('program.sla.beforeRenewal') : t('program.sla.deadline')}
            description={hint}
            disabled={!canEdit}
            testId={`sla-${kind}-amount`}
          />
          <Stack gap={6}>
            <Select
              label={t('program.sla.reminder')}
              data={(['none', 'fraction', 'before'] as const)
                .filter((m) => !(backward && m === 'fraction'))
                .map((m) => ({ value: m, label: t(`program.sla.reminderModes.${m}`) }))}
              allowDeselect={false}
              disabled={!canEdit}
              {...form.getInputProps(`${kind}.reminderMode`)}
            />
            {d.reminderMode === 'fraction' && (
              <NumberInput
                aria-label={t('program.sla.fraction')}
                description={t('program.sla.fractionHint')}
                inputWrapperOrder={['label', 'input', 'error', 'description']}
                min={1}
                max={99}
                allowDecimal={false}
                suffix=" %"
                disabled={!canEdit}
                {...form.getInputProps(`${kind}.fraction`)}
              />
            )}
            {d.reminderMode === 'before' && <DurationInput form={form} path={`${kind}.beforeAmount`} label="" disabled={!canEdit} />}
          </Stack>
          <Stack gap={6}>
            <Switch
              label={t('program.sla.escalate')}
              mt={30}
              mb={4}
              disabled={!canEdit}
              {...form.getInputProps(`${kind}.escalate`, { type: 'checkbox' })}
            />
            {d.escalate && (
              <DurationInput
                form={form}
                path={`${kind}.afterAmount`}
                label={t('program.sla.afterBreach')}
                description={t('program.sla.afterBreachHint')}
                disabled={!canEdit}
              />
            )}
          </Stack>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

type Values = Record<(typeof SLA_CARD_KINDS)[number], SlaDraft>;

export function SlaSection({ answer, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const check = useSlaChecks();
  const section = useSectionForm<Values>({
    card: 'sla',
    section: 'sla',
    answer,
    fromAnswer: (a) => Object.fromEntries(SLA_CARD_KINDS.map((k) => [k, draftOf(a.slaPolicies[k])])) as Values,
    // The section is replaced whole: keep the stored overrides of the kinds other cards edit.
    toPatch: (v) => ({ sla: { ...answer.settings.sla, ...Object.fromEntries(SLA_CARD_KINDS.map((k) => [k, policyOf(v[k])])) } }),
    validate: (v) => Object.assign({}, ...SLA_CARD_KINDS.map((k) => check(v[k], k, !BACKWARD.has(k)))),
    place: (p) => {
      const [kind, ...rest] = p.split('.');
      if (!(SLA_CARD_KINDS as readonly string[]).includes(kind)) return null;
      const at = placeSlaError(rest.join('.'));
      return at ? `${kind}.${at}` : null;
    },
  });
  const perDay = hoursPerDay(answer);
  const decision = section.form.values.registration_decision;
  const decisionHint =
    decision.unit === 'business_hours' && typeof decision.amount === 'number' && perDay > 0
      ? t('program.sla.businessDays', { hours: decision.amount, days: Math.round((decision.amount / perDay) * 10) / 10, perDay })
      : undefined;
  const form = section.form as unknown as SectionForm<Record<string, unknown>>;

  return (
    <SectionCard icon={IconAlarm} title={t('program.sla.title')} text={t('program.sla.text')} section={section} canEdit={canEdit}>
      <Stack gap="sm">
        {SLA_CARD_KINDS.map((kind) => (
          <SlaPolicyEditor key={kind} form={form} kind={kind} canEdit={canEdit} hint={kind === 'registration_decision' ? decisionHint : undefined} />
        ))}
      </Stack>
    </SectionCard>
  );
}
