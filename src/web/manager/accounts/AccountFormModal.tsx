// Create or edit an account in a modal; problem+json field errors show under their inputs.
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type Account, type AccountInput, CUSTOMER_STATUSES } from '../../../shared/accounts.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, fieldErrors, formError } from '../../lib/api.ts';

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
};

function valuesOf(a?: Account): Values {
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
  };
}

export function AccountFormModal({
  opened,
  onClose,
  account,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  account?: Account;
  onSubmit: (input: AccountInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: valuesOf(account),
    validate: {
      name: isNotEmpty(t('common.required')),
      country: (v) => (v && !/^[A-Za-z]{2}$/.test(v.trim()) ? t('crm.accounts.countryHint') : null),
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the account changes
  useEffect(() => {
    if (opened) {
      form.setValues(valuesOf(account));
      form.resetDirty();
      form.clearErrors();
    }
  }, [opened, account]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new error only
  useEffect(() => {
    if (error) form.setErrors(fieldErrors(error, FIELDS, form.getValues()));
  }, [error]);

  const generalError = formError(error, fieldErrors(error, FIELDS)) ?? (error && !(error instanceof ApiError) ? t('errors.generic') : null);

  return (
    <Modal opened={opened} onClose={onClose} title={account ? t('crm.accounts.editTitle') : t('crm.accounts.createTitle')} size="lg">
      <form onSubmit={form.onSubmit((values) => onSubmit(toInput(values)))} noValidate data-testid="account-form">
        <Stack gap="md">
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
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
            <TextInput label={t('crm.accounts.industry')} {...form.getInputProps('industry')} />
            <TextInput
              label={t('crm.accounts.country')}
              description={t('crm.accounts.countryHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              maxLength={2}
              {...form.getInputProps('country')}
            />
            <TextInput label={t('crm.accounts.region')} {...form.getInputProps('region')} />
            <TextInput label={t('crm.accounts.segment')} {...form.getInputProps('segment')} />
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
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="account-submit">
              {account ? t('common.saveChanges') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
