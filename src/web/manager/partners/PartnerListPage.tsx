// /app/partners: the partner table with search, type and lifecycle filters and "load more".
import { Button, Card, Group, Select, Skeleton, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconHeartHandshake, IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STATES, PARTNER_TYPES } from '../../../shared/partners.ts';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useMe } from '../../lib/session.ts';
import { LifecycleBadge, PartnerTypeBadge } from './PartnerBadges.tsx';
import { PartnerFormModal } from './PartnerFormModal.tsx';
import { useCreatePartner, usePartnerList } from './partner-queries.ts';

export function PartnerListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate({ from: '/app/partners' });
  const search = useSearch({ from: '/app/partners' });
  const [q, setQ] = useState(search.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [creating, create] = useDisclosure(false);
  const createPartner = useCreatePartner();

  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (prev) => ({ ...prev, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);

  const filters = { q: search.q, type: search.type, lifecycleState: search.lifecycleState };
  const list = usePartnerList(filters);
  const partners = list.data?.pages.flatMap((p) => p.data) ?? [];
  const canCreate = list.data?.pages[0]?.permissions?.create ?? me.permissions.managePartners;
  const filtered = Boolean(search.q || search.type || search.lifecycleState);

  const clearFilters = () => {
    setQ('');
    void navigate({ search: {} });
  };

  const newButton = canCreate ? (
    <Button leftSection={<IconPlus size={18} />} onClick={create.open} data-testid="partner-new">
      {t('partners.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('partners.title')} subtitle={t('partners.subtitle')} actions={newButton} />

      <Card p="md" mb="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <TextInput
            aria-label={t('common.search')}
            placeholder={t('partners.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
            data-testid="partner-search"
          />
          <Select
            aria-label={t('partners.typeFilter')}
            placeholder={t('partners.anyType')}
            data={PARTNER_TYPES.map((value) => ({ value, label: t(`partners.types.${value}`) }))}
            value={search.type ?? null}
            onChange={(value) => void navigate({ search: (prev) => ({ ...prev, type: value ?? undefined }) })}
            clearable
            w={{ base: '100%', xs: 190 }}
          />
          <Select
            aria-label={t('partners.lifecycleFilter')}
            placeholder={t('partners.anyLifecycle')}
            data={LIFECYCLE_STATES.map((value) => ({ value, label: t(`partners.lifecycleStates.${value}`) }))}
            value={search.lifecycleState ?? null}
            onChange={(value) => void navigate({ search: (prev) => ({ ...prev, lifecycleState: value ?? undefined }) })}
            clearable
            w={{ base: '100%', xs: 190 }}
          />
          {filtered && <ClearFiltersButton onClick={clearFilters} />}
        </Group>
      </Card>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <PartnerTableSkeleton />
      ) : partners.length === 0 ? (
        filtered ? (
          <NoMatchBlock title={t('partners.noMatchTitle')} text={t('partners.noMatchText')} onClear={clearFilters} />
        ) : (
          <EmptyBlock icon={<IconHeartHandshake size={28} />} title={t('partners.emptyTitle')} text={t('partners.emptyText')} action={newButton} />
        )
      ) : (
        <PagedTableCard query={list} count={partners.length} minWidth={720} style={{ transition: 'opacity 120ms' }}>
          <Table data-testid="partner-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('partners.name')}</Table.Th>
                <Table.Th>{t('partners.type')}</Table.Th>
                <Table.Th>{t('partners.tier')}</Table.Th>
                <Table.Th>{t('partners.region')}</Table.Th>
                <Table.Th pr="lg">{t('partners.lifecycle')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.map((partner) => (
                <Table.Tr
                  key={partner.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate({ to: '/app/partners/$partnerId', params: { partnerId: partner.id } })}
                >
                  <Table.Td pl="lg">
                    <AnchorLink
                      to="/app/partners/$partnerId"
                      params={{ partnerId: partner.id }}
                      fw={600}
                      c="dark"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {partner.name}
                    </AnchorLink>
                    {partner.domains.length > 0 && (
                      <Text size="xs" c="dimmed" truncate="end" maw={320}>
                        {partner.domains.join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <PartnerTypeBadge type={partner.type} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" tt="capitalize">
                      {partner.tier ?? t('common.none')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{partner.region ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td pr="lg">
                    <LifecycleBadge state={partner.lifecycleState} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PagedTableCard>
      )}

      <PartnerFormModal
        opened={creating}
        onClose={() => {
          create.close();
          createPartner.reset();
        }}
        pending={createPartner.isPending}
        error={createPartner.error}
        onSubmit={(input) =>
          createPartner.mutate(input, {
            onSuccess: (partner) => {
              create.close();
              createPartner.reset();
              notifications.show({ color: 'green', message: t('partners.created', { name: partner.name }) });
              void navigate({ to: '/app/partners/$partnerId', params: { partnerId: partner.id } });
            },
          })
        }
      />
    </>
  );
}

function PartnerTableSkeleton() {
  return (
    <Card p="lg">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
        <Group key={i} gap="xl" py={10} wrap="nowrap">
          <Skeleton h={14} w="28%" />
          <Skeleton h={14} w="12%" />
          <Skeleton h={14} w="10%" />
          <Skeleton h={14} w="12%" />
          <Skeleton h={14} w="10%" />
        </Group>
      ))}
    </Card>
  );
}
