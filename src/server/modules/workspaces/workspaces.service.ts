import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { brandingPatch, workspacePatch, workspaceSchema } from '../../../shared/workspace.ts';
import type { Actor } from '../../auth/actor.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { hashToken, newApiKey } from '../../auth/tokens.ts';
import type { Ctx } from '../../context.ts';
import { type Db, inWorkspace } from '../../db/client.ts';
import { ensureCounters, WORKSPACE_COUNTERS } from '../../db/counters.ts';
import type { Branding } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { workspaceBySlug } from '../auth/auth.repository.ts';
import { forgetWorkspaceRow, workspaceRow } from './workspace-row.ts';

type Workspace = z.infer<typeof workspaceSchema>;

export function presentBranding(b: Branding) {
  return {
    logoUrl: b.logoUrl ?? null,
    primaryColor: b.primaryColor ?? null,
    productName: b.productName ?? null,
    supportEmail: b.supportEmail ?? null,
    faviconUrl: b.faviconUrl ?? null,
  };
}

type WorkspaceRow = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  locale: 'en' | 'de';
  branding: Branding;
  customHost: string | null;
  createdAt: Date;
};

export function presentWorkspace(w: WorkspaceRow): Workspace {
  return {
    id: w.id,
    slug: w.slug,
    name: w.name,
    timeZone: w.timeZone,
    locale: w.locale,
    branding: presentBranding(w.branding),
    customHost: w.customHost,
    createdAt: w.createdAt.toISOString(),
  };
}

async function loadWorkspace(ctx: Ctx) {
  return ctx.trx
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'timeZone', 'locale', 'branding', 'customHost', 'createdAt'])
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow() as Promise<WorkspaceRow>;
}

/** The caller's workspace. */
export async function getWorkspace(ctx: Ctx) {
  return presentWorkspace(await loadWorkspace(ctx));
}

/** Changes name, time zone, default locale or branding (branding fields merge; null clears one). */
export async function updateWorkspace(ctx: Ctx, patch: z.infer<typeof workspacePatch>) {
  const before = presentWorkspace(await loadWorkspace(ctx));
  const branding: z.infer<typeof brandingPatch> = { ...before.branding, ...(patch.branding ?? {}) };
  if (patch.customHost) {
    const taken = await sql<{ id: string }>`select id from workspace_by_host(${patch.customHost})`.execute(ctx.trx);
    if (taken.rows.some((r) => r.id !== ctx.workspaceId)) {
      throw new AppError('conflict', `${patch.customHost} is the portal address of another workspace.`, {
        fields: [{ field: 'body.customHost', message: 'is taken by another workspace' }],
      });
    }
  }
  await ctx.trx
    .updateTable('workspaces')
    .set({ name: patch.name, timeZone: patch.timeZone, locale: patch.locale, branding: JSON.stringify(branding), customHost: patch.customHost })
    .where('id', '=', ctx.workspaceId)
    .execute();
  forgetWorkspaceRow(ctx.trx);
  const after = presentWorkspace(await loadWorkspace(ctx));
  await recordAudit(ctx, { action: 'workspace.updated', entityType: 'workspace', entityId: ctx.workspaceId, before, after });
  return after;
}

/** The base URL of the workspace's portal links: its custom host when it has one (same scheme as PUBLIC_URL). */
export async function portalBaseUrl(ctx: Ctx, publicUrl: string): Promise<string> {
  const w = await workspaceRow(ctx);
  return w.customHost ? `${new URL(publicUrl).protocol}//${w.customHost}` : publicUrl;
}

/** The workspace whose portal answers on a host name, if any (before any workspace is known). */
export async function workspaceByHost(db: Db, host: string): Promise<{ id: string; slug: string } | undefined> {
  const { rows } = await sql<{ id: string; slug: string }>`select id, slug from workspace_by_host(${host.toLowerCase()})`.execute(db);
  return rows[0];
}

/** What the unauthenticated portal login page may show: name, default locale, branding. */
export async function getPublicWorkspace(db: Db, slug: string) {
  const w = await workspaceBySlug(db, slug);
  if (!w) throw new AppError('not_found', `No workspace is called "${slug}". Check the portal address.`);
  return { slug: w.slug, name: w.name, locale: w.locale, branding: presentBranding(w.branding as Branding) };
}

export type CreatedWorkspace = { workspaceId: string; slug: string; adminUserId: string; apiKey: string; apiKeyId: string };

/** Derives a slug from a name: lowercase ASCII, dashes. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/ß/g, 'ss')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return s.length >= 3 ? s : `${s || 'ws'}-${randomUUID().slice(0, 4)}`;
}

/**
 * Creates a workspace with its first admin (a new or existing staff identity) and an
 * admin-scoped API key, all audited, in one transaction.
 */
export async function createWorkspace(
  db: Db,
  input: {
    name: string;
    slug?: string;
    adminEmail: string;
    adminName?: string;
    adminPassword?: string;
    locale?: 'en' | 'de';
    timeZone?: string;
    now?: () => Date;
  },
): Promise<CreatedWorkspace> {
  const workspaceId = randomUUID();
  const slug = input.slug ?? slugify(input.name);
  if (await workspaceBySlug(db, slug)) {
    throw new AppError('conflict', `A workspace with the slug "${slug}" exists already. Choose another --slug.`, {
      fields: [{ field: 'slug', message: 'is taken' }],
    });
  }
  const now = input.now ?? (() => new Date());
  const passwordHash = input.adminPassword ? await hashPassword(input.adminPassword) : null;
  return inWorkspace(db, workspaceId, async (trx) => {
    await trx
      .insertInto('workspaces')
      .values({ id: workspaceId, slug, name: input.name, locale: input.locale, timeZone: input.timeZone, branding: '{}', settings: '{}' })
      .execute();
    const { rows } = await sql<{ id: string | null }>`select user_exists_by_email(${input.adminEmail}) as id`.execute(trx);
    let adminUserId = rows[0]?.id ?? null;
    if (!adminUserId) {
      adminUserId = randomUUID();
      await trx
        .insertInto('users')
        .values({ id: adminUserId, email: input.adminEmail, name: input.adminName ?? input.adminEmail.split('@')[0], passwordHash, locale: null })
        .execute();
    }
    await trx.insertInto('workspaceMembers').values({ workspaceId, userId: adminUserId, role: 'admin' }).execute();
    const { key, prefix } = newApiKey(workspaceId);
    const apiKey = await trx
      .insertInto('apiKeys')
      .values({
        workspaceId,
        name: 'Initial admin key',
        prefix,
        tokenHash: hashToken(key),
        scopes: ['*'],
        partnerId: null,
        createdByUserId: adminUserId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ensureCounters(trx, WORKSPACE_COUNTERS);
    const actor: Actor = { kind: 'system', workspaceId, name: 'tandem cli' };
    const ctx: Ctx = { trx, actor, workspaceId, now };
    await recordAudit(ctx, { action: 'workspace.created', entityType: 'workspace', entityId: workspaceId, data: { name: input.name, slug } });
    await recordAudit(ctx, { action: 'user.invited', entityType: 'user', entityId: adminUserId, data: { email: input.adminEmail, role: 'admin' } });
    await recordAudit(ctx, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: apiKey.id,
      data: { name: 'Initial admin key', scopes: ['*'] },
    });
    return { workspaceId, slug, adminUserId, apiKey: key, apiKeyId: apiKey.id };
  });
}
