import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, invitePartnerUser, mailboxSession } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
const ids: Record<string, string> = {};

type Candidate = { kind: string; id: string; name: string; score: number; reasons: { code: string; text: string }[]; accountId: string | null };

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Duplicates A');
  b = await h.workspace('Duplicates B');
  const accounts: [string, string, string[]][] = [
    ['mueller', 'Müller Maschinenbau GmbH', ['mueller-maschinenbau.de']],
    ['nordwind', 'Nordwind Logistik GmbH & Co. KG', []],
    ['schmidt', 'Schmidt Elektrotechnik AG', []],
    ['acme', 'Acme Robotics Ltd', ['acme-robotics.co.uk']],
    ['deal', 'Brandt Kältetechnik GmbH', ['brandt-kaelte.de']],
  ];
  for (const [key, name, domains] of accounts) {
    const res = await h.api(a.apiKey).post('/api/v1/accounts', { name, domains });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  }
  const opp = await h.api(a.apiKey).post('/api/v1/opportunities', {
    name: 'Brandt cold-storage rollout',
    accountId: ids.deal,
    amount: { value: 50_000, currency: 'EUR' },
    stage: 'proposal',
    closeDate: '2027-03-31',
  });
  expect(opp.statusCode, opp.body).toBe(201);
  ids.dealOpportunity = opp.json().id;
  // Workspace B has a Müller of its own and a company A does not know.
  ids.otherMueller = (await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Müller Maschinenbau GmbH' })).json().id;
  await h.api(b.apiKey).post('/api/v1/accounts', { name: 'Bergblick Hotels GmbH', domains: ['bergblick-hotels.at'] });
});
afterAll(() => h?.close());

const check = (key: string | undefined, body: Record<string, unknown>) => h.api(key).post('/api/v1/duplicate-check', body);
const candidates = async (body: Record<string, unknown>, key = a.apiKey) => {
  const res = await check(key, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { verdict: string; candidates: Candidate[] };
};

describe('POST /api/v1/duplicate-check', () => {
  it('answers 401 without credentials and with an unknown key', async () => {
    expect((await check(undefined, { companyName: 'Müller' })).statusCode).toBe(401);
    expect((await check('tnd_nope', { companyName: 'Müller' })).statusCode).toBe(401);
  });

  it('answers 400 naming each bad field', async () => {
    const res = await check(a.apiKey, { companyName: '  ', domain: 'not a domain', contactEmail: 'anna(at)acme', extra: 1 });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.companyName', 'body.domain', 'body.contactEmail', 'body']));
    expect((await check(a.apiKey, {})).json().errors.map((e: { field: string }) => e.field)).toContain('body.companyName');
  });

  it('answers 403 to a staff API key without CRM read access', async () => {
    const key = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'partners only', scopes: ['partners:read'] })).json().key;
    expect((await check(key, { companyName: 'Müller' })).statusCode).toBe(403);
  });

  it('finds an account written with umlauts when typed with ae/oe/ue, and says why', async () => {
    const r = await candidates({ companyName: 'Mueller Maschinenbau' });
    expect(r.verdict).toBe('possible_duplicate');
    expect(r.candidates[0]).toMatchObject({ kind: 'account', id: ids.mueller, name: 'Müller Maschinenbau GmbH', accountId: ids.mueller });
    expect(r.candidates[0].score).toBeGreaterThanOrEqual(0.93);
    expect(r.candidates[0].reasons.map((x) => x.code)).toContain('name_equal_after_legal_form');
  });

  it('ignores legal forms and finds one-letter typos', async () => {
    expect((await candidates({ companyName: 'Nordwind Logistik AG' })).candidates[0]).toMatchObject({ id: ids.nordwind });
    const typo = await candidates({ companyName: 'Schmitd Elektrotechnik GmbH' });
    expect(typo.candidates[0]).toMatchObject({ id: ids.schmidt });
    expect(typo.candidates[0].reasons.map((x) => x.code)).toContain('token_typo');
  });

  it('matches by web domain and by the contact e-mail domain under another name', async () => {
    const byDomain = await candidates({ companyName: 'Totally Different Name', domain: 'https://www.shop.acme-robotics.co.uk/en' });
    expect(byDomain.candidates[0]).toMatchObject({ id: ids.acme });
    expect(byDomain.candidates[0].reasons[0]).toMatchObject({ code: 'domain_equal', text: 'same web domain acme-robotics.co.uk' });
    const byMail = await candidates({ companyName: 'Something Else', contactEmail: 'anna@acme-robotics.co.uk' });
    expect(byMail.candidates[0]).toMatchObject({ id: ids.acme });
    expect(byMail.candidates[0].reasons[0].code).toBe('email_domain_equal');
  });

  it('treats a free-mail address as no evidence and an empty field as not given', async () => {
    const r = await candidates({ companyName: 'Zeppelin Werkzeuge', contactEmail: 'anna.mueller@gmail.com', domain: '' });
    expect(r).toEqual({ verdict: 'no_match', candidates: [] });
  });

  it('calls a strong match with an open opportunity a conflict and lists the opportunity', async () => {
    const r = await candidates({ companyName: 'Brandt Kaeltetechnik', domain: 'brandt-kaelte.de' });
    expect(r.verdict).toBe('conflict');
    expect(r.candidates.map((c) => `${c.kind}:${c.id}`)).toEqual([`account:${ids.deal}`, `opportunity:${ids.dealOpportunity}`]);
    expect(r.candidates[1]).toMatchObject({ name: 'Brandt cold-storage rollout', accountId: ids.deal });
    expect(r.candidates[1].reasons[0]).toMatchObject({ code: 'open_opportunity' });
  });

  it('never returns a candidate of another workspace', async () => {
    const r = await candidates({ companyName: 'Müller Maschinenbau GmbH' });
    expect(r.candidates.map((c) => c.id)).not.toContain(ids.otherMueller);
    expect(await candidates({ companyName: 'Bergblick Hotels', domain: 'bergblick-hotels.at' })).toEqual({ verdict: 'no_match', candidates: [] });
    const fromB = await candidates({ companyName: 'Mueller Maschinenbau' }, b.apiKey);
    expect(fromB.candidates.map((c) => c.id)).toEqual([ids.otherMueller]);
  });
});

describe('what partners learn', () => {
  let partnerKey: string;
  let partnerId: string;
  beforeAll(async () => {
    const partner = (await h.api(a.apiKey).post('/api/v1/partners', { name: 'Channel One', type: 'reseller' })).json();
    partnerId = partner.id;
    const key = await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'partner key', scopes: ['*'], partnerId });
    expect(key.statusCode, key.body).toBe(201);
    partnerKey = key.json().key;
  });

  const leaks = (body: string) =>
    Object.values(ids).filter((id) => body.includes(id)).length +
    ['Brandt', 'Müller', 'Acme', 'score', 'reasons', 'candidates'].filter((w) => body.includes(w)).length;

  it('tells a partner-bound API key only "possible conflict" for a strong match with an open deal', async () => {
    const res = await check(partnerKey, { companyName: 'Brandt Kältetechnik GmbH', domain: 'brandt-kaelte.de' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ verdict: 'possible_conflict', message: 'Possible conflict — a partner manager will review your registration.' });
    expect(leaks(res.body)).toBe(0);
  });

  it('tells a partner "no match" for a possible duplicate without a deal, revealing nothing', async () => {
    const res = await check(partnerKey, { companyName: 'Müller Maschinenbau GmbH', domain: 'mueller-maschinenbau.de' });
    expect(res.json()).toEqual({ verdict: 'no_match' });
    expect(leaks(res.body)).toBe(0);
  });

  it('answers a partner user in their language, with the same privacy', async () => {
    const pu = await invitePartnerUser(h, a);
    const session = await mailboxSession(h, a, pu.email);
    expect((await as(h, session).patch('/api/v1/me', { locale: 'de' })).statusCode).toBe(200);
    const res = await as(h, session).post('/api/v1/duplicate-check', { companyName: 'Brandt Kaeltetechnik', contactEmail: 'max@brandt-kaelte.de' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ verdict: 'possible_conflict', message: 'Möglicher Konflikt – ein Partnermanager prüft Ihre Registrierung.' });
    expect(leaks(res.body)).toBe(0);
    const nothing = await as(h, session).post('/api/v1/duplicate-check', { companyName: 'Acme Robotics' });
    expect(nothing.json()).toEqual({ verdict: 'no_match' });
  });
});
