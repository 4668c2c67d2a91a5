import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { callerPartnerId } from '../duplicates/duplicates.service.ts';
import { ACCEPTED_TYPES, MAX_ATTACHMENT_BYTES, safeFileName, sniffAttachment } from './attachments.rules.ts';

/**
 * Evidence files live in the data directory (`attachments/<workspace>/<id>`), like CSV uploads:
 * streamed to disk with their size capped and their SHA-256 taken on the way, typed by their
 * first bytes. Partners see only their own partner's files; staff see the workspace's.
 */

const fileOf = (dataDir: string, workspaceId: string, id: string) => path.join(dataDir, 'attachments', workspaceId, id);

export type Attachment = { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; createdAt: string };

const present = (r: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; createdAt: Date }): Attachment => ({
  id: r.id,
  fileName: r.fileName,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  createdAt: r.createdAt.toISOString(),
});

/** Thrown by the size guard; the route turns it into 413. */
export class AttachmentTooLarge extends Error {}

/** Streams an upload to a temporary file: size capped, hash and first bytes taken. */
export async function receiveFile(dataDir: string, workspaceId: string, source: Readable) {
  const id = randomUUID();
  const dest = fileOf(dataDir, workspaceId, id);
  await mkdir(path.dirname(dest), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_ATTACHMENT_BYTES) return done(new AttachmentTooLarge());
      if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, guard, createWriteStream(dest));
  } catch (err) {
    await rm(dest, { force: true });
    throw err;
  }
  return { id, dest, size, head, sha256: hash.digest('hex') };
}

/** Records a received file (or deletes it and refuses it when it is empty or of a type Tandem does not keep). */
export async function saveAttachment(ctx: Ctx, file: Awaited<ReturnType<typeof receiveFile>>, fileName: string): Promise<Attachment> {
  const kind = sniffAttachment(file.head, fileName);
  if (!file.size || !kind) {
    await rm(file.dest, { force: true });
    throw new AppError('validation_failed', file.size ? `This kind of file is not accepted. Send ${ACCEPTED_TYPES}.` : 'The file is empty.', {
      fields: [{ field: 'file', message: file.size ? `must be one of: ${ACCEPTED_TYPES}` : 'is empty' }],
    });
  }
  const row = await ctx.trx
    .insertInto('attachments')
    .values({
      id: file.id,
      workspaceId: ctx.workspaceId,
      fileName: safeFileName(fileName),
      contentType: kind.contentType,
      sizeBytes: file.size,
      sha256: file.sha256,
      storageKey: file.id,
      uploadedByKind: ctx.actor.kind,
      uploadedById: ctx.actor.kind === 'partner_user' ? ctx.actor.partnerUserId : ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
      partnerId: callerPartnerId(ctx.actor),
    })
    .returning(['id', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'createdAt'])
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'attachment.uploaded',
    entityType: 'attachment',
    entityId: row.id,
    data: { fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes },
  });
  return present(row);
}

/** An attachment the caller may read (a partner: its partner's only), with the path of its bytes. */
export async function openAttachment(ctx: Ctx, dataDir: string, id: string) {
  let q = ctx.trx
    .selectFrom('attachments')
    .select(['id', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'createdAt', 'storageKey'])
    .where('workspaceId', '=', ctx.workspaceId)
    .where('id', '=', id);
  const partnerId = callerPartnerId(ctx.actor);
  if (partnerId) q = q.where('partnerId', '=', partnerId);
  const row = found(await q.executeTakeFirst(), 'Attachment');
  const file = fileOf(dataDir, ctx.workspaceId, row.storageKey);
  await stat(file).catch(() => {
    throw new AppError('not_found', 'The file of this attachment is missing on the server.');
  });
  return { attachment: present(row), stream: () => createReadStream(file) };
}

/** Throws unless every id is an attachment of the caller's partner (the evidence of an appeal or extension). */
export async function assertOwnAttachments(ctx: Ctx, ids: readonly string[], field: string) {
  if (!ids.length) return;
  const partnerId = callerPartnerId(ctx.actor);
  let q = ctx.trx
    .selectFrom('attachments')
    .select('id')
    .where('workspaceId', '=', ctx.workspaceId)
    .where('id', 'in', [...ids]);
  if (partnerId) q = q.where('partnerId', '=', partnerId);
  const have = new Set((await q.execute()).map((r) => r.id));
  const missing = ids.map((id, i) => ({ id, i })).filter((x) => !have.has(x.id));
  if (missing.length) {
    throw new AppError('validation_failed', 'Attach files you uploaded.', {
      fields: missing.map((m) => ({ field: `${field}.${m.i}`, message: 'is not a file you uploaded' })),
    });
  }
}
