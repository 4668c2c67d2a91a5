import type { PartnerDeal } from '../../../shared/portal.ts';
import { SAFELIST_FIELDS } from '../../../shared/safelists.ts';
import type { Column } from '../exports/csv-cells.ts';
import type { PartnerSafelists } from '../safelists/safelists.service.ts';

/** How a deal field becomes CSV cells; composite fields take several columns. */
const FORMAT: Partial<Record<string, Column<PartnerDeal>[]>> = {
  amount: [
    { header: 'amount', value: (d) => d.amount?.value },
    { header: 'currency', value: (d) => d.amount?.currency },
  ],
  partnerRole: [
    { header: 'partnerRole', value: (d) => d.partnerRole?.role },
    { header: 'attribution', value: (d) => d.partnerRole?.attribution },
    { header: 'share', value: (d) => d.partnerRole?.share },
  ],
  protection: [
    { header: 'protection', value: (d) => d.protection?.status },
    { header: 'protectionExpiresAt', value: (d) => d.protection?.expiresAt },
  ],
  otherPartners: [{ header: 'otherPartners', value: (d) => d.otherPartners?.map((p) => `${p.name} (${p.role})`).join('; ') }],
  contactRoles: [{ header: 'contactRoles', value: (d) => d.contactRoles?.map((c) => [c.name, c.role].filter(Boolean).join(' – ')).join('; ') }],
};

/** The CSV columns of a partner's deal export: id, then each field its safelist shows, in catalogue order. */
export function dealCsvColumns(lists: PartnerSafelists): Column<PartnerDeal>[] {
  const visible = lists.of('opportunity').visible;
  const columns: Column<PartnerDeal>[] = [{ header: 'id', value: (d) => d.id }];
  for (const { key } of SAFELIST_FIELDS.opportunity) {
    if (!visible.has(key)) continue;
    columns.push(...(FORMAT[key] ?? [{ header: key, value: (d: PartnerDeal) => d[key as keyof PartnerDeal] as unknown }]));
  }
  return columns;
}
