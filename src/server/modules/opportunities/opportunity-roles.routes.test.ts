import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
let account: { id: string; name: string };
let partners: { id: string; name: string }[];
let theirPartner: { id: string };

type Opp = Record<string, unknown> & { id: string; name: string };
type Field = { field: string; message: string };
const fieldsOf = (res: { json: () => { errors?: Field[] } }) => (res.json().errors ?? []).map((e) => e.field);

/** PUT is not among the harness's verbs. */
const put = (key: string | undefined, url: string, body: unknown) =>
  h.http.inject({ method: 'PUT', url, payload: body as never, headers: key ? { authorization: `Bearer ${key}` } : {} });

const base = () => ({
  name: 'Rollout 2027',
  accountId: account.id,
  amount: { value: 125000.5, currency: 'EUR' },
  stage: 'prospecting',
  closeDate: '2027-03-31',
});

async function createOpp(body: Record<string, unknown> = {}, key = a.apiKey): Promise<Opp> {
  const res = await h.api(key).post('/api/v1/opportunities', { ...base(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Contacts go in directly: this file tests opportunities, not the contacts API. */
async function insertContact(workspaceId: string, firstName: string, lastName: string) {
  return inWorkspace(h.db, workspaceId, (trx) =>
    trx.insertInto('contacts').values({ workspaceId, firstName, lastName }).returning('id').executeTakeFirstOrThrow(),
  );
}

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Opportunities A');
  b = await h.workspace('Opportunities B');
  account = (await h.api(a.apiKey).post('/api/v1/accounts', { name: 'Müller Maschinenbau GmbH', domains: ['mueller.example'] })).json();
  partners = [];
  for (const [name, type] of [
    ['Alpha Reseller GmbH', 'reseller'],
    ['Beta Services AG', 'services'],
    ['Gamma Referral Ltd', 'referral'],
  ]) {
    partners.push((await h.api(a.apiKey).post('/api/v1/partners', { name, type })).json());
  }
  theirPartner = (await h.api(b.apiKey).post('/api/v1/partners', { name: 'Their Partner', type: 'reseller' })).json();
});
afterAll(() => h?.close());

describe('opportunities API: partner and contact roles', () => {
  it('refuses partner shares over 100 %, naming body.partners, on create and on PUT', async () => {
    const over = [
      { partnerId: partners[0].id, role: 'reseller', attribution: 'sourced', share: 60 },
      { partnerId: partners[1].id, role: 'services', attribution: 'influenced', share: 40.01 },
    ];
    const created = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), partners: over });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors).toEqual([
      { field: 'body.partners', message: 'partner shares add up to 100.01 %; together they must not exceed 100 %' },
    ]);
    const o = await createOpp();
    const res = await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, { partners: over });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.partners']);
    expect((await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}`)).json().partners).toEqual([]);
  });

  it('refuses a partner twice, a partner of another workspace, a bad role and a share with three decimals', async () => {
    const o = await createOpp();
    const twice = await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, {
      partners: [
        { partnerId: partners[0].id, role: 'reseller', attribution: 'sourced', share: 10 },
        { partnerId: partners[0].id, role: 'services', attribution: 'influenced', share: 10 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(fieldsOf(twice)).toEqual(['body.partners.1.partnerId']);
    const foreign = await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, {
      partners: [{ partnerId: theirPartner.id, role: 'reseller', attribution: 'sourced', share: 10 }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ field: 'body.partners.0.partnerId', message: 'is not a partner of this workspace' }]);
    const bad = await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, {
      partners: [{ partnerId: partners[0].id, role: 'kingmaker', attribution: 'both', share: 33.333 }],
    });
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.partners.0.role', 'body.partners.0.attribution', 'body.partners.0.share']));
    expect(fieldsOf(await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, {}))).toEqual(['body.partners']);
  });

  it('replaces the partner list, accepts thirds that add up to exactly 100 %, and notes it on the timeline', async () => {
    const o = await createOpp({ partners: [{ partnerId: partners[2].id, role: 'referrer', attribution: 'sourced', share: 100 }] });
    const res = await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, {
      partners: [
        { partnerId: partners[0].id, role: 'reseller', attribution: 'sourced', share: 33.34 },
        { partnerId: partners[1].id, role: 'services', attribution: 'influenced', share: 33.33 },
        { partnerId: partners[2].id, role: 'referrer', attribution: 'influenced', share: 33.33 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().partners.map((p: { partnerName: string; share: number }) => [p.partnerName, p.share])).toEqual([
      ['Alpha Reseller GmbH', 33.34],
      ['Beta Services AG', 33.33],
      ['Gamma Referral Ltd', 33.33],
    ]);
    const timeline = (await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}/timeline`)).json().data;
    expect(timeline[0].kind).toBe('field_change');
    expect(timeline[0].metadata.changes.partners.from).toHaveLength(1);
    expect(timeline[0].metadata.changes.partners.to).toHaveLength(3);
    const cleared = await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, { partners: [] });
    expect(cleared.json().partners).toEqual([]);
  });

  it('keeps a partner that was deleted after it was put on the opportunity', async () => {
    const gone = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Soon Gone GmbH', type: 'reseller' })).json();
    const line = { partnerId: gone.id, role: 'reseller', attribution: 'sourced', share: 50 };
    const o = await createOpp({ partners: [line] });
    expect((await h.api(a.apiKey).delete(`/api/v1/partners/${gone.id}`)).statusCode).toBe(204);
    const again = await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, { partners: [{ ...line, share: 40 }] });
    expect(again.statusCode, again.body).toBe(200);
    const fresh = await h.api(a.apiKey).post('/api/v1/opportunities', { ...base(), partners: [line] });
    expect(fieldsOf(fresh)).toEqual(['body.partners.0.partnerId']);
  });

  it('has the database refuse shares over 100 % written past the API, checked at commit', async () => {
    const o = await createOpp();
    const raw = inWorkspace(h.db, a.workspaceId, async (trx) => {
      await trx
        .insertInto('opportunityPartners')
        .values([
          { workspaceId: a.workspaceId, opportunityId: o.id, partnerId: partners[0].id, role: 'reseller', attribution: 'sourced', sharePercent: 60 },
          { workspaceId: a.workspaceId, opportunityId: o.id, partnerId: partners[1].id, role: 'services', attribution: 'sourced', sharePercent: 41 },
        ])
        .execute();
    });
    await expect(raw).rejects.toMatchObject({ code: '23514', constraint: 'opportunity_partner_shares_max_100' });
    expect((await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}`)).json().partners).toEqual([]);
    // Deferred: a transaction may pass through more than 100 % while it moves share between partners.
    await put(a.apiKey, `/api/v1/opportunities/${o.id}/partners`, {
      partners: [
        { partnerId: partners[0].id, role: 'reseller', attribution: 'sourced', share: 60 },
        { partnerId: partners[1].id, role: 'services', attribution: 'influenced', share: 40 },
      ],
    });
    await inWorkspace(h.db, a.workspaceId, async (trx) => {
      const share = (partnerId: string, sharePercent: number) =>
        trx.updateTable('opportunityPartners').set({ sharePercent }).where('opportunityId', '=', o.id).where('partnerId', '=', partnerId).execute();
      await share(partners[1].id, 60);
      await share(partners[0].id, 40);
    });
    const after = (await h.api(a.apiKey).get(`/api/v1/opportunities/${o.id}`)).json();
    expect(after.partners.map((p: { share: number }) => p.share)).toEqual([60, 40]);
  });

  it('replaces contact roles with live contacts of the workspace, each once', async () => {
    const o = await createOpp();
    const ada = await insertContact(a.workspaceId, 'Ada', 'Lovelace');
    const bob = await insertContact(a.workspaceId, '', 'Brandt');
    const theirs = await insertContact(b.workspaceId, 'Eve', 'Elsewhere');
    const res = await put(a.apiKey, `/api/v1/opportunities/${o.id}/contact-roles`, {
      contactRoles: [
        { contactId: ada.id, role: 'Champion' },
        { contactId: bob.id, role: 'Partner contact' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contactRoles).toEqual([
      { contactId: bob.id, name: 'Brandt', role: 'Partner contact' },
      { contactId: ada.id, name: 'Ada Lovelace', role: 'Champion' },
    ]);
    const twice = await put(a.apiKey, `/api/v1/opportunities/${o.id}/contact-roles`, {
      contactRoles: [
        { contactId: ada.id, role: 'Champion' },
        { contactId: ada.id, role: 'Buyer' },
      ],
    });
    expect(fieldsOf(twice)).toEqual(['body.contactRoles.1.contactId']);
    const foreign = await put(a.apiKey, `/api/v1/opportunities/${o.id}/contact-roles`, { contactRoles: [{ contactId: theirs.id, role: 'Spy' }] });
    expect(foreign.json().errors).toEqual([{ field: 'body.contactRoles.0.contactId', message: 'is not a contact of this workspace' }]);
    const empty = await put(a.apiKey, `/api/v1/opportunities/${o.id}/contact-roles`, { contactRoles: [{ contactId: ada.id, role: ' ' }] });
    expect(fieldsOf(empty)).toEqual(['body.contactRoles.0.role']);
  });
});
