import { type Insertable, sql, type Updateable } from 'kysely';
import type { Trx } from '../../db/client.ts';
import type { ShareLinksTable } from '../../db/schema.ts';

const columns = [
  'id',
  'entityType',
  'entityId',
  'viewFilter',
  'partnerId',
  'recipientEmail',
  'recipientName',
  'allowedActions',
  'requireCode',
  'codeHash',
  'codeExpiresAt',
  'codeAttempts',
  'expiresAt',
  'revokedAt',
  'createdByLabel',
  'accessCount',
  'lastAccessedAt',
  'acknowledgedAt',
  'createdAt',
] as const;

export type ShareLinkRow = NonNullable<Awaited<ReturnType<typeof findShareLink>>>;

export function findShareLink(trx: Trx, workspaceId: string, id: string) {
  return trx.selectFrom('shareLinks').select(columns).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Links of the workspace, newest first, optionally of one record. */
export function listShareLinks(trx: Trx, workspaceId: string, f: { entityType?: string; entityId?: string }) {
  let q = trx.selectFrom('shareLinks').select(columns).where('workspaceId', '=', workspaceId);
  if (f.entityType) q = q.where('entityType', '=', f.entityType as ShareLinksTable['entityType']);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(200).execute();
}

export function insertShareLink(trx: Trx, values: Insertable<ShareLinksTable>) {
  return trx.insertInto('shareLinks').values(values).returning(columns).executeTakeFirstOrThrow();
}

export function updateShareLink(trx: Trx, workspaceId: string, id: string, values: Updateable<ShareLinksTable>) {
  return trx.updateTable('shareLinks').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** Counts an access: how often and when last (each access is also an audit event). */
export function countAccess(trx: Trx, workspaceId: string, id: string, at: Date) {
  return sql`update share_links set access_count = access_count + 1, last_accessed_at = ${at}
    where workspace_id = ${workspaceId} and id = ${id}`.execute(trx);
}

/** The link row locked for a code check, so two guesses at once count as two. */
export function lockShareLink(trx: Trx, workspaceId: string, id: string) {
  return trx
    .selectFrom('shareLinks')
    .select(columns)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export function insertSession(trx: Trx, values: { workspaceId: string; shareLinkId: string; tokenHash: string; expiresAt: Date }) {
  return trx.insertInto('shareLinkSessions').values(values).execute();
}

/** Ends every verified browser of a link (on revocation). */
export function deleteSessions(trx: Trx, workspaceId: string, shareLinkId: string) {
  return trx.deleteFrom('shareLinkSessions').where('workspaceId', '=', workspaceId).where('shareLinkId', '=', shareLinkId).execute();
}

/** How often a link's code was entered wrongly, over all its codes (the audit log is the record of it). */
export async function countCodeFailures(trx: Trx, workspaceId: string, shareLinkId: string): Promise<number> {
  const row = await trx
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspaceId', '=', workspaceId)
    .where('entityType', '=', 'share_link')
    .where('entityId', '=', shareLinkId)
    .where('action', '=', 'share_link.code_failed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
