import type { z } from 'zod';
import { actorId, actorLabel } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import { afterCommit, type Db, deferWrite, type Trx } from '../../db/client.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import type { auditQuery } from './audit.routes.ts';
import { type ChainRow, chainChecker, diff } from './audit.rules.ts';
import { orderedEventId, requestSeal, sealAuditChain, sealPending, toHashedEvent } from './audit-sealer.ts';

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra facts for events that are not field changes (e.g. `{ scopes }` of a new key). */
  data?: Record<string, unknown>;
  reason?: string | null;
};

/**
 * Appends an audit event in the caller's transaction: a plain insert, atomic with the change it
 * records, that takes no lock and reads nothing. The event is unsealed (no seq, prev_hash, hash)
 * until the sealer chains it; a seal of the workspace is requested once the transaction commits
 * (audit-sealer.ts), so events are chained within moments of their commit.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const { trx, workspaceId } = ctx;
  const changes =
    input.before !== undefined || input.after !== undefined ? { ...diff(input.before, input.after), ...(input.data ?? {}) } : (input.data ?? null);
  const values = {
    id: orderedEventId(),
    workspaceId,
    occurredAt: ctx.now().toISOString(),
    actorKind: ctx.actor.kind === 'system' && ctx.actor.onBehalfOf ? ctx.actor.onBehalfOf.kind : ctx.actor.kind,
    actorId: actorId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    changes: changes && Object.keys(changes).length ? JSON.stringify(changes) : null,
    reason: input.reason ?? null,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  };
  // Written with the transaction's other deferred writes just before its commit (one round trip).
  await deferWrite(trx, (t) => t.insertInto('auditEvents').values(values));
  if (!sealRequested.has(trx)) {
    sealRequested.add(trx);
    afterCommit(trx, (db) => requestSeal(db, workspaceId));
  }
}

/** Transactions that asked for a seal already (one request per transaction is enough). */
const sealRequested = new WeakSet<Trx>();

function toChainRow(r: Record<string, unknown>): ChainRow {
  return { ...toHashedEvent(r, Number(r.seq)), prevHash: r.prevHash as string, hash: r.hash as string };
}

export type ChainReport = { workspaceId: string; slug: string; events: number; broken?: { seq: number; reason: string } };

/**
 * Recomputes every workspace's chain (or one), after sealing what is unsealed. Runs on an owner
 * connection: operators verify across workspaces; rows are streamed in pages so a long chain
 * needs little memory.
 */
export async function verifyAuditChains(ownerDb: Db, onlySlug?: string): Promise<ChainReport[]> {
  let q = ownerDb.selectFrom('workspaces').select(['id', 'slug']).orderBy('slug');
  if (onlySlug) q = q.where('slug', '=', onlySlug);
  const workspaces = await q.execute();
  const reports: ChainReport[] = [];
  for (const ws of workspaces) {
    // Events committed but not yet sealed (a seal still to run, or a crash before it) are sealed first.
    await sealAuditChain(ownerDb, ws.id);
    const check = chainChecker();
    const report: ChainReport = { workspaceId: ws.id, slug: ws.slug, events: 0 };
    const pageSize = 5000;
    let after = 0;
    for (;;) {
      const page = await ownerDb
        .selectFrom('auditEvents')
        .selectAll()
        .where('workspaceId', '=', ws.id)
        .where('seq', '>', after as never)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of page) {
        report.events++;
        report.broken ??= check(toChainRow(r as unknown as Record<string, unknown>));
      }
      if (report.broken || page.length < pageSize) break;
      after = Number(page[page.length - 1].seq);
    }
    reports.push(report);
  }
  return reports;
}

type AuditQuery = z.infer<typeof auditQuery>;

/**
 * Audit events of the workspace, newest (highest seq) first, with filters. Seals the workspace's
 * committed events first (in this transaction, under the audit lock), so every event committed
 * before the request is listed with its seq. An event that commits while the page is read is
 * still unsealed: it is left out of this page (never listed with a null seq) and appears, sealed,
 * on the next request.
 */
export async function listAuditEvents(ctx: Ctx, q: AuditQuery) {
  await sealPending(ctx.trx, ctx.workspaceId);
  let s = ctx.trx.selectFrom('auditEvents').selectAll().where('workspaceId', '=', ctx.workspaceId).where('seq', 'is not', null);
  if (q.entityType) s = s.where('entityType', '=', q.entityType);
  if (q.entityId) s = s.where('entityId', '=', q.entityId);
  if (q.actorId) s = s.where('actorId', '=', q.actorId);
  if (q.action) s = s.where('action', '=', q.action);
  if (q.from) s = s.where('occurredAt', '>=', new Date(q.from));
  if (q.to) s = s.where('occurredAt', '<', new Date(q.to));
  const after = decodeCursor(q.cursor);
  if (after) s = s.where('seq', '<', Number(after.k) as never);
  const rows = await s
    .orderBy('seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const data = rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    occurredAt: r.occurredAt.toISOString(),
    actorKind: r.actorKind,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: (r.changes as Record<string, unknown> | null) ?? null,
    reason: r.reason,
    requestId: r.requestId,
    ip: r.ip,
  }));
  return toPage(data, q.limit, (e) => e.seq);
}
