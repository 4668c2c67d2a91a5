// Settings → General: workspace name, time zone and default language.
import { Alert, Button, Card, Code, Group, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/states.tsx';
import { ApiError, fieldErrors } from '../../lib/api.ts';
import type { Locale, Workspace } from '../../lib/api-types.ts';
import { useMe } from '../../lib/session.ts';
import { useUpdateWorkspace, useWorkspace } from './settings-queries.ts';
import { timeZoneOptions } from './time-zones.ts';

const FIELDS = ['name', 'timeZone', 'locale'] as const;

export function GeneralTab() {
  const workspace = useWorkspace();
  if (workspace.isPending) return <Skeleton h={320} radius="md" />;
  if (workspace.isError) return <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />;
  return <GeneralForm workspace={workspace.data} />;
}

function GeneralForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const me = useMe();
  const update = useUpdateWorkspace();
  const canEdit = me.permissions.manageWorkspace;
  const form = useForm({
    initialValues: { name: workspace.name, timeZone: workspace.timeZone, locale: workspace.locale as Locale },
    validate: { name: isNotEmpty(t('common.required')) },
  });
  const zones = useMemo(() => timeZoneOptions(workspace.timeZone), [workspace.timeZone]);
  const portalUrl = `${window.location.origin}/p/${workspace.slug}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-seed only when the server copy changes
  useEffect(() => {
    form.setInitialValues({ name: workspace.name, timeZone: workspace.timeZone, locale: workspace.locale });
    form.setValues({ name: workspace.name, timeZone: workspace.timeZone, locale: workspace.locale });
  }, [workspace]);

  const generalError = update.error instanceof ApiError && Object.keys(fieldErrors(update.error, FIELDS)).length === 0 ? update.error.detail : null;

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
          <div>
            <Title order={4}>{t('settings.general.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('settings.general.text')}
            </Text>
          </div>
          {!canEdit && (
            <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
              {t('settings.readOnly')}
            </Alert>
          )}
          {generalError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
              {generalError}
            </Alert>
          )}
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
          {canEdit && (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()} data-testid="general-save">
                {t('common.saveChanges')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
