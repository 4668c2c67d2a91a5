// Settings → General: workspace name, time zone and default language.
import { Card, Code, Select, Stack, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CardTitle } from '../../components/CardHeader.tsx';
import { ErrorAlert, InfoAlert, SaveBar } from '../../components/forms.tsx';
import { fieldErrors, formError } from '../../lib/api.ts';
import type { Workspace } from '../../lib/api-types.ts';
import { timeZoneOptions } from './time-zones.ts';
import { useWorkspaceForm, WorkspaceLoader } from './workspace-form.tsx';

const FIELDS = ['name', 'timeZone', 'locale'] as const;

const valuesOf = (workspace: Workspace) => ({ name: workspace.name, timeZone: workspace.timeZone, locale: workspace.locale });

export function GeneralTab() {
  return <WorkspaceLoader height={320}>{(workspace) => <GeneralForm workspace={workspace} />}</WorkspaceLoader>;
}

function GeneralForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const { form, update, canEdit } = useWorkspaceForm(workspace, valuesOf, { name: isNotEmpty(t('common.required')) });
  const zones = useMemo(() => timeZoneOptions(workspace.timeZone), [workspace.timeZone]);
  const portalUrl = `${window.location.origin}/p/${workspace.slug}`;

  const generalError = formError(update.error, fieldErrors(update.error, FIELDS));

  return (
    <Card maw={720}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { name: values.name.trim(), timeZone: values.timeZone, locale: values.locale },
            {
              onSuccess: () => notifications.show({ color: 'green', message: t('settings.general.saved') }),
              onError: (error) => form.setErrors(fieldErrors(error, FIELDS)),
            },
          ),
        )}
      >
        <Stack gap="lg">
          <CardTitle title={t('settings.general.title')} text={t('settings.general.text')} />
          {!canEdit && <InfoAlert>{t('settings.readOnly')}</InfoAlert>}
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          <TextInput label={t('settings.general.name')} required disabled={!canEdit} {...form.getInputProps('name')} />
          <TextInput
            label={t('settings.general.slug')}
            value={workspace.slug}
            readOnly
            variant="filled"
            description={
              <>
                {t('settings.general.slugHint')} <Code>{portalUrl}</Code>
              </>
            }
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
          <Select
            label={t('settings.general.timeZone')}
            description={t('settings.general.timeZoneHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            data={zones}
            searchable
            allowDeselect={false}
            disabled={!canEdit}
            maxDropdownHeight={280}
            {...form.getInputProps('timeZone')}
          />
          <Select
            label={t('settings.general.locale')}
            description={t('settings.general.localeHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            data={[
              { value: 'en', label: t('language.en') },
              { value: 'de', label: t('language.de') },
            ]}
            allowDeselect={false}
            disabled={!canEdit}
            {...form.getInputProps('locale')}
          />
          {canEdit && <SaveBar form={form} saving={update.isPending} testId="general-save" />}
        </Stack>
      </form>
    </Card>
  );
}
