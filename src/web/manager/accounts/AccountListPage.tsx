// /app/accounts: accounts with search, status/country/owner filters, sort, deleted ones, saved
// views, CSV export and import, and "load more" (the page itself is CrmListPage).
import { Badge, Select, TextInput } from '@mantine/core';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Account, type AccountInput, CUSTOMER_STATUSES } from '../../../shared/accounts.ts';
import { useFormat } from '../../lib/format.ts';
import { CellText, CrmListPage, SubLine } from '../crm/CrmListPage.tsx';
import { filterSearch } from '../crm/list.tsx';
import { useStaffNames } from '../crm/OwnerSelect.tsx';
import { AccountFormModal } from './AccountFormModal.tsx';

export const accountSearch = filterSearch(['q', 'domain', 'customerStatus', 'country', 'segment', 'ownerUserId', 'deleted', 'sort']);

export function CustomerStatusBadge({ status }: { status: Account['customerStatus'] }) {
  const { t } = useTranslation();
  const color = status === 'customer' ? 'teal' : status === 'former' ? 'gray' : 'blue';
  return (
    <Badge variant="light" color={color} radius="sm">
      {t(`crm.accounts.statuses.${status}`)}
    </Badge>
  );
}

export function AccountListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const owners = useStaffNames();
  return (
    <CrmListPage<Account, AccountInput>
      entity="accounts"
      testId="account"
      icon={<IconBuildingSkyscraper size={28} />}
      csv
      route={(a) => ({ to: '/app/accounts/$accountId', params: { accountId: a.id } })}
      subtitle={(a) => a.domains.length > 0 && <SubLine maw={320}>{a.domains.join(', ')}</SubLine>}
      minWidth={760}
      filters={({ filters, set }) => (
        <>
          <Select
            aria-label={t('crm.accounts.customerStatus')}
            placeholder={t('crm.accounts.anyStatus')}
            data={CUSTOMER_STATUSES.map((value) => ({ value, label: t(`crm.accounts.statuses.${value}`) }))}
            value={filters.customerStatus ?? null}
            onChange={(v) => set('customerStatus', v)}
            clearable
            w={{ base: '100%', xs: 170 }}
          />
          <TextInput
            aria-label={t('crm.accounts.country')}
            placeholder={t('crm.accounts.countryFilter')}
            onChange={(e) => {
              const v = e.currentTarget.value.toUpperCase();
              if (v.length === 0 || v.length === 2) set('country', v || undefined);
            }}
            maxLength={2}
            w={{ base: '100%', xs: 130 }}
            key={`country-${filters.country ?? ''}`}
            defaultValue={filters.country ?? ''}
          />
        </>
      )}
      sort={{
        default: 'name',
        options: [
          { value: 'name', label: t('crm.accounts.sortName') },
          { value: 'createdAt', label: t('crm.accounts.sortCreated') },
        ],
      }}
      columns={[
        { key: 'status', label: t('crm.accounts.customerStatus'), nowrap: true, cell: (a) => <CustomerStatusBadge status={a.customerStatus} /> },
        { key: 'country', label: t('crm.accounts.country'), cell: (a) => <CellText>{a.country}</CellText> },
        { key: 'segment', label: t('crm.accounts.segment'), nowrap: true, cell: (a) => <CellText>{a.segment}</CellText> },
        { key: 'owner', label: t('crm.common.owner'), nowrap: true, cell: (a) => <CellText>{a.ownerUserId && owners.get(a.ownerUserId)}</CellText> },
        { key: 'created', label: t('crm.common.createdAt'), nowrap: true, cell: (a) => <CellText dimmed>{format.date(a.createdAt)}</CellText> },
      ]}
      createModal={(props) => <AccountFormModal {...props} />}
    />
  );
}
