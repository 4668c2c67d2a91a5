// Create or edit a contact in a modal; problem+json field errors show under their inputs.
import { SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactInput } from '../../../shared/contacts.ts';
import { useMe } from '../../lib/session.ts';
import type { FormModalProps } from '../crm/modal.ts';
import { OwnerField } from '../crm/OwnerSelect.tsx';
import { RecordFormModal, useRecordForm } from '../crm/RecordForm.tsx';
import { RecordPicker } from '../crm/RecordPicker.tsx';

const FIELDS = ['firstName', 'lastName', 'emails', 'phone', 'title', 'accountId', 'ownerUserId'] as const;

type Values = { firstName: string; lastName: string; emails: string[]; phone: string; title: string; accountId: string; ownerUserId: string };

function valuesOf(c: Contact | undefined, accountId: string | undefined, me: string): Values {
  return {
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    emails: c?.emails ?? [],
    phone: c?.phone ?? '',
    title: c?.title ?? '',
    accountId: c?.accountId ?? accountId ?? '',
    // A new contact is the creator's until someone else takes it.
    ownerUserId: c ? (c.ownerUserId ?? '') : me,
  };
}

function toInput(v: Values): ContactInput {
  return {
    firstName: v.firstName.trim() || null,
    lastName: v.lastName.trim(),
    emails: v.emails,
    phone: v.phone.trim() || null,
    title: v.title.trim() || null,
    accountId: v.accountId || null,
    ownerUserId: v.ownerUserId || null,
  };
}

export function ContactFormModal({
  contact,
  account,
  ...modal
}: FormModalProps<ContactInput> & { contact?: Contact; account?: { id: string; name: string } }) {
  const { t } = useTranslation();
  const me = useMe();
  const { form, frame } = useRecordForm<Values, ContactInput>({
    modal,
    toInput,
    values: () => valuesOf(contact, account?.id, me.actor.id),
    resetOn: [contact, account?.id],
    fields: FIELDS,
    validate: { lastName: isNotEmpty(t('common.required')) },
  });
  const initialAccount = contact ? contact.account : account;

  return (
    <RecordFormModal
      {...frame}
      title={contact ? t('crm.contacts.editTitle') : t('crm.contacts.createTitle')}
      testId="contact"
      editing={Boolean(contact)}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput label={t('crm.contacts.firstName')} data-autofocus {...form.getInputProps('firstName')} />
        <TextInput label={t('crm.contacts.lastName')} required {...form.getInputProps('lastName')} data-testid="contact-last-name" />
      </SimpleGrid>
      <TagsInput
        label={t('crm.contacts.emails')}
        placeholder={t('crm.contacts.emailsPlaceholder')}
        description={t('crm.contacts.emailsHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        splitChars={[',', ' ', ';']}
        clearable
        {...form.getInputProps('emails')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput label={t('crm.contacts.phone')} {...form.getInputProps('phone')} />
        <TextInput label={t('crm.contacts.jobTitle')} {...form.getInputProps('title')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <RecordPicker
          key={`${modal.opened}-${initialAccount?.id ?? ''}`}
          path="/api/v1/accounts"
          label={t('crm.contacts.account')}
          placeholder={t('crm.opportunities.accountPlaceholder')}
          clearable
          initial={initialAccount ?? null}
          value={form.getValues().accountId || null}
          onChange={(id) => form.setFieldValue('accountId', id ?? '')}
          error={form.errors.accountId}
        />
        <OwnerField form={form} testId="contact-owner" />
      </SimpleGrid>
    </RecordFormModal>
  );
}
