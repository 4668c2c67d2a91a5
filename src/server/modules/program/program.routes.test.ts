import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { type RegistrationWorld, registrationWorld } from '../registrations/fixtures/registration-world.ts';

let h: Harness;
let w: RegistrationWorld;

beforeAll(async () => {
  h = await createHarness();
  w = await registrationWorld(h, 'Program Settings');
});
afterAll(() => h?.close());

const settingsOf = async () => {
  const res = await w.api.get('/api/v1/program/settings');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().settings as Record<string, Record<string, unknown>>;
};

describe('program settings', () => {
  it('answers 401 without credentials and 403 to partners', async () => {
    expect((await h.api(undefined).get('/api/v1/program/settings')).statusCode).toBe(401);
    expect((await h.api(undefined).patch('/api/v1/program/settings', { shareLinks: { defaultHours: 24, maxHours: 48 } })).statusCode).toBe(401);
    expect((await w.people.alphaUser.client.get('/api/v1/program/settings')).statusCode).toBe(403);
    expect((await w.people.alphaUser.client.patch('/api/v1/program/settings', { shareLinks: { defaultHours: 24, maxHours: 48 } })).statusCode).toBe(
      403,
    );
  });

  it('gives the defaults and the holiday regions to choose from', async () => {
    const res = await w.api.get('/api/v1/program/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.shareLinks).toEqual({ defaultHours: 168, maxHours: 720 });
    expect(res.json().holidayRegions.length).toBeGreaterThan(10);
  });

  it('refuses an empty change, unknown sections and bad values, naming the field', async () => {
    const empty = await w.api.patch('/api/v1/program/settings', {});
    expect(empty.statusCode).toBe(400);
    const unknown = await w.api.patch('/api/v1/program/settings', { colours: {} });
    expect(unknown.statusCode).toBe(400);
    const bad = await w.api.patch('/api/v1/program/settings', { shareLinks: { defaultHours: 0, maxHours: 48 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('body.shareLinks.defaultHours');
  });

  it('replaces only the sections a PATCH names, keeping the others', async () => {
    const before = await settingsOf();
    expect((await w.api.patch('/api/v1/program/settings', { shareLinks: { defaultHours: 48, maxHours: 240 } })).statusCode).toBe(200);
    const res = await w.api.patch('/api/v1/program/settings', {
      registration: { ...before.registration, requiredFields: { referral: ['contactEmail'] } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await settingsOf();
    expect(after.shareLinks).toEqual({ defaultHours: 48, maxHours: 240 });
    expect(after.registration.requiredFields).toMatchObject({ referral: ['contactEmail'] });
    expect(after.conflictPolicy).toEqual(before.conflictPolicy);
    expect(after.protection).toEqual(before.protection);
  });

  it('previews the rules of engagement partners read, in either language, after a change', async () => {
    expect((await h.api(undefined).get('/api/v1/program/rules-of-engagement')).statusCode).toBe(401);
    expect((await w.people.alphaUser.client.get('/api/v1/program/rules-of-engagement')).statusCode).toBe(403);
    expect((await w.api.get('/api/v1/program/rules-of-engagement?locale=fr')).statusCode).toBe(400);
    const en = await w.api.get('/api/v1/program/rules-of-engagement');
    expect(en.statusCode, en.body).toBe(200);
    expect(en.json()).toMatchObject({ locale: 'en', protectionDays: 90 });
    expect(en.json().rules.length).toBeGreaterThan(2);
    const de = (await w.api.get('/api/v1/program/rules-of-engagement?locale=de')).json();
    expect(de.locale).toBe('de');
    expect(de.title).not.toBe(en.json().title);
    // What the partner's portal shows is the same text.
    const portal = (await w.people.alphaUser.client.get('/api/v1/portal/rules-of-engagement?locale=de')).json();
    expect(portal.rules).toEqual(de.rules);
  });
});
