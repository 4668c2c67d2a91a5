import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { dealBody, type RegistrationWorld, registrationWorld } from './fixtures/registration-world.ts';

// POST /registrations runs through http/group-commit.ts: submissions that arrive while the
// workspace's transactions are busy commit together. These tests fire bursts and check that each
// request still gets exactly the answer it would have got alone.

let h: Harness;
let w: RegistrationWorld;

beforeAll(async () => {
  h = await createHarness();
  w = await registrationWorld(h, 'Group commit');
});
afterAll(() => h?.close());

const company = (tag: string, i: number) => ({ name: `${tag} ${i} Werkzeugbau GmbH`, domain: `${tag.toLowerCase()}-${i}.example` });

/** Transactions that inserted these registrations: rows of one transaction share their xmin. */
async function transactionsOf(names: string[]) {
  const { rows } = await sql<{
    n: number;
  }>`select count(distinct xmin::text)::int as n from registrations where company_name = any(${names})`.execute(h.ownerDb);
  return rows[0].n;
}

describe('group commit of registration submissions', () => {
  it('commits a burst in fewer transactions than requests, every submission answered with its own registration', async () => {
    const bodies = Array.from({ length: 30 }, (_, i) =>
      dealBody({ partnerId: i % 2 ? w.partners.alpha.id : w.partners.beta.id, company: company('Burst', i) }),
    );
    const results = await Promise.all(bodies.map((b) => w.api.post('/api/v1/registrations', b)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const answers = results.map((r) => r.json());
    expect(answers.map((a) => a.company.name)).toEqual(bodies.map((b) => (b.company as { name: string }).name));
    expect(new Set(answers.map((a) => a.id)).size).toBe(30);
    expect(new Set(answers.map((a) => a.number)).size).toBe(30);
    const names = answers.map((a) => a.company.name);
    const rows = await h.ownerDb.selectFrom('registrations').select(['id', 'number', 'partnerId']).where('companyName', 'in', names).execute();
    expect(rows).toHaveLength(30);
    for (const a of answers) expect(rows.find((r) => r.id === a.id)).toMatchObject({ number: a.number, partnerId: a.partner.id });
    expect(await transactionsOf(names)).toBeLessThan(30);
    // Each has its own timeline entry, audit event and confirmation email.
    const timeline = await h.ownerDb
      .selectFrom('timelineEntries')
      .select('subjectId')
      .where(
        'subjectId',
        'in',
        answers.map((a) => a.id),
      )
      .execute();
    expect(new Set(timeline.map((t) => t.subjectId)).size).toBe(30);
    const audit = await h.ownerDb
      .selectFrom('auditEvents')
      .select('entityId')
      .where('action', '=', 'registration.submitted')
      .where(
        'entityId',
        'in',
        answers.map((a) => a.id),
      )
      .execute();
    expect(audit).toHaveLength(30);
  });

  it('gives a failing submission in a burst its own error and commits the others', async () => {
    const first = await w.api.post('/api/v1/registrations', dealBody({ partnerId: w.partners.alpha.id, company: company('Taken', 0) }));
    expect(first.statusCode, first.body).toBe(201);
    const good = Array.from({ length: 20 }, (_, i) => dealBody({ partnerId: w.partners.beta.id, company: company('Mixed', i) }));
    const results = await Promise.all([
      ...good.map((b) => w.api.post('/api/v1/registrations', b)),
      // The same partner, company and motion again: 409 naming the first.
      w.api.post('/api/v1/registrations', dealBody({ partnerId: w.partners.alpha.id, company: company('Taken', 0) })),
      // No such partner: 400 naming the field.
      w.api.post('/api/v1/registrations', dealBody({ partnerId: randomUUID(), company: company('Mixed', 99) })),
    ]);
    expect(results.slice(0, 20).map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(results[20].statusCode).toBe(409);
    expect(results[20].json().detail).toContain(first.json().number);
    expect(results[21].statusCode).toBe(400);
    expect(results[21].json().errors).toEqual([{ field: 'body.partnerId', message: 'is not a partner of this workspace' }]);
    const names = good.map((b) => (b.company as { name: string }).name);
    expect(await h.ownerDb.selectFrom('registrations').select('id').where('companyName', 'in', names).execute()).toHaveLength(20);
    expect(await h.ownerDb.selectFrom('registrations').select('id').where('companyName', '=', company('Mixed', 99).name).execute()).toHaveLength(0);
  });

  it('answers every retry of a key in a burst with the one registration it created', async () => {
    const headers = { 'idempotency-key': `burst-${randomUUID()}` };
    const body = dealBody({ partnerId: w.partners.alpha.id, company: company('Retried', 0) });
    const others = Array.from({ length: 12 }, (_, i) => dealBody({ partnerId: w.partners.beta.id, company: company('Around', i) }));
    const results = await Promise.all([
      ...others.map((b) => w.api.post('/api/v1/registrations', b)),
      w.api.post('/api/v1/registrations', body, headers),
      w.api.post('/api/v1/registrations', body, headers),
      w.api.post('/api/v1/registrations', body, headers),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual(Array(15).fill(201));
    const retried = results.slice(12).map((r) => r.json().id);
    expect(new Set(retried).size).toBe(1);
    expect(results.slice(12).filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    const rows = await h.ownerDb.selectFrom('registrations').select('id').where('companyName', '=', company('Retried', 0).name).execute();
    expect(rows.map((r) => r.id)).toEqual([retried[0]]);
  });

  it('ranks simultaneous claims on the same companies inside and across groups: one first each, ranks 1…n', async () => {
    const partners = [];
    for (let i = 0; i < 6; i++) partners.push((await w.api.post('/api/v1/partners', { name: `Claimer ${i} KG`, type: 'reseller' })).json());
    // Three companies, each claimed by all six partners at once, interleaved.
    const bodies = partners.flatMap((p) => [0, 1, 2].map((c) => dealBody({ partnerId: p.id, company: company('Contested', c) })));
    const results = await Promise.all(bodies.map((b) => w.api.post('/api/v1/registrations', b)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(18).fill(201));
    for (const c of [0, 1, 2]) {
      const rows = await h.ownerDb
        .selectFrom('registrations')
        .select(['id', 'claimRank', 'firstClaimId', 'verdict'])
        .where('companyName', '=', company('Contested', c).name)
        .execute();
      expect(rows.map((r) => r.claimRank).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
      const first = rows.find((r) => r.claimRank === 1);
      for (const r of rows.filter((x) => x.claimRank > 1)) expect(r).toMatchObject({ firstClaimId: first?.id, verdict: 'conflict' });
    }
  });
});
