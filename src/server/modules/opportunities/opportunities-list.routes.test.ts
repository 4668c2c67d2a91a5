import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { NAME_MATCH_CAP } from './opportunities.repository.ts';

let h: Harness;

type Opp = Record<string, unknown> & { id: string; name: string };
type Field = { field: string; message: string };
const fieldsOf = (res: { json: () => { errors?: Field[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

describe('opportunities API: list filters, sort and paging', () => {
  let c: Awaited<ReturnType<Harness['workspace']>>;
  let acc1: { id: string };
  let acc2: { id: string };
  let partner: { id: string };
  const made: Opp[] = [];

  beforeAll(async () => {
    c = await h.workspace('Opportunities list');
    acc1 = (await h.api(c.apiKey).post('/api/v1/accounts', { name: 'Listen AG' })).json();
    acc2 = (await h.api(c.apiKey).post('/api/v1/accounts', { name: 'Second GmbH' })).json();
    partner = (await h.api(c.apiKey).post('/api/v1/partners', { name: 'Lister Partner', type: 'reseller' })).json();
    const rows: [string, string, string, string, number, string, string | null, boolean][] = [
      // name, account, stage, closeDate, amount, currency, motion, with partner
      ['Überweisung Süd', 'acc1', 'prospecting', '2027-01-15', 5000, 'EUR', 'resale', true],
      ['alpha expansion', 'acc1', 'proposal', '2027-01-15', 120000, 'EUR', 'referral', false],
      ['Beta renewal', 'acc2', 'negotiation', '2027-02-01', 5000, 'EUR', 'resale', true],
      ['Gamma 50%_off', 'acc2', 'closed_won', '2026-12-01', 800000, 'JPY', null, false],
      ['Delta pilot', 'acc1', 'proposal', '2027-03-10', 99.99, 'USD', 'services', false],
      ['Epsilon', 'acc2', 'qualification', '2027-01-15', 1.5, 'KWD', 'technology', true],
      ['Zeta lost', 'acc1', 'closed_lost', '2026-11-30', 42000, 'EUR', 'marketplace', false],
    ];
    for (const [name, acc, stage, closeDate, value, currency, motion, withPartner] of rows) {
      const res = await h.api(c.apiKey).post('/api/v1/opportunities', {
        name,
        accountId: acc === 'acc1' ? acc1.id : acc2.id,
        amount: { value, currency },
        stage,
        closeDate,
        motion,
        ownerUserId: withPartner ? c.adminUserId : null,
        partners: withPartner ? [{ partnerId: partner.id, role: 'reseller', attribution: 'sourced', share: 50 }] : [],
      });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json());
    }
  });

  const list = async (query: string) => {
    const res = await h.api(c.apiKey).get(`/api/v1/opportunities?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: Opp[]; nextCursor: string | null };
  };
  const names = async (query: string) => (await list(query)).data.map((o) => o.name);
  /** Every page of a query, limit 2, checking the cursor chain ends. */
  const allPages = async (query: string) => {
    const out: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { data: Opp[]; nextCursor: string | null } = await list(`${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...page.data.map((o) => o.id));
      cursor = page.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('paging did not end');
  };

  it('filters by name (case and accents ignored, % and _ literal), stage list, motion, owner, account, partner', async () => {
    expect(await names('q=uberweisung')).toEqual(['Überweisung Süd']);
    expect(await names('q=S%C3%9CD')).toEqual(['Überweisung Süd']);
    expect(await names('q=50%25_')).toEqual(['Gamma 50%_off']);
    expect(await names('q=%25')).toEqual(['Gamma 50%_off']);
    expect(await names('stage=proposal,negotiation&sort=name')).toEqual(['alpha expansion', 'Beta renewal', 'Delta pilot']);
    expect(await names('stage=proposal&stage=closed_won&sort=name')).toEqual(['alpha expansion', 'Delta pilot', 'Gamma 50%_off']);
    expect(await names('motion=resale&sort=name')).toEqual(['Beta renewal', 'Überweisung Süd']);
    expect(await names(`ownerUserId=${c.adminUserId}&sort=name`)).toEqual(['Beta renewal', 'Epsilon', 'Überweisung Süd']);
    expect(await names(`accountId=${acc2.id}&sort=name`)).toEqual(['Beta renewal', 'Epsilon', 'Gamma 50%_off']);
    expect(await names(`partnerId=${partner.id}&sort=name`)).toEqual(['Beta renewal', 'Epsilon', 'Überweisung Süd']);
    expect(await names(`partnerId=${randomUUID()}`)).toEqual([]);
  });

  it('filters by close date range, currency and amount in each row’s own currency', async () => {
    expect(await names('closeFrom=2027-01-15&closeTo=2027-02-01&sort=name')).toEqual([
      'alpha expansion',
      'Beta renewal',
      'Epsilon',
      'Überweisung Süd',
    ]);
    const eur = await names('currency=eur&sort=amount&order=desc');
    expect(eur.slice(0, 2)).toEqual(['alpha expansion', 'Zeta lost']);
    expect(eur.slice(2).sort()).toEqual(['Beta renewal', 'Überweisung Süd']); // both 5000 EUR: their order is by id
    // 1.5 KWD, 99.99 USD, 5000 EUR … each compared in major units of its own currency.
    expect(await names('amountMin=1.5&amountMax=99.99&sort=name')).toEqual(['Delta pilot', 'Epsilon']);
    expect(await names('amountMin=99.995&amountMax=5000&sort=name')).toEqual(['Beta renewal', 'Überweisung Süd']);
    expect(await names('amountMin=800000')).toEqual(['Gamma 50%_off']);
    expect(await names('amountMin=1000000000000000000000')).toEqual([]);
  });

  it('sorts by every key in both orders and pages through all rows without gaps or repeats', async () => {
    const byKey: Record<string, (o: Opp) => string | number> = {
      closeDate: (o) => o.closeDate as string,
      amount: (o) => {
        const m = o.amount as { value: number; currency: string };
        return Math.round(m.value * 10 ** ({ JPY: 0, KWD: 3 }[m.currency] ?? 2));
      },
      createdAt: (o) => o.createdAt as string,
      updatedAt: (o) => o.updatedAt as string,
    };
    for (const sort of [...Object.keys(byKey), 'name']) {
      for (const order of ['asc', 'desc'] as const) {
        if (sort === 'name') {
          // Names sort by their folded form (Ü as U) in the database's collation: ask the database.
          const rows = await h.ownerDb
            .selectFrom('opportunities')
            .select('id')
            .where('workspaceId', '=', c.workspaceId)
            .orderBy(sql`name_key`, order)
            .orderBy('id', order)
            .execute();
          expect(await allPages(`sort=name&order=${order}`), `name ${order}`).toEqual(rows.map((r) => r.id));
          continue;
        }
        const key = byKey[sort];
        const expected = [...made]
          .sort((x, y) => {
            const [kx, ky] = [key(x), key(y)];
            const cmp = kx < ky ? -1 : kx > ky ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
            return order === 'asc' ? cmp : -cmp;
          })
          .map((o) => o.id);
        expect(await allPages(`sort=${sort}&order=${order}`), `${sort} ${order}`).toEqual(expected);
      }
    }
  });

  it('pages a filtered list and refuses cursors it did not issue or from another sort', async () => {
    expect((await allPages('stage=proposal,qualification,prospecting')).length).toBe(4);
    const first = await list('sort=amount&limit=2');
    expect(first.nextCursor).toBeTruthy();
    const other = await h.api(c.apiKey).get(`/api/v1/opportunities?sort=closeDate&cursor=${first.nextCursor}`);
    expect(other.statusCode).toBe(400);
    expect(fieldsOf(other)).toEqual(['query.cursor']);
    expect((await h.api(c.apiKey).get('/api/v1/opportunities?cursor=garbage')).statusCode).toBe(400);
  });

  it('filters names matching more rows than the look-up returns by walking the list in order', async () => {
    const d = await h.workspace('Opportunities bulk');
    const acc = (await h.api(d.apiKey).post('/api/v1/accounts', { name: 'Bulk AG' })).json();
    const total = NAME_MATCH_CAP + 10;
    await sql`insert into opportunities (workspace_id, name, account_id, amount_minor, currency, stage, close_date)
      select ${d.workspaceId}, 'Größe ' || g, ${acc.id}, g, 'EUR', 'proposal', date '2027-01-01' + (g % 300)
      from generate_series(1, ${total}) g`.execute(h.ownerDb);
    const collect = async (query: string) => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await h.api(d.apiKey).get(`/api/v1/opportunities?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { data: Opp[]; nextCursor: string | null };
        names.push(...page.data.map((o) => o.name));
        cursor = page.nextCursor;
      } while (cursor);
      return names;
    };
    // Every row matches "größe" (folded: grose), more than the look-up returns: all pages, in order.
    expect(await collect('q=Gr%C3%B6%C3%9Fe&sort=amount')).toEqual(Array.from({ length: total }, (_, i) => `Größe ${i + 1}`));
    // "GRÖSSE" folds to "grosse", which "große" (grose) does not contain.
    expect(await collect('q=GR%C3%96SSE')).toEqual([]);
    const rare = (await h.api(d.apiKey).get('/api/v1/opportunities?q=grose+201&sort=name')).json();
    expect(rare.data.map((o: Opp) => o.name)).toEqual(['Größe 201', 'Größe 2010']);
  });

  it('rejects bad filters naming each', async () => {
    const res = await h
      .api(c.apiKey)
      .get(
        '/api/v1/opportunities?stage=won&motion=x&closeFrom=tomorrow&amountMin=-1&currency=EURO&sort=probability&order=up&ownerUserId=me&colour=red',
      );
    expect(res.statusCode).toBe(400);
    const fields = fieldsOf(res);
    for (const f of [
      'query.stage.0',
      'query.motion.0',
      'query.closeFrom',
      'query.amountMin',
      'query.currency',
      'query.sort',
      'query.order',
      'query.ownerUserId',
    ]) {
      expect(fields, f).toContain(f);
    }
    expect(fields).toContain('query');
  });

  it('documents the routes in the OpenAPI description', async () => {
    const doc = (await h.api(undefined).get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/opportunities',
        '/api/v1/opportunities/{id}',
        '/api/v1/opportunities/{id}/partners',
        '/api/v1/opportunities/{id}/contact-roles',
        '/api/v1/opportunities/{id}/restore',
        '/api/v1/opportunities/{id}/timeline',
      ]),
    );
  });
});
