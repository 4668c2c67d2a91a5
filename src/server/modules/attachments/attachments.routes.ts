import { rm } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { inWorkspace } from '../../db/client.ts';
import { ANY_USER } from '../../http/authenticate.ts';
import { AppError } from '../../http/errors.ts';
import { actorOf, type RunDeps, run } from '../../http/run.ts';
import { ACCEPTED_TYPES, MAX_ATTACHMENT_BYTES } from './attachments.rules.ts';
import { AttachmentTooLarge, openAttachment, receiveFile, saveAttachment } from './attachments.service.ts';

const attachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
const MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;
const tooLarge = () =>
  new AppError('payload_too_large', `The file is larger than ${MB} MB.`, { fields: [{ field: 'file', message: `is larger than ${MB} MB` }] });

/** POST /api/v1/attachments (evidence for appeals and extension requests) and GET /api/v1/attachments/{id}. */
export function attachmentRoutes(deps: RunDeps & { dataDir: string }): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 10 } });
    app.post('/attachments', {
      config: { auth: { actors: ANY_USER, policy: can.registerDeals, what: 'upload evidence' } },
      schema: {
        tags: ['registrations'],
        summary: `Upload an evidence file (multipart part "file", at most ${MB} MB: ${ACCEPTED_TYPES})`,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema },
      },
      handler: async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('validation_failed', 'Send the file as multipart/form-data in a part "file".', {
            fields: [{ field: 'file', message: 'is missing' }],
          });
        const actor = actorOf(req);
        let received: Awaited<ReturnType<typeof receiveFile>> | undefined;
        let name = 'file';
        try {
          for await (const part of req.parts()) {
            if (part.type === 'field') continue;
            if (part.fieldname !== 'file' || received) {
              part.file.resume();
              continue;
            }
            name = part.filename || name;
            received = await receiveFile(deps.dataDir, actor.workspaceId, part.file);
            if (part.file.truncated) throw tooLarge();
          }
        } catch (err) {
          if (
            err instanceof AttachmentTooLarge ||
            (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ||
            (err as { statusCode?: number }).statusCode === 413
          )
            throw tooLarge();
          throw err;
        }
        if (!received)
          throw new AppError('validation_failed', 'The upload has no file.', {
            fields: [{ field: 'file', message: 'is missing: send it in a part named "file"' }],
          });
        const file = received;
        try {
          return await run(deps, req, reply, (ctx) => saveAttachment(ctx, file, name), 201);
        } catch (err) {
          await rm(file.dest, { force: true }); // nothing recorded: keep nothing either
          throw err;
        }
      },
    });
    app.get('/attachments/:id', {
      config: { auth: { actors: ANY_USER, policy: can.readRegistrations, what: 'read evidence' } },
      schema: {
        tags: ['registrations'],
        summary: 'Download an evidence file (partners: their own)',
        params: z.strictObject({ id: z.uuid() }),
        produces: ['application/octet-stream'],
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        const { attachment, stream } = await inWorkspace(deps.db, actor.workspaceId, (trx) =>
          openAttachment({ trx, actor, workspaceId: actor.workspaceId, now: deps.now, requestId: req.id, ip: req.ip }, deps.dataDir, req.params.id),
        );
        reply
          .type(attachment.contentType)
          .header(
            'content-disposition',
            `attachment; filename="${attachment.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
          )
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store');
        return reply.send(stream());
      },
    });
  };
}
