import { type Kysely, sql } from 'kysely';

/**
 * One-statement look-ups of an API key or a session by its hash, so authenticating a request
 * costs one round trip instead of a transaction. The caller proves knowledge of the token
 * (workspace id + hash of the secret); each returns only that token's row.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function resolve_api_key(p_workspace uuid, p_hash text)
      returns table (id uuid, name text, scopes text[], partner_id uuid)
      language sql volatile security definer set search_path = public as $$
        update api_keys set last_used_at = now()
         where workspace_id = p_workspace and token_hash = p_hash and revoked_at is null
           and (last_used_at is null or last_used_at < now() - interval '1 minute');
        select k.id, k.name, k.scopes, k.partner_id from api_keys k
         where k.workspace_id = p_workspace and k.token_hash = p_hash and k.revoked_at is null
           and (k.expires_at is null or k.expires_at > now());
      $$;

    create function resolve_session(p_workspace uuid, p_hash text)
      returns table (session_id uuid, csrf_token text, user_id uuid, partner_user_id uuid, partner_id uuid,
                     name text, email text, role text)
      language sql volatile security definer set search_path = public as $$
        update sessions set last_seen_at = now()
         where workspace_id = p_workspace and token_hash = p_hash and revoked_at is null
           and last_seen_at < now() - interval '5 minutes';
        select s.id, s.csrf_token, u.id, null::uuid, null::uuid, u.name, u.email::text, m.role
          from sessions s
          join users u on u.id = s.user_id
          join workspace_members m on m.user_id = u.id and m.workspace_id = s.workspace_id and m.status = 'active'
         where s.workspace_id = p_workspace and s.token_hash = p_hash and s.revoked_at is null and s.expires_at > now()
        union all
        select s.id, s.csrf_token, null::uuid, pu.id, pu.partner_id, pu.name, pu.email::text, pu.role
          from sessions s
          join partner_users pu on pu.id = s.partner_user_id and pu.status = 'active'
          join partners p on p.id = pu.partner_id and p.deleted_at is null
         where s.workspace_id = p_workspace and s.token_hash = p_hash and s.revoked_at is null and s.expires_at > now();
      $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}
