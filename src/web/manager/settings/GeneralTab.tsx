// Settings → General: workspace name, time zone, default language and the portal's own host name.
import { Alert, Card, Code, Select, Stack, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconWorld } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CardTitle } from '../../components/CardHeader.tsx';
import { ErrorAlert, InfoAlert, SaveBar } from '../../components/forms.tsx';
import { fieldErrors, formError } from '../../lib/api.ts';
import type { Workspace } from '../../lib/api-types.ts';
import { timeZoneOptions } from './time-zones.ts';
import { useWorkspaceForm, WorkspaceLoader } from './workspace-form.tsx';

const FIELDS = ['name', 'timeZone', 'locale', 'customHost'] as const;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

const valuesOf = (workspace: Workspace) => ({
  name: workspace.name,
  timeZone: workspace.timeZone,
  locale: workspace.locale,
  customHost: workspace.customHost ?? '',
});

export function GeneralTab() {
  return <WorkspaceLoader height={320}>{(workspace) => <GeneralForm workspace={workspace} />}</WorkspaceLoader>;
}

function GeneralForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const { form, update, canEdit } = useWorkspaceForm(workspace, valuesOf, {
    name: isNotEmpty(t('common.required')),
    customHost: (v) => (v.trim() && !HOST.test(v.trim().toLowerCase()) ? t('sharing.settings.customHostInvalid') : null),
  });
  const zones = useMemo(() => timeZoneOptions(workspace.timeZone), [workspace.timeZone]);
  const portalUrl = `${window.location.origin}/p/${workspace.slug}`;

  const generalError = formError(update.error, fieldErrors(update.error, FIELDS));

  return (
    <Card maw={720}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            {
              name: values.name.trim(),
              timeZone: values.timeZone,
              locale: values.locale,
              customHost: values.customHost.trim().toLowerCase() || null,
            },
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
          <TextInput
            label={t('sharing.settings.customHost')}
            description={t('sharing.settings.customHostHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            placeholder="partners.example.com"
            disabled={!canEdit}
            data-testid="general-custom-host"
            {...form.getInputProps('customHost')}
          />
          <Alert variant="light" color="blue" icon={<IconWorld size={18} />} data-testid="general-custom-host-dns">
            {t(/^[\d.]+$|:/.test(window.location.hostname) ? 'sharing.settings.customHostDnsIp' : 'sharing.settings.customHostDns', {
              host: window.location.hostname,
            })}
          </Alert>
          {canEdit && <SaveBar form={form} saving={update.isPending} testId="general-save" />}
        </Stack>
      </form>
    </Card>
  );
}
