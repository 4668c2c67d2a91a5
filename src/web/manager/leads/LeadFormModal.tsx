// Create or edit a lead in a modal; problem+json field errors show under their inputs.
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { type Lead, type LeadInput, OPEN_LEAD_STATUSES } from '../../../shared/leads.ts';
import { useMe } from '../../lib/session.ts';
import type { FormModalProps } from '../crm/modal.ts';
import { OwnerField } from '../crm/OwnerSelect.tsx';
import { RecordFormModal, useRecordForm } from '../crm/RecordForm.tsx';
import { RecordPicker } from '../crm/RecordPicker.tsx';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'company', 'companyDomain', 'status', 'partnerId', 'ownerUserId'] as const;

type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(l: Lead | undefined, me: string): Values {
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
    // A new lead is the creator's until someone else takes it.
    ownerUserId: l ? (l.ownerUserId ?? '') : me,
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
    ownerUserId: v.ownerUserId || null,
  };
}

export function LeadFormModal({ lead, partnerName, ...modal }: FormModalProps<LeadInput> & { lead?: Lead; partnerName?: string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const { form, frame } = useRecordForm<Values, LeadInput>({
    modal,
    toInput,
    values: () => valuesOf(lead, me.actor.id),
    resetOn: [lead],
    fields: FIELDS,
    validate: { lastName: isNotEmpty(t('common.required')), company: isNotEmpty(t('common.required')) },
  });

  return (
    <RecordFormModal {...frame} title={lead ? t('crm.leads.editTitle') : t('crm.leads.createTitle')} testId="lead" editing={Boolean(lead)}>
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
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <RecordPicker
          key={`${modal.opened}-${lead?.partnerId ?? ''}`}
          path="/api/v1/partners"
          label={t('crm.leads.partner')}
          clearable
          initial={lead?.partnerId ? { id: lead.partnerId, name: partnerName ?? '…' } : null}
          value={form.getValues().partnerId || null}
          onChange={(id) => form.setFieldValue('partnerId', id ?? '')}
          error={form.errors.partnerId}
        />
        <OwnerField form={form} testId="lead-owner" />
      </SimpleGrid>
    </RecordFormModal>
  );
}
