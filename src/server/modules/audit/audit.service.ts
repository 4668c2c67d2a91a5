import { sql } from 'kysely';
import type { z } from 'zod';
import { actorId, actorLabel } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import type { auditQuery } from './audit.routes.ts';
import { type ChainRow, chainChecker, chainHash, diff, GENESIS_HASH, type HashedEvent } from './audit.rules.ts';

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
 * Appends an audit event in the caller's transaction. Appends are serialised per workspace by a
 * transaction-scoped advisory lock, so the chain has no forks and no gaps.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const { trx, workspaceId } = ctx;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${workspaceId}`}, 0))`.execute(trx);
  const last = await trx
    .selectFrom('auditEvents')
    .select(['seq', 'hash'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const changes =
    input.before !== undefined || input.after !== undefined ? { ...diff(input.before, input.after), ...(input.data ?? {}) } : (input.data ?? null);
  const event: HashedEvent = {
    workspaceId,
    seq: last ? Number(last.seq) + 1 : 1,
    occurredAt: ctx.now().toISOString(),
    actorKind: ctx.actor.kind === 'system' && ctx.actor.onBehalfOf ? ctx.actor.onBehalfOf.kind : ctx.actor.kind,
    actorId: actorId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    changes: changes && Object.keys(changes).length ? JSON.parse(JSON.stringify(changes)) : null,
    reason: input.reason ?? null,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('auditEvents')
    .values({
      ...event,
      changes: event.changes === null ? null : JSON.stringify(event.changes),
      prevHash,
      hash: chainHash(prevHash, event),
    })
    .execute();
}

function toChainRow(r: Record<string, unknown>): ChainRow {
  return {
    workspaceId: r.workspaceId as string,
    seq: Number(r.seq),
    occurredAt: (r.occurredAt as Date).toISOString(),
    actorKind: r.actorKind as string,
    actorId: (r.actorId as string) ?? null,
    actorLabel: (r.actorLabel as string) ?? null,
    action: r.action as string,
    entityType: r.entityType as string,
    entityId: (r.entityId as string) ?? null,
    changes: r.changes ?? null,
    reason: (r.reason as string) ?? null,
    requestId: (r.requestId as string) ?? null,
    ip: (r.ip as string) ?? null,
    prevHash: r.prevHash as string,
    hash: r.hash as string,
  };
}

export type ChainReport = { workspaceId: string; slug: string; events: number; broken?: { seq: number; reason: string } };

/**
 * Recomputes every workspace's chain (or one). Runs on an owner connection: operators verify
 * across workspaces; rows are streamed in pages so a long chain needs little memory.
 */
export async function verifyAuditChains(ownerDb: Db, onlySlug?: string): Promise<ChainReport[]> {
  let q = ownerDb.selectFrom('workspaces').select(['id', 'slug']).orderBy('slug');
  if (onlySlug) q = q.where('slug', '=', onlySlug);
  const workspaces = await q.execute();
  const reports: ChainReport[] = [];
  for (const ws of workspaces) {
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

/** Audit events of the workspace, newest first, with filters. */
export async function listAuditEvents(ctx: Ctx, q: AuditQuery) {
  let s = ctx.trx.selectFrom('auditEvents').selectAll().where('workspaceId', '=', ctx.workspaceId);
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
