// The wiring between a record form modal and the mutation it submits: open, close (forgetting the
// last error), pending, the server's error, and what happens after a success.
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type CrmEntity, useUpdateRecord } from './crm-queries.ts';

/** What every CRM form modal takes besides its record. */
export type FormModalProps<I> = { opened: boolean; onClose: () => void; onSubmit: (input: I) => void; pending: boolean; error: unknown };

/** Props for a form modal that submits `mutation`; `onDone` runs after a success, once the modal is closed. */
export function useFormModal<R, I>(mutation: UseMutationResult<R, unknown, I, unknown>, onDone: (result: R) => void) {
  const [opened, { open, close }] = useDisclosure(false);
  const onClose = () => {
    close();
    mutation.reset();
  };
  const props: FormModalProps<I> = {
    opened,
    onClose,
    pending: mutation.isPending,
    error: mutation.error,
    onSubmit: (input) =>
      mutation.mutate(input, {
        onSuccess: (result) => {
          onClose();
          onDone(result);
        },
      }),
  };
  return { open, props };
}

/** The edit modal of a record page: PATCHes the record and says "Changes saved". */
export function useEditModal<T, P>(entity: CrmEntity, id: string) {
  const { t } = useTranslation();
  const update = useUpdateRecord<T, P>(entity, id);
  return useFormModal(update, () => notifications.show({ color: 'green', message: t('crm.common.saved') }));
}
