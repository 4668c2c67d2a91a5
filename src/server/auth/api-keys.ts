import { sql } from 'kysely';
import { type Db, inWorkspace } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { hashToken, parseApiKey } from './tokens.ts';

/** Resolves `Bearer tnd_…` to its actor inside the key's workspace; undefined when unknown, revoked or expired. */
export async function resolveApiKey(db: Db, key: string, now: Date): Promise<Actor | undefined> {
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  return inWorkspace(db, parsed.workspaceId, async (trx) => {
    const k = await trx
      .selectFrom('apiKeys')
      .select(['id', 'name', 'scopes', 'partnerId', 'lastUsedAt', 'expiresAt'])
      .where('tokenHash', '=', hashToken(key))
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (!k || (k.expiresAt && k.expiresAt <= now)) return undefined;
    if (!k.lastUsedAt || now.getTime() - k.lastUsedAt.getTime() > 60_000) {
      await trx
        .updateTable('apiKeys')
        .set({ lastUsedAt: sql`now()` as never })
        .where('id', '=', k.id)
        .execute();
    }
    return { kind: 'api_key', workspaceId: parsed.workspaceId, apiKeyId: k.id, name: k.name, scopes: k.scopes, partnerId: k.partnerId };
  });
}
