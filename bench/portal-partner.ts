import pg from 'pg';
import { hashToken, newApiKey } from '../src/server/auth/tokens.ts';
import { fieldKeys, SAFELIST_OBJECTS } from '../src/shared/safelists.ts';
import type { CrmDataset } from './generate-crm.ts';

/** The partner the portal figures are measured for: its id, its deal count, a key that acts as its partner_admin. */
export type PortalPartner = {
  partnerId: string;
  deals: number;
  apiKey: string;
  /** Saves a rule for this partner that shows every field of the catalogue: safelist filtering off, in effect. */
  openSafelist: () => Promise<void>;
};

/**
 * Makes one partner of the main workspace hold `target` deals (the 10 k at scale 1): the
 * partner with the most roles, topped up with influencer roles (share 0, so no deal's shares pass
 * 100 %) on opportunities it is not on yet; then a partner-bound API key, as the CLI's
 * `api-key create --partner` makes. Written as the owner; `ANALYZE` afterwards.
 */
export async function preparePortalPartner(ownerUrl: string, data: CrmDataset, target: number): Promise<PortalPartner> {
  const c = new pg.Client({ connectionString: ownerUrl, application_name: 'tandem-bench-portal' });
  await c.connect();
  try {
    const ws = data.workspaceId;
    const { rows } = await c.query<{ partner_id: string; n: string }>(
      `select partner_id, count(*) as n from opportunity_partners where workspace_id = $1 group by partner_id order by 2 desc, 1 limit 1`,
      [ws],
    );
    const partnerId = rows[0].partner_id;
    const missing = Math.max(0, target - Number(rows[0].n));
    if (missing > 0) {
      await c.query(
        `insert into opportunity_partners (workspace_id, opportunity_id, partner_id, role, attribution, share_percent)
         select $1, o.id, $2, 'influencer', 'influenced', 0 from opportunities o
         where o.workspace_id = $1 and o.deleted_at is null
           and not exists (select 1 from opportunity_partners x where x.opportunity_id = o.id and x.partner_id = $2)
         order by md5(o.id::text) limit $3`,
        [ws, partnerId, missing],
      );
      await c.query('analyze opportunity_partners');
    }
    const { rows: counted } = await c.query<{ n: string }>(
      `select count(*) as n from opportunity_partners op join opportunities o on o.id = op.opportunity_id
       where op.workspace_id = $1 and op.partner_id = $2 and o.deleted_at is null`,
      [ws, partnerId],
    );
    const { key, prefix } = newApiKey(ws);
    await c.query(
      `insert into api_keys (workspace_id, name, prefix, token_hash, scopes, partner_id) values ($1, 'Bench partner key', $2, $3, '{partner}', $4)`,
      [ws, prefix, hashToken(key), partnerId],
    );
    const openSafelist = async () => {
      const o = new pg.Client({ connectionString: ownerUrl, application_name: 'tandem-bench-portal' });
      await o.connect();
      try {
        for (const object of SAFELIST_OBJECTS) {
          const all = fieldKeys(object);
          await o.query(
            `insert into safelist_rules (workspace_id, object, scope_kind, scope_value, visible, editable) values ($1, $2, 'partner', $3, $4, '{}')
             on conflict (workspace_id, object, scope_kind, scope_value) do update set visible = excluded.visible`,
            [ws, object, partnerId, all],
          );
        }
      } finally {
        await o.end();
      }
    };
    return { partnerId, deals: Number(counted[0].n), apiKey: key, openSafelist };
  } finally {
    await c.end();
  }
}
