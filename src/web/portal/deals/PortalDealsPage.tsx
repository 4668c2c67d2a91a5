// /p/:slug/deals: the partner's pipeline — search, stage and motion filters and sort kept in the
// URL, cursor paging, the CSV export of the same filters; a column only for fields the partner's
// safelist shows. A new partner without deals is told what to do.
import { Button, Card, Group, MultiSelect, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBriefcase, IconDownload, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MOTIONS, STAGES } from '../../../shared/opportunities.ts';
import type { PartnerDeal } from '../../../shared/portal.ts';
import { ClearFiltersButton, NoMatchBlock } from '../../components/filters.tsx';
import { PagedTableCard } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { SearchBox, TableSkeleton } from '../../manager/crm/list.tsx';
import { type DealFilters, dealExportUrl, usePortalDeals } from '../portal-queries.ts';
import { type DetailField, has, useDealFieldValue } from './deal-fields.tsx';
import { ProtectionBadge } from './ProtectionBadge.tsx';

const SORTS = ['closeDate', 'updatedAt', 'name'] as const;
/** The fields a sort needs to be visible (the server refuses a sort on a hidden field). */
const SORT_NEEDS: Record<(typeof SORTS)[number], keyof PartnerDeal> = { closeDate: 'closeMonth', updatedAt: 'updatedAt', name: 'name' };
const COLUMNS = ['stage', 'nextStep', 'ownerName', 'closeMonth', 'amount', 'protection', 'lastActivityAt'] as const satisfies readonly DetailField[];

const WIDTHS: Partial<Record<DetailField, number>> = { stage: 160, nextStep: 200, protection: 150, closeMonth: 130 };

const oneOf = <T extends string>(v: unknown, all: readonly T[]) => (all.includes(v as T) ? (v as T) : undefined);
const list = (v: unknown, all: readonly string[]) => {
  if (typeof v !== 'string') return undefined;
  const kept = v.split(',').filter((x) => all.includes(x));
  return kept.length ? kept.join(',') : undefined;
};

/** validateSearch of the deals route: the filters and sort the server accepts. */
export function dealSearch(search: Record<string, unknown>): DealFilters {
  return {
    q: typeof search.q === 'string' && search.q.trim() ? search.q : undefined,
    stage: list(search.stage, STAGES),
    motion: list(search.motion, MOTIONS),
    sort: oneOf(search.sort, SORTS),
    order: oneOf(search.order, ['asc', 'desc'] as const),
  };
}

/** The fields the partner has been shown in this list; kept while a filter finds nothing. */
function useSeenFields(rows: PartnerDeal[]) {
  const seen = useRef(new Set<string>());
  for (const row of rows) for (const key of Object.keys(row)) seen.current.add(key);
  return seen.current;
}

export function PortalDealsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const filters = useSearch({ strict: false }) as DealFilters;
  const query = usePortalDeals(filters);
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const seen = useSeenFields(rows);
  const value = useDealFieldValue();
  const [q, setQ] = useState(filters.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  const go = (next: DealFilters, replace = false) =>
    void navigate({ to: '/p/$slug/deals', params: { slug }, search: dealSearch(next as Record<string, unknown>), replace });
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the typed text only
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== filters.q) go({ ...filters, q: next }, true);
  }, [debouncedQ]);

  const filtered = Boolean(filters.q || filters.stage || filters.motion);
  const clear = () => {
    setQ('');
    go({ sort: filters.sort, order: filters.order });
  };
  const order = filters.order ?? 'asc';
  const sorts = SORTS.filter((s) => seen.has(SORT_NEEDS[s]));
  const columns = COLUMNS.filter((key) => rows.some((r) => has(r, key)));
  const label = (key: string) => t(`portalPages.fields.${key as DetailField}`);

  const exportButton = (
    <Tooltip label={t('portalPages.deals.exportHint')}>
      <Button
        component="a"
        href={dealExportUrl(filters)}
        download
        variant="default"
        leftSection={<IconDownload size={16} />}
        data-testid="portal-deals-export"
      >
        {t('portalPages.deals.exportCsv')}
      </Button>
    </Tooltip>
  );

  let body: ReactNode;
  if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.isPending) body = <TableSkeleton columns={6} />;
  else if (rows.length === 0 && filtered)
    body = <NoMatchBlock title={t('portalPages.deals.noMatchTitle')} text={t('portalPages.deals.noMatchText')} onClear={clear} />;
  else if (rows.length === 0)
    body = (
      <EmptyBlock
        icon={<IconBriefcase size={28} />}
        title={t('portalPages.deals.emptyTitle')}
        text={t('portalPages.deals.emptyText')}
        action={
          <ButtonLink to="/p/$slug/rules" params={{ slug }} variant="default">
            {t('portalPages.deals.emptyRules')}
          </ButtonLink>
        }
      />
    );
  else
    body = (
      <PagedTableCard query={query} count={rows.length} minWidth={720 + columns.length * 60}>
        <Table highlightOnHover data-testid="portal-deals-table" verticalSpacing="sm">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th pl="lg">{label('name')}</Table.Th>
              {columns.map((key, i) => (
                <Table.Th
                  key={key}
                  pr={i === columns.length - 1 ? 'lg' : undefined}
                  ta={key === 'amount' ? 'right' : undefined}
                  w={WIDTHS[key]}
                  style={{ whiteSpace: 'nowrap', minWidth: WIDTHS[key] }}
                >
                  {label(key)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((deal) => (
              <Table.Tr
                key={deal.id}
                style={{ cursor: 'pointer' }}
                onClick={() => void navigate({ to: '/p/$slug/deals/$dealId', params: { slug, dealId: deal.id } })}
                data-testid="portal-deal-row"
                data-id={deal.id}
              >
                <Table.Td pl="lg" maw={320}>
                  <AnchorLink
                    to="/p/$slug/deals/$dealId"
                    params={{ slug, dealId: deal.id }}
                    fw={600}
                    c="dark"
                    onClick={(e) => e.stopPropagation()}
                    data-testid="portal-deal-link"
                  >
                    {deal.name ?? deal.accountName ?? t('portalPages.deals.open')}
                  </AnchorLink>
                  {deal.name && deal.accountName && (
                    <Text size="xs" c="dimmed" truncate="end">
                      {deal.accountName}
                    </Text>
                  )}
                </Table.Td>
                {columns.map((key, i) => (
                  <Table.Td
                    key={key}
                    pr={i === columns.length - 1 ? 'lg' : undefined}
                    ta={key === 'amount' ? 'right' : undefined}
                    maw={key === 'nextStep' ? 260 : undefined}
                    style={key === 'nextStep' ? undefined : { whiteSpace: 'nowrap' }}
                  >
                    {key === 'protection' && deal.protection ? (
                      <ProtectionBadge protection={deal.protection} />
                    ) : (
                      <Text size="sm" component="div" lineClamp={key === 'nextStep' ? 2 : undefined}>
                        {value(deal, key) ?? (
                          <Text span c="dimmed" size="sm">
                            —
                          </Text>
                        )}
                      </Text>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </PagedTableCard>
    );

  return (
    <>
      <PageHeader
        title={t('portalPages.deals.title')}
        subtitle={t('portalPages.deals.subtitle')}
        actions={rows.length > 0 || filtered ? exportButton : null}
      />
      {(rows.length > 0 || filtered) && (
        <Card p="md" mb="md">
          <Group gap="sm" wrap="wrap" align="flex-end">
            {(seen.has('name') || filters.q) && (
              <SearchBox value={q} onChange={setQ} placeholder={t('portalPages.deals.searchPlaceholder')} testId="portal-deals-search" />
            )}
            {(seen.has('stage') || filters.stage) && (
              <MultiSelect
                aria-label={t('portalPages.deals.stageFilter')}
                placeholder={filters.stage ? undefined : t('portalPages.deals.anyStage')}
                data={STAGES.map((s) => ({ value: s, label: t(`crm.opportunities.stages.${s}`) }))}
                value={filters.stage?.split(',') ?? []}
                onChange={(v) => go({ ...filters, stage: v.join(',') || undefined })}
                clearable
                w={{ base: '100%', xs: 240 }}
                data-testid="portal-deals-stage"
              />
            )}
            {(seen.has('motion') || filters.motion) && (
              <Select
                aria-label={t('portalPages.deals.motionFilter')}
                placeholder={t('portalPages.deals.anyMotion')}
                data={MOTIONS.map((m) => ({ value: m, label: t(`crm.opportunities.motions.${m}`) }))}
                value={filters.motion ?? null}
                onChange={(v) => go({ ...filters, motion: v ?? undefined })}
                clearable
                w={{ base: '100%', xs: 170 }}
              />
            )}
            {sorts.length > 0 && (
              <Group gap={4} wrap="nowrap">
                <Select
                  aria-label={t('portalPages.deals.sort')}
                  data={sorts.map((s) => ({
                    value: s,
                    label: t(`portalPages.deals.sort${s[0].toUpperCase()}${s.slice(1)}` as 'portalPages.deals.sortName'),
                  }))}
                  value={filters.sort ?? (sorts.includes('closeDate') ? 'closeDate' : null)}
                  onChange={(v) => go({ ...filters, sort: (v as DealFilters['sort']) ?? undefined })}
                  allowDeselect={false}
                  w={{ base: '100%', xs: 160 }}
                  data-testid="portal-deals-sort"
                />
                <Button
                  variant="default"
                  px="sm"
                  aria-label={order === 'asc' ? t('portalPages.deals.ascending') : t('portalPages.deals.descending')}
                  title={order === 'asc' ? t('portalPages.deals.ascending') : t('portalPages.deals.descending')}
                  onClick={() => go({ ...filters, order: order === 'asc' ? 'desc' : undefined })}
                >
                  {order === 'asc' ? <IconSortAscending size={18} /> : <IconSortDescending size={18} />}
                </Button>
              </Group>
            )}
            {filtered && <ClearFiltersButton onClick={clear} />}
          </Group>
        </Card>
      )}
      <Stack gap="md">{body}</Stack>
    </>
  );
}
