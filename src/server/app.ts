import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import client from 'prom-client';
import { resolveRegistrationLink } from './auth/registration-links.ts';
import { resolveShareLink, SHARE_SESSION_COOKIE } from './auth/share-links.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { pendingMigrations } from './db/migrate.ts';
import { type AuthSpec, enforceAuth } from './http/authenticate.ts';
import { ERROR_STATUS } from './http/errors.ts';
import { registerLinkPage } from './http/link-page.ts';
import { errorHandler, sendProblem } from './http/problem.ts';
import type { Jobs } from './jobs/jobs.ts';
import { accountRoutes } from './modules/accounts/accounts.routes.ts';
import { apiKeyRoutes } from './modules/api-keys/api-keys.routes.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { contactRoutes } from './modules/contacts/contacts.routes.ts';
import { duplicateRoutes } from './modules/duplicates/duplicates.routes.ts';
import { exportRoutes } from './modules/exports/exports.routes.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { leadRoutes } from './modules/leads/leads.routes.ts';
import { mailboxRoutes } from './modules/mailbox/mailbox.routes.ts';
import { opportunityRoutes } from './modules/opportunities/opportunities.routes.ts';
import { partnerRoutes } from './modules/partners/partners.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { portalTeamRoutes } from './modules/portal/portal-team.routes.ts';
import { programRoutes } from './modules/program/program.routes.ts';
import { registrationFollowupRoutes } from './modules/registrations/registration-followups.routes.ts';
import { registrationRoutes } from './modules/registrations/registrations.routes.ts';
import { registrationCandidates } from './modules/registrations/registrations.service.ts';
import { renewalOwnershipRoutes } from './modules/registrations/renewal-ownership.routes.ts';
import { safelistRoutes } from './modules/safelists/safelists.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { shareLinkRoutes } from './modules/share-links/share-links.routes.ts';
import { taskRoutes } from './modules/tasks/tasks.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { workspaceRoutes } from './modules/workspaces/workspaces.routes.ts';
import { workspaceByHost } from './modules/workspaces/workspaces.service.ts';

export type AppDeps = { config: Config; db: Db; jobs: Jobs; log: Logger; now?: () => Date; webDir?: string };

export type RouteInfo = { method: string; url: string; auth: AuthSpec | undefined };

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const httpDuration = new client.Histogram({
  name: 'tandem_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

// Infrastructure routes that carry their own (public) contract.
const PUBLIC_PREFIXES = ['/api/docs'];

/** Builds the HTTP app: security, validation, auth on every route, modules, docs, web app. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance & { routeTable: RouteInfo[] }> {
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    loggerInstance: deps.log,
    trustProxy: deps.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      return sendProblem(reply, req, { status: 404, code: 'not_found', detail: `No route ${req.method} ${req.url.split('?')[0]}. See /api/docs.` });
    }
    return deps.webDir && existsSync(path.join(deps.webDir, 'index.html'))
      ? reply.type('text/html').sendFile('index.html')
      : reply.type('text/plain').send('The web app is not built. Run `npm run build`.');
  });

  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)) || route.url.startsWith('/assets') || route.url === '/*') {
      route.config = { ...(route.config ?? {}), auth: 'public' } as typeof route.config;
    }
    if (!route.config?.auth) throw new Error(`route ${route.method} ${route.url} declares no auth (config.auth)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, auth: route.config?.auth });
    }
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // A workspace's own portal host name (custom domain): its root opens that workspace's portal.
  const publicHost = new URL(deps.config.publicUrl).hostname;
  const hosts = new Map<string, { slug: string | null; at: number }>();
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (req.method !== 'GET' || (path !== '/' && path !== '/login') || req.hostname === publicHost || req.hostname === 'localhost') return;
    let hit = hosts.get(req.hostname);
    if (!hit || now().getTime() - hit.at > 60_000) {
      hit = { slug: (await workspaceByHost(deps.db, req.hostname))?.slug ?? null, at: now().getTime() };
      hosts.set(req.hostname, hit);
    }
    if (hit.slug) return reply.redirect(`/p/${hit.slug}${path === '/login' ? '/login' : ''}`, 302);
  });
  // preValidation: after cookies are parsed, before the body is validated (401 comes before 400).
  app.addHook('preValidation', async (req) => {
    if (req.routeOptions.url) await enforceAuth(deps.db, req, now);
  });
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        frameSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: deps.config.rateLimitPerMinute > 0,
    max: deps.config.rateLimitPerMinute || 1_000_000,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`Too many requests; retry in ${ctx.after}.`), { statusCode: 429 }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: '1',
        description: `Partner relationship management API. Authenticate with \`Authorization: Bearer tnd_…\` (API key) or the session cookie plus \`X-CSRF-Token\`. Errors are RFC 9457 problem+json with a stable \`code\`: ${Object.keys(ERROR_STATUS).join(', ')}. POSTs honour \`Idempotency-Key\`.`,
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'tnd_… API key' },
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const runDeps = { db: deps.db, now };
  const publicUrl = deps.config.publicUrl;
  await app.register(
    async (api) => {
      await api.register(authRoutes({ db: deps.db, jobs: deps.jobs, publicUrl, now }));
      await api.register(workspaceRoutes(runDeps));
      await api.register(userRoutes({ ...runDeps, jobs: deps.jobs, publicUrl }));
      await api.register(partnerRoutes(runDeps));
      await api.register(accountRoutes(runDeps));
      await api.register(contactRoutes(runDeps));
      await api.register(leadRoutes(runDeps));
      await api.register(searchRoutes(runDeps));
      await api.register(duplicateRoutes({ ...runDeps, registrations: registrationCandidates() }));
      await api.register(registrationRoutes({ ...runDeps, jobs: deps.jobs, publicUrl }));
      await api.register(registrationFollowupRoutes({ ...runDeps, jobs: deps.jobs, publicUrl }));
      await api.register(renewalOwnershipRoutes(runDeps));
      await api.register(attachmentRoutes({ ...runDeps, dataDir: deps.config.dataDir }));
      await api.register(programRoutes(runDeps));
      await api.register(opportunityRoutes(runDeps));
      await api.register(apiKeyRoutes(runDeps));
      await api.register(auditRoutes(runDeps));
      await api.register(mailboxRoutes(runDeps));
      await api.register(importRoutes({ ...runDeps, jobs: deps.jobs, dataDir: deps.config.dataDir }));
      await api.register(exportRoutes(runDeps));
      await api.register(taskRoutes(runDeps));
      await api.register(safelistRoutes(runDeps));
      await api.register(portalRoutes(runDeps));
      await api.register(portalTeamRoutes({ ...runDeps, jobs: deps.jobs, publicUrl }));
      await api.register(shareLinkRoutes({ ...runDeps, jobs: deps.jobs, publicUrl }));
    },
    { prefix: '/api/v1' },
  );

  const hasWebApp = () => Boolean(deps.webDir && existsSync(path.join(deps.webDir, 'index.html')));
  registerLinkPage(app as unknown as FastifyInstance, '/s', {
    db: deps.db,
    hasWebApp,
    resolve: (token, req) => resolveShareLink(deps.db, token, req.cookies[SHARE_SESSION_COOKIE], { now: now(), codeNeeded: false }),
  });
  registerLinkPage(app as unknown as FastifyInstance, '/r', {
    db: deps.db,
    hasWebApp,
    resolve: (token) => resolveRegistrationLink(deps.db, token, now()),
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, () => app.swagger());
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      const pending = await pendingMigrations(deps.db as never);
      if (pending.length) {
        return sendProblem(reply, req, {
          status: 503,
          code: 'unavailable',
          detail: `Migrations pending: ${pending.join(', ')}. Run \`tandem migrate\`.`,
        });
      }
      return { status: 'ready' };
    } catch {
      return sendProblem(reply, req, { status: 503, code: 'unavailable', detail: 'The database is not reachable.' });
    }
  });
  app.get('/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });

  if (deps.webDir && existsSync(deps.webDir)) {
    await app.register(fastifyStatic, { root: deps.webDir, index: false, prefix: '/' });
  }

  return Object.assign(app, { routeTable }) as unknown as FastifyInstance & { routeTable: RouteInfo[] };
}
