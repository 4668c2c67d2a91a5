// Pure pieces of the partner and contact role editors: rows with local keys, the live share check,
// and the server's field errors (`body.partners.1.share`) sorted onto the row and input they name.

import { decimalPlaces } from '../../../shared/money.ts';
import { type OpportunityPartnerInput, type PartnerRole, totalShare } from '../../../shared/opportunities.ts';

export type PartnerRow = {
  key: string;
  partnerId: string | null;
  partnerName: string;
  role: PartnerRole;
  attribution: 'sourced' | 'influenced';
  share: number | string;
};

export type ContactRow = { key: string; contactId: string | null; name: string; role: string };

let counter = 0;
/** A key for a new row, stable while the editor is open. */
export const rowKey = () => `row-${++counter}`;

/** The role a partner usually plays, from its type (a referral partner refers). */
export function roleForPartnerType(type: unknown): PartnerRole {
  switch (type) {
    case 'referral':
      return 'referrer';
    case 'services':
    case 'marketplace':
    case 'technology':
      return type;
    default:
      return 'reseller';
  }
}

/** Why a share input is not a usable share, as a message key; null when it is one. */
export function shareProblem(share: number | string): 'shareRequired' | 'shareRange' | 'shareDecimals' | null {
  if (share === '' || Number.isNaN(Number(share))) return 'shareRequired';
  const n = Number(share);
  if (n < 0 || n > 100) return 'shareRange';
  if (decimalPlaces(n) > 2) return 'shareDecimals';
  return null;
}

/** The total of the rows' shares (unusable ones count as 0), exact to the hundredth. */
export function rowsTotal(rows: readonly PartnerRow[]): number {
  return totalShare(rows.map((r) => ({ share: shareProblem(r.share) ? 0 : Number(r.share) })));
}

/** The PUT body's partner list. */
export function partnersInput(rows: readonly PartnerRow[]): OpportunityPartnerInput[] {
  return rows.map((r) => ({ partnerId: r.partnerId as string, role: r.role, attribution: r.attribution, share: Number(r.share) }));
}

export type ListErrors = {
  /** Errors about the whole list (`body.partners`: the shares' total, say). */
  list: string[];
  /** Errors per row index and input (`partnerId`, `role`, `share`, `contactId`). */
  rows: Record<number, Record<string, string>>;
  /** The server's explanation when none of its field errors named this list. */
  other: string | null;
};

/** Sorts a problem+json error's fields under `body.<field>` onto the list and its rows. */
export function listErrors(error: unknown, field: string): ListErrors {
  const out: ListErrors = { list: [], rows: {}, other: null };
  if (!error) return out;
  const fields = (error as { errors?: { field: string; message: string }[] }).errors ?? [];
  const prefix = `body.${field}`;
  for (const e of fields) {
    if (e.field === prefix) {
      out.list.push(e.message);
      continue;
    }
    const m = new RegExp(`^${prefix.replace('.', '\\.')}\\.(\\d+)(?:\\.(\\w+))?$`).exec(e.field);
    if (!m) continue;
    const row = Number(m[1]);
    const input = m[2] ?? 'row';
    out.rows[row] = { ...out.rows[row], [input]: out.rows[row]?.[input] ? `${out.rows[row][input]}; ${e.message}` : e.message };
  }
  if (!out.list.length && !Object.keys(out.rows).length) out.other = (error as { detail?: string }).detail || (error as Error).message || 'error';
  return out;
}
