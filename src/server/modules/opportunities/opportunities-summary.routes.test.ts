import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
let accA: { id: string };
let accA2: { id: string };
let partner: { id: string };

type Total = { currency: string; count: number; amount: { value: number; currency: string }; weighted: { value: number; currency: string } };
type Stage = { stage: string; probability: number; count: number; totals: Total[] };
type Field = { field: string; message: string };

async function create(key: string, body: Record<string, unknown>) {
  const res = await h.api(key).post('/api/v1/opportunities', { closeDate: '2027-03-31', stage: 'prospecting', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const summary = async (query = '', key = a.apiKey) => {
  const res = await h.api(key).get(`/api/v1/opportunities/summary${query ? `?${query}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: Stage[] }).data;
};
const stage = (data: Stage[], name: string) => data.find((s) => s.stage === name) as Stage;
/** `stage: count currency:sum …` for the stages that have deals: easy to read in a failing test. */
const brief = (data: Stage[]) =>
  data.filter((s) => s.count).map((s) => `${s.stage}: ${s.count} ${s.totals.map((t) => `${t.currency}:${t.amount.value}`).join(' ')}`);

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Summary A');
  b = await h.workspace('Summary B');
  accA = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Summe GmbH' })).json();
  accA2 = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Zweite AG' })).json();
  partner = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Summit Partner', type: 'reseller' })).json();
  const accB = (await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Other tenant Ltd' })).json();
  const eur = (value: number) => ({ value, currency: 'EUR' });
  await create(a.apiKey, { name: 'Alpha', accountId: accA.id, amount: eur(1000.1), motion: 'resale', ownerUserId: a.adminUserId });
  await create(a.apiKey, { name: 'Beta', accountId: accA.id, amount: eur(2000.25), motion: 'referral' });
  await create(a.apiKey, { name: 'Gamma yen', accountId: accA2.id, amount: { value: 150000, currency: 'JPY' }, motion: 'resale' });
  await create(a.apiKey, {
    name: 'Delta',
    accountId: accA2.id,
    amount: { value: 500, currency: 'USD' },
    stage: 'proposal',
    closeDate: '2027-06-30',
    partners: [{ partnerId: partner.id, role: 'reseller', attribution: 'sourced', share: 40 }],
  });
  await create(a.apiKey, { name: 'Epsilon', accountId: accA.id, amount: eur(0.01), stage: 'negotiation', closeDate: '2026-12-31' });
  const gone = await create(a.apiKey, { name: 'Deleted deal', accountId: accA.id, amount: eur(99999), stage: 'proposal' });
  expect((await h.api(a.apiKey).delete(`/api/v1/opportunities/${gone.id}`)).statusCode).toBe(204);
  await create(b.apiKey, { name: 'Alpha of B', accountId: accB.id, amount: eur(777), motion: 'resale' });
});
afterAll(() => h?.close());

describe('GET /api/v1/opportunities/summary', () => {
  it('answers 401 without credentials or with an unknown key, 403 for a key without CRM access', async () => {
    expect((await h.api(undefined).get('/api/v1/opportunities/summary')).statusCode).toBe(401);
    expect((await h.api('tnd_nope_nope').get('/api/v1/opportunities/summary')).statusCode).toBe(401);
    const other = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'partners only', scopes: ['partners:read'] })).json().key;
    expect((await h.api(other).get('/api/v1/opportunities/summary')).statusCode).toBe(403);
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    expect((await h.api(reader).get('/api/v1/opportunities/summary')).statusCode).toBe(200);
  });

  it('answers 400 naming each bad filter, and refuses the list’s sort (a sum has no order)', async () => {
    const res = await h.api(a.apiKey).get('/api/v1/opportunities/summary?stage=proposal,won&closeFrom=31.12.2026&currency=EURO&ownerUserId=me');
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as Field[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['query.stage.1', 'query.closeFrom', 'query.currency', 'query.ownerUserId']));
    const sorted = await h.api(a.apiKey).get('/api/v1/opportunities/summary?sort=amount');
    expect(sorted.statusCode).toBe(400);
    expect(sorted.json().errors).toEqual([{ field: 'query', message: expect.stringContaining('"sort"') }]);
  });

  it('lists every stage in pipeline order with counts and totals per currency, never adding currencies together', async () => {
    const data = await summary();
    expect(data.map((s) => s.stage)).toEqual(['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost']);
    expect(data.map((s) => s.probability)).toEqual([10, 25, 50, 75, 100, 0]);
    const prospecting = stage(data, 'prospecting');
    expect(prospecting.count).toBe(3);
    // Two EUR deals first (most deals), then the yen deal: 1000.10 + 2000.25 summed in minor units, exactly.
    expect(prospecting.totals).toEqual([
      { currency: 'EUR', count: 2, amount: { value: 3000.35, currency: 'EUR' }, weighted: { value: 300.04, currency: 'EUR' } },
      { currency: 'JPY', count: 1, amount: { value: 150000, currency: 'JPY' }, weighted: { value: 15000, currency: 'JPY' } },
    ]);
    expect(stage(data, 'qualification')).toEqual({ stage: 'qualification', probability: 25, count: 0, totals: [] });
    // The deleted 99,999 € proposal is not counted; nor is workspace B's deal.
    expect(brief(data)).toEqual(['prospecting: 3 EUR:3000.35 JPY:150000', 'proposal: 1 USD:500', 'negotiation: 1 EUR:0.01']);
    expect(stage(data, 'negotiation').totals[0].weighted).toEqual({ value: 0.01, currency: 'EUR' });
  });

  it('counts only the caller’s workspace', async () => {
    expect(brief(await summary('', b.apiKey))).toEqual(['prospecting: 1 EUR:777']);
  });

  it('applies the list’s filters: motion, stage, owner, account, partner, close dates, name, currency, amount, deleted', async () => {
    expect(brief(await summary('motion=resale'))).toEqual(['prospecting: 2 EUR:1000.1 JPY:150000']);
    expect(brief(await summary('motion=resale,referral&currency=EUR'))).toEqual(['prospecting: 2 EUR:3000.35']);
    expect(brief(await summary(`ownerUserId=${a.adminUserId}`))).toEqual(['prospecting: 1 EUR:1000.1']);
    expect(brief(await summary(`accountId=${accA2.id}`))).toEqual(['prospecting: 1 JPY:150000', 'proposal: 1 USD:500']);
    expect(brief(await summary(`partnerId=${partner.id}`))).toEqual(['proposal: 1 USD:500']);
    expect(brief(await summary('closeFrom=2027-04-01'))).toEqual(['proposal: 1 USD:500']);
    expect(brief(await summary('closeTo=2026-12-31'))).toEqual(['negotiation: 1 EUR:0.01']);
    expect(brief(await summary('q=ALPHA'))).toEqual(['prospecting: 1 EUR:1000.1']);
    expect(brief(await summary('amountMin=1000&amountMax=2000'))).toEqual(['prospecting: 1 EUR:1000.1']);
    expect(brief(await summary('deleted=only'))).toEqual(['proposal: 1 EUR:99999']);
    const stages = await summary('stage=negotiation,prospecting');
    expect(stages.map((s) => s.stage)).toEqual(['prospecting', 'negotiation']);
  });

  it('agrees with the list: the same filters count the same deals', async () => {
    for (const query of ['motion=resale', 'stage=prospecting', `accountId=${accA.id}`, 'q=a']) {
      const list = (await h.api(a.apiKey).get(`/api/v1/opportunities?${query}&limit=200`)).json().data as unknown[];
      const counted = (await summary(query)).reduce((n, s) => n + s.count, 0);
      expect(counted, query).toBe(list.length);
    }
  });
});
