import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meSchema, publicWorkspaceSchema } from '../../../shared/workspace.ts';
import { resolveSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import { inWorkspace } from '../../db/client.ts';
import { ANY_USER } from '../../http/authenticate.ts';
import { run } from '../../http/run.ts';
import { getPublicWorkspace } from '../workspaces/workspaces.service.ts';
import { loginBody, magicLinkBody, mePatch, passwordBody, verifyBody } from './auth.schemas.ts';
import * as auth from './auth.service.ts';
import { getMe, updateMe } from './me.service.ts';

const tags = ['auth'];
const people = { actors: ANY_USER.filter((k) => k !== 'api_key') };
// Per IP and address: slows guessing without letting one attacker lock out everyone behind a NAT.
// Runs as a preHandler so the (validated, lower-cased) email is part of the key.
const authLimit = {
  hook: 'preHandler' as const,
  max: 10,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { email?: string })?.email ?? '').toLowerCase()}`,
};

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, s: { token: string; expiresAt: Date }) {
  reply.setCookie(SESSION_COOKIE, s.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
    expires: s.expiresAt,
  });
}

/** /api/v1/auth/*, /api/v1/me and the public workspace branding. */
export function authRoutes(deps: auth.AuthDeps): FastifyPluginAsyncZod {
  const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id });
  // After login the session's own actor reads /me, inside the session's workspace.
  async function meAfterLogin(req: FastifyRequest, reply: FastifyReply, s: { token: string; expiresAt: Date }) {
    setSessionCookie(req, reply, s);
    const actor = await resolveSession(deps.db, s.token);
    if (!actor) throw new Error('session vanished right after login');
    return inWorkspace(deps.db, actor.workspaceId, (trx) => getMe({ trx, actor, workspaceId: actor.workspaceId, now: deps.now }));
  }

  return async (app) => {
    app.post('/auth/login', {
      config: { auth: 'public', rateLimit: authLimit },
      schema: { tags, summary: 'Log in with email and password', body: loginBody, response: { 200: meSchema } },
      handler: async (req, reply) => meAfterLogin(req, reply, await auth.loginWithPassword(deps, req.body, client(req))),
    });
    app.post('/auth/magic-link', {
      config: { auth: 'public', rateLimit: authLimit },
      schema: { tags, summary: 'Email a single-use sign-in link', body: magicLinkBody, response: { 202: z.object({ sent: z.literal(true) }) } },
      handler: async (req, reply) => {
        await auth.requestMagicLink(deps, req.body, client(req));
        reply.status(202);
        return { sent: true as const };
      },
    });
    app.post('/auth/magic-link/verify', {
      config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Exchange a sign-in link token for a session', body: verifyBody, response: { 200: meSchema } },
      handler: async (req, reply) => meAfterLogin(req, reply, await auth.verifyMagicLink(deps, req.body.token, client(req))),
    });
    app.post('/auth/logout', {
      config: { auth: people },
      schema: { tags, summary: 'End this session', response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => auth.logout(ctx, false), 204);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return null;
      },
    });
    app.post('/auth/logout-all', {
      config: { auth: people },
      schema: { tags, summary: 'End every session of the signed-in person', response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => auth.logout(ctx, true), 204);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return null;
      },
    });
    app.post('/auth/password', {
      config: { auth: people, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Set or change the own password', body: passwordBody, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => auth.changePassword(ctx, req.body.currentPassword, req.body.newPassword), 204);
        return null;
      },
    });
    app.get('/me', {
      config: { auth: people },
      schema: { tags, summary: 'The signed-in person, workspace, permissions and CSRF token', response: { 200: meSchema } },
      handler: (req, reply) => run(deps, req, reply, getMe),
    });
    app.patch('/me', {
      config: { auth: people },
      schema: { tags, summary: 'Change the own name or language', body: mePatch, response: { 200: meSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => updateMe(ctx, req.body)),
    });
    app.get('/public/workspaces/:slug', {
      config: { auth: 'public' },
      schema: {
        tags: ['workspace'],
        summary: 'Public branding of a workspace (for the portal sign-in page)',
        params: z.strictObject({ slug: z.string().max(60) }),
        response: { 200: publicWorkspaceSchema },
      },
      handler: (req) => getPublicWorkspace(deps.db, req.params.slug),
    });
  };
}
