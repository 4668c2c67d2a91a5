// /app/contacts/:id: one contact's details, edit, delete/restore, and the timeline.
import { Anchor, Stack } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactPatch } from '../../../shared/contacts.ts';
import { AnchorLink } from '../../components/links.tsx';
import { useFormat } from '../../lib/format.ts';
import { useEditModal } from '../crm/modal.ts';
import { useStaffNames } from '../crm/OwnerSelect.tsx';
import { CrmRecordPage, Detail, DetailsCard, RecordLayout } from '../crm/RecordLayout.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';

export function ContactShowPage() {
  const { contactId } = useParams({ from: '/app/contacts/$contactId' });
  return (
    <CrmRecordPage<Contact> entity="contacts" id={contactId}>
      {(c) => <ContactView c={c} />}
    </CrmRecordPage>
  );
}

function ContactView({ c }: { c: Contact }) {
  const { t } = useTranslation();
  const format = useFormat();
  const owners = useStaffNames();
  const editing = useEditModal<Contact, ContactPatch>('contacts', c.id);
  return (
    <>
      <RecordLayout
        entity="contacts"
        testId="contact"
        record={c}
        subtitle={[c.title, c.account?.name].filter(Boolean).join(' · ') || undefined}
        onEdit={editing.open}
        side={
          <DetailsCard>
            <Detail label={t('crm.contacts.emails')}>
              {c.emails.length ? (
                <Stack gap={2}>
                  {c.emails.map((e) => (
                    <Anchor key={e} href={`mailto:${e}`} size="sm">
                      {e}
                    </Anchor>
                  ))}
                </Stack>
              ) : null}
            </Detail>
            <Detail label={t('crm.contacts.phone')}>{c.phone}</Detail>
            <Detail label={t('crm.contacts.jobTitle')}>{c.title}</Detail>
            <Detail label={t('crm.contacts.account')}>
              {c.account ? (
                <AnchorLink to="/app/accounts/$accountId" params={{ accountId: c.account.id }} size="sm">
                  {c.account.name}
                </AnchorLink>
              ) : null}
            </Detail>
            <Detail label={t('crm.common.owner')}>{c.ownerUserId ? (owners.get(c.ownerUserId) ?? null) : null}</Detail>
            <Detail label={t('crm.common.createdAt')}>{format.dateTime(c.createdAt)}</Detail>
            <Detail label={t('crm.common.updatedAt')}>{format.dateTime(c.updatedAt)}</Detail>
          </DetailsCard>
        }
      />
      <ContactFormModal contact={c} {...editing.props} />
    </>
  );
}
