import type { Ctx } from '../../context.ts';
import type { Trx } from '../../db/client.ts';

/** What services read of the transaction's workspace: names, portal address, branding, settings. */
async function load(ctx: Ctx) {
  return ctx.trx
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'customHost', 'branding', 'settings', 'timeZone', 'locale'])
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
}

export type WorkspaceRow = Awaited<ReturnType<typeof load>>;

const perTransaction = new WeakMap<Trx, Promise<WorkspaceRow>>();

/**
 * The workspace row, read once per transaction: a registration reads its settings, portal
 * address and branding in several services, one statement serves them all. A service that
 * updates the row calls `forgetWorkspaceRow` so the transaction reads it again.
 */
export function workspaceRow(ctx: Ctx): Promise<WorkspaceRow> {
  let hit = perTransaction.get(ctx.trx);
  if (!hit) {
    hit = load(ctx);
    perTransaction.set(ctx.trx, hit);
    hit.catch(() => perTransaction.delete(ctx.trx));
  }
  return hit;
}

/** After an update of the workspace row in this transaction: the next read goes to the database. */
export function forgetWorkspaceRow(trx: Trx): void {
  perTransaction.delete(trx);
}
