// Create or edit an account in a modal; problem+json field errors show under their inputs.
import { NumberInput, Select, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { type Account, type AccountInput, CUSTOMER_STATUSES } from '../../../shared/accounts.ts';
import { useMe } from '../../lib/session.ts';
import type { FormModalProps } from '../crm/modal.ts';
import { OwnerField } from '../crm/OwnerSelect.tsx';
import { RecordFormModal, useRecordForm } from '../crm/RecordForm.tsx';

const FIELDS = [
  'name',
  'domains',
  'industry',
  'country',
  'region',
  'segment',
  'employeeCount',
  'customerStatus',
  'renewalDate',
  'description',
  'ownerUserId',
] as const;

type Values = {
  name: string;
  domains: string[];
  industry: string;
  country: string;
  region: string;
  segment: string;
  employeeCount: number | string;
  customerStatus: string;
  renewalDate: string;
  description: string;
  ownerUserId: string;
};

function valuesOf(a: Account | undefined, me: string): Values {
  return {
    name: a?.name ?? '',
    domains: a?.domains ?? [],
    industry: a?.industry ?? '',
    country: a?.country ?? '',
    region: a?.region ?? '',
    segment: a?.segment ?? '',
    employeeCount: a?.employeeCount ?? '',
    customerStatus: a?.customerStatus ?? 'prospect',
    renewalDate: a?.renewalDate ?? '',
    description: a?.description ?? '',
    // A new account is the creator's until someone else takes it.
    ownerUserId: a ? (a.ownerUserId ?? '') : me,
  };
}

function toInput(v: Values): AccountInput {
  return {
    name: v.name.trim(),
    domains: v.domains,
    industry: v.industry.trim() || null,
    country: v.country.trim() || null,
    region: v.region.trim() || null,
    segment: v.segment.trim() || null,
    employeeCount: v.employeeCount === '' ? null : Number(v.employeeCount),
    customerStatus: v.customerStatus as AccountInput['customerStatus'],
    renewalDate: v.renewalDate || null,
    description: v.description.trim() || null,
    ownerUserId: v.ownerUserId || null,
  };
}

export function AccountFormModal({ account, ...modal }: FormModalProps<AccountInput> & { account?: Account }) {
  const { t } = useTranslation();
  const me = useMe();
  const { form, frame } = useRecordForm<Values, AccountInput>({
    modal,
    toInput,
    values: () => valuesOf(account, me.actor.id),
    resetOn: [account],
    fields: FIELDS,
    validate: {
      name: isNotEmpty(t('common.required')),
      country: (v) => (v && !/^[A-Za-z]{2}$/.test(v.trim()) ? t('crm.accounts.countryHint') : null),
    },
  });

  return (
    <RecordFormModal
      {...frame}
      title={account ? t('crm.accounts.editTitle') : t('crm.accounts.createTitle')}
      testId="account"
      editing={Boolean(account)}
    >
      <TextInput
        label={t('crm.accounts.name')}
        placeholder={t('crm.accounts.namePlaceholder')}
        required
        data-autofocus
        {...form.getInputProps('name')}
        data-testid="account-name"
      />
      <TagsInput
        label={t('crm.accounts.domains')}
        placeholder={t('crm.accounts.domainsPlaceholder')}
        description={t('crm.accounts.domainsHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        splitChars={[',', ' ', ';']}
        clearable
        {...form.getInputProps('domains')}
        data-testid="account-domains"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label={t('crm.accounts.customerStatus')}
          data={CUSTOMER_STATUSES.map((value) => ({ value, label: t(`crm.accounts.statuses.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('customerStatus')}
        />
        <OwnerField form={form} testId="account-owner" />
        <TextInput label={t('crm.accounts.industry')} {...form.getInputProps('industry')} />
        <TextInput label={t('crm.accounts.segment')} {...form.getInputProps('segment')} />
        <TextInput
          label={t('crm.accounts.country')}
          description={t('crm.accounts.countryHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          maxLength={2}
          {...form.getInputProps('country')}
        />
        <TextInput label={t('crm.accounts.region')} {...form.getInputProps('region')} />
        <NumberInput
          label={t('crm.accounts.employeeCount')}
          min={0}
          allowDecimal={false}
          thousandSeparator
          {...form.getInputProps('employeeCount')}
        />
        <TextInput type="date" label={t('crm.accounts.renewalDate')} {...form.getInputProps('renewalDate')} />
      </SimpleGrid>
      <Textarea label={t('crm.accounts.description')} autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
    </RecordFormModal>
  );
}
