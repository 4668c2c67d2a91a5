// How each field of a partner's deal reads on screen: stage badges, months, money, protection,
// the partner's own role; one place for the deal list, the deal page and the staff preview.
import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerDeal } from '../../../shared/portal.ts';
import { useFormat } from '../../lib/format.ts';
import { useDay, useMoney } from '../../manager/crm/list.tsx';
import { StageBadge } from '../../manager/opportunities/StageBadge.tsx';
import { ProtectionBadge } from './ProtectionBadge.tsx';

/** The deal fields in the order the portal shows them (name and the blocks below the details excepted). */
export const DETAIL_FIELDS = [
  'stage',
  'nextStep',
  'ownerName',
  'closeMonth',
  'closeDate',
  'amount',
  'probability',
  'motion',
  'partnerRole',
  'protection',
  'registrationNumber',
  'lastActivityAt',
  'stageChangedAt',
  'nextStepUpdatedAt',
  'otherPartners',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof PartnerDeal)[];

export type DetailField = (typeof DETAIL_FIELDS)[number];

/** True when the safelist lets the field reach the partner (the key is in the deal at all). */
export function has(deal: PartnerDeal, key: keyof PartnerDeal): boolean {
  return Object.hasOwn(deal, key);
}

/** "March 2027" / "März 2027" from "2027-03". */
export function useMonth() {
  const format = useFormat();
  return (month: string | null | undefined) => {
    if (!month) return '—';
    const d = new Date(`${month.slice(0, 7)}-15T12:00:00Z`);
    return Number.isNaN(d.getTime()) ? month : new Intl.DateTimeFormat(format.locale, { month: 'long', year: 'numeric' }).format(d);
  };
}

/** Renders one field of a deal; null when it has no value (the caller shows "not set"). */
export function useDealFieldValue() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const day = useDay();
  const month = useMonth();
  return (deal: PartnerDeal, key: DetailField): ReactNode => {
    switch (key) {
      case 'stage':
        return deal.stage ? <StageBadge stage={deal.stage} /> : null;
      case 'nextStep':
        return deal.nextStep ? <Text size="sm">{deal.nextStep}</Text> : null;
      case 'ownerName':
        return deal.ownerName ?? null;
      case 'closeMonth':
        return deal.closeMonth ? month(deal.closeMonth) : null;
      case 'closeDate':
        return deal.closeDate ? day(deal.closeDate) : null;
      case 'amount':
        return deal.amount ? (
          <Text size="sm" fw={600} data-testid="deal-amount">
            {money.format(deal.amount)}
          </Text>
        ) : null;
      case 'probability':
        return deal.probability === undefined ? null : `${format.number(deal.probability)} %`;
      case 'motion':
        return deal.motion ? t(`crm.opportunities.motions.${deal.motion}`) : null;
      case 'partnerRole': {
        const r = deal.partnerRole;
        if (!r) return null;
        const role = i18n.exists(`crm.opportunities.roles.${r.role}`) ? t(`crm.opportunities.roles.${r.role}` as never) : r.role;
        return t('portalPages.partnerRole', { role, attribution: t(`portalPages.attribution.${r.attribution}`), share: format.number(r.share) });
      }
      case 'protection':
        return deal.protection ? <ProtectionBadge protection={deal.protection} detail /> : null;
      case 'registrationNumber':
        return deal.registrationNumber ?? null;
      case 'otherPartners':
        return deal.otherPartners?.length ? (
          <Group gap={4}>
            {deal.otherPartners.map((p) => (
              <Badge key={p.name} variant="default" tt="none" radius="sm">
                {p.name}
              </Badge>
            ))}
          </Group>
        ) : (
          t('portalPages.deal.otherPartnersNone')
        );
      case 'lastActivityAt':
      case 'stageChangedAt':
      case 'nextStepUpdatedAt':
      case 'createdAt':
      case 'updatedAt': {
        const v = deal[key];
        return v ? <span title={format.dateTime(v)}>{format.relative(v)}</span> : null;
      }
    }
  };
}
