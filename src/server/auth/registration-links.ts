import { type Db, inWorkspace } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { hashToken, parseScopedToken } from './tokens.ts';

export type RegistrationLinkActor = Extract<Actor, { kind: 'registration_link' }>;

/**
 * Resolves a partner's no-login registration link (`<workspace>.<secret>`, stored hashed) to an
 * actor that registers for that partner. Unknown: 404; expired or revoked: 410 saying which; a
 * partner that is gone or suspended cannot register.
 */
export async function resolveRegistrationLink(db: Db, token: string | undefined, now: Date): Promise<RegistrationLinkActor> {
  const parsed = parseScopedToken(token);
  const missing = () => new AppError('not_found', 'This registration link does not exist. Check that you opened the whole link.');
  if (!parsed) throw missing();
  const link = await inWorkspace(db, parsed.workspaceId, (trx) =>
    trx
      .selectFrom('registrationLinks as l')
      .innerJoin('partners as p', 'p.id', 'l.partnerId')
      .select(['l.id', 'l.partnerId', 'l.expiresAt', 'l.revokedAt', 'p.name as partnerName', 'p.deletedAt', 'p.lifecycleState'])
      .where('l.tokenHash', '=', hashToken(parsed.secret))
      .executeTakeFirst(),
  );
  if (!link || link.deletedAt) throw missing();
  if (link.revokedAt)
    throw new AppError('gone', 'This registration link was withdrawn. Ask your partner manager for a new one.', { reason: 'revoked' });
  if (link.expiresAt <= now)
    throw new AppError('gone', 'This registration link has expired. Ask your partner manager for a new one.', { reason: 'expired' });
  if (link.lifecycleState === 'suspended' || link.lifecycleState === 'offboarded') {
    throw new AppError('forbidden', `${link.partnerName} cannot register deals at the moment. Contact your partner manager.`);
  }
  return {
    kind: 'registration_link',
    workspaceId: parsed.workspaceId,
    registrationLinkId: link.id,
    partnerId: link.partnerId,
    name: link.partnerName,
  };
}
