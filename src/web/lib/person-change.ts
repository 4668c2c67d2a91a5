// The change of a partner user's role or status, with the notification that says what happened.
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartnerUserRole } from './api-types.ts';
import { useNotifyError } from './notify.ts';

type Patch = { role?: PartnerUserRole; status?: 'active' | 'deactivated' };

/** Turns an update mutation into PartnerPeopleTable's `onChange`: saves, notifies, resolves true on success. */
export function usePersonChange<V extends { id: string } & Patch>(update: UseMutationResult<unknown, Error, V>) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  return (person: { id: string; name: string }, patch: Patch): Promise<boolean> =>
    update.mutateAsync({ id: person.id, ...patch } as V).then(
      () => {
        const message = patch.role
          ? t('portalPages.people.roleChanged', { name: person.name, role: t(`roles.${patch.role}`) })
          : t(patch.status === 'active' ? 'portalPages.people.reactivated' : 'portalPages.people.deactivated', { name: person.name });
        notifications.show({ color: 'green', message });
        return true;
      },
      (error: unknown) => {
        notifyError(error);
        return false;
      },
    );
}
