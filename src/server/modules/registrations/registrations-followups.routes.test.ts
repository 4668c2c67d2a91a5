import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, latestMail } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { MULTIPART, multipartBody } from '../imports/fixtures/multipart.ts';
import { dealBody, type RegistrationWorld, registrationWorld } from './fixtures/registration-world.ts';

let h: Harness;
let w: RegistrationWorld;
let clock = new Date('2026-12-07T09:30:00Z');
const DAY = 86_400_000;
const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
  w = await registrationWorld(h, 'Registration follow-ups');
});
afterAll(() => h?.close());

const upload = (session: RegistrationWorld['people']['alphaUser'], name: string, bytes: Buffer) =>
  h.http.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    payload: multipartBody([{ name: 'file', filename: name, content: bytes }]),
    headers: { 'content-type': MULTIPART, 'x-csrf-token': session.csrf },
    cookies: { tandem_session: session.token },
  });

const submit = async (body: Record<string, unknown>) => {
  const res = await w.people.alphaUser.client.post('/api/v1/registrations', dealBody(body));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
};

describe('evidence files', () => {
  it('keeps a PDF, refuses other types and oversized files, and shows a partner only its own files', async () => {
    const pdf = await upload(w.people.alphaUser, 'minutes.pdf', Buffer.from('%PDF-1.4\n% meeting minutes\n'));
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ fileName: 'minutes.pdf', contentType: 'application/pdf', sizeBytes: 27 });
    const exe = await upload(w.people.alphaUser, 'minutes.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]));
    expect(exe.statusCode).toBe(400);
    expect(fields(exe)).toEqual(['file']);
    const big = await upload(w.people.alphaUser, 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    expect(big.statusCode).toBe(413);
    const mine = await w.people.alphaUser.client.get(`/api/v1/attachments/${pdf.json().id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-disposition']).toContain('minutes.pdf');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(mine.body).toContain('meeting minutes');
    expect((await w.people.betaUser.client.get(`/api/v1/attachments/${pdf.json().id}`)).statusCode).toBe(404);
    expect((await w.api.get(`/api/v1/attachments/${pdf.json().id}`)).statusCode).toBe(200);
  });
});

describe('appeals', () => {
  it('lets the partner appeal a rejection with evidence; upholding it approves the registration', async () => {
    const r = await submit({ company: { name: 'Appeal Anlagenbau GmbH', domain: 'appeal-anlagenbau.example' } });
    expect((await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/appeal`, { reason: 'too early' })).statusCode).toBe(409);
    await w.api.post(`/api/v1/registrations/${r.id}/reject`, { reason: 'not_qualified' });
    const file = (await upload(w.people.alphaUser, 'invite.ics', Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'))).json();
    const theirs = (await upload(w.people.betaUser, 'notes.txt', Buffer.from('Beta notes'))).json();
    const wrongFile = await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/appeal`, {
      reason: 'We met the CIO',
      attachmentIds: [theirs.id],
    });
    expect(wrongFile.statusCode).toBe(400);
    expect(fields(wrongFile)).toEqual(['body.attachmentIds.0']);
    const appeal = await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/appeal`, {
      reason: 'We met the CIO on 1 Dec',
      attachmentIds: [file.id],
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    expect(appeal.json()).toMatchObject({ status: 'rejected', appeals: [{ status: 'open' }], actions: { appeal: false } });
    expect((await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/appeal`, { reason: 'again' })).statusCode).toBe(409);
    const staff = (await w.api.get(`/api/v1/registrations/${r.id}`)).json();
    expect(staff.appeals[0]).toMatchObject({ reason: 'We met the CIO on 1 Dec', attachments: [{ id: file.id, fileName: 'invite.ics' }] });
    const decided = await w.api.post(`/api/v1/appeals/${staff.appeals[0].id}/decide`, { decision: 'upheld', note: 'Evidence convinces' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', appeals: [{ status: 'upheld' }], protection: { state: 'active' } });
    expect(decided.json().opportunityId).toBeTruthy();
    // Upholding sends the approval and the appeal's decision in one transaction (same time): look for both.
    const sent = await h.ownerDb.selectFrom('emailMessages').select('template').where('toAddress', '=', w.people.alphaUser.email).execute();
    expect(sent.map((m) => m.template)).toEqual(expect.arrayContaining(['appeal_decided', 'registration_approved']));
    expect((await auditActions(h, w.ws)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['registration.appealed', 'appeal.upheld', 'registration.approved']),
    );
  });

  it('closes the appeal window after it ends, and keeps a denied rejection', async () => {
    const r = await submit({ company: { name: 'Late Appeal GmbH', domain: 'late-appeal.example' } });
    await w.api.post(`/api/v1/registrations/${r.id}/reject`, { reason: 'duplicate' });
    const a = (await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/appeal`, { reason: 'Not a duplicate' })).json();
    const denied = await w.api.post(`/api/v1/appeals/${a.appeals[0].id}/decide`, { decision: 'denied', note: 'Same company as REG-1' });
    expect(denied.json()).toMatchObject({ status: 'rejected', appeals: [{ status: 'denied', decisionNote: 'Same company as REG-1' }] });
    const r2 = await submit({ company: { name: 'Later Still GmbH', domain: 'later-still.example' } });
    await w.api.post(`/api/v1/registrations/${r2.id}/reject`, { reason: 'duplicate' });
    clock = new Date(clock.getTime() + 15 * DAY);
    const late = await w.people.alphaUser.client.post(`/api/v1/registrations/${r2.id}/appeal`, { reason: 'Please' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('appeal window');
  });
});

describe('extension requests', () => {
  it('refuses an extension before its window, accepts one with evidence near the end, and moves the protection when approved', async () => {
    const r = await submit({ company: { name: 'Extend Elektro GmbH', domain: 'extend-elektro.example' } });
    const approved = (await w.api.post(`/api/v1/registrations/${r.id}/approve`, {})).json();
    const early = await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/extension-requests`, {
      evidence: { kind: 'meeting_held', text: 'Demo with the board' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ reason: 'too_early' });
    clock = new Date(new Date(approved.protection.expiresAt).getTime() - 10 * DAY);
    const ok = await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/extension-requests`, {
      evidence: { kind: 'stage_advanced', text: 'Moved to proposal', at: new Date(clock.getTime() - DAY).toISOString() },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().extensionRequests).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(
      (await w.people.alphaUser.client.post(`/api/v1/registrations/${r.id}/extension-requests`, { evidence: { kind: 'other', text: 'x' } })).json(),
    ).toMatchObject({ reason: 'request_pending' });
    const staff = (await w.api.get(`/api/v1/registrations/${r.id}`)).json();
    const decided = await w.api.post(`/api/v1/extension-requests/${staff.extensionRequests[0].id}/decide`, {
      decision: 'approved',
      note: 'Good progress',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const moved = new Date(decided.json().protection.expiresAt).getTime() - new Date(approved.protection.expiresAt).getTime();
    expect(Math.round(moved / DAY)).toBe(30);
    expect(decided.json().extensionRequests[0]).toMatchObject({ status: 'approved', grantedDays: 30 });
    const deal = (await w.people.alphaUser.client.get(`/api/v1/portal/deals/${approved.opportunityId}`)).json();
    expect(deal.protection.expiresAt).toBe(decided.json().protection.expiresAt);
    expect((await latestMail(h, w.ws, w.people.alphaUser.email)).template).toBe('extension_decided');
  });
});

describe('no-login registration links', () => {
  it('creates a link that registers for its partner without signing in, and answers 410 once revoked', async () => {
    const link = await w.api.post(`/api/v1/partners/${w.partners.beta.id}/registration-links`, { expiresInDays: 14, label: 'Trade fair' });
    expect(link.statusCode, link.body).toBe(201);
    const token = link.json().url.split('/r/')[1];
    const page = await h.http.inject({ method: 'GET', url: `/r/${token}` });
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const form = await h.api(undefined).get(`/api/v1/registration-links/${token}/form`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({
      partner: { name: 'Beta IT AG' },
      requiredFields: { resale: expect.arrayContaining(['companyDomain', 'notes']) },
    });
    const hint = await h
      .api(undefined)
      .post(`/api/v1/registration-links/${token}/duplicate-check`, { companyName: 'Mueller Maschinenbau', domain: 'mueller-maschinenbau.example' });
    expect(hint.json()).toEqual({ verdict: 'possible_conflict', message: expect.any(String) });
    expect(hint.body).not.toContain('Müller');
    const reg = await h.api(undefined).post(`/api/v1/registration-links/${token}/registrations`, {
      ...dealBody({ company: { name: 'Messe Kontakt GmbH', domain: 'messe-kontakt.example' } }),
      submitter: { name: 'Bea Booth', email: 'bea@beta-it.example' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json()).toMatchObject({ number: expect.stringMatching(/^REG-/), status: 'submitted', duplicateCheck: { verdict: 'no_match' } });
    const staff = (await w.api.get(`/api/v1/registrations/${reg.json().id}`)).json();
    expect(staff).toMatchObject({
      partner: { id: w.partners.beta.id },
      channel: 'link',
      submittedBy: { kind: 'registration_link', label: 'Bea Booth <bea@beta-it.example>' },
    });
    expect((await latestMail(h, w.ws, 'bea@beta-it.example')).template).toBe('registration_received');
    expect((await w.api.get(`/api/v1/partners/${w.partners.beta.id}/registration-links`)).json().data[0]).toMatchObject({
      useCount: 1,
      status: 'active',
    });
    expect((await w.api.delete(`/api/v1/registration-links/${link.json().id}`)).statusCode).toBe(204);
    const gone = await h.api(undefined).get(`/api/v1/registration-links/${token}/form`);
    expect(gone.statusCode).toBe(410);
    const gonePage = await h.http.inject({ method: 'GET', url: `/r/${token}` });
    expect(gonePage.statusCode).toBe(410);
    expect(gonePage.body).toContain('withdrawn');
    expect((await h.api(undefined).get('/api/v1/registration-links/nope.nopenopenopenopenopenopenopenopenope/form')).statusCode).toBe(404);
  });
});
