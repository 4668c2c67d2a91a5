import type { z } from 'zod';
import type { TimelineEntry, timelineInput } from '../../../shared/timeline.ts';
import { actorId, actorLabel } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import { deferWrite } from '../../db/client.ts';
import type { TimelineEntriesTable, TimelineSubjectType } from '../../db/schema.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import { canonicalJson } from '../audit/canonical-json.ts';

export type Subject = { type: TimelineSubjectType; id: string };
type Kind = TimelineEntriesTable['kind'];

function authorOf(ctx: Ctx): { authorKind: TimelineEntriesTable['authorKind']; authorId: string | null; authorLabel: string } {
  const a = ctx.actor;
  if (a.kind === 'system') return { authorKind: a.onBehalfOf?.kind ?? 'system', authorId: a.onBehalfOf?.id ?? null, authorLabel: a.name };
  // A share link's recipient signs with the name the vendor gave (their email address otherwise).
  if (a.kind === 'share_link') return { authorKind: 'share_link', authorId: a.shareLinkId, authorLabel: a.name };
  return { authorKind: a.kind, authorId: actorId(a), authorLabel: actorLabel(a) };
}

type Row = {
  id: string;
  subjectType: TimelineSubjectType;
  subjectId: string;
  kind: Kind;
  authorKind: string;
  authorId: string | null;
  authorLabel: string | null;
  visibility: 'internal' | 'shared';
  body: string;
  metadata: unknown;
  occurredAt: Date;
};

/** The fields of a timeline entry that leave the server. */
export function presentTimelineEntry(r: Row): TimelineEntry {
  return {
    id: r.id,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    kind: r.kind,
    author: { kind: r.authorKind, id: r.authorId, label: r.authorLabel },
    visibility: r.visibility,
    body: r.body,
    metadata: (r.metadata as Record<string, unknown>) ?? {},
    occurredAt: r.occurredAt.toISOString(),
  };
}

type NewEntry = { kind: Kind; body?: string; visibility?: 'internal' | 'shared'; metadata?: Record<string, unknown>; occurredAt?: Date };

const entryValues = (ctx: Ctx, subject: Subject, entry: NewEntry) => ({
  workspaceId: ctx.workspaceId,
  subjectType: subject.type,
  subjectId: subject.id,
  kind: entry.kind,
  ...authorOf(ctx),
  visibility: entry.visibility ?? 'internal',
  body: entry.body ?? '',
  metadata: JSON.stringify(entry.metadata ?? {}),
  occurredAt: entry.occurredAt ?? ctx.now(),
});

/** Appends an entry to a record's timeline in the caller's transaction. */
export async function addTimelineEntry(ctx: Ctx, subject: Subject, entry: NewEntry): Promise<TimelineEntry> {
  const row = await ctx.trx
    .insertInto('timelineEntries')
    .values(entryValues(ctx, subject, entry))
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentTimelineEntry(row as Row);
}

/**
 * addTimelineEntry for a caller that does not need the entry back: written with the transaction's
 * other deferred writes just before its commit (db/client.ts deferWrite), one round trip fewer.
 */
export async function addTimelineEntryAtCommit(ctx: Ctx, subject: Subject, entry: NewEntry): Promise<void> {
  const values = entryValues(ctx, subject, entry);
  await deferWrite(ctx.trx, (t) => t.insertInto('timelineEntries').values(values));
}

/** A person's note, call, meeting, task or email on a record. */
export function postTimelineEntry(ctx: Ctx, subject: Subject, input: z.infer<typeof timelineInput>) {
  return addTimelineEntry(ctx, subject, {
    kind: input.kind,
    body: input.body,
    visibility: input.visibility,
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : undefined,
  });
}

/**
 * Writes field changes to the timeline: one `stage_change` entry when `stageField` changed, one
 * `field_change` entry listing every other watched field that changed. Nothing when nothing did.
 */
export async function recordChanges(
  ctx: Ctx,
  subject: Subject,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  watched: readonly string[],
  stageField?: string,
): Promise<void> {
  const changed = watched.filter((f) => canonicalJson(before[f] ?? null) !== canonicalJson(after[f] ?? null));
  if (stageField && changed.includes(stageField)) {
    await addTimelineEntry(ctx, subject, { kind: 'stage_change', metadata: { from: before[stageField] ?? null, to: after[stageField] ?? null } });
  }
  const fields = changed.filter((f) => f !== stageField);
  if (fields.length) {
    const changes = Object.fromEntries(fields.map((f) => [f, { from: before[f] ?? null, to: after[f] ?? null }]));
    await addTimelineEntry(ctx, subject, { kind: 'field_change', metadata: { changes } });
  }
}

/** A page of a record's timeline, newest first; `sharedOnly` for partner-facing channels. */
export async function listTimeline(ctx: Ctx, subject: Subject, limit: number, after?: Cursor, opts: { sharedOnly?: boolean } = {}) {
  let q = ctx.trx
    .selectFrom('timelineEntries')
    .selectAll()
    .where('workspaceId', '=', ctx.workspaceId)
    .where('subjectType', '=', subject.type)
    .where('subjectId', '=', subject.id);
  if (opts.sharedOnly) q = q.where('visibility', '=', 'shared');
  if (after) {
    const at = new Date(String(after.k));
    q = q.where((eb) => eb.or([eb('occurredAt', '<', at), eb.and([eb('occurredAt', '=', at), eb('id', '<', after.id)])]));
  }
  const rows = await q
    .orderBy('occurredAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(
    rows.map((r) => presentTimelineEntry(r as Row)),
    limit,
    (e) => e.occurredAt,
  );
}
