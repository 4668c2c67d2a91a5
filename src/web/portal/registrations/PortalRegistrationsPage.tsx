// /p/:slug/registrations: "My registrations" — the partner's registrations with number, company,
// type, motion, status, submitted date and what comes next (decision due, protection countdown,
// appeal window); status, type and motion filters and the search kept in the URL. A partner without
// registrations is invited to register the first one.
import { Card, Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClipboardCheck, IconPlus } from '@tabler/icons-react';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MOTIONS } from '../../../shared/opportunities.ts';
import { REGISTRATION_STATUSES } from '../../../shared/registrations.ts';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { SearchBox, TableSkeleton } from '../../manager/crm/list.tsx';
import { type RegistrationFilters, useMyRegistrations } from './registration-queries.ts';
import { NextStep, RegistrationStatusBadge } from './registration-status.tsx';

/** "Open" in the status filter: both statuses still waiting for a decision. */
const OPEN = 'submitted,in_review';
const STATUS_CHOICES = [OPEN, ...REGISTRATION_STATUSES.filter((s) => s !== 'submitted' && s !== 'in_review')];

/** validateSearch of the list route: the filters the server accepts. */
export function registrationSearch(search: Record<string, unknown>): RegistrationFilters {
  const status = typeof search.status === 'string' && STATUS_CHOICES.includes(search.status) ? search.status : undefined;
  return {
    status,
    motion: typeof search.motion === 'string' && (MOTIONS as readonly string[]).includes(search.motion) ? search.motion : undefined,
    q: typeof search.q === 'string' && search.q.trim() ? search.q : undefined,
    type: search.type === 'deal' || search.type === 'lead' ? search.type : undefined,
  };
}

export function PortalRegistrationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const filters = useSearch({ strict: false }) as RegistrationFilters;
  const query = useMyRegistrations(filters);
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const [q, setQ] = useState(filters.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  const go = (next: RegistrationFilters, replace = false) =>
    void navigate({ to: '/p/$slug/registrations', params: { slug }, search: registrationSearch(next as Record<string, unknown>), replace });
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the typed text only
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== filters.q) go({ ...filters, q: next }, true);
  }, [debouncedQ]);

  const filtered = Boolean(filters.q || filters.status || filters.motion || filters.type);
  const clear = () => {
    setQ('');
    go({});
  };
  const registerButton = (
    <ButtonLink to="/p/$slug/registrations/new" params={{ slug }} leftSection={<IconPlus size={16} />} data-testid="reg-new">
      {t('portalRegistrations.list.register')}
    </ButtonLink>
  );

  let body: ReactNode;
  if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.isPending) body = <TableSkeleton columns={6} />;
  else if (rows.length === 0 && filtered)
    body = <NoMatchBlock title={t('portalRegistrations.list.noMatchTitle')} text={t('portalRegistrations.list.noMatchText')} onClear={clear} />;
  else if (rows.length === 0)
    body = (
      <EmptyBlock
        icon={<IconClipboardCheck size={28} />}
        title={t('portalRegistrations.list.emptyTitle')}
        text={t('portalRegistrations.list.emptyText')}
        action={
          <Group gap="sm" justify="center">
            {registerButton}
            <ButtonLink to="/p/$slug/rules" params={{ slug }} variant="default">
              {t('portalRegistrations.list.readPolicy')}
            </ButtonLink>
          </Group>
        }
      />
    );
  else
    body = (
      <PagedTableCard query={query} count={rows.length} minWidth={1040}>
        <Table highlightOnHover verticalSpacing="sm" data-testid="reg-table">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th pl="lg" w={120}>
                {t('portalRegistrations.fields.number')}
              </Table.Th>
              <Table.Th>{t('portalRegistrations.fields.companyName')}</Table.Th>
              <Table.Th w={90}>{t('portalRegistrations.fields.type')}</Table.Th>
              <Table.Th w={120}>{t('portalRegistrations.fields.motion')}</Table.Th>
              <Table.Th w={140} style={{ minWidth: 140 }}>
                {t('portalRegistrations.fields.status')}
              </Table.Th>
              <Table.Th w={130}>{t('portalRegistrations.fields.submittedAt')}</Table.Th>
              <Table.Th pr="lg" w={200} style={{ whiteSpace: 'nowrap' }}>
                {t('portalRegistrations.list.next')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr
                key={r.id}
                style={{ cursor: 'pointer' }}
                onClick={() => void navigate({ to: '/p/$slug/registrations/$registrationId', params: { slug, registrationId: r.id } })}
                data-testid="reg-row"
                data-number={r.number}
              >
                <Table.Td pl="lg">
                  <AnchorLink
                    to="/p/$slug/registrations/$registrationId"
                    params={{ slug, registrationId: r.id }}
                    fw={600}
                    ff="monospace"
                    size="sm"
                    onClick={(e) => e.stopPropagation()}
                    data-testid="reg-link"
                  >
                    {r.number ?? t('portalRegistrations.list.open')}
                  </AnchorLink>
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" fw={600} truncate="end">
                    {r.company?.name ?? '—'}
                  </Text>
                  {(r.contact?.name || r.company?.domain) && (
                    <Text size="xs" c="dimmed" truncate="end">
                      {[r.company?.domain, r.contact?.name].filter(Boolean).join(' · ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.type ? t(`portalRegistrations.types.${r.type}`) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.motion ? t(`crm.opportunities.motions.${r.motion}`) : '—'}</Text>
                </Table.Td>
                <Table.Td>{r.status && <RegistrationStatusBadge status={r.status} size="sm" />}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.date(r.submittedAt)}
                  </Text>
                </Table.Td>
                <Table.Td pr="lg">
                  <NextStep r={r} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </PagedTableCard>
    );

  return (
    <>
      <PageHeader title={t('portalRegistrations.list.title')} subtitle={t('portalRegistrations.list.subtitle')} actions={registerButton} />
      {(rows.length > 0 || filtered) && (
        <Card p="md" mb="md">
          <Group gap="sm" wrap="wrap" align="flex-end">
            <SearchBox value={q} onChange={setQ} placeholder={t('portalRegistrations.list.searchPlaceholder')} testId="reg-search" />
            <Select
              aria-label={t('portalRegistrations.list.statusFilter')}
              placeholder={t('portalRegistrations.list.anyStatus')}
              data={STATUS_CHOICES.map((s) => ({
                value: s,
                label: s === OPEN ? t('portalRegistrations.list.openStatus') : t(`portalRegistrations.status.${s as 'approved'}`),
              }))}
              value={filters.status ?? null}
              onChange={(v) => go({ ...filters, status: v ?? undefined })}
              clearable
              w={{ base: '100%', xs: 190 }}
              data-testid="reg-status-filter"
            />
            <Select
              aria-label={t('portalRegistrations.list.motionFilter')}
              placeholder={t('portalRegistrations.list.anyMotion')}
              data={MOTIONS.map((m) => ({ value: m, label: t(`crm.opportunities.motions.${m}`) }))}
              value={filters.motion ?? null}
              onChange={(v) => go({ ...filters, motion: v ?? undefined })}
              clearable
              w={{ base: '100%', xs: 210 }}
            />
            <SegmentedControl
              aria-label={t('portalRegistrations.list.typeFilter')}
              data={[
                { value: 'all', label: t('portalRegistrations.list.allTypes') },
                { value: 'deal', label: t('portalRegistrations.types.deals') },
                { value: 'lead', label: t('portalRegistrations.types.leads') },
              ]}
              value={filters.type ?? 'all'}
              onChange={(v) => go({ ...filters, type: v === 'all' ? undefined : (v as 'deal' | 'lead') })}
              data-testid="reg-type-filter"
            />
            {filtered && <ClearFiltersButton onClick={clear} />}
          </Group>
        </Card>
      )}
      <Stack gap="md">{body}</Stack>
    </>
  );
}
