// /p/:slug/leads: the leads the partner brought, with a status filter; a column only for the
// fields the partner's safelist shows.
import { Badge, Card, Group, Select, Table, Text } from '@mantine/core';
import { IconUserSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerLead } from '../../shared/portal.ts';
import { NoMatchBlock } from '../components/filters.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyBlock, ErrorState } from '../components/states.tsx';
import { useFormat } from '../lib/format.ts';
import { TableSkeleton } from '../manager/crm/list.tsx';
import { usePortalLeads } from './portal-queries.ts';

const STATUSES = ['new', 'working', 'qualified', 'disqualified', 'converted'] as const;
const STATUS_COLORS: Record<string, string> = { new: 'blue', working: 'yellow', qualified: 'teal', disqualified: 'gray', converted: 'green' };
const COLUMNS = ['company', 'title', 'email', 'phone', 'status', 'ownerName', 'createdAt'] as const;
type Column = (typeof COLUMNS)[number];

export function PortalLeadsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const leads = usePortalLeads(status ?? undefined);
  const rows = leads.data?.data ?? [];
  const columns = COLUMNS.filter((c) => rows.some((r) => Object.hasOwn(r, c)));
  const named = rows.some((r) => r.firstName !== undefined || r.lastName !== undefined);
  const label = (c: Column) => t(`portalPages.leads.${c === 'title' ? 'titleField' : c}`);
  const cell = (lead: PartnerLead, c: Column) => {
    const v = lead[c];
    if (!v)
      return (
        <Text span c="dimmed">
          —
        </Text>
      );
    if (c === 'status')
      return (
        <Badge variant="light" color={STATUS_COLORS[v] ?? 'gray'} tt="none" radius="sm">
          {t(`crm.leads.statuses.${v as 'new'}`, { defaultValue: v })}
        </Badge>
      );
    if (c === 'createdAt') return format.date(v);
    return v;
  };

  return (
    <>
      <PageHeader title={t('portalPages.leads.title')} subtitle={t('portalPages.leads.subtitle')} />
      {(rows.length > 0 || status) && (
        <Card p="md" mb="md">
          <Group>
            <Select
              aria-label={t('portalPages.leads.status')}
              placeholder={t('portalPages.leads.anyStatus')}
              data={STATUSES.map((s) => ({ value: s, label: t(`crm.leads.statuses.${s}`) }))}
              value={status}
              onChange={setStatus}
              clearable
              w={{ base: '100%', xs: 200 }}
            />
          </Group>
        </Card>
      )}
      {leads.isError ? (
        <ErrorState error={leads.error} onRetry={() => void leads.refetch()} />
      ) : leads.isPending ? (
        <TableSkeleton columns={5} />
      ) : rows.length === 0 ? (
        status ? (
          <NoMatchBlock title={t('portalPages.leads.noMatchTitle')} text={t('portalPages.leads.noMatchText')} onClear={() => setStatus(null)} />
        ) : (
          <EmptyBlock icon={<IconUserSearch size={28} />} title={t('portalPages.leads.emptyTitle')} text={t('portalPages.leads.emptyText')} />
        )
      ) : (
        <Card p={0} style={{ opacity: leads.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="portal-leads-table" verticalSpacing="sm">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  {named && <Table.Th pl="lg">{t('portalPages.leads.name')}</Table.Th>}
                  {columns.map((c) => (
                    <Table.Th key={c}>{label(c)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((lead) => (
                  <Table.Tr key={lead.id}>
                    {named && (
                      <Table.Td pl="lg">
                        <Text size="sm" fw={600}>
                          {[lead.firstName, lead.lastName].filter(Boolean).join(' ')}
                        </Text>
                      </Table.Td>
                    )}
                    {columns.map((c) => (
                      <Table.Td key={c} style={{ whiteSpace: c === 'company' || c === 'title' ? undefined : 'nowrap' }}>
                        <Text size="sm" component="div">
                          {cell(lead, c)}
                        </Text>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}
