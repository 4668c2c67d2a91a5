// The dialog every decision on a registration opens: one mutation, the server's refusal shown
// above the buttons, the mutation reset on close.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../shared/registrations.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { errorMessage } from '../../lib/api.ts';

/** A dialog that submits one mutation: the server's refusal above the buttons, the mutation reset on close. */
export function ActionModal<I>({
  title,
  text,
  mutation,
  onClose,
  confirm,
  color,
  testId,
  submit,
  children,
}: {
  title: string;
  text?: ReactNode;
  mutation: UseMutationResult<Registration, unknown, I, unknown>;
  onClose: () => void;
  confirm: string;
  color?: string;
  testId?: string;
  /** The input, or null when the form says what is missing. */
  submit: () => I | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal opened onClose={close} title={title} size="lg" closeButtonProps={{ 'aria-label': t('registrations.actions.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const input = submit();
          if (input !== null) mutation.mutate(input, { onSuccess: close });
        }}
      >
        <Stack gap="md">
          {text && (
            <Text size="sm" c="dimmed">
              {text}
            </Text>
          )}
          {children}
          {mutation.error != null && (
            <ErrorAlert title={t('registrations.actions.refused')} data-testid="registration-action-error">
              {errorMessage(mutation.error, t('errors.generic'))}
            </ErrorAlert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-testid="registration-action-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={mutation.isPending} data-testid={testId}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
