import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { inWorkspace } from '../db/client.ts';
import { seedCrmDemo } from './crm-demo.ts';
import { type DemoCredentials, seedDemo } from './demo.ts';

let h: Harness;
let demo: DemoCredentials;
let workspaceId: string;

type Page = { data: Record<string, unknown>[]; nextCursor: string | null };

beforeAll(async () => {
  h = await createHarness();
  demo = (await seedDemo(h.db, mkdtempSync(path.join(os.tmpdir(), 'tandem-demo-')))) as DemoCredentials;
  const ws = await h.ownerDb.selectFrom('workspaces').select('id').where('slug', '=', demo.slug).executeTakeFirstOrThrow();
  workspaceId = ws.id;
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const count = (table: 'accounts' | 'contacts' | 'opportunities' | 'leads' | 'partners' | 'timeline_entries') =>
  inWorkspace(h.db, workspaceId, async (trx) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(trx)).rows[0].n),
  );

describe('the demo CRM', () => {
  it('has 25 partners, five of each type, in three tiers besides the demo’s registered one', async () => {
    const partners = await inWorkspace(h.db, workspaceId, (trx) => trx.selectFrom('partners').select(['type', 'tier']).execute());
    expect(partners).toHaveLength(25);
    const types: Record<string, number> = {};
    for (const p of partners) types[p.type] = (types[p.type] ?? 0) + 1;
    expect(types).toEqual({
      referral: 5,
      reseller: 5,
      marketplace: 5,
      services: 5,
      technology: 5,
    });
    expect(new Set(partners.map((p) => p.tier))).toEqual(new Set(['platinum', 'gold', 'silver', 'registered']));
  });

  it('has about a thousand accounts with domains and contacts, 400 opportunities over every stage and motion, leads and a year of timeline', async () => {
    expect(await count('accounts')).toBe(1000);
    expect(await count('contacts')).toBeGreaterThan(1500);
    expect(await count('opportunities')).toBe(400);
    expect(await count('leads')).toBe(40);
    expect(await count('timeline_entries')).toBeGreaterThan(3000);
    const spread = await inWorkspace(h.db, workspaceId, async (trx) => ({
      stages: (await trx.selectFrom('opportunities').select('stage').distinct().execute()).map((r) => r.stage),
      motions: (await trx.selectFrom('opportunities').select('motion').distinct().execute()).map((r) => r.motion),
      withPartners: Number((await sql<{ n: string }>`select count(distinct opportunity_id) as n from opportunity_partners`.execute(trx)).rows[0].n),
      umlauts: Number((await sql<{ n: string }>`select count(*) as n from accounts where name ~ '[äöüÄÖÜß]'`.execute(trx)).rows[0].n),
      legalForms: Number(
        (await sql<{ n: string }>`select count(*) as n from accounts where name ~ ' (GmbH|AG|GmbH & Co. KG)$'`.execute(trx)).rows[0].n,
      ),
      timeline: (
        await sql<{ oldest: Date; newest: Date }>`select min(occurred_at) as oldest, max(occurred_at) as newest from timeline_entries`.execute(trx)
      ).rows[0],
    }));
    expect(spread.stages.sort()).toEqual(['closed_lost', 'closed_won', 'negotiation', 'proposal', 'prospecting', 'qualification']);
    expect(new Set(spread.motions)).toEqual(new Set(['marketplace', 'referral', 'resale', 'services', 'technology', null]));
    expect(spread.withPartners).toBeGreaterThan(200);
    expect(spread.umlauts).toBeGreaterThan(100);
    expect(spread.legalForms).toBeGreaterThan(200);
    expect(Date.now() - spread.timeline.oldest.getTime()).toBeLessThan(366 * 86_400_000);
    expect(spread.timeline.newest.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('is served by the API as the services would have written it', async () => {
    const api = h.api(demo.apiKey);
    const list = await api.get('/api/v1/opportunities?limit=200&sort=amount&order=desc');
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json() as Page;
    expect(page.data).toHaveLength(200);
    const partnered = page.data.find((o) => (o.partners as unknown[]).length > 0) as { id: string; accountId: string };
    for (const url of [
      `/api/v1/opportunities/${partnered.id}`,
      `/api/v1/opportunities/${partnered.id}/timeline?limit=200`,
      `/api/v1/accounts/${partnered.accountId}`,
      `/api/v1/accounts/${partnered.accountId}/timeline`,
      '/api/v1/accounts?limit=200',
      '/api/v1/contacts?limit=200',
      '/api/v1/leads?limit=50',
      '/api/v1/search?q=m%C3%BCller',
    ]) {
      const res = await api.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    }
    const timeline = (await api.get(`/api/v1/opportunities/${partnered.id}/timeline?limit=200`)).json() as Page;
    expect(timeline.data.some((e) => e.kind === 'stage_change' || e.kind === 'note' || e.kind === 'email')).toBe(true);
  });

  it('draws the same accounts for the same seed, and does nothing where accounts exist', async () => {
    const other = await h.workspace('Second demo');
    const first = await seedCrmDemo(h.db, other.workspaceId, { seed: 20261204 });
    expect(first).toMatchObject({ partners: 20, accounts: 1000, opportunities: 400 });
    const names = (id: string) =>
      inWorkspace(h.db, id, async (trx) => (await trx.selectFrom('accounts').select('name').orderBy('name').execute()).map((r) => r.name));
    expect(await names(other.workspaceId)).toEqual(await names(workspaceId));
    expect(await seedCrmDemo(h.db, other.workspaceId)).toEqual({
      partners: 0,
      accounts: 0,
      contacts: 0,
      opportunities: 0,
      leads: 0,
      timelineEntries: 0,
    });
  });
});

describe('the demo partner’s portal', () => {
  it('has a rep colleague, shared tasks of both sides and shared notes and replies on its open deals', async () => {
    const admin = await h.ownerDb
      .selectFrom('partnerUsers')
      .select(['id', 'partnerId'])
      .where('email', '=', demo.partner.email)
      .executeTakeFirstOrThrow();
    const partnerKey = (await h.api(demo.apiKey).post('/api/v1/api-keys', { name: 'demo partner', partnerId: admin.partnerId })).json().key as string;
    const api = h.api(partnerKey);
    const team = (await api.get('/api/v1/portal/team')).json().data as { role: string; status: string }[];
    expect(team.filter((p) => p.role === 'partner_rep' && p.status === 'active')).toHaveLength(1);
    const deals = (await api.get('/api/v1/portal/deals?sort=updatedAt&order=desc&limit=100')).json().data as { id: string }[];
    const withTasks = [];
    for (const d of deals.slice(0, 10)) {
      const tasks = (await api.get(`/api/v1/portal/deals/${d.id}/tasks`)).json().data as { side: string; status: string; title: string }[];
      if (tasks.length) withTasks.push(tasks);
    }
    expect(withTasks.length).toBeGreaterThanOrEqual(3);
    const all = withTasks.flat();
    expect(new Set(all.map((t) => t.side))).toEqual(new Set(['vendor', 'partner']));
    expect(all.some((t) => t.status === 'done')).toBe(true);
    expect(all.map((t) => t.title)).not.toContain('Check the partner discount with finance');
    const timeline = (await api.get(`/api/v1/portal/deals/${deals[0].id}/timeline`)).json().data as { fromPartner: boolean; body?: string }[];
    expect(timeline.some((e) => e.fromPartner)).toBe(true);
    expect(((await api.get('/api/v1/portal/leads')).json().data as unknown[]).length).toBeGreaterThanOrEqual(5);
  });
});
