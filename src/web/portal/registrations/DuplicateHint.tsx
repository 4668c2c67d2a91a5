// The live duplicate hint of the register form (REG-3): ~400 ms after typing stops, the company,
// domain and contact email are checked. A partner only ever learns "no conflict found" or "possible
// conflict, a partner manager will review" — never who or what matched.
import { Alert, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartnerDuplicateCheck } from '../../../shared/duplicates.ts';
import type { HintInput } from './registration-form.ts';

export type DuplicateCheckFn = (body: HintInput, signal?: AbortSignal) => Promise<PartnerDuplicateCheck>;

/** The debounced check of the typed company (`scope` separates the portal's and a link's checks). */
export function useDuplicateHint(scope: string, input: HintInput | null, check: DuplicateCheckFn) {
  const [debounced] = useDebouncedValue(input, 400);
  const query = useQuery({
    queryKey: ['duplicate-hint', scope, debounced],
    queryFn: ({ signal }) => check(debounced as HintInput, signal),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const typing = JSON.stringify(input) !== JSON.stringify(debounced);
  return { result: input && debounced ? query.data : undefined, checking: input !== null && (typing || query.isFetching) };
}

/** The hint under the company fields: quiet while nothing is typed, calm when a conflict is possible. */
export function DuplicateHint({ result, checking }: { result?: PartnerDuplicateCheck; checking: boolean }) {
  const { t } = useTranslation();
  if (result?.verdict === 'possible_conflict') {
    return (
      <Alert
        variant="light"
        color="yellow"
        icon={<IconInfoCircle size={18} />}
        title={t('portalRegistrations.hint.conflictTitle')}
        data-testid="duplicate-hint"
        data-verdict="possible_conflict"
        role="status"
      >
        {t('portalRegistrations.hint.conflictText')}
      </Alert>
    );
  }
  return (
    <Group
      gap={6}
      mih={22}
      role="status"
      aria-live="polite"
      data-testid="duplicate-hint"
      data-verdict={checking ? 'checking' : (result?.verdict ?? 'none')}
    >
      {checking ? (
        <>
          <Loader size={14} />
          <Text size="xs" c="dimmed">
            {t('portalRegistrations.hint.checking')}
          </Text>
        </>
      ) : result?.verdict === 'no_match' ? (
        <>
          <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden />
          <Text size="xs" c="dimmed">
            {t('portalRegistrations.hint.noMatch')}
          </Text>
        </>
      ) : (
        <Text size="xs" c="dimmed">
          {t('portalRegistrations.hint.idle')}
        </Text>
      )}
    </Group>
  );
}
