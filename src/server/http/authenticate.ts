import type { FastifyRequest } from 'fastify';
import type { Actor, ActorKind } from '../auth/actor.ts';
import { resolveApiKey } from '../auth/api-keys.ts';
import type { Policy } from '../auth/policy.ts';
import { resolveRegistrationLink } from '../auth/registration-links.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { resolveShareLink, SHARE_SESSION_COOKIE } from '../auth/share-links.ts';
import { safeEqual } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import { AppError } from './errors.ts';

/**
 * Every route declares one: `public`, or which actors may call it and the policy they must pass.
 * Routes for share links (`actors: ['share_link']`) and registration links (`['registration_link']`)
 * take the link's token as the `token` param;
 * `shareCode: 'not_needed'` marks the ones a recipient uses before entering the emailed code.
 */
export type AuthSpec = 'public' | { actors: ActorKind[]; policy?: Policy; what?: string; shareCode?: 'not_needed' };

export const STAFF: ActorKind[] = ['staff', 'api_key'];
export const ANY_USER: ActorKind[] = ['staff', 'partner_user', 'api_key'];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthSpec;
  }
  interface FastifyRequest {
    actor?: Actor;
    /** On share-link routes: whether this browser entered the link's code (or none is needed). */
    shareVerified?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the caller from a Bearer API key or the session cookie; undefined when anonymous. */
export async function identify(db: Db, request: FastifyRequest): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = m ? await resolveApiKey(db, m[1]) : undefined;
    if (!actor)
      throw new AppError('unauthenticated', 'The API key is invalid, revoked or expired. Send `Authorization: Bearer tnd_…` with an active key.');
    return actor;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  return resolveSession(db, cookie);
}

/** preValidation hook body: authenticates, checks CSRF for cookie sessions, applies the route's policy. */
export async function enforceAuth(db: Db, request: FastifyRequest, now: () => Date = () => new Date()): Promise<void> {
  const spec = request.routeOptions.config?.auth;
  if (!spec) throw new AppError('internal', 'This route declares no authentication.');
  if (spec === 'public') return;
  if (spec.actors.includes('registration_link')) {
    const actor = await resolveRegistrationLink(db, (request.params as { token?: string } | undefined)?.token, now());
    if (spec.policy && !spec.policy(actor)) throw new AppError('forbidden', `This link does not allow you to ${spec.what ?? 'do this'}.`);
    request.actor = actor;
    return;
  }
  if (spec.actors.includes('share_link')) {
    const token = (request.params as { token?: string } | undefined)?.token;
    const { actor, verified } = await resolveShareLink(db, token, request.cookies[SHARE_SESSION_COOKIE], {
      now: now(),
      codeNeeded: spec.shareCode !== 'not_needed',
    });
    if (spec.policy && !spec.policy(actor)) throw new AppError('forbidden', `This link does not allow you to ${spec.what ?? 'do this'}.`);
    request.actor = actor;
    request.shareVerified = verified;
    return;
  }
  const actor = await identify(db, request);
  if (!actor) throw new AppError('unauthenticated', 'Log in or send an API key (`Authorization: Bearer tnd_…`).');
  if ((actor.kind === 'staff' || actor.kind === 'partner_user') && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken)) {
      throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header. Reload the page; the token comes with GET /api/v1/me.');
    }
  }
  if (!spec.actors.includes(actor.kind)) {
    throw new AppError('forbidden', 'This endpoint is not available to your kind of account.');
  }
  if (spec.policy && !spec.policy(actor)) {
    throw new AppError('forbidden', `Your role is not allowed to ${spec.what ?? 'do this'}.`);
  }
  request.actor = actor;
}
