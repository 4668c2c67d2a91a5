import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerTaskSchema, partnerTimelineEntrySchema, portalTaskPatch } from '../../../shared/portal.ts';
import {
  shareCodeInput,
  shareCommentInput,
  sharedMetaSchema,
  sharedRecordSchema,
  shareLinkInput,
  shareLinkListQuery,
  shareLinkSchema,
} from '../../../shared/share-links.ts';
import { can } from '../../auth/policy.ts';
import { SHARE_SESSION_COOKIE } from '../../auth/share-links.ts';
import { STAFF } from '../../http/authenticate.ts';
import { AppError } from '../../http/errors.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import * as links from './share-links.service.ts';
import * as shared from './shared-access.service.ts';

const token = z.string().min(10).max(200);
const tokenParams = z.strictObject({ token });
const tags = ['share links'];
const LINK = { actors: ['share_link' as const] };
const BEFORE_CODE = { ...LINK, shareCode: 'not_needed' as const };

/** Staff create, list and revoke share links; recipients open them under /api/v1/shared/{token}/…. */
export function shareLinkRoutes(deps: RunDeps & links.ShareDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/share-links', {
      config: { auth: { actors: STAFF, policy: can.shareRecords, what: 'share records' } },
      schema: {
        tags,
        summary: 'Share one record or a partner’s filtered deals with a named recipient (emails them the link)',
        description:
          'The answer carries the `url` once: only a hash of its token is stored. Default expiry 7 days, the maximum is a workspace setting.',
        body: shareLinkInput,
        response: { 201: shareLinkSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => links.createShareLink(ctx, deps, req.body), 201),
    });
    app.get('/share-links', {
      config: { auth: { actors: STAFF, policy: can.readCrm, what: 'see share links' } },
      schema: {
        tags,
        summary: 'Share links, newest first (of one record when asked), with their use',
        querystring: shareLinkListQuery,
        response: { 200: z.object({ data: z.array(shareLinkSchema), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => links.listShareLinks(ctx, req.query)),
    });
    app.delete('/share-links/:id', {
      config: { auth: { actors: STAFF, policy: can.shareRecords, what: 'revoke share links' } },
      schema: {
        tags,
        summary: 'Revoke a share link at once (its URL answers 410)',
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => links.revokeShareLink(ctx, req.params.id), 204);
        return null;
      },
    });

    // The recipient's side: no referrer leaves these pages, and nothing is cached.
    const recipientRoutes: FastifyPluginAsyncZod = async (recipient) => {
      recipient.addHook('onSend', async (_req, reply) => {
        reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
      });
      recipient.get('/shared/:token/meta', {
        config: { auth: BEFORE_CODE },
        schema: { tags, summary: 'Who shares, until when, and whether a code is needed', params: tokenParams, response: { 200: sharedMetaSchema } },
        handler: (req, reply) => run(deps, req, reply, (ctx) => shared.sharedMeta(ctx, req.shareVerified === true)),
      });
      recipient.post('/shared/:token/code', {
        config: { auth: BEFORE_CODE },
        schema: {
          tags,
          summary: 'Email a one-time code to the recipient',
          params: tokenParams,
          response: { 202: z.object({ sent: z.literal(true) }) },
        },
        handler: (req, reply) =>
          run(
            deps,
            req,
            reply,
            async (ctx) => {
              await shared.sendCode(ctx, deps, req.params.token);
              return { sent: true as const };
            },
            202,
          ),
      });
      recipient.post('/shared/:token/verify', {
        config: { auth: BEFORE_CODE },
        schema: {
          tags,
          summary: 'Check the code; the right one lets this browser open the link',
          params: tokenParams,
          body: shareCodeInput,
          response: { 200: z.object({ verified: z.literal(true) }) },
        },
        handler: async (req, reply) => {
          const result = await run(deps, req, reply, (ctx) => shared.verifyCode(ctx, req.body.code));
          // A wrong guess is committed (it counts) before it is refused.
          if (!result.ok)
            throw new AppError('validation_failed', 'That code does not open the link.', {
              fields: [{ field: 'body.code', message: result.message }],
            });
          reply.setCookie(SHARE_SESSION_COOKIE, result.cookie, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure: req.protocol === 'https',
            expires: result.expiresAt,
          });
          return { verified: true as const };
        },
      });
      recipient.get('/shared/:token', {
        config: { auth: LINK },
        schema: {
          tags,
          summary: 'The shared record as its recipient may see it (each access is audited)',
          params: tokenParams,
          response: { 200: sharedRecordSchema },
        },
        handler: (req, reply) => run(deps, req, reply, (ctx) => shared.sharedRecord(ctx)),
      });
      recipient.get('/shared/:token/timeline', {
        config: { auth: LINK },
        schema: {
          tags,
          summary: 'The shared deal’s timeline (shared entries)',
          params: tokenParams,
          querystring: z.strictObject({ ...pageQuery }),
          response: { 200: z.object({ data: z.array(partnerTimelineEntrySchema), nextCursor: z.string().nullable() }) },
        },
        handler: (req, reply) => run(deps, req, reply, (ctx) => shared.sharedTimeline(ctx, req.query.limit, decodeCursor(req.query.cursor))),
      });
      recipient.post('/shared/:token/comments', {
        config: { auth: LINK },
        schema: {
          tags,
          summary: 'Comment on the shared deal (if the link allows it)',
          params: tokenParams,
          body: shareCommentInput,
          response: { 201: z.object({ id: z.uuid() }) },
        },
        handler: (req, reply) => run(deps, req, reply, (ctx) => shared.commentOnShared(ctx, req.body.body), 201),
      });
      recipient.post('/shared/:token/acknowledge', {
        config: { auth: LINK },
        schema: {
          tags,
          summary: 'Acknowledge what was shared (if the link allows it)',
          params: tokenParams,
          response: { 200: z.object({ acknowledgedAt: z.string() }) },
        },
        handler: (req, reply) => run(deps, req, reply, (ctx) => shared.acknowledgeShared(ctx)),
      });
      recipient.get('/shared/:token/tasks', {
        config: { auth: LINK },
        schema: { tags, summary: 'The shared deal’s tasks', params: tokenParams, response: { 200: z.object({ data: z.array(partnerTaskSchema) }) } },
        handler: (req, reply) => run(deps, req, reply, (ctx) => shared.sharedTasks(ctx)),
      });
      recipient.patch('/shared/:token/tasks/:taskId', {
        config: { auth: LINK },
        schema: {
          tags,
          summary: 'Update a task of the shared deal (if the link allows it)',
          params: z.strictObject({ token, taskId: z.uuid({ message: 'must be an id (UUID)' }) }),
          body: portalTaskPatch,
          response: { 200: partnerTaskSchema },
        },
        handler: (req, reply) => run(deps, req, reply, (ctx) => shared.updateSharedTask(ctx, req.params.taskId, req.body)),
      });
    };
    await app.register(recipientRoutes);
  };
}
