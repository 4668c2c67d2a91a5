import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, mailCount, newEmail } from '../../../../tests/setup/auth-session.ts';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { canariesIn, type PortalWorld, portalWorld } from '../portal/fixtures/portal-world.ts';
import { codeFromMail, createLink, fakeWebDir, fieldsOf, recipient, testClock } from './fixtures/share-world.ts';

let h: Harness;
let w: PortalWorld;
const clock = testClock();

beforeAll(async () => {
  h = await createHarness({ now: clock.now, webDir: fakeWebDir() });
  w = await portalWorld(h, 'Shared access world');
});
afterAll(() => h?.close());

const dealLink = (extra: Record<string, unknown> = {}) =>
  createLink(h, w.ws, {
    entityType: 'opportunity',
    entityId: w.deals.shared.id,
    recipientName: 'Rita Recipient',
    recipientEmail: newEmail('rita'),
    ...extra,
  });

const staffTimeline = async () =>
  (await w.api.get(`/api/v1/opportunities/${w.deals.shared.id}/timeline?limit=100`)).json().data as {
    kind: string;
    body: string;
    visibility: string;
    author: { kind: string; label: string };
    metadata: Record<string, unknown>;
  }[];

/** The cookie of a verify answer. */
const shareCookie = (res: Awaited<ReturnType<Harness['http']['inject']>>) => res.cookies.find((c) => c.name === 'tandem_share');

describe('the emailed code', () => {
  it('keeps the record closed until the code is entered; the meta says only who shares and that a code is needed', async () => {
    const link = await dealLink({ requireCode: true });
    const r = recipient(h, link.token);
    const meta = await r.get('/meta');
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({ requiresCode: true, verified: false });
    expect(meta.body).not.toContain('Alpha Rollout');
    expect(canariesIn(meta.body)).toEqual([]);
    for (const sub of ['', '/timeline', '/tasks']) {
      const res = await r.get(sub);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'unauthenticated', codeRequired: true });
    }
    expect((await r.post('/comments', { body: 'hi' })).statusCode).toBe(401);
    // The page itself opens (the web app asks for the code).
    const page = await r.page();
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('tandem web app');
  });

  it('emails a code at most every 30 seconds; a wrong one is counted and refused naming body.code; five burn it', async () => {
    const link = await dealLink({ requireCode: true, recipientEmail: newEmail('code') });
    const email = (await h.ownerDb.selectFrom('shareLinks').select('recipientEmail').where('id', '=', link.id).executeTakeFirstOrThrow())
      .recipientEmail;
    const r = recipient(h, link.token);
    const sent = await r.post('/code');
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.headers['referrer-policy']).toBe('no-referrer');
    const code = await codeFromMail(h, w.ws, email);
    const again = await r.post('/code');
    expect(again.statusCode).toBe(429);
    expect(await mailCount(h, w.ws, email)).toBe(2); // the link, then one code

    const wrong = code === '000000' ? '111111' : '000000';
    const first = await r.post('/verify', { code: wrong });
    expect(first.statusCode).toBe(400);
    expect(first.json().errors).toEqual([{ field: 'body.code', message: 'is not the code we sent; 4 tries left' }]);
    const row = await h.ownerDb.selectFrom('shareLinks').select(['codeAttempts', 'codeHash']).where('id', '=', link.id).executeTakeFirstOrThrow();
    expect(row.codeAttempts).toBe(1);
    expect(row.codeHash).not.toContain(code);
    expect(fieldsOf(await r.post('/verify', { code: '12ab' }))).toEqual(['body.code']);
    for (let i = 0; i < 4; i++) expect((await r.post('/verify', { code: wrong })).statusCode).toBe(400);
    const burnt = await r.post('/verify', { code });
    expect(burnt.statusCode).toBe(400);
    expect(burnt.json().errors[0].message).toContain('too often');
    expect(shareCookie(burnt)).toBeUndefined();
    expect((await auditActions(h, w.ws, `&entityId=${link.id}&action=share_link.code_failed`)).length).toBe(5);

    // A new code after 30 seconds opens the link in this browser, and in this browser only.
    clock.advance(31_000);
    expect((await r.post('/code')).statusCode).toBe(202);
    const fresh = await codeFromMail(h, w.ws, email);
    const ok = await r.post('/verify', { code: fresh });
    expect(ok.statusCode, ok.body).toBe(200);
    const cookie = shareCookie(ok);
    expect(cookie).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax' });
    expect(cookie?.value).not.toContain(link.token.split('.')[1]);
    const verified = recipient(h, link.token, { cookie: cookie?.value });
    expect((await verified.get('/meta')).json().verified).toBe(true);
    const record = await verified.get();
    expect(record.statusCode).toBe(200);
    expect(record.json().deal.name).toBe('Alpha Rollout');
    expect(canariesIn(record.body)).toEqual([]);
    expect((await r.get()).statusCode).toBe(401);
    // The code works once.
    expect((await r.post('/verify', { code: fresh })).statusCode).toBe(400);
    expect((await auditActions(h, w.ws, `&entityId=${link.id}&action=share_link.verified`)).length).toBe(1);

    // Revocation signs out every verified browser.
    expect((await w.api.delete(`/api/v1/share-links/${link.id}`)).statusCode).toBe(204);
    expect(await h.ownerDb.selectFrom('shareLinkSessions').select('id').where('shareLinkId', '=', link.id).execute()).toEqual([]);
    const after = await verified.get();
    expect(after.statusCode).toBe(410);
    expect(after.json().reason).toBe('revoked');
  });

  it('locks the link after 20 wrong codes over all its codes, so new codes do not buy endless guesses', async () => {
    const link = await dealLink({ requireCode: true, recipientEmail: newEmail('guess') });
    const r = recipient(h, link.token);
    for (let round = 0; round < 4; round++) {
      clock.advance(31_000);
      expect((await r.post('/code')).statusCode).toBe(202);
      for (let i = 0; i < 5; i++) expect((await r.post('/verify', { code: '999999' })).statusCode).toBe(400);
    }
    clock.advance(31_000);
    const locked = await r.post('/code');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().detail).toContain('locked');
    expect((await r.post('/verify', { code: '123456' })).json().errors[0].message).toContain('locked');
  });

  it('does not let the cookie of one link open another', async () => {
    const a = await dealLink({ requireCode: true, recipientEmail: newEmail('ca') });
    const b = await dealLink({ requireCode: true, recipientEmail: newEmail('cb') });
    const ra = recipient(h, a.token);
    expect((await ra.post('/code')).statusCode).toBe(202);
    const emailA = (await w.api.get(`/api/v1/share-links?entityId=${w.deals.shared.id}`)).json().data.find((l: { id: string }) => l.id === a.id)
      .recipientEmail as string;
    const ok = await ra.post('/verify', { code: await codeFromMail(h, w.ws, emailA) });
    expect(ok.statusCode).toBe(200);
    expect((await recipient(h, b.token, { cookie: shareCookie(ok)?.value }).get()).statusCode).toBe(401);
  });

  it('refuses to send a code for a link that needs none', async () => {
    const link = await dealLink();
    expect((await recipient(h, link.token).post('/code')).statusCode).toBe(400);
  });
});

describe('allowed actions', () => {
  it('refuses comment, acknowledge and task updates on a read-only link', async () => {
    const link = await dealLink();
    const r = recipient(h, link.token);
    expect((await r.post('/comments', { body: 'May I?' })).statusCode).toBe(403);
    expect((await r.post('/acknowledge')).statusCode).toBe(403);
    expect((await r.patch(`/tasks/${w.sharedTask.id}`, { status: 'done' })).statusCode).toBe(403);
    expect((await staffTimeline()).some((e) => e.body === 'May I?')).toBe(false);
  });

  it('posts a comment as a shared note signed with the recipient’s name, audited', async () => {
    const link = await dealLink({ allowedActions: ['comment'] });
    const r = recipient(h, link.token, { ip: '192.0.2.44' });
    expect(fieldsOf(await r.post('/comments', { body: '   ' }))).toEqual(['body.body']);
    const res = await r.post('/comments', { body: 'Looks good — we can start in March.' });
    expect(res.statusCode, res.body).toBe(201);
    const entry = (await staffTimeline()).find((e) => e.body === 'Looks good — we can start in March.');
    expect(entry).toMatchObject({ kind: 'note', visibility: 'shared', author: { kind: 'share_link', label: 'Rita Recipient' } });
    expect(entry?.metadata.shareLinkId).toBe(link.id);
    const seen = (await r.get('/timeline')).json().data.find((e: { id: string }) => e.id === res.json().id);
    expect(seen).toMatchObject({ body: 'Looks good — we can start in March.', authorName: 'Rita Recipient' });
    const audit = (await auditActions(h, w.ws, `&action=share_link.commented`)) as unknown as { ip: string }[];
    expect(audit.map((e) => e.ip)).toContain('192.0.2.44');
  });

  it('acknowledges once, on the timeline and in the staff list; again changes nothing', async () => {
    const link = await dealLink({ allowedActions: ['acknowledge'] });
    const r = recipient(h, link.token);
    const first = await r.post('/acknowledge');
    expect(first.statusCode, first.body).toBe(200);
    clock.advance(5_000);
    const second = await r.post('/acknowledge');
    expect(second.json().acknowledgedAt).toBe(first.json().acknowledgedAt);
    expect((await r.get('/meta')).json().acknowledgedAt).toBe(first.json().acknowledgedAt);
    const entries = (await staffTimeline()).filter((e) => e.metadata.shareLinkId === link.id && e.metadata.event === 'acknowledged');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'system', visibility: 'shared', body: 'Acknowledged by Rita Recipient (share link)' });
    const listed = (await w.api.get(`/api/v1/share-links?entityId=${w.deals.shared.id}`)).json().data.find((l: { id: string }) => l.id === link.id);
    expect(listed.acknowledgedAt).toBe(first.json().acknowledgedAt);
  });

  it('updates a shared task’s status (a task entry on the timeline), refuses fields the safelist does not make editable, and hides internal tasks', async () => {
    const link = await dealLink({ allowedActions: ['update_task'] });
    const r = recipient(h, link.token);
    const res = await r.patch(`/tasks/${w.sharedTask.id}`, { status: 'in_progress' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: w.sharedTask.id, status: 'in_progress' });
    const entry = (await staffTimeline()).find((e) => e.kind === 'task' && e.metadata.taskId === w.sharedTask.id && e.metadata.to === 'in_progress');
    expect(entry).toMatchObject({ visibility: 'shared', author: { kind: 'share_link', label: 'Rita Recipient' } });
    const due = await r.patch(`/tasks/${w.sharedTask.id}`, { dueDate: '2027-02-01' });
    expect(due.statusCode).toBe(403);
    expect(fieldsOf(due)).toEqual(['body.dueDate']);
    const tasks = (await w.api.get(`/api/v1/opportunities/${w.deals.shared.id}/tasks`)).json().data as { id: string; visibility: string }[];
    const internal = tasks.find((t) => t.visibility === 'internal');
    expect((await r.patch(`/tasks/${internal?.id}`, { status: 'done' })).statusCode).toBe(404);
  });

  it('lets the acknowledge of an account link land on the account’s timeline', async () => {
    const link = await createLink(h, w.ws, {
      entityType: 'account',
      entityId: w.account.id,
      recipientEmail: newEmail('acc'),
      allowedActions: ['acknowledge'],
    });
    const r = recipient(h, link.token);
    expect((await r.post('/acknowledge')).statusCode).toBe(200);
    expect((await r.post('/comments', { body: 'x' })).statusCode).toBe(403);
    const timeline = (await w.api.get(`/api/v1/accounts/${w.account.id}/timeline`)).json().data as { metadata: Record<string, unknown> }[];
    expect(timeline.some((e) => e.metadata.shareLinkId === link.id)).toBe(true);
  });

  it('keeps a recipient’s comment from the other partners on the deal', async () => {
    const sued = await dealLink({ partnerId: w.partners.suedlicht.id, allowedActions: ['comment'] });
    const body = 'Südlicht-only remark through a share link';
    expect((await recipient(h, sued.token).post('/comments', { body })).statusCode).toBe(201);
    expect((await recipient(h, sued.token).get('/timeline')).body).toContain(body);
    const nordPortal = await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${w.deals.shared.id}/timeline?limit=100`);
    expect(nordPortal.statusCode).toBe(200);
    expect(nordPortal.body).not.toContain(body);
    const nordLink = await dealLink();
    expect((await recipient(h, nordLink.token).get('/timeline?limit=100')).body).not.toContain(body);
    // Staff see every comment.
    expect((await staffTimeline()).some((e) => e.body === body)).toBe(true);
  });

  it('tells the vendor’s entries from the partner’s: a note by the vendor’s key is not from the partner', async () => {
    const link = await dealLink();
    const entries = (await recipient(h, link.token).get('/timeline?limit=100')).json().data as { body?: string; fromPartner: boolean }[];
    expect(entries.find((e) => e.body === 'Kick-off booked for Monday')?.fromPartner).toBe(false);
    const nordwind = await w.people.nordAdmin.client.get(`/api/v1/portal/deals/${w.deals.shared.id}/timeline?limit=100`);
    expect(nordwind.json().data.find((e: { body?: string }) => e.body === 'Kick-off booked for Monday').fromPartner).toBe(false);
  });
});
