import type { Actor } from './auth/actor.ts';
import type { Trx } from './db/client.ts';

/** What a service call runs with: the open tenant transaction, the actor, and request facts for audit. */
export type Ctx = {
  trx: Trx;
  actor: Actor;
  workspaceId: string;
  requestId?: string;
  ip?: string;
  /** Clock, injectable for rules and tests. */
  now: () => Date;
};
