// A deal exactly as a partner sees it: the fields its safelist shows (those it may edit in place),
// the customer block and the contact roles. The portal's deal page and the staff's "view as
// partner" preview both render this component, so the preview is the real thing.
import { Badge, Card, DataList, Group, Stack, Text, Title } from '@mantine/core';
import { IconBuilding, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerDeal, PortalDealPatch } from '../../../shared/portal.ts';
import { CardTitle } from '../../components/CardHeader.tsx';
import { useFormat } from '../../lib/format.ts';
import { useDay } from '../../manager/crm/list.tsx';
import { StageBadge } from '../../manager/opportunities/StageBadge.tsx';
import { DETAIL_FIELDS, type DetailField, has, useDealFieldValue } from './deal-fields.tsx';
import { InlineField, isEditableField } from './InlineField.tsx';
import { ProtectionBadge } from './ProtectionBadge.tsx';

export type DealEditing = { onSave: (patch: PortalDealPatch) => Promise<unknown>; saving: boolean; error: unknown };

function Empty() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t('portalPages.deal.empty')}
    </Text>
  );
}

/** The deal's name, customer and headline badges. */
export function DealHeadline({ deal, actions }: { deal: PartnerDeal; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
      <Stack gap={6} style={{ minWidth: 0 }}>
        <Title order={1} fz={26} data-testid="portal-deal-title">
          {deal.name ?? deal.accountName ?? '—'}
        </Title>
        <Group gap={8} wrap="wrap">
          {deal.stage && <StageBadge stage={deal.stage} />}
          {deal.protection && <ProtectionBadge protection={deal.protection} />}
          {deal.name && deal.accountName && (
            <Text size="sm" c="dimmed">
              {deal.accountName}
            </Text>
          )}
        </Group>
      </Stack>
      {actions}
    </Group>
  );
}

/** The details card: every visible field, the editable ones with a pencil. */
function DetailsCard({ deal, editing }: { deal: PartnerDeal; editing?: DealEditing }) {
  const { t } = useTranslation();
  const value = useDealFieldValue();
  const editable = new Set(deal.permissions.editable);
  const fields = DETAIL_FIELDS.filter((key) => has(deal, key));
  const row = (key: DetailField) => {
    const label = t(`portalPages.fields.${key}`);
    const shown = value(deal, key) ?? <Empty />;
    return (
      <DataList.Item key={key} data-testid={`deal-field-${key}`}>
        <DataList.ItemLabel>{label}</DataList.ItemLabel>
        <DataList.ItemValue>
          {editable.has(key) && isEditableField(key) ? (
            <InlineField field={key} label={label} deal={deal} onSave={editing?.onSave} saving={editing?.saving} error={editing?.error}>
              {shown}
            </InlineField>
          ) : (
            shown
          )}
        </DataList.ItemValue>
      </DataList.Item>
    );
  };
  return (
    <Card data-testid="portal-deal-details">
      <Title order={3} fz="lg" mb="md">
        {t('portalPages.deal.details')}
      </Title>
      {fields.length > 0 && (
        <DataList withDivider labelWidth={180} gap="sm">
          {fields.map(row)}
        </DataList>
      )}
      {has(deal, 'description') && (
        <Stack gap={4} mt="md" data-testid="deal-field-description">
          <Text size="sm" fw={600}>
            {t('portalPages.fields.description')}
          </Text>
          {editable.has('description') ? (
            <InlineField
              field="description"
              label={t('portalPages.fields.description')}
              deal={deal}
              onSave={editing?.onSave}
              saving={editing?.saving}
              error={editing?.error}
            >
              {deal.description ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {deal.description}
                </Text>
              ) : (
                <Empty />
              )}
            </InlineField>
          ) : deal.description ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {deal.description}
            </Text>
          ) : (
            <Empty />
          )}
        </Stack>
      )}
    </Card>
  );
}

const ACCOUNT_FIELDS = [
  'domains',
  'industry',
  'country',
  'region',
  'segment',
  'employeeCount',
  'customerStatus',
  'ownerName',
  'renewalDate',
] as const;

/** The customer of the deal, as far as the account safelist shows it. */
function AccountCard({ account }: { account: NonNullable<PartnerDeal['account']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const day = useDay();
  const text = (key: (typeof ACCOUNT_FIELDS)[number]): ReactNode => {
    const v = account[key];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return null;
    if (key === 'domains') return (v as string[]).join(', ');
    if (key === 'employeeCount') return format.number(v as number);
    if (key === 'renewalDate') return day(v as string);
    if (key === 'customerStatus') return t(`crm.accounts.statuses.${v as 'prospect'}`, { defaultValue: String(v) });
    return String(v);
  };
  const fields = ACCOUNT_FIELDS.filter((k) => Object.hasOwn(account, k));
  return (
    <Card data-testid="portal-deal-account">
      <Group gap="sm" mb="md" wrap="nowrap">
        <IconBuilding size={20} style={{ opacity: 0.6 }} aria-hidden />
        <CardTitle title={account.name ?? t('portalPages.account.title')} text={t('portalPages.account.title')} />
      </Group>
      {fields.length > 0 && (
        <DataList withDivider labelWidth={150} gap="sm">
          {fields.map((key) => (
            <DataList.Item key={key}>
              <DataList.ItemLabel>{t(`portalPages.account.${key}`)}</DataList.ItemLabel>
              <DataList.ItemValue>{text(key) ?? <Empty />}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      )}
      {account.description && (
        <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
          {account.description}
        </Text>
      )}
    </Card>
  );
}

/** The deal's contact roles (when the safelist shows them). */
function ContactsCard({ contacts }: { contacts: NonNullable<PartnerDeal['contactRoles']> }) {
  const { t } = useTranslation();
  const cols = (['title', 'emails', 'phone'] as const).filter((k) => contacts.some((c) => Object.hasOwn(c, k)));
  return (
    <Card data-testid="portal-deal-contacts">
      <Group gap="sm" mb="md" wrap="nowrap">
        <IconUsers size={20} style={{ opacity: 0.6 }} aria-hidden />
        <CardTitle title={t('portalPages.contacts.title')} text={t('portalPages.contacts.text')} />
      </Group>
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portalPages.contacts.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {contacts.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: contacts come without ids; the order is the server's
            <Group key={i} justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {c.name ?? '—'}
                </Text>
                {cols.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {[c.title, c.emails?.join(', '), c.phone].filter(Boolean).join(' · ')}
                  </Text>
                )}
              </div>
              {c.role && (
                <Badge variant="light" color="gray" tt="none" radius="sm">
                  {c.role}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** The deal's cards: details, customer and contacts, as the partner's safelist shows them. */
export function PartnerDealView({ deal, editing }: { deal: PartnerDeal; editing?: DealEditing }) {
  return (
    <Stack gap="lg">
      <DetailsCard deal={deal} editing={editing} />
      {deal.account && Object.keys(deal.account).length > 0 && <AccountCard account={deal.account} />}
      {deal.contactRoles && <ContactsCard contacts={deal.contactRoles} />}
    </Stack>
  );
}
