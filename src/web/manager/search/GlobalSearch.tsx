// Global search of the staff app: a header button and Ctrl/Cmd+K open a dialog that asks
// GET /api/v1/search as you type; arrow keys pick a result, Enter opens it.
import { Badge, Button, Group, Kbd, Loader, Modal, ScrollArea, Stack, Text, TextInput, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys, useOs } from '@mantine/hooks';
import { IconAddressBook, IconBriefcase, IconBuildingSkyscraper, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResult, SearchType } from '../../../shared/search.ts';
import { ErrorState } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';

const ICONS = { account: IconBuildingSkyscraper, contact: IconAddressBook, opportunity: IconBriefcase } as const;

export function GlobalSearch() {
  const { t } = useTranslation();
  const os = useOs();
  const mac = os === 'macos' || os === 'ios';
  const [opened, { open, close }] = useDisclosure(false);
  useHotkeys([['mod+K', () => (opened ? close() : open())]], []);

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconSearch size={16} />}
        rightSection={
          <Kbd size="xs" visibleFrom="md">
            {mac ? '⌘ K' : t('crm.search.shortcut')}
          </Kbd>
        }
        onClick={open}
        c="dimmed"
        fw={400}
        w={{ base: 'auto', md: 280 }}
        justify="space-between"
        data-testid="global-search"
      >
        {t('crm.search.button')}
      </Button>
      {/* The compound form, so that the dialog element itself carries the label. */}
      <Modal.Root opened={opened} onClose={close} size="lg" padding={0} yOffset="10vh">
        <Modal.Overlay backgroundOpacity={0.45} blur={2} />
        <Modal.Content aria-label={t('crm.search.button')}>
          <Modal.Body p={0}>{opened && <SearchPanel onClose={close} />}</Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}

function SearchPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const [active, setActive] = useState(0);
  const enabled = debounced.length >= 2;
  const results = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => api<{ data: SearchResult[] }>('/api/v1/search', { query: { q: debounced, limit: 15 }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const rows = enabled ? (results.data?.data ?? []) : [];

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result list starts at its top
  useEffect(() => setActive(0), [results.data]);

  const go = (r: SearchResult) => {
    onClose();
    if (r.type === 'account') void navigate({ to: '/app/accounts/$accountId', params: { accountId: r.id } });
    else if (r.type === 'contact') void navigate({ to: '/app/contacts/$contactId', params: { contactId: r.id } });
    else void navigate({ to: '/app/opportunities/$opportunityId', params: { opportunityId: r.id } });
  };

  return (
    <Stack gap={0}>
      <TextInput
        size="lg"
        variant="unstyled"
        px="md"
        placeholder={t('crm.search.placeholder')}
        leftSection={results.isFetching ? <Loader size="xs" /> : <IconSearch size={20} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(i + 1, rows.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter' && rows[active]) {
            e.preventDefault();
            go(rows[active]);
          }
        }}
        data-autofocus
        aria-label={t('crm.search.placeholder')}
        data-testid="global-search-input"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      />
      <ScrollArea.Autosize mah="55vh" type="auto">
        <Stack gap={2} p="xs" role="listbox" data-testid="global-search-results">
          {!enabled ? (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              {t('crm.search.hint')}
            </Text>
          ) : results.isError ? (
            <ErrorState compact error={results.error} onRetry={() => void results.refetch()} />
          ) : rows.length === 0 && !results.isFetching ? (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              {t('crm.search.noResults', { q: debounced })}
            </Text>
          ) : (
            rows.map((r, i) => {
              const Icon = ICONS[r.type as SearchType];
              return (
                <UnstyledButton
                  key={`${r.type}-${r.id}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => go(r)}
                  px="sm"
                  py={8}
                  style={{ borderRadius: 'var(--mantine-radius-md)', background: i === active ? 'var(--mantine-primary-color-light)' : undefined }}
                  data-testid="global-search-result"
                >
                  <Group wrap="nowrap" gap="sm">
                    <ThemeIcon variant="light" size={32} radius="md" color="gray">
                      <Icon size={18} />
                    </ThemeIcon>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate="end">
                        {r.title}
                      </Text>
                      {r.subtitle && (
                        <Text size="xs" c="dimmed" truncate="end">
                          {r.subtitle}
                        </Text>
                      )}
                    </div>
                    <Badge size="xs" variant="light" color="gray">
                      {t(`crm.search.types.${r.type}`)}
                    </Badge>
                  </Group>
                </UnstyledButton>
              );
            })
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}
