// /app/leads: leads with search, status and owner filters, sort, deleted ones, saved views and
// "load more" (the page itself is CrmListPage).
import { MultiSelect } from '@mantine/core';
import { IconUserSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LEAD_STATUSES, type Lead, type LeadInput } from '../../../shared/leads.ts';
import { useFormat } from '../../lib/format.ts';
import { CellText, CrmListPage, SubLine } from '../crm/CrmListPage.tsx';
import { filterSearch } from '../crm/list.tsx';
import { LeadFormModal } from './LeadFormModal.tsx';
import { LeadStatusBadge } from './LeadStatusBadge.tsx';

export const leadSearch = filterSearch(['q', 'status', 'ownerUserId', 'partnerId', 'deleted', 'sort']);

export function LeadListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <CrmListPage<Lead, LeadInput>
      entity="leads"
      testId="lead"
      icon={<IconUserSearch size={28} />}
      route={(l) => ({ to: '/app/leads/$leadId', params: { leadId: l.id } })}
      subtitle={(l) => l.title && <SubLine>{l.title}</SubLine>}
      minWidth={760}
      filters={({ filters, set }) => (
        <MultiSelect
          aria-label={t('crm.leads.status')}
          placeholder={filters.status ? undefined : t('crm.leads.anyStatus')}
          data={LEAD_STATUSES.map((value) => ({ value, label: t(`crm.leads.statuses.${value}`) }))}
          value={filters.status ? filters.status.split(',') : []}
          onChange={(v) => set('status', v.join(',') || undefined)}
          clearable
          w={{ base: '100%', xs: 240 }}
        />
      )}
      sort={{
        default: 'createdAt',
        options: [
          { value: 'createdAt', label: t('crm.leads.sortCreated') },
          { value: 'company', label: t('crm.leads.sortCompany') },
        ],
      }}
      columns={[
        {
          key: 'company',
          label: t('crm.leads.company'),
          cell: (l) => (
            <>
              <CellText>{l.company}</CellText>
              {l.companyDomain && <SubLine>{l.companyDomain}</SubLine>}
            </>
          ),
        },
        { key: 'status', label: t('crm.leads.status'), nowrap: true, cell: (l) => <LeadStatusBadge status={l.status} /> },
        { key: 'email', label: t('crm.leads.email'), cell: (l) => <CellText>{l.email}</CellText> },
        { key: 'created', label: t('crm.common.createdAt'), nowrap: true, cell: (l) => <CellText dimmed>{format.date(l.createdAt)}</CellText> },
      ]}
      createModal={(props) => <LeadFormModal {...props} />}
    />
  );
}
