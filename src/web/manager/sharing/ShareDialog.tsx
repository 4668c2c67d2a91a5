// The dialog that creates a share link: recipient, expiry, code, allowed actions, whose safelist
// applies and whether to email it; afterwards the link, once, to copy.
import { Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHARE_ACTIONS, type ShareAction, type ShareLinkInput } from '../../../shared/share-links.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { fieldErrors, formError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { defaultDealPartner, type PartnerSource, SharePartnerField } from './SharePartnerField.tsx';
import { ShareResult } from './ShareResult.tsx';
import { type ShareEntityType, type ShareLinkCreated, useCreateShareLink } from './share-queries.ts';

const PRESETS = ['24', '72', '168', '336', '720'] as const;
const DEFAULT_HOURS = '168';
const FIELDS = ['recipientEmail', 'recipientName', 'customHours', 'allowedActions', 'partnerId', 'requireCode', 'notify'] as const;

/** The actions a recipient may be given on a record of this type (the server allows comments and tasks on deals only). */
export function actionsFor(entityType: ShareEntityType): readonly ShareAction[] {
  return entityType === 'opportunity' ? SHARE_ACTIONS : ['acknowledge'];
}

type Values = {
  recipientEmail: string;
  recipientName: string;
  preset: string;
  customHours: number | string;
  requireCode: boolean;
  allowedActions: string[];
  partnerId: string | null;
  notify: boolean;
};

/** Maps the server's `expiresInHours` error onto the hours input (the presets turn into "custom"). */
function serverErrors(error: unknown, values: Values) {
  const byField = fieldErrors(error, [...FIELDS, 'expiresInHours'], values as never);
  const { expiresInHours, ...rest } = byField;
  return expiresInHours ? { ...rest, customHours: expiresInHours } : rest;
}

/** The share dialog for one record (`entityId`) or a partner's filtered deals (`view`). */
export function ShareDialog({
  opened,
  onClose,
  entityType,
  entityId,
  view,
  partners,
  summary,
  after,
}: {
  opened: boolean;
  onClose: () => void;
  entityType: ShareEntityType;
  entityId?: string;
  view?: ShareLinkInput['view'];
  partners: PartnerSource;
  /** What is shared, above the form (the filters of a list). */
  summary?: ReactNode;
  /** Below the form: the links made before (of lists, which have no record page). */
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<{ link: ShareLinkCreated; emailed: boolean } | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  const title = created
    ? t('sharing.result.title')
    : entityType === 'opportunity_list'
      ? t('sharing.dialog.titleList')
      : t('sharing.dialog.title', { what: t(`sharing.dialog.what.${entityType}`) });
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" data-testid="share-dialog">
      {created ? (
        <ShareResult link={created.link} emailed={created.emailed} onDone={close} />
      ) : (
        <>
          <ShareForm
            entityType={entityType}
            entityId={entityId}
            view={view}
            partners={partners}
            summary={summary}
            onCreated={(link, emailed) => setCreated({ link, emailed })}
            onCancel={close}
          />
          {after}
        </>
      )}
    </Modal>
  );
}

function ShareForm({
  entityType,
  entityId,
  view,
  partners,
  summary,
  onCreated,
  onCancel,
}: {
  entityType: ShareEntityType;
  entityId?: string;
  view?: ShareLinkInput['view'];
  partners: PartnerSource;
  summary?: ReactNode;
  onCreated: (link: ShareLinkCreated, emailed: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const create = useCreateShareLink();
  const initialPartner = partners.kind === 'deal' ? defaultDealPartner(partners.partners) : (partners.initialId ?? null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      recipientEmail: '',
      recipientName: '',
      preset: DEFAULT_HOURS,
      customHours: 168,
      requireCode: false,
      allowedActions: [],
      partnerId: initialPartner,
      notify: true,
    },
    validate: {
      recipientEmail: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('sharing.dialog.invalidEmail')),
      partnerId: (v) => (partners.kind === 'any' && partners.required && !v ? t('sharing.dialog.partnerRequired') : null),
    },
  });
  const values = form.getValues();
  const hours = values.preset === 'custom' ? Number(values.customHours) || 0 : Number(values.preset);
  const until = hours > 0 ? new Date(Date.now() + hours * 3_600_000) : null;
  const placed = serverErrors(create.error, values);
  const general = formError(create.error, placed);

  const submit = form.onSubmit((v) =>
    create.mutate(
      {
        entityType,
        ...(entityId ? { entityId } : {}),
        ...(view ? { view } : {}),
        ...(v.partnerId ? { partnerId: v.partnerId } : {}),
        recipientEmail: v.recipientEmail.trim(),
        ...(v.recipientName.trim() ? { recipientName: v.recipientName.trim() } : {}),
        expiresInHours: hours,
        requireCode: v.requireCode,
        allowedActions: v.allowedActions as ShareAction[],
        notify: v.notify,
      },
      {
        onSuccess: (link) => onCreated(link, v.notify),
        onError: (error) => {
          const errors = serverErrors(error, v);
          if (errors.customHours && v.preset !== 'custom') form.setValues({ preset: 'custom', customHours: hours });
          form.setErrors(errors);
        },
      },
    ),
  );

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {summary}
        {general && <ErrorAlert>{general}</ErrorAlert>}
        <Group grow align="flex-start">
          <TextInput
            label={t('sharing.dialog.recipientEmail')}
            type="email"
            required
            data-autofocus
            data-testid="share-email"
            {...form.getInputProps('recipientEmail')}
          />
          <TextInput
            label={t('sharing.dialog.recipientName')}
            description={t('sharing.dialog.recipientNameHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            maxLength={200}
            data-testid="share-name"
            {...form.getInputProps('recipientName')}
          />
        </Group>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('sharing.dialog.expiry')}
          </Text>
          <SegmentedControl
            fullWidth
            data={[...PRESETS, 'custom'].map((value) => ({
              value,
              label: t(`sharing.dialog.presets.${value === 'custom' ? 'custom' : `h${value}`}` as never),
            }))}
            {...form.getInputProps('preset')}
            data-testid="share-expiry"
          />
          {values.preset === 'custom' && (
            <NumberInput
              label={t('sharing.dialog.hours')}
              description={t('sharing.dialog.hoursHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              data-testid="share-hours"
              {...form.getInputProps('customHours')}
            />
          )}
          {until && (
            <Text size="xs" c="dimmed" data-testid="share-until">
              {t('sharing.dialog.expiresOn', { date: format.dateTime(until) })}
            </Text>
          )}
        </Stack>
        <Checkbox.Group label={t('sharing.dialog.allowed')} {...form.getInputProps('allowedActions')} data-testid="share-actions">
          <Stack gap={8} mt={6}>
            {actionsFor(entityType).map((action) => (
              <Checkbox
                key={action}
                value={action}
                label={t(`sharing.actions.${action}`)}
                description={t(`sharing.actionHints.${action}`)}
                data-testid={`share-action-${action}`}
              />
            ))}
            {values.allowedActions.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('sharing.dialog.readOnly')}
              </Text>
            )}
          </Stack>
        </Checkbox.Group>
        <SharePartnerField
          source={partners}
          value={values.partnerId}
          onChange={(id) => form.setFieldValue('partnerId', id)}
          error={form.errors.partnerId as string | undefined}
        />
        <Switch
          label={t('sharing.dialog.requireCode')}
          description={t('sharing.dialog.requireCodeHint')}
          data-testid="share-require-code"
          {...form.getInputProps('requireCode', { type: 'checkbox' })}
        />
        <Switch
          label={t('sharing.dialog.notify')}
          description={t('sharing.dialog.notifyHint')}
          data-testid="share-notify"
          {...form.getInputProps('notify', { type: 'checkbox' })}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="share-submit">
            {t('sharing.dialog.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
