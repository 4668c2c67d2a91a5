// /app/contacts: contacts with search, email and owner filters, sort, deleted ones, saved views,
// CSV export and import, and "load more" (the page itself is CrmListPage).
import { TextInput } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactInput } from '../../../shared/contacts.ts';
import { useFormat } from '../../lib/format.ts';
import { CellText, CrmListPage, SubLine } from '../crm/CrmListPage.tsx';
import { filterSearch } from '../crm/list.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';

export const contactSearch = filterSearch(['q', 'accountId', 'partnerId', 'email', 'ownerUserId', 'deleted', 'sort']);

export function ContactListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <CrmListPage<Contact, ContactInput>
      entity="contacts"
      testId="contact"
      icon={<IconAddressBook size={28} />}
      csv
      route={(c) => ({ to: '/app/contacts/$contactId', params: { contactId: c.id } })}
      subtitle={(c) => c.title && <SubLine>{c.title}</SubLine>}
      minWidth={760}
      filters={({ filters, set }) => (
        <TextInput
          key={`email-${filters.email ?? ''}`}
          aria-label={t('crm.contacts.emailFilter')}
          placeholder={t('crm.contacts.emailFilter')}
          defaultValue={filters.email ?? ''}
          onBlur={(e) => set('email', e.currentTarget.value.trim() || undefined)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set('email', e.currentTarget.value.trim() || undefined);
          }}
          w={{ base: '100%', xs: 220 }}
        />
      )}
      sort={{
        default: 'name',
        options: [
          { value: 'name', label: t('crm.contacts.sortName') },
          { value: 'createdAt', label: t('crm.contacts.sortCreated') },
        ],
      }}
      columns={[
        { key: 'emails', label: t('crm.contacts.emails'), cell: (c) => <CellText maw={260}>{c.emails.join(', ')}</CellText> },
        { key: 'account', label: t('crm.contacts.account'), cell: (c) => <CellText>{c.account?.name}</CellText> },
        { key: 'phone', label: t('crm.contacts.phone'), cell: (c) => <CellText>{c.phone}</CellText> },
        { key: 'created', label: t('crm.common.createdAt'), nowrap: true, cell: (c) => <CellText dimmed>{format.date(c.createdAt)}</CellText> },
      ]}
      createModal={(props) => <ContactFormModal {...props} />}
    />
  );
}
