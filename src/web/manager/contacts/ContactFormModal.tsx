// Create or edit a contact in a modal; problem+json field errors show under their inputs.
import { Button, Group, Modal, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactInput } from '../../../shared/contacts.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, fieldErrors, formError } from '../../lib/api.ts';
import { RecordPicker } from '../crm/RecordPicker.tsx';

const FIELDS = ['firstName', 'lastName', 'emails', 'phone', 'title', 'accountId'] as const;

type Values = { firstName: string; lastName: string; emails: string[]; phone: string; title: string; accountId: string };

function valuesOf(c?: Contact, accountId?: string): Values {
  return {
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    emails: c?.emails ?? [],
    phone: c?.phone ?? '',
    title: c?.title ?? '',
    accountId: c?.accountId ?? accountId ?? '',
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
  };
}

export function ContactFormModal({
  opened,
  onClose,
  contact,
  account,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: Contact;
  account?: { id: string; name: string };
  onSubmit: (input: ContactInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({ initialValues: valuesOf(contact, account?.id), validate: { lastName: isNotEmpty(t('common.required')) } });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the record changes
  useEffect(() => {
    if (opened) {
      form.setValues(valuesOf(contact, account?.id));
      form.resetDirty();
      form.clearErrors();
    }
  }, [opened, contact, account?.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new error only
  useEffect(() => {
    if (error) form.setErrors(fieldErrors(error, FIELDS, form.getValues()));
  }, [error]);

  const generalError = formError(error, fieldErrors(error, FIELDS)) ?? (error && !(error instanceof ApiError) ? t('errors.generic') : null);
  const initialAccount = contact ? contact.account : account;

  return (
    <Modal opened={opened} onClose={onClose} title={contact ? t('crm.contacts.editTitle') : t('crm.contacts.createTitle')} size="lg">
      <form onSubmit={form.onSubmit((values) => onSubmit(toInput(values)))} noValidate data-testid="contact-form">
        <Stack gap="md">
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
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
          <RecordPicker
            key={`${opened}-${initialAccount?.id ?? ''}`}
            path="/api/v1/accounts"
            label={t('crm.contacts.account')}
            placeholder={t('crm.opportunities.accountPlaceholder')}
            clearable
            initial={initialAccount ?? null}
            value={form.getValues().accountId || null}
            onChange={(id) => form.setFieldValue('accountId', id ?? '')}
            error={form.errors.accountId}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="contact-submit">
              {contact ? t('common.saveChanges') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
