import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { CANARY, canariesIn, type PortalWorld, portalWorld } from '../portal/fixtures/portal-world.ts';

let h: Harness;
let w: PortalWorld;
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
const dealOf = async (w: PortalWorld, id: string) => (await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${id}`)).json();

beforeAll(async () => {
  h = await createHarness();
  w = await portalWorld(h, 'Safelists');
});
afterAll(() => h?.close());

describe('safelists API', () => {
  it('answers 401 without credentials, and 403 to partners and to roles that may not manage them', async () => {
    expect((await h.api(undefined).get('/api/v1/safelists')).statusCode).toBe(401);
    expect((await h.api(w.nordKey).get('/api/v1/safelists')).statusCode).toBe(403);
    expect((await w.people.nordAdmin.client.get('/api/v1/safelists')).statusCode).toBe(403);
    const reader = (await w.api.post('/api/v1/api-keys', { name: 'reader', scopes: ['partners:read'] })).json().key;
    expect((await h.api(reader).get('/api/v1/safelists')).statusCode).toBe(200);
    expect(
      (await h.api(reader).put('/api/v1/safelists', { object: 'opportunity', scope: { kind: 'workspace' }, visible: ['name'] })).statusCode,
    ).toBe(403);
  });

  it('lists the catalogue with its defaults', async () => {
    const res = await w.api.get('/api/v1/safelists');
    expect(res.statusCode).toBe(200);
    const deal = res.json().objects.find((o: { object: string }) => o.object === 'opportunity');
    expect(deal.fields).toEqual(
      expect.arrayContaining([
        { key: 'amount', visible: false, editable: { byDefault: false } },
        { key: 'ownerName', visible: true },
      ]),
    );
    expect(res.json().rules).toEqual([]);
  });

  it('applies a saved rule to the partner at once, audits the change, and lets a more specific one win', async () => {
    const workspaceRule = await w.api.put('/api/v1/safelists', {
      object: 'opportunity',
      scope: { kind: 'workspace' },
      visible: ['name', 'stage', 'amount', 'nextStep', 'closeDate'],
      editable: ['nextStep', 'amount'],
    });
    expect(workspaceRule.statusCode, workspaceRule.body).toBe(200);
    const deal = await dealOf(w, w.deals.shared.id);
    expect(deal).toMatchObject({ name: 'Alpha Rollout', amount: { value: 987654.32, currency: 'EUR' }, closeDate: '2027-03-15' });
    expect(deal).not.toHaveProperty('ownerName');
    expect(deal.permissions.editable).toEqual(['nextStep', 'amount']);
    expect(
      (await w.people.nordAdmin.client.patch(`/api/v1/portal/deals/${w.deals.ownDeal.id}`, { amount: { value: 15000, currency: 'EUR' } })).statusCode,
    ).toBe(200);

    const forGold = await w.api.put('/api/v1/safelists', { object: 'opportunity', scope: { kind: 'tier', value: 'gold' }, visible: ['name'] });
    expect(forGold.statusCode).toBe(200);
    expect(Object.keys(await dealOf(w, w.deals.shared.id)).sort()).toEqual(['account', 'id', 'name', 'permissions']);
    // Südlicht (silver) still gets the workspace rule.
    expect((await w.people.suedAdmin.client.get(`/api/v1/portal/deals/${w.deals.shared.id}`)).json()).toHaveProperty('amount');

    const effective = await w.api.get(`/api/v1/safelists/effective?partnerId=${w.partners.nordwind.id}`);
    expect(effective.json().data.find((d: { object: string }) => d.object === 'opportunity')).toMatchObject({
      scope: { kind: 'tier', value: 'gold' },
      visible: ['name'],
    });
    const events = (await auditActions(h, w.ws)).filter((e) => e.action === 'safelist.saved');
    expect(events).toHaveLength(2);

    expect((await w.api.delete(`/api/v1/safelists/${forGold.json().id}`)).statusCode).toBe(204);
    expect(await dealOf(w, w.deals.shared.id)).toHaveProperty('amount');
    expect((await auditActions(h, w.ws)).map((e) => e.action)).toContain('safelist.deleted');
    expect((await w.api.delete(`/api/v1/safelists/${workspaceRule.json().id}`)).statusCode).toBe(204);
    expect(await dealOf(w, w.deals.shared.id)).not.toHaveProperty('amount');
  });

  it('refuses bad rules naming each field', async () => {
    const res = await w.api.put('/api/v1/safelists', {
      object: 'opportunity',
      scope: { kind: 'partner', value: randomUUID() },
      visible: ['name', 'salary'],
      editable: ['name'],
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['body.visible.1', 'body.editable.0']));
    const unknownPartner = await w.api.put('/api/v1/safelists', {
      object: 'opportunity',
      scope: { kind: 'partner', value: randomUUID() },
      visible: ['name'],
    });
    expect(unknownPartner.statusCode).toBe(400);
    expect(fields(unknownPartner)).toEqual(['body.scope.value']);
    expect((await w.api.put('/api/v1/safelists', { object: 'invoice', scope: { kind: 'workspace' }, visible: [] })).statusCode).toBe(400);
  });

  it('previews a real deal as the partner sees it, with the saved safelist or a draft, without saving anything', async () => {
    const saved = await w.api.post('/api/v1/safelists/preview', { partnerId: w.partners.nordwind.id, recordId: w.deals.shared.id });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual(await dealOf(w, w.deals.shared.id));
    expect(canariesIn(saved.body)).toEqual([]);
    const draft = await w.api.post('/api/v1/safelists/preview', {
      partnerId: w.partners.nordwind.id,
      recordId: w.deals.shared.id,
      visible: ['name', 'description', 'otherPartners'],
    });
    expect(draft.json()).toMatchObject({
      name: 'Alpha Rollout',
      description: CANARY.description,
      otherPartners: [{ name: CANARY.otherPartner, role: 'services' }],
    });
    expect((await w.api.get('/api/v1/safelists')).json().rules).toEqual([]);
    // A deal the partner holds no role on cannot be previewed for it.
    expect((await w.api.post('/api/v1/safelists/preview', { partnerId: w.partners.nordwind.id, recordId: w.deals.otherDeal.id })).statusCode).toBe(
      404,
    );
  });
});
