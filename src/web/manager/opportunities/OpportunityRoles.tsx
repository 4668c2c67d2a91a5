// The partner and contact role cards of an opportunity's page: who takes part and how (role,
// sourced or influenced, share), who the deal's people are, and the way into their editors.
import { Badge, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Opportunity, totalShare } from '../../../shared/opportunities.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { useFormat } from '../../lib/format.ts';
import { ContactRolesEditor } from './ContactRolesEditor.tsx';
import { PartnerRolesEditor } from './PartnerRolesEditor.tsx';

function EditButton({ empty, onClick, testId }: { empty: boolean; onClick: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="light" leftSection={empty ? <IconPlus size={14} /> : <IconPencil size={14} />} onClick={onClick} data-testid={testId}>
      {empty ? t('crm.roles.add') : t('common.edit')}
    </Button>
  );
}

/** The partners on the deal, each with role, attribution and share; `canEdit` offers the editor. */
export function PartnerRolesCard({ o, canEdit }: { o: Opportunity; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, edit] = useDisclosure(false);
  const total = totalShare(o.partners);
  return (
    <Card data-testid="opportunity-partners">
      <CardHeader
        title={t('crm.opportunities.partners')}
        text={t('crm.opportunities.partnersText')}
        mb="md"
        action={canEdit && <EditButton empty={o.partners.length === 0} onClick={edit.open} testId="opportunity-partners-edit" />}
      />
      {o.partners.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('crm.opportunities.noPartners')}
        </Text>
      ) : (
        <Stack gap="sm">
          {o.partners.map((p) => (
            <div key={p.partnerId} data-testid="opportunity-partner">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <AnchorLink to="/app/partners/$partnerId" params={{ partnerId: p.partnerId }} fw={600} size="sm">
                    {p.partnerName}
                  </AnchorLink>
                  <Group gap={6} mt={2}>
                    <Badge size="sm" variant="light" radius="sm">
                      {t(`crm.opportunities.roles.${p.role}`)}
                    </Badge>
                    <Badge size="sm" variant="dot" radius="sm" color={p.attribution === 'sourced' ? 'teal' : 'gray'}>
                      {t(`crm.opportunities.attributions.${p.attribution}`)}
                    </Badge>
                  </Group>
                </div>
                <Text fw={700} size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid="opportunity-partner-share">
                  {t('crm.opportunities.share', { share: format.number(p.share) })}
                </Text>
              </Group>
              <Progress value={p.share} size={4} mt={6} color={p.attribution === 'sourced' ? 'teal' : 'gray'} aria-hidden />
            </div>
          ))}
          <Text size="xs" c="dimmed">
            {t('crm.roles.attributed', { total: format.number(total) })}
          </Text>
        </Stack>
      )}
      {canEdit && <PartnerRolesEditor opportunity={o} opened={editing} onClose={edit.close} />}
    </Card>
  );
}

/** The contacts with a role on the deal; `canEdit` offers the editor. */
export function ContactRolesCard({ o, canEdit }: { o: Opportunity; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, edit] = useDisclosure(false);
  return (
    <Card data-testid="opportunity-contact-roles">
      <CardHeader
        title={t('crm.opportunities.contactRoles')}
        text={t('crm.roles.contactRolesText')}
        mb="md"
        action={canEdit && <EditButton empty={o.contactRoles.length === 0} onClick={edit.open} testId="opportunity-contact-roles-edit" />}
      />
      {o.contactRoles.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('crm.opportunities.noContactRoles')}
        </Text>
      ) : (
        <Stack gap="xs">
          {o.contactRoles.map((c) => (
            <Group key={c.contactId} justify="space-between" wrap="nowrap">
              <AnchorLink to="/app/contacts/$contactId" params={{ contactId: c.contactId }} size="sm" fw={600}>
                {c.name}
              </AnchorLink>
              <Badge variant="outline" color="gray" radius="sm" style={{ textTransform: 'none' }}>
                {c.role}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
      {canEdit && <ContactRolesEditor opportunity={o} opened={editing} onClose={edit.close} />}
    </Card>
  );
}
