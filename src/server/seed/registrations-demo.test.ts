import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { verifyAuditChains } from '../modules/audit/audit.service.ts';
import { sweepRegistrationTimers } from '../modules/registrations/registration-timers.jobs.ts';
import { type DemoCredentials, seedDemo } from './demo.ts';
import { seedRegistrationsDemo } from './registrations-demo.ts';

let h: Harness;
let demo: DemoCredentials;
let workspaceId: string;

type Reg = {
  id: string;
  number: string;
  status: string;
  company: { name: string };
  partner: { name: string };
  channel: string;
  verdict?: string;
  duplicateCheck: { verdict: string; candidates: { kind: string; name: string; reasons: { code: string }[] }[] };
  claim: { rank: number };
  decisionSla: { state: string } | null;
  protection: { state: string; daysLeft: number } | null;
  rejectionReason: string | null;
  appeals: { status: string }[];
  extensionRequests: { status: string }[];
  opportunityId: string | null;
  createdAt: string;
};

beforeAll(async () => {
  h = await createHarness();
  demo = (await seedDemo(h.db, mkdtempSync(path.join(os.tmpdir(), 'tandem-demo-')))) as DemoCredentials;
  workspaceId = (await h.ownerDb.selectFrom('workspaces').select('id').where('slug', '=', demo.slug).executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(() => h?.close());

const all = async () => {
  const res = await h.api(demo.apiKey).get('/api/v1/registrations?limit=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Reg[];
};

describe('the demo registration queue', () => {
  it('has about 25 registrations of the five demo partners, numbered in the order they came in', async () => {
    const regs = await all();
    expect(regs.length).toBeGreaterThanOrEqual(24);
    expect(new Set(regs.map((r) => r.partner.name)).size).toBe(5);
    expect(new Set(regs.map((r) => r.channel))).toEqual(new Set(['portal', 'link', 'api']));
    const byTime = [...regs].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((r) => r.number);
    expect(byTime).toEqual([...byTime].sort());
    expect(regs.every((r) => +new Date(r.createdAt) <= Date.now())).toBe(true);
  });

  it('waits for decisions with SLAs on track, at risk and breached', async () => {
    const open = (await all()).filter((r) => r.status === 'submitted' || r.status === 'in_review');
    expect(open.length).toBeGreaterThanOrEqual(8);
    expect(new Set(open.map((r) => r.decisionSla?.state))).toEqual(new Set(['on_track', 'at_risk', 'breached']));
    expect(open.some((r) => r.status === 'in_review')).toBe(true);
  });

  it('shows possible duplicates of demo accounts and a conflict of two partners on one company', async () => {
    const regs = await all();
    const duplicates = regs.filter((r) => r.duplicateCheck.verdict === 'possible_duplicate' && r.status === 'submitted');
    const reasons = duplicates.flatMap((r) =>
      r.duplicateCheck.candidates.filter((c) => c.kind === 'account').flatMap((c) => c.reasons.map((x) => x.code)),
    );
    expect(reasons).toContain('name_equal_after_legal_form');
    expect(reasons).toContain('domain_equal');
    const brueckner = regs.filter((r) => r.company.name.startsWith('Brückner Medizintechnik'));
    expect(brueckner.map((r) => [r.partner.name, r.claim.rank, r.duplicateCheck.verdict]).sort()).toEqual([
      ['Bergmann & Söhne Systemhaus KG', 2, 'conflict'],
      ['Nordlicht IT-Services GmbH', 1, 'no_match'],
    ]);
  });

  it('has approved registrations linked to the partner’s deals, one protection expiring within 7 days and one extension request', async () => {
    const regs = await all();
    const approved = regs.filter((r) => r.status === 'approved');
    expect(approved.length).toBeGreaterThanOrEqual(5);
    expect(approved.every((r) => r.opportunityId)).toBe(true);
    expect(approved.filter((r) => r.protection?.state === 'expiring').map((r) => r.protection?.daysLeft)).toEqual([expect.any(Number)]);
    expect(approved.find((r) => r.protection?.state === 'expiring')?.protection?.daysLeft).toBeLessThanOrEqual(7);
    expect(approved.flatMap((r) => r.extensionRequests.map((e) => e.status))).toEqual(['pending']);
    expect(regs.some((r) => r.status === 'released')).toBe(true);
  });

  it('has rejections with reasons, an open appeal, a denied one and a withdrawal', async () => {
    const regs = await all();
    const rejected = regs.filter((r) => r.status === 'rejected');
    expect(new Set(rejected.map((r) => r.rejectionReason))).toEqual(
      new Set(['not_qualified', 'customer_in_active_cycle', 'incomplete', 'duplicate']),
    );
    expect(rejected.flatMap((r) => r.appeals.map((a) => a.status)).sort()).toEqual(['denied', 'open']);
    expect(regs.some((r) => r.status === 'withdrawn')).toBe(true);
  });

  it('leaves the demo partner’s portal its registrations, and queues no emails', async () => {
    const partner = await h.ownerDb.selectFrom('partnerUsers').select('partnerId').where('email', '=', demo.partner.email).executeTakeFirstOrThrow();
    const key = (await h.api(demo.apiKey).post('/api/v1/api-keys', { name: 'portal', partnerId: partner.partnerId })).json().key as string;
    const mine = (await h.api(key).get('/api/v1/registrations?limit=100')).json().data as { status: string }[];
    expect(mine.length).toBeGreaterThanOrEqual(8);
    expect(await h.ownerDb.selectFrom('emailMessages').select('id').where('workspaceId', '=', workspaceId).execute()).toHaveLength(0);
  });

  it('comes alive with the timers sweep: the expired protection is released, breaches escalated', async () => {
    await sweepRegistrationTimers(h.db, { jobs: h.jobs, publicUrl: 'http://tandem.test' }, new Date());
    const regs = await all();
    expect(regs.some((r) => r.status === 'expired')).toBe(true);
    const escalated = await h.ownerDb
      .selectFrom('auditEvents')
      .select('action')
      .where('workspaceId', '=', workspaceId)
      .where('action', '=', 'registration.escalated')
      .execute();
    expect(escalated.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the audit chain intact, with each decision on record', async () => {
    const [report] = await verifyAuditChains(h.ownerDb, demo.slug);
    expect(report.broken).toBeUndefined();
    const actions = await h.ownerDb.selectFrom('auditEvents').select('action').where('workspaceId', '=', workspaceId).execute();
    const n = (a: string) => actions.filter((x) => x.action === a).length;
    expect(n('registration.submitted')).toBeGreaterThanOrEqual(24);
    expect(n('registration.approved')).toBeGreaterThanOrEqual(6);
    expect(n('registration.rejected')).toBe(6);
  });

  it('does nothing the second time', async () => {
    expect(await seedRegistrationsDemo(h.db, workspaceId)).toEqual({ registrations: 0, appeals: 0, extensionRequests: 0 });
  });
});
