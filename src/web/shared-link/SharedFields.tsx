// The fields of a shared record as label/value rows: only those the safelist let through are there.
import { Badge, Card, DataList, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerDeal } from '../../shared/portal.ts';
import { useFormat } from '../lib/format.ts';
import { useDay, useMoney } from '../manager/crm/list.tsx';
import { StageBadge } from '../manager/opportunities/StageBadge.tsx';
import type { SharedRecord } from './shared-queries.ts';

type Row = [label: string, value: ReactNode];
type Account = NonNullable<SharedRecord['account']>;
type Lead = NonNullable<SharedRecord['lead']>;

const present = (rows: (Row | null)[]): Row[] => rows.filter((r): r is Row => r !== null && r[1] !== undefined && r[1] !== null && r[1] !== '');

/** A card of label/value rows; nothing when there are no rows. */
export function FieldsCard({ title, rows, testId }: { title: string; rows: Row[]; testId?: string }) {
  if (rows.length === 0) return null;
  return (
    <Card data-testid={testId}>
      <Title order={4} mb="md">
        {title}
      </Title>
      <DataList withDivider labelWidth={150} gap="sm">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{typeof value === 'string' ? <Text size="sm">{value}</Text> : value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Card>
  );
}

/** "March 2027" / "März 2027" from YYYY-MM. */
function useMonth() {
  const format = useFormat();
  return (m: string | undefined) =>
    m ? new Intl.DateTimeFormat(format.locale, { month: 'long', year: 'numeric' }).format(new Date(`${m}-01T12:00:00`)) : undefined;
}

/** The rows of a deal as the partner may see it. */
export function useDealRows(deal: PartnerDeal): Row[] {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const day = useDay();
  const month = useMonth();
  const f = (key: string) => t(`sharing.fields.deal.${key}` as never);
  const p = deal.protection;
  return present([
    deal.stage ? [f('stage'), <StageBadge key="s" stage={deal.stage} />] : null,
    [f('nextStep'), deal.nextStep],
    [f('ownerName'), deal.ownerName],
    deal.closeDate ? [f('closeDate'), day(deal.closeDate)] : [f('closeMonth'), month(deal.closeMonth)],
    deal.motion ? [f('motion'), t(`crm.opportunities.motions.${deal.motion}`)] : null,
    deal.partnerRole
      ? [
          f('partnerRole'),
          `${t(`crm.opportunities.roles.${deal.partnerRole.role}` as never, { defaultValue: deal.partnerRole.role })} · ${t(`crm.opportunities.attributions.${deal.partnerRole.attribution}`)} · ${format.number(deal.partnerRole.share)} %`,
        ]
      : null,
    p ? [f('protection'), t(`sharing.fields.protection.${p.status}`, { date: format.date(p.expiresAt) })] : null,
    [f('registrationNumber'), deal.registrationNumber],
    deal.amount ? [f('amount'), money.format(deal.amount)] : null,
    deal.probability !== undefined ? [f('probability'), `${format.number(deal.probability)} %`] : null,
    deal.otherPartners?.length
      ? [
          f('otherPartners'),
          <Group key="o" gap={4}>
            {deal.otherPartners.map((o) => (
              <Badge key={o.name} variant="outline" color="gray">
                {o.name}
              </Badge>
            ))}
          </Group>,
        ]
      : null,
    deal.lastActivityAt ? [f('lastActivityAt'), format.relative(deal.lastActivityAt)] : null,
    deal.updatedAt ? [f('updatedAt'), format.dateTime(deal.updatedAt)] : null,
    deal.description
      ? [
          f('description'),
          <Text key="d" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {deal.description}
          </Text>,
        ]
      : null,
  ]);
}

/** The rows of an account. */
export function useAccountRows(a: Account): Row[] {
  const { t } = useTranslation();
  const format = useFormat();
  const day = useDay();
  const f = (key: string) => t(`sharing.fields.account.${key}` as never);
  return present([
    [f('name'), a.name],
    a.domains?.length ? [f('domains'), a.domains.join(', ')] : null,
    [f('industry'), a.industry],
    [f('country'), a.country],
    [f('region'), a.region],
    [f('segment'), a.segment],
    a.employeeCount != null ? [f('employeeCount'), format.number(a.employeeCount)] : null,
    a.customerStatus ? [f('customerStatus'), t(`crm.accounts.statuses.${a.customerStatus}` as never, { defaultValue: a.customerStatus })] : null,
    [f('ownerName'), a.ownerName],
    a.renewalDate ? [f('renewalDate'), day(a.renewalDate)] : null,
    a.description
      ? [
          f('description'),
          <Text key="d" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.description}
          </Text>,
        ]
      : null,
  ]);
}

/** The rows of a lead. */
export function useLeadRows(l: Lead): Row[] {
  const { t } = useTranslation();
  const format = useFormat();
  const f = (key: string) => t(`sharing.fields.lead.${key}` as never);
  return present([
    [f('company'), l.company],
    [f('companyDomain'), l.companyDomain],
    [f('title'), l.title],
    [f('email'), l.email],
    [f('phone'), l.phone],
    l.status ? [f('status'), t(`crm.leads.statuses.${l.status}` as never, { defaultValue: l.status })] : null,
    [f('ownerName'), l.ownerName],
    l.createdAt ? [f('createdAt'), format.date(l.createdAt)] : null,
  ]);
}

/** The deal's contacts, when the safelist shows them. */
export function ContactsCard({ contacts }: { contacts: NonNullable<PartnerDeal['contactRoles']> }) {
  const { t } = useTranslation();
  if (contacts.length === 0) return null;
  return (
    <Card data-testid="shared-contacts">
      <Title order={4} mb="sm">
        {t('sharing.page.contacts')}
      </Title>
      <Stack gap="xs">
        {contacts.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: contacts carry no id in the partner view
          <div key={i}>
            <Text size="sm" fw={600}>
              {c.name ?? '—'}
            </Text>
            <Text size="xs" c="dimmed">
              {[c.title, c.role, c.emails?.join(', '), c.phone].filter(Boolean).join(' · ')}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
