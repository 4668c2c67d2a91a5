import type { SearchQuery, SearchResult } from '../../../shared/search.ts';
import type { Ctx } from '../../context.ts';
import * as repo from './search.repository.ts';

/** Searches accounts (names, domains), contacts (names, emails) and opportunities (names) of the workspace, best matches first. */
export async function searchCrm(ctx: Ctx, query: SearchQuery): Promise<{ data: SearchResult[] }> {
  const rows = await repo.search(ctx.trx, ctx.workspaceId, query.q, query.types, query.limit);
  return {
    data: rows.map((r) => ({ type: r.type, id: r.id, title: r.title, subtitle: r.subtitle, score: Math.round(Number(r.score) * 1000) / 1000 })),
  };
}
