// Steps every decision on a registration shares: lock the one waiting for a decision, read it
// back as staff see it, and who decided.
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import type { ResolvedProgram } from '../program/program.service.ts';
import * as repo from './registrations.repository.ts';
import { staffView } from './registrations.service.ts';

export const OPEN = new Set(['submitted', 'in_review']);

/** The registration, locked until the transaction ends; refused unless it waits for a decision. */
export async function lockOpen(ctx: Ctx, id: string, what: string) {
  const row = found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id, { forUpdate: true }), 'Registration');
  if (!OPEN.has(row.status))
    throw new AppError('conflict', `Registration ${row.number} is ${row.status}: only one that waits for a decision can be ${what}.`);
  return row;
}

/** The registration as staff see it after the decision. */
export async function reload(ctx: Ctx, id: string, program: ResolvedProgram) {
  return staffView(ctx, found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id), 'Registration'), program);
}

/** The staff user deciding (null for an API key). */
export const deciderId = (ctx: Ctx) => (ctx.actor.kind === 'staff' ? ctx.actor.userId : null);
