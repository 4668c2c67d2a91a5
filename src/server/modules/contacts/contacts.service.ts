import type { ContactInput, ContactListQuery, ContactPatch } from '../../../shared/contacts.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { assertCursor } from '../../db/keyset.ts';
import { AppError, found } from '../../http/errors.ts';
import { type Cursor, toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recordChanges } from '../timeline/timeline.service.ts';
import { presentContact } from './contacts.presenter.ts';
import * as repo from './contacts.repository.ts';

/** The fields a contact shows on its timeline when they change. */
const WATCHED = ['firstName', 'lastName', 'emails', 'phone', 'title', 'accountId', 'partnerId', 'ownerUserId'] as const;

const invalid = (field: string, message: string, detail: string) => new AppError('validation_failed', detail, { fields: [{ field, message }] });

/** Each address once, in the order given (they arrive trimmed and lower-cased). */
const uniqueEmails = (emails: readonly string[] | undefined) => [...new Set(emails ?? [])];

/** The account, partner and owner a contact points to must be live records of the workspace. */
async function assertLinks(ctx: Ctx, input: Pick<ContactPatch, 'accountId' | 'partnerId' | 'ownerUserId'>, at: string) {
  if (input.accountId && !(await repo.accountExists(ctx.trx, ctx.workspaceId, input.accountId)))
    throw invalid(`${at}.accountId`, 'is not an account of this workspace', 'The account does not exist in this workspace (or is deleted).');
  if (input.partnerId && !(await repo.partnerExists(ctx.trx, ctx.workspaceId, input.partnerId)))
    throw invalid(`${at}.partnerId`, 'is not a partner of this workspace', 'The partner does not exist in this workspace (or is deleted).');
  if (input.ownerUserId && !(await repo.isMember(ctx.trx, ctx.workspaceId, input.ownerUserId)))
    throw invalid(`${at}.ownerUserId`, 'is not a staff member of this workspace', 'The owner is not a staff member of this workspace.');
}

async function load(ctx: Ctx, id: string, includeDeleted = false) {
  return presentContact(found(await repo.findContact(ctx.trx, ctx.workspaceId, id, { includeDeleted }), 'Contact'));
}

/**
 * Creates a contact. Other modules (lead conversion) call it inside their transaction;
 * `fieldPrefix` names their request's field in validation errors.
 */
export async function createContact(ctx: Ctx, input: ContactInput, opts: { fieldPrefix?: string } = {}) {
  await assertLinks(ctx, input, opts.fieldPrefix ?? 'body');
  const { id } = await repo.insertContact(ctx.trx, {
    workspaceId: ctx.workspaceId,
    firstName: input.firstName ?? '',
    lastName: input.lastName,
    emails: uniqueEmails(input.emails),
    phone: input.phone ?? null,
    title: input.title ?? null,
    accountId: input.accountId ?? null,
    partnerId: input.partnerId ?? null,
    ownerUserId: input.ownerUserId ?? null,
  });
  const contact = await load(ctx, id);
  await recordAudit(ctx, { action: 'contact.created', entityType: 'contact', entityId: id, before: null, after: contact });
  return contact;
}

/** One contact. */
export function getContact(ctx: Ctx, id: string) {
  return load(ctx, id);
}

/** Throws not_found unless the contact exists and is not deleted. */
export async function assertContact(ctx: Ctx, id: string) {
  await load(ctx, id);
}

/** Changes the given fields; changes show in the audit log and on the contact's timeline. */
export async function updateContact(ctx: Ctx, id: string, patch: ContactPatch) {
  const before = await load(ctx, id);
  await assertLinks(ctx, patch, 'body');
  const { firstName, emails, ...rest } = patch;
  await repo.updateContact(ctx.trx, ctx.workspaceId, id, {
    ...rest,
    ...(firstName !== undefined ? { firstName: firstName ?? '' } : {}),
    ...(emails !== undefined ? { emails: uniqueEmails(emails) } : {}),
  });
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'contact.updated', entityType: 'contact', entityId: id, before, after });
  await recordChanges(ctx, { type: 'contact', id }, before, after, WATCHED);
  return after;
}

/** Soft-deletes a contact (restorable). */
export async function deleteContact(ctx: Ctx, id: string, reason?: string) {
  const before = await load(ctx, id);
  await repo.updateContact(ctx.trx, ctx.workspaceId, id, { deletedAt: ctx.now() });
  await recordAudit(ctx, { action: 'contact.deleted', entityType: 'contact', entityId: id, before, after: null, reason });
}

/** Brings a deleted contact back. */
export async function restoreContact(ctx: Ctx, id: string) {
  const before = await load(ctx, id, true);
  if (!before.deletedAt) return before;
  await repo.updateContact(ctx.trx, ctx.workspaceId, id, { deletedAt: null });
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'contact.restored', entityType: 'contact', entityId: id });
  return after;
}

/** A page of contacts with the caller's permissions. */
export async function listContacts(ctx: Ctx, filter: ContactListQuery, limit: number, after?: Cursor) {
  assertCursor(after, repo.CONTACT_SORTS[filter.sort]);
  const rows = await repo.listContacts(ctx.trx, ctx.workspaceId, filter, limit, after);
  const page = toPage(rows, limit, (r) => r.sortKey as string);
  return { data: page.data.map(presentContact), nextCursor: page.nextCursor, permissions: { create: can.manageCrm(ctx.actor) } };
}
