import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { hashToken, parseApiKey } from './tokens.ts';

type KeyRow = { id: string; name: string; scopes: string[]; partnerId: string | null };
type Pending = { workspaceId: string; hash: string; resolve: (row: KeyRow | undefined) => void; reject: (err: unknown) => void };

/**
 * Look-ups that arrived in the same turn of the event loop, per database: under load many API
 * requests are read from their sockets at once, and one statement resolves all their keys
 * (never cached: a revoked key stops working with the next request).
 */
const waiting = new WeakMap<Db, Pending[]>();

async function lookUp(db: Db, batch: Pending[]) {
  try {
    const { rows } = await sql<KeyRow & { i: number }>`
      select q.i::int, k.* from unnest(${batch.map((p) => p.workspaceId)}::uuid[], ${batch.map((p) => p.hash)}::text[]) with ordinality as q(ws, hash, i)
      cross join lateral resolve_api_key(q.ws, q.hash) as k`.execute(db);
    const byIndex = new Map(rows.map((r) => [r.i, r]));
    for (const [i, p] of batch.entries()) p.resolve(byIndex.get(i + 1));
  } catch (err) {
    for (const p of batch) p.reject(err);
  }
}

/** Resolves `Bearer tnd_…` to its actor (one statement for the keys of a turn); undefined when unknown, revoked or expired. */
export async function resolveApiKey(db: Db, key: string): Promise<Actor | undefined> {
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  const k = await new Promise<KeyRow | undefined>((resolve, reject) => {
    const pending = { workspaceId: parsed.workspaceId, hash: hashToken(key), resolve, reject };
    const batch = waiting.get(db);
    if (batch) {
      batch.push(pending);
      return;
    }
    waiting.set(db, [pending]);
    setImmediate(() => {
      const all = waiting.get(db) ?? [];
      waiting.delete(db);
      void lookUp(db, all);
    });
  });
  if (!k) return undefined;
  return { kind: 'api_key', workspaceId: parsed.workspaceId, apiKeyId: k.id, name: k.name, scopes: k.scopes, partnerId: k.partnerId };
}
