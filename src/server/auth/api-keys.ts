import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { hashToken, parseApiKey } from './tokens.ts';

/** Resolves `Bearer tnd_…` to its actor in one statement; undefined when unknown, revoked or expired. */
export async function resolveApiKey(db: Db, key: string): Promise<Actor | undefined> {
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  const { rows } = await sql<{ id: string; name: string; scopes: string[]; partnerId: string | null }>`
    select * from resolve_api_key(${parsed.workspaceId}::uuid, ${hashToken(key)})`.execute(db);
  const k = rows[0];
  if (!k) return undefined;
  return { kind: 'api_key', workspaceId: parsed.workspaceId, apiKeyId: k.id, name: k.name, scopes: k.scopes, partnerId: k.partnerId };
}
