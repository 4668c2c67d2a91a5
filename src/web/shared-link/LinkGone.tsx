// What the recipient sees when the link expired, was withdrawn or never existed — the same words
// as the server's own page, and nothing of what was behind it.
import { EmptyState } from '@mantine/core';
import { IconClockOff, IconLinkOff, IconMapSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { GoneReason } from './shared-queries.ts';

const ICONS = { expired: IconClockOff, revoked: IconLinkOff, missing: IconMapSearch };

/** The message for one reason. */
export function LinkGone({ reason }: { reason: GoneReason }) {
  const { t } = useTranslation();
  const Icon = ICONS[reason];
  return (
    <EmptyState
      py={56}
      variant="light"
      color="gray"
      icon={<Icon size={30} />}
      title={t(`sharing.gone.${reason}Title`)}
      description={t(`sharing.gone.${reason}Text`)}
      data-testid="shared-gone"
      data-reason={reason}
    />
  );
}
