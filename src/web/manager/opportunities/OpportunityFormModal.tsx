// Create or edit an opportunity in a modal: account, amount and currency, stage, close date, motion;
// problem+json field errors (amount.value with too many decimals, say) show under their inputs.
import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, CURRENCY_DIGITS } from '../../../shared/money.ts';
import { MOTIONS, OPPORTUNITY_SOURCES, type Opportunity, type OpportunityInput, STAGES } from '../../../shared/opportunities.ts';
import { ApiError, type FieldError } from '../../lib/api.ts';
import { useMe } from '../../lib/session.ts';
import type { FormModalProps } from '../crm/modal.ts';
import { OwnerField } from '../crm/OwnerSelect.tsx';
import { RecordFormModal, useRecordForm } from '../crm/RecordForm.tsx';
import { RecordPicker } from '../crm/RecordPicker.tsx';

const FIELDS = [
  'name',
  'accountId',
  'amount',
  'currency',
  'stage',
  'closeDate',
  'motion',
  'source',
  'nextStep',
  'description',
  'ownerUserId',
] as const;

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
  ownerUserId: string;
};

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function valuesOf(o: Opportunity | undefined, accountId: string | undefined, me: string): Values {
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
    // A new deal is the creator's until someone else takes it.
    ownerUserId: o ? (o.ownerUserId ?? '') : me,
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
    ownerUserId: v.ownerUserId || null,
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
  opportunity,
  account,
  ...modal
}: FormModalProps<OpportunityInput> & { opportunity?: Opportunity; account?: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const de = i18n.language === 'de';
  const { form, frame } = useRecordForm<Values, OpportunityInput>({
    modal,
    toInput,
    values: () => valuesOf(opportunity, account?.id, me.actor.id),
    resetOn: [opportunity, account?.id],
    mapError: withMoneyFields,
    fields: FIELDS,
    validate: {
      name: isNotEmpty(t('common.required')),
      accountId: isNotEmpty(t('common.required')),
      amount: (v) => (v === '' || Number.isNaN(Number(v)) ? t('common.required') : null),
      closeDate: isNotEmpty(t('common.required')),
    },
  });
  const digits = CURRENCY_DIGITS.get(form.getValues().currency) ?? 2;
  const initialAccount = opportunity ? opportunity.account : account;

  return (
    <RecordFormModal
      {...frame}
      title={opportunity ? t('crm.opportunities.editTitle') : t('crm.opportunities.createTitle')}
      testId="opportunity"
      editing={Boolean(opportunity)}
    >
      <TextInput
        label={t('crm.opportunities.name')}
        placeholder={t('crm.opportunities.namePlaceholder')}
        required
        data-autofocus
        {...form.getInputProps('name')}
        data-testid="opportunity-name"
      />
      <RecordPicker
        key={`${modal.opened}-${initialAccount?.id ?? ''}`}
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
        <OwnerField form={form} testId="opportunity-owner" />
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
    </RecordFormModal>
  );
}
