import type { Ctx } from '../../context.ts';
import { pipelined, type Trx } from '../../db/client.ts';

/** What services read of the transaction's workspace: names, portal address, branding, settings. */
function query(trx: Trx, workspaceId: string) {
  return trx
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'customHost', 'branding', 'settings', 'timeZone', 'locale'])
    .where('id', '=', workspaceId);
}

export type WorkspaceRow = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

// Pipelined: sent at once, even while another statement of the transaction runs.
async function load(trx: Trx, workspaceId: string): Promise<WorkspaceRow> {
  const [row] = await pipelined(trx, query(trx, workspaceId).compile());
  if (!row) throw new Error(`workspace ${workspaceId} not found`);
  return row;
}

const perTransaction = new WeakMap<Trx, Promise<WorkspaceRow>>();

/**
 * The workspace row, read once per transaction: a registration reads its settings, portal
 * address and branding in several services, one statement serves them all. A service that
 * updates the row calls `forgetWorkspaceRow` so the transaction reads it again.
 */
export function workspaceRow(ctx: Pick<Ctx, 'trx' | 'workspaceId'>): Promise<WorkspaceRow> {
  let hit = perTransaction.get(ctx.trx);
  if (!hit) {
    hit = load(ctx.trx, ctx.workspaceId);
    perTransaction.set(ctx.trx, hit);
    hit.catch(() => perTransaction.delete(ctx.trx));
  }
  return hit;
}

/** After an update of the workspace row in this transaction: the next read goes to the database. */
export function forgetWorkspaceRow(trx: Trx): void {
  perTransaction.delete(trx);
}
