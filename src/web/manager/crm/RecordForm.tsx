// What every CRM record form modal shares: the form reset to the record's values whenever it
// opens, the server's field errors (problem+json) under their inputs and the rest above the form,
// and the modal with its Cancel and submit buttons.
import { Button, Group, Modal, Stack } from '@mantine/core';
import { type FormValidateInput, useForm } from '@mantine/form';
import { type FormEvent, type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, fieldErrors, formError } from '../../lib/api.ts';
import type { FormModalProps } from './modal.ts';

/**
 * A Mantine form for a record modal. `values()` gives the values to start from; they are applied
 * again when the modal opens or any of `resetOn` changes. The modal's `error` (`mapError` may
 * rename its fields to the form's) shows under the inputs named in `fields`. Returns the form and
 * the props of its RecordFormModal (`frame`), whose submit sends `toInput(values)`.
 */
export function useRecordForm<V extends Record<string, unknown>, I>({
  modal,
  values,
  toInput,
  validate,
  fields,
  resetOn = [],
  mapError = (e) => e,
}: {
  modal: FormModalProps<I>;
  values: () => V;
  toInput: (values: V) => I;
  validate?: FormValidateInput<V>;
  fields: readonly string[];
  resetOn?: unknown[];
  mapError?: (error: unknown) => unknown;
}) {
  const { t } = useTranslation();
  const { opened, error } = modal;
  const form = useForm<V>({ initialValues: values(), validate });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the record changes
  useEffect(() => {
    if (opened) {
      form.setValues(values());
      form.resetDirty();
      form.clearErrors();
    }
  }, [opened, ...resetOn]);

  const mapped = mapError(error);
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new error only
  useEffect(() => {
    if (error) form.setErrors(fieldErrors(mapped, fields, form.getValues()));
  }, [error]);

  const generalError = formError(mapped, fieldErrors(mapped, fields)) ?? (error && !(error instanceof ApiError) ? t('errors.generic') : null);
  const frame = {
    opened,
    onClose: modal.onClose,
    pending: modal.pending,
    generalError,
    onSubmit: form.onSubmit((v) => modal.onSubmit(toInput(v))),
  };
  return { form, frame };
}

/** The modal of a record form: title, the error above the inputs, the inputs, Cancel and submit (`<testId>-submit`). */
export function RecordFormModal({
  opened,
  onClose,
  title,
  onSubmit,
  testId,
  pending,
  editing,
  generalError,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  testId: string;
  pending: boolean;
  /** Whether the form edits a record (Save changes) or creates one (Create). */
  editing: boolean;
  generalError: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form onSubmit={onSubmit} noValidate data-testid={`${testId}-form`}>
        <Stack gap="md">
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          {children}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid={`${testId}-submit`}>
              {editing ? t('common.saveChanges') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
