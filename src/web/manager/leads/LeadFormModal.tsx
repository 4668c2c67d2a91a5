// Create or edit a lead in a modal; problem+json field errors show under their inputs.
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lead, type LeadInput, OPEN_LEAD_STATUSES } from '../../../shared/leads.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, fieldErrors, formError } from '../../lib/api.ts';
import { RecordPicker } from '../crm/RecordPicker.tsx';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'company', 'companyDomain', 'status', 'partnerId'] as const;

type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(l?: Lead): Values {
  return {
    firstName: l?.firstName ?? '',
    lastName: l?.lastName ?? '',
    email: l?.email ?? '',
    phone: l?.phone ?? '',
    title: l?.title ?? '',
    company: l?.company ?? '',
    companyDomain: l?.companyDomain ?? '',
    status: l?.status === 'converted' ? '' : (l?.status ?? 'new'),
    partnerId: l?.partnerId ?? '',
  };
}

function toInput(v: Values): LeadInput {
  return {
    firstName: v.firstName.trim() || null,
    lastName: v.lastName.trim(),
    email: v.email.trim() || null,
    phone: v.phone.trim() || null,
    title: v.title.trim() || null,
    company: v.company.trim(),
    companyDomain: v.companyDomain.trim() || null,
    ...(v.status ? { status: v.status as LeadInput['status'] } : {}),
    partnerId: v.partnerId || null,
  };
}

export function LeadFormModal({
  opened,
  onClose,
  lead,
  partnerName,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  lead?: Lead;
  partnerName?: string | null;
  onSubmit: (input: LeadInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: valuesOf(lead),
    validate: { lastName: isNotEmpty(t('common.required')), company: isNotEmpty(t('common.required')) },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the record changes
  useEffect(() => {
    if (opened) {
      form.setValues(valuesOf(lead));
      form.resetDirty();
      form.clearErrors();
    }
  }, [opened, lead]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new error only
  useEffect(() => {
    if (error) form.setErrors(fieldErrors(error, FIELDS, form.getValues()));
  }, [error]);

  const generalError = formError(error, fieldErrors(error, FIELDS)) ?? (error && !(error instanceof ApiError) ? t('errors.generic') : null);

  return (
    <Modal opened={opened} onClose={onClose} title={lead ? t('crm.leads.editTitle') : t('crm.leads.createTitle')} size="lg">
      <form onSubmit={form.onSubmit((values) => onSubmit(toInput(values)))} noValidate data-testid="lead-form">
        <Stack gap="md">
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('crm.leads.firstName')} data-autofocus {...form.getInputProps('firstName')} />
            <TextInput label={t('crm.leads.lastName')} required {...form.getInputProps('lastName')} />
            <TextInput label={t('crm.leads.email')} type="email" {...form.getInputProps('email')} />
            <TextInput label={t('crm.leads.phone')} {...form.getInputProps('phone')} />
            <TextInput label={t('crm.leads.company')} required {...form.getInputProps('company')} />
            <TextInput label={t('crm.leads.companyDomain')} placeholder="example.de" {...form.getInputProps('companyDomain')} />
            <TextInput label={t('crm.leads.jobTitle')} {...form.getInputProps('title')} />
            {lead?.status !== 'converted' && (
              <Select
                label={t('crm.leads.status')}
                data={OPEN_LEAD_STATUSES.map((value) => ({ value, label: t(`crm.leads.statuses.${value}`) }))}
                allowDeselect={false}
                {...form.getInputProps('status')}
              />
            )}
          </SimpleGrid>
          <RecordPicker
            key={`${opened}-${lead?.partnerId ?? ''}`}
            path="/api/v1/partners"
            label={t('crm.leads.partner')}
            clearable
            initial={lead?.partnerId ? { id: lead.partnerId, name: partnerName ?? '…' } : null}
            value={form.getValues().partnerId || null}
            onChange={(id) => form.setFieldValue('partnerId', id ?? '')}
            error={form.errors.partnerId}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="lead-submit">
              {lead ? t('common.saveChanges') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
