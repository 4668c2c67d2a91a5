// Invite a person by name, email and role: a team member into the workspace, a partner user into a partner.
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldErrors, formError } from '../lib/api.ts';
import type { PartnerUserRole, StaffRole } from '../lib/api-types.ts';
import { ErrorAlert } from './forms.tsx';

const FIELDS = ['email', 'name', 'role'] as const;

export type Invitation<R> = { email: string; name: string; role: R };

/** Where the modal's words are: each group has inviteTitle, inviteText, name, email, role, send and invited. */
export type InviteTexts = 'settings.users' | 'partners.users' | 'portalPages.team';

export function InvitePersonModal<R extends StaffRole | PartnerUserRole>({
  opened,
  onClose,
  invite,
  roles,
  defaultRole,
  texts,
}: {
  opened: boolean;
  onClose: () => void;
  /** Sends the invitation; its error's field messages show under the inputs. */
  invite: UseMutationResult<{ email: string }, Error, Invitation<R>>;
  roles: readonly R[];
  defaultRole: R;
  texts: InviteTexts;
}) {
  const { t } = useTranslation();
  const form = useForm<Invitation<R>>({
    initialValues: { email: '', name: '', role: defaultRole },
    validate: { email: isEmail(t('auth.invalidEmail')), name: isNotEmpty(t('common.required')) },
  });
  const close = () => {
    onClose();
    invite.reset();
    form.reset();
  };
  const generalError = formError(invite.error, fieldErrors(invite.error, FIELDS));

  return (
    <Modal opened={opened} onClose={close} title={t(`${texts}.inviteTitle`)}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          invite.mutate(
            { ...values, email: values.email.trim(), name: values.name.trim() },
            {
              onSuccess: (person) => {
                notifications.show({ color: 'green', message: t(`${texts}.invited`, { email: person.email }) });
                close();
              },
              onError: (error) => form.setErrors(fieldErrors(error, FIELDS)),
            },
          ),
        )}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t(`${texts}.inviteText`)}
          </Text>
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          <TextInput label={t(`${texts}.name`)} required data-autofocus {...form.getInputProps('name')} data-testid="invite-name" />
          <TextInput
            label={t(`${texts}.email`)}
            placeholder={t('auth.emailPlaceholder')}
            type="email"
            required
            {...form.getInputProps('email')}
            data-testid="invite-email"
          />
          <Select
            label={t(`${texts}.role`)}
            data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
            data-testid="invite-role"
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending} leftSection={<IconUserPlus size={16} />} data-testid="invite-submit">
              {t(`${texts}.send`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
