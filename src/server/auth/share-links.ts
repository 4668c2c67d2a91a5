import { type Db, inWorkspace } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { hashToken, parseScopedToken } from './tokens.ts';

/** The cookie of a browser that entered a share link's emailed code. */
export const SHARE_SESSION_COOKIE = 'tandem_share';

export type ShareLinkActor = Extract<Actor, { kind: 'share_link' }>;

/**
 * Resolves the token of a share link (`<workspace>.<secret>`, only its hash is stored) to its
 * recipient. Unknown tokens are 404; expired and revoked links 410, saying which and nothing of
 * what was behind them. A link that asks for a code needs the cookie of a verified browser, unless
 * the route is the one that sends or checks the code (`codeNeeded: false`).
 */
export async function resolveShareLink(
  db: Db,
  token: string | undefined,
  cookie: string | undefined,
  opts: { now: Date; codeNeeded: boolean },
): Promise<{ actor: ShareLinkActor; verified: boolean }> {
  const parsed = parseScopedToken(token);
  if (!parsed) throw new AppError('not_found', 'This link does not exist. Check that you opened the whole link from the email.');
  const session = parseScopedToken(cookie);
  const found = await inWorkspace(db, parsed.workspaceId, async (trx) => {
    const link = await trx
      .selectFrom('shareLinks')
      .select([
        'id',
        'recipientEmail',
        'recipientName',
        'partnerId',
        'entityType',
        'entityId',
        'allowedActions',
        'requireCode',
        'expiresAt',
        'revokedAt',
      ])
      .where('tokenHash', '=', hashToken(parsed.secret))
      .executeTakeFirst();
    if (!link?.requireCode || !session || session.workspaceId !== parsed.workspaceId) return { link, verified: false };
    const s = await trx
      .selectFrom('shareLinkSessions')
      .select('id')
      .where('shareLinkId', '=', link.id)
      .where('tokenHash', '=', hashToken(session.secret))
      .where('expiresAt', '>', opts.now)
      .executeTakeFirst();
    return { link, verified: Boolean(s) };
  });
  const link = found.link;
  if (!link) throw new AppError('not_found', 'This link does not exist. Check that you opened the whole link from the email.');
  if (link.revokedAt)
    throw new AppError('gone', 'This link was withdrawn by the sender. Ask them for a new one if you still need it.', { reason: 'revoked' });
  if (link.expiresAt <= opts.now)
    throw new AppError('gone', 'This link has expired. Ask the sender for a new one if you still need it.', { reason: 'expired' });
  const verified = !link.requireCode || found.verified;
  if (!verified && opts.codeNeeded) {
    throw new AppError('unauthenticated', 'Enter the code we emailed to you to open this link.', { codeRequired: true });
  }
  return {
    verified,
    actor: {
      kind: 'share_link',
      workspaceId: parsed.workspaceId,
      shareLinkId: link.id,
      recipientEmail: link.recipientEmail,
      name: link.recipientName ?? link.recipientEmail,
      partnerId: link.partnerId,
      entityType: link.entityType,
      entityId: link.entityId,
      allowedActions: link.allowedActions,
    },
  };
}
