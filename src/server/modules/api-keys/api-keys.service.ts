import { z } from 'zod';
import { hashToken, newApiKey } from '../../auth/tokens.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';

export const SCOPES = [
  '*',
  'crm:read',
  'crm:write',
  'partners:read',
  'partners:write',
  'workspace:read',
  'workspace:write',
  'users:read',
  'users:write',
  'audit:read',
  'mailbox:read',
  'registrations:read',
  'registrations:write',
] as const;

export const apiKeyInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  scopes: z
    .array(z.enum(SCOPES, { message: `must be one of ${SCOPES.join(', ')}` }))
    .min(1, 'give at least one scope')
    .default(['*']),
  partnerId: z.uuid().nullish().describe('act as a partner_admin of this partner'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  partnerId: z.uuid().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
type Row = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  partnerId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};
const present = (k: Row) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  expiresAt: iso(k.expiresAt),
  revokedAt: iso(k.revokedAt),
});
const cols = ['id', 'name', 'prefix', 'scopes', 'partnerId', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'] as const;

/** API keys of the workspace (never the secrets). */
export async function listApiKeys(ctx: Ctx) {
  const rows = await ctx.trx.selectFrom('apiKeys').select(cols).where('workspaceId', '=', ctx.workspaceId).orderBy('createdAt', 'desc').execute();
  return { data: rows.map(present), nextCursor: null };
}

/** Creates a key; the secret is returned once and stored only as a hash. */
export async function createApiKey(ctx: Ctx, input: z.infer<typeof apiKeyInput>) {
  if (input.partnerId) {
    const p = await ctx.trx.selectFrom('partners').select('id').where('id', '=', input.partnerId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!p)
      throw new AppError('validation_failed', 'The partner does not exist.', {
        fields: [{ field: 'body.partnerId', message: 'is not a partner of this workspace' }],
      });
  }
  const { key, prefix } = newApiKey(ctx.workspaceId);
  const row = await ctx.trx
    .insertInto('apiKeys')
    .values({
      workspaceId: ctx.workspaceId,
      name: input.name,
      prefix,
      tokenHash: hashToken(key),
      scopes: input.partnerId ? ['partner'] : input.scopes,
      partnerId: input.partnerId ?? null,
      createdByUserId: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
      expiresAt: input.expiresInDays ? new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000) : null,
    })
    .returning(cols)
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'api_key.created',
    entityType: 'api_key',
    entityId: row.id,
    data: { name: row.name, scopes: row.scopes, partnerId: row.partnerId },
  });
  return { ...present(row), key };
}

/** Revokes a key at once. */
export async function revokeApiKey(ctx: Ctx, id: string) {
  const row = found(await ctx.trx.selectFrom('apiKeys').select(cols).where('id', '=', id).executeTakeFirst(), 'API key');
  if (row.revokedAt) return;
  await ctx.trx.updateTable('apiKeys').set({ revokedAt: ctx.now() }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'api_key.revoked', entityType: 'api_key', entityId: id, data: { name: row.name } });
}
