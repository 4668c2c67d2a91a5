// The notification after an action that failed.
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api.ts';

/** Shows a red notification saying why an action failed: the server's explanation, in the UI's language where known. */
export function useNotifyError(): (error: unknown) => void {
  const { t } = useTranslation();
  return (error) => notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t('errors.generic')) });
}
