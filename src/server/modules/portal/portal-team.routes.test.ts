import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMail, newEmail } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { type PortalWorld, portalWorld } from './fixtures/portal-world.ts';

let h: Harness;
let w: PortalWorld;

beforeAll(async () => {
  h = await createHarness();
  w = await portalWorld(h, 'Portal team');
});
afterAll(() => h?.close());

describe('portal team', () => {
  it('lists the colleagues of one’s own partner only', async () => {
    const res = await w.people.nordRep.client.get('/api/v1/portal/team');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .data.map((u: { name: string }) => u.name)
        .sort(),
    ).toEqual(['Nora Nordwind', 'Ralf Rep']);
    expect(res.body).not.toContain('Sören');
  });

  it('lets a partner admin invite a colleague, who gets a sign-in email for their partner, and refuses reps', async () => {
    const email = newEmail('colleague');
    expect((await w.people.nordRep.client.post('/api/v1/portal/team', { email, name: 'Clara Colleague' })).statusCode).toBe(403);
    const res = await w.people.nordAdmin.client.post('/api/v1/portal/team', { email, name: 'Clara Colleague' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ email, role: 'partner_rep', status: 'invited' });
    const mail = await latestMail(h, w.ws, email);
    expect(mail.template).toBe('partner_invite');
    expect(mail.text).toContain('Nordwind Systemhaus GmbH');
    expect(mail.text).toContain('Nora Nordwind');
    const bad = await w.people.nordAdmin.client.post('/api/v1/portal/team', { email: 'nope', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.email', 'body.name']);
  });

  it('deactivates a colleague: their session ends at once, and another partner’s people are out of reach', async () => {
    expect((await w.people.nordRep.client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await w.people.nordAdmin.client.patch(`/api/v1/portal/team/${w.people.suedAdmin.id}`, { status: 'deactivated' })).statusCode).toBe(404);
    expect((await w.people.nordAdmin.client.patch(`/api/v1/portal/team/${w.people.nordAdmin.id}`, { status: 'deactivated' })).statusCode).toBe(409);
    const res = await w.people.nordAdmin.client.patch(`/api/v1/portal/team/${w.people.nordRep.id}`, { status: 'deactivated' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await w.people.nordRep.client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await w.people.nordRep.client.get('/api/v1/portal/deals')).statusCode).toBe(401);
    // Staff can do the same from the partner page, and bring them back.
    const back = await w.api.patch(`/api/v1/partners/${w.partners.nordwind.id}/users/${w.people.nordRep.id}`, { status: 'active' });
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe('active');
  });
});
