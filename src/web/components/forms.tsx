// Pieces every form of the app uses: the error and notice alerts, and the save bar of a settings form.
import { Alert, type AlertProps, Button, Group } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Why a submission failed, above the form's inputs. */
export function ErrorAlert(props: AlertProps) {
  return <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} {...props} />;
}

/** A quiet notice: read-only settings, who is signed in. */
export function InfoAlert(props: AlertProps) {
  return <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} {...props} />;
}

/** Cancel (back to the saved values) and save; both wait until something changed. */
export function SaveBar({ form, saving, testId }: { form: { isDirty: () => boolean; reset: () => void }; saving: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={saving} disabled={!form.isDirty()} data-testid={testId}>
        {t('common.saveChanges')}
      </Button>
    </Group>
  );
}
