// Create or edit a partner in a modal; field errors from the server show under their inputs.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CERTIFICATION_STATUSES, LIFECYCLE_STATES, PARTNER_TYPES } from '../../../shared/partners.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, fieldErrors, formError } from '../../lib/api.ts';
import type { Partner, PartnerInput } from '../../lib/api-types.ts';

const FIELDS = ['name', 'type', 'tier', 'region', 'domains', 'lifecycleState', 'certificationStatus', 'isEstablished'] as const;

type Values = {
  name: string;
  type: string;
  tier: string;
  region: string;
  domains: string[];
  lifecycleState: string;
  certificationStatus: string;
  isEstablished: boolean;
};

function valuesOf(partner?: Partner): Values {
  return {
    name: partner?.name ?? '',
    type: partner?.type ?? '',
    tier: partner?.tier ?? '',
    region: partner?.region ?? '',
    domains: partner?.domains ?? [],
    lifecycleState: partner?.lifecycleState ?? 'applied',
    certificationStatus: partner?.certificationStatus ?? 'none',
    isEstablished: partner?.isEstablished ?? false,
  };
}

/** The request body: empty optional fields become null; create sends only what it asks for. */
function toInput(values: Values, editing: boolean): PartnerInput {
  const base = {
    name: values.name.trim(),
    type: values.type as PartnerInput['type'],
    tier: values.tier.trim() || null,
    region: values.region.trim() || null,
    domains: values.domains,
  };
  if (!editing) return base;
  return {
    ...base,
    lifecycleState: values.lifecycleState as PartnerInput['lifecycleState'],
    certificationStatus: values.certificationStatus as PartnerInput['certificationStatus'],
    isEstablished: values.isEstablished,
  };
}

export function PartnerFormModal({
  opened,
  onClose,
  partner,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  partner?: Partner;
  onSubmit: (input: PartnerInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const editing = Boolean(partner);
  const form = useForm<Values>({
    initialValues: valuesOf(partner),
    validate: { name: isNotEmpty(t('partners.name')), type: isNotEmpty(t('partners.type')) },
  });

  // Fresh values each time the modal opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the partner changes
  useEffect(() => {
    if (opened) {
      form.setValues(valuesOf(partner));
      form.resetDirty();
      form.clearErrors();
    }
  }, [opened, partner]);

  // Server-side field errors land under their inputs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new error only
  useEffect(() => {
    if (error) form.setErrors(fieldErrors(error, FIELDS, form.getValues()));
  }, [error]);

  const generalError = formError(error, fieldErrors(error, FIELDS)) ?? (error && !(error instanceof ApiError) ? t('errors.generic') : null);

  const typeOptions = PARTNER_TYPES.map((value) => ({ value, label: t(`partners.types.${value}`) }));

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? t('partners.editTitle') : t('partners.createTitle')} size="lg">
      <form onSubmit={form.onSubmit((values) => onSubmit(toInput(values, editing)))} noValidate data-testid="partner-form">
        <Stack gap="md">
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          <TextInput label={t('partners.name')} placeholder={t('partners.namePlaceholder')} required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('partners.type')}
              data={typeOptions}
              required
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('type')}
            />
            <TextInput
              label={t('partners.tier')}
              placeholder={t('partners.tierPlaceholder')}
              description={t('partners.tierHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('tier')}
            />
          </SimpleGrid>
          <TextInput label={t('partners.region')} placeholder={t('partners.regionPlaceholder')} {...form.getInputProps('region')} />
          <TagsInput
            label={t('partners.domains')}
            placeholder={t('partners.domainsPlaceholder')}
            description={t('partners.domainsHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            splitChars={[',', ' ', ';']}
            clearable
            {...form.getInputProps('domains')}
          />
          {editing && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Select
                label={t('partners.lifecycle')}
                data={LIFECYCLE_STATES.map((value) => ({ value, label: t(`partners.lifecycleStates.${value}`) }))}
                allowDeselect={false}
                {...form.getInputProps('lifecycleState')}
              />
              <Select
                label={t('partners.certification')}
                data={CERTIFICATION_STATUSES.map((value) => ({ value, label: t(`partners.certificationStatuses.${value}`) }))}
                allowDeselect={false}
                {...form.getInputProps('certificationStatus')}
              />
            </SimpleGrid>
          )}
          {editing && <Switch label={t('partners.established')} {...form.getInputProps('isEstablished', { type: 'checkbox' })} />}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="partner-submit">
              {editing ? t('common.saveChanges') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
