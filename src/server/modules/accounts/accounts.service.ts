import type { z } from 'zod';
import type { Account, AccountInput, accountListQuery, accountPatch } from '../../../shared/accounts.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { assertCursor } from '../../db/keyset.ts';
import { AppError, found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { refreshMatchKeys, writeNewMatchKeys } from '../duplicates/match-keys.service.ts';
import { recordChanges } from '../timeline/timeline.service.ts';
import * as repo from './accounts.repository.ts';

/** The fields an account shows in the timeline when they change. */
const WATCHED = [
  'name',
  'domains',
  'industry',
  'country',
  'region',
  'segment',
  'employeeCount',
  'ownerUserId',
  'customerStatus',
  'renewalDate',
] as const;

/** The fields of an account that leave the server. */
export function presentAccount(a: repo.AccountRow): Account {
  return {
    id: a.id,
    name: a.name,
    domains: a.domains,
    industry: a.industry,
    country: a.country,
    region: a.region,
    segment: a.segment,
    employeeCount: a.employeeCount,
    ownerUserId: a.ownerUserId,
    customerStatus: a.customerStatus,
    renewalDate: a.renewalDate,
    description: a.description,
    deletedAt: a.deletedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

async function assertDomainsFree(ctx: Ctx, domains: string[], exceptId?: string) {
  if (!domains.length) return;
  const taken = await repo.domainOwners(ctx.trx, ctx.workspaceId, domains, exceptId);
  if (taken.length) {
    throw new AppError('conflict', `The domain ${taken[0].domain} already belongs to the account "${taken[0].name}".`, {
      fields: taken.map((t) => ({ field: `body.domains.${domains.indexOf(t.domain)}`, message: `belongs to the account "${t.name}" (${t.id})` })),
      accountId: taken[0].id,
    });
  }
}

async function assertOwner(ctx: Ctx, ownerUserId: string | null | undefined) {
  if (!ownerUserId) return;
  const member = await ctx.trx
    .selectFrom('workspaceMembers')
    .select('userId')
    .where('workspaceId', '=', ctx.workspaceId)
    .where('userId', '=', ownerUserId)
    .executeTakeFirst();
  if (!member)
    throw new AppError('validation_failed', 'The owner is not a staff member of this workspace.', {
      fields: [{ field: 'body.ownerUserId', message: 'is not a staff member of this workspace' }],
    });
}

async function load(ctx: Ctx, id: string, includeDeleted = false) {
  return presentAccount(found(await repo.findAccount(ctx.trx, ctx.workspaceId, id, { includeDeleted }), 'Account'));
}

/** Creates an account; each domain may belong to one account of the workspace. */
export async function createAccount(ctx: Ctx, input: AccountInput) {
  const domains = [...new Set(input.domains ?? [])];
  await assertDomainsFree(ctx, domains);
  await assertOwner(ctx, input.ownerUserId);
  const { domains: _d, ...fields } = input;
  const { id } = await repo.insertAccount(ctx.trx, { ...fields, workspaceId: ctx.workspaceId });
  await repo.setDomains(ctx.trx, ctx.workspaceId, id, domains);
  await writeNewMatchKeys(ctx, [{ id, name: fields.name, domains }]);
  const account = await load(ctx, id);
  await recordAudit(ctx, { action: 'account.created', entityType: 'account', entityId: id, before: null, after: account });
  return account;
}

/** One account. */
export function getAccount(ctx: Ctx, id: string) {
  return load(ctx, id);
}

/** Throws not_found unless the account exists and is not deleted. */
export async function assertAccount(ctx: Ctx, id: string) {
  await load(ctx, id);
}

/** Changes the given fields; changes show in the audit log and on the account's timeline. */
export async function updateAccount(ctx: Ctx, id: string, patch: z.infer<typeof accountPatch>) {
  const before = await load(ctx, id);
  const { domains, ...fields } = patch;
  await assertOwner(ctx, fields.ownerUserId);
  if (Object.keys(fields).length) await repo.updateAccount(ctx.trx, ctx.workspaceId, id, fields);
  if (domains) {
    const unique = [...new Set(domains)];
    await assertDomainsFree(ctx, unique, id);
    await repo.setDomains(ctx.trx, ctx.workspaceId, id, unique);
  }
  // The duplicate check's keys follow the name and the domains.
  if (fields.name !== undefined || domains) await refreshMatchKeys(ctx, [id]);
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'account.updated', entityType: 'account', entityId: id, before, after });
  await recordChanges(ctx, { type: 'account', id }, before, after, WATCHED);
  return after;
}

/**
 * Soft-deletes an account (restorable). Its domains stay reserved until it is purged; it stops
 * being a duplicate candidate (its blocking keys go, and come back on restore).
 */
export async function deleteAccount(ctx: Ctx, id: string, reason?: string) {
  const before = await load(ctx, id);
  await repo.updateAccount(ctx.trx, ctx.workspaceId, id, { deletedAt: ctx.now() });
  await refreshMatchKeys(ctx, [id]);
  await recordAudit(ctx, { action: 'account.deleted', entityType: 'account', entityId: id, before, after: null, reason });
}

/** Brings a deleted account back. */
export async function restoreAccount(ctx: Ctx, id: string) {
  const before = await load(ctx, id, true);
  if (!before.deletedAt) return before;
  await repo.updateAccount(ctx.trx, ctx.workspaceId, id, { deletedAt: null });
  await refreshMatchKeys(ctx, [id]);
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'account.restored', entityType: 'account', entityId: id });
  return after;
}

/** A page of accounts with the caller's permissions. */
export async function listAccounts(ctx: Ctx, filter: z.infer<typeof accountListQuery>, limit: number, after?: Cursor) {
  assertCursor(after, repo.ACCOUNT_SORTS[filter.sort]);
  const rows = await repo.listAccounts(ctx.trx, ctx.workspaceId, filter, limit, after);
  const page = toPage(rows, limit, (r) => r.sortKey as string);
  return { data: page.data.map(presentAccount), nextCursor: page.nextCursor, permissions: { create: can.manageCrm(ctx.actor) } };
}
