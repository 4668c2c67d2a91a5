// Create or edit an opportunity in a modal: account, amount and currency, stage, close date, motion;
// problem+json field errors (amount.value with too many decimals, say) show under their inputs.
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, CURRENCY_DIGITS } from '../../../shared/money.ts';
import { MOTIONS, OPPORTUNITY_SOURCES, type Opportunity, type OpportunityInput, STAGES } from '../../../shared/opportunities.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, type FieldError, fieldErrors, formError } from '../../lib/api.ts';
import { RecordPicker } from '../crm/RecordPicker.tsx';

const FIELDS = ['name', 'accountId', 'amount', 'currency', 'stage', 'closeDate', 'motion', 'source', 'nextStep', 'description'] as const;

type Values = {
  name: string;
  accountId: string;
  amount: number | string;
  currency: string;
  stage: string;
  closeDate: string;
  motion: string;
  source: string;
  nextStep: string;
  description: string;
};

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function valuesOf(o?: Opportunity, accountId?: string): Values {
  return {
    name: o?.name ?? '',
    accountId: o?.accountId ?? accountId ?? '',
    amount: o?.amount.value ?? '',
    currency: o?.amount.currency ?? 'EUR',
    stage: o?.stage ?? 'prospecting',
    closeDate: o?.closeDate ?? inDays(90),
    motion: o?.motion ?? '',
    source: o?.source ?? 'direct',
    nextStep: o?.nextStep ?? '',
    description: o?.description ?? '',
  };
}

function toInput(v: Values): OpportunityInput {
  return {
    name: v.name.trim(),
    accountId: v.accountId,
    amount: { value: Number(v.amount), currency: v.currency },
    stage: v.stage as OpportunityInput['stage'],
    closeDate: v.closeDate,
    motion: (v.motion || null) as OpportunityInput['motion'],
    source: v.source as OpportunityInput['source'],
    nextStep: v.nextStep.trim() || null,
    description: v.description.trim() || null,
  };
}

/** `body.amount.value` → `amount`, `body.amount.currency` → `currency`, for the form's inputs. */
function withMoneyFields(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors: FieldError[] = error.errors.map((e) =>
    e.field.replace(/^body\./, '') === 'amount.currency'
      ? { ...e, field: 'currency' }
      : e.field.startsWith('body.amount')
        ? { ...e, field: 'amount' }
        : e,
  );
  return Object.assign(Object.create(Object.getPrototypeOf(error)), error, { errors });
}

export function OpportunityFormModal({
  opened,
  onClose,
  opportunity,
  account,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  opportunity?: Opportunity;
  account?: { id: string; name: string };
  onSubmit: (input: OpportunityInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  const de = i18n.language === 'de';
  const form = useForm<Values>({
    initialValues: valuesOf(opportunity, account?.id),
    validate: {
      name: isNotEmpty(t('common.required')),
      accountId: isNotEmpty(t('common.required')),
      amount: (v) => (v === '' || Number.isNaN(Number(v)) ? t('common.required') : null),
      closeDate: isNotEmpty(t('common.required')),
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the record changes
  useEffect(() => {
    if (opened) {
      form.setValues(valuesOf(opportunity, account?.id));
      form.resetDirty();
      form.clearErrors();
    }
  }, [opened, opportunity, account?.id]);

  const mapped = withMoneyFields(error);
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new error only
  useEffect(() => {
    if (error) form.setErrors(fieldErrors(mapped, FIELDS, form.getValues()));
  }, [error]);

  const generalError = formError(mapped, fieldErrors(mapped, FIELDS)) ?? (error && !(error instanceof ApiError) ? t('errors.generic') : null);
  const digits = CURRENCY_DIGITS.get(form.getValues().currency) ?? 2;
  const initialAccount = opportunity ? opportunity.account : account;

  return (
    <Modal opened={opened} onClose={onClose} title={opportunity ? t('crm.opportunities.editTitle') : t('crm.opportunities.createTitle')} size="lg">
      <form onSubmit={form.onSubmit((values) => onSubmit(toInput(values)))} noValidate data-testid="opportunity-form">
        <Stack gap="md">
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          <TextInput
            label={t('crm.opportunities.name')}
            placeholder={t('crm.opportunities.namePlaceholder')}
            required
            data-autofocus
            {...form.getInputProps('name')}
            data-testid="opportunity-name"
          />
          <RecordPicker
            key={`${opened}-${initialAccount?.id ?? ''}`}
            path="/api/v1/accounts"
            label={t('crm.opportunities.account')}
            placeholder={t('crm.opportunities.accountPlaceholder')}
            required
            initial={initialAccount ?? null}
            value={form.getValues().accountId || null}
            onChange={(id) => form.setFieldValue('accountId', id ?? '')}
            error={form.errors.accountId}
            data-testid="opportunity-account"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label={t('crm.opportunities.amount')}
              required
              min={0}
              decimalScale={digits}
              decimalSeparator={de ? ',' : '.'}
              thousandSeparator={de ? '.' : ','}
              allowNegative={false}
              {...form.getInputProps('amount')}
              data-testid="opportunity-amount"
            />
            <Select
              label={t('crm.opportunities.currency')}
              data={CURRENCIES as string[]}
              searchable
              allowDeselect={false}
              {...form.getInputProps('currency')}
            />
            <Select
              label={t('crm.opportunities.stage')}
              data={STAGES.map((value) => ({ value, label: t(`crm.opportunities.stages.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('stage')}
              data-testid="opportunity-stage"
            />
            <TextInput
              type="date"
              label={t('crm.opportunities.closeDate')}
              required
              {...form.getInputProps('closeDate')}
              data-testid="opportunity-close"
            />
            <Select
              label={t('crm.opportunities.motion')}
              data={MOTIONS.map((value) => ({ value, label: t(`crm.opportunities.motions.${value}`) }))}
              clearable
              placeholder={t('common.none')}
              {...form.getInputProps('motion')}
              value={form.getValues().motion || null}
              onChange={(v) => form.setFieldValue('motion', v ?? '')}
              data-testid="opportunity-motion"
            />
            <Select
              label={t('crm.opportunities.source')}
              data={OPPORTUNITY_SOURCES.map((value) => ({ value, label: t(`crm.opportunities.sources.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('source')}
            />
          </SimpleGrid>
          <TextInput
            label={t('crm.opportunities.nextStep')}
            placeholder={t('crm.opportunities.nextStepPlaceholder')}
            {...form.getInputProps('nextStep')}
          />
          <Textarea
            label={t('crm.opportunities.description')}
            description={t('crm.opportunities.descriptionHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('description')}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="opportunity-submit">
              {opportunity ? t('common.saveChanges') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
