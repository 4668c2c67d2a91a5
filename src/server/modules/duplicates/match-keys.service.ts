import type { Ctx } from '../../context.ts';
import { BLOCKING_KEYS_VERSION } from './company-blocking.rules.ts';
import { companyProfile, profileBlockingKeys } from './company-match.rules.ts';
import * as repo from './match-keys.repository.ts';

/** What writing keys needs: an open tenant transaction and its workspace (a request, a job, the seed). */
export type KeyScope = Pick<Ctx, 'trx' | 'workspaceId'>;

/** The blocking keys stored for an account: those of its name and web domains (the only source of keys). */
export function accountMatchKeys(name: string, domains: readonly string[]): string[] {
  return profileBlockingKeys(companyProfile({ name, domains }));
}

/** An account as its keys are computed from: id, name, domains. */
export type KeyedAccountState = { id: string; name: string; domains: readonly string[] };

const rowsOf = (accounts: readonly { id: string; keys: readonly string[] }[]): repo.KeyRow[] =>
  accounts.flatMap((a) => a.keys.map((key) => ({ accountId: a.id, key })));

/**
 * Marks accounts' keys as stale: their keys go (with their version row) and the next rekey pass
 * computes them again. For bulk writers that must not pay the keying in their transaction.
 */
export async function markMatchKeysStale(scope: KeyScope, accountIds: readonly string[]): Promise<void> {
  if (!accountIds.length) return;
  await scope.trx
    .deleteFrom('companyMatchKeyVersions')
    .where('workspaceId', '=', scope.workspaceId)
    .where('accountId', 'in', [...new Set(accountIds)])
    .execute();
}

/**
 * Writes the blocking keys of accounts created in the caller's transaction, from the name and
 * domains just written: no other transaction can see them yet, so there is nothing to lock,
 * re-read or replace (an import batch of 1,000 accounts: two INSERTs).
 */
export async function writeNewMatchKeys(scope: KeyScope, accounts: readonly KeyedAccountState[]): Promise<void> {
  const keyed = accounts.map((a) => ({ id: a.id, keys: accountMatchKeys(a.name, a.domains) }));
  await repo.insertKeys(scope.trx, scope.workspaceId, rowsOf(keyed));
  await repo.setVersions(scope.trx, scope.workspaceId, BLOCKING_KEYS_VERSION, keyed);
}

/**
 * Recomputes the stored blocking keys of these accounts from their current name and domains, in
 * the caller's transaction, and records the rules version: the keys no longer made are deleted
 * and the new ones inserted (a domain change touches one or two). Deleted accounts lose their
 * keys (a restore calls this again). Every write of an account's name or domains ends with this.
 */
export async function refreshMatchKeys(scope: KeyScope, accountIds: readonly string[]): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return;
  const accounts = await repo.lockAccountsForKeys(scope.trx, scope.workspaceId, ids);
  const live = accounts.filter((a) => !a.deleted);
  const keyed = live.map((a) => ({ id: a.id, keys: accountMatchKeys(a.name, a.domains), stored: new Set(a.keys ?? []) }));
  const removed = keyed.map((a) => {
    const now = new Set(a.keys);
    return { id: a.id, keys: [...a.stored].filter((k) => !now.has(k)) };
  });
  await repo.deleteKeys(scope.trx, scope.workspaceId, rowsOf(removed));
  await repo.insertKeys(scope.trx, scope.workspaceId, rowsOf(keyed.map((a) => ({ id: a.id, keys: a.keys.filter((k) => !a.stored.has(k)) }))));
  await repo.setVersions(scope.trx, scope.workspaceId, BLOCKING_KEYS_VERSION, keyed);
  await repo.deleteVersions(
    scope.trx,
    scope.workspaceId,
    accounts.filter((a) => a.deleted && a.keys).map((a) => a.id),
  );
}

/** What one rekey batch did, and where the next one starts (null: the pass is complete). */
export type RekeyBatch = { keyed: number; cleared: number; next: repo.RekeyCursor | null };

/**
 * One batch of the rekey pass over a workspace, in the caller's transaction: up to `size` live
 * accounts after `after` whose keys are missing or of an older rules version get fresh keys; at
 * the end of the pass, deleted accounts that still have keys lose them. Idempotent: a second
 * pass finds nothing to do. A batch that fails leaves every account either keyed or as it was.
 */
export async function rekeyBatch(scope: KeyScope, size: number, after?: repo.RekeyCursor): Promise<RekeyBatch> {
  const stale = await repo.staleAccounts(scope.trx, scope.workspaceId, BLOCKING_KEYS_VERSION, size, after);
  await refreshMatchKeys(
    scope,
    stale.map((a) => a.id),
  );
  if (stale.length === size) {
    const last = stale[stale.length - 1];
    return { keyed: stale.length, cleared: 0, next: { nameKey: last.nameKey, id: last.id } };
  }
  const deleted = await repo.deletedWithKeys(scope.trx, scope.workspaceId, size);
  await refreshMatchKeys(scope, deleted);
  return { keyed: stale.length, cleared: deleted.length, next: null };
}
