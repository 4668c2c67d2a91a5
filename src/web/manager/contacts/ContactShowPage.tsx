// /app/contacts/:id: one contact's details, edit, delete/restore, and the timeline.
import { Anchor, Button, Card, DataList, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactPatch } from '../../../shared/contacts.ts';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../lib/format.ts';
import { useCrmRecord, useUpdateRecord } from '../crm/crm-queries.ts';
import { useStaffNames } from '../crm/list.tsx';
import { BackLink, DeleteButton, DeletedBanner, RecordState } from '../crm/record.tsx';
import { TimelineCard } from '../crm/Timeline.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';

export function ContactShowPage() {
  const { t } = useTranslation();
  const { contactId } = useParams({ from: '/app/contacts/$contactId' });
  const contact = useCrmRecord<Contact>('contacts', contactId);
  const back = <BackLink to="/app/contacts" label={t('crm.contacts.title')} />;
  const state = RecordState({ query: contact, back, list: '/app/contacts' });
  if (state || !contact.data) return state;
  return <ContactView c={contact.data} back={back} />;
}

function ContactView({ c, back }: { c: Contact; back: React.ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const owners = useStaffNames();
  const [editing, edit] = useDisclosure(false);
  const update = useUpdateRecord<Contact, ContactPatch>('contacts', c.id);
  const deleted = Boolean(c.deletedAt);
  const none = <Text c="dimmed">{t('common.none')}</Text>;
  const item = (label: string, value: React.ReactNode) => (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value ?? none}</DataList.ItemValue>
    </DataList.Item>
  );

  return (
    <>
      <PageHeader
        above={back}
        title={<span data-testid="contact-title">{c.name}</span>}
        subtitle={[c.title, c.account?.name].filter(Boolean).join(' · ') || undefined}
        actions={
          !deleted && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={edit.open} data-testid="contact-edit">
                {t('common.edit')}
              </Button>
              <DeleteButton entity="contacts" id={c.id} name={c.name} list="/app/contacts" />
            </>
          )
        }
      />
      {c.deletedAt && <DeletedBanner entity="contacts" id={c.id} name={c.name} deletedAt={c.deletedAt} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card>
            <Title order={4} mb="md">
              {t('crm.common.details')}
            </Title>
            <DataList withDivider labelWidth={150} gap="sm">
              {item(
                t('crm.contacts.emails'),
                c.emails.length ? (
                  <Stack gap={2}>
                    {c.emails.map((e) => (
                      <Anchor key={e} href={`mailto:${e}`} size="sm">
                        {e}
                      </Anchor>
                    ))}
                  </Stack>
                ) : null,
              )}
              {item(t('crm.contacts.phone'), c.phone)}
              {item(t('crm.contacts.jobTitle'), c.title)}
              {item(
                t('crm.contacts.account'),
                c.account ? (
                  <AnchorLink to="/app/accounts/$accountId" params={{ accountId: c.account.id }} size="sm">
                    {c.account.name}
                  </AnchorLink>
                ) : null,
              )}
              {item(t('crm.common.owner'), c.ownerUserId ? (owners.get(c.ownerUserId) ?? null) : null)}
              {item(t('crm.common.createdAt'), format.dateTime(c.createdAt))}
              {item(t('crm.common.updatedAt'), format.dateTime(c.updatedAt))}
            </DataList>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TimelineCard entity="contacts" id={c.id} canWrite={!deleted} />
        </Grid.Col>
      </Grid>
      <Group />
      <ContactFormModal
        opened={editing}
        contact={c}
        onClose={() => {
          edit.close();
          update.reset();
        }}
        pending={update.isPending}
        error={update.error}
        onSubmit={(input) =>
          update.mutate(input, {
            onSuccess: () => {
              edit.close();
              update.reset();
              notifications.show({ color: 'green', message: t('crm.common.saved') });
            },
          })
        }
      />
    </>
  );
}
