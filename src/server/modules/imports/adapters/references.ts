import { sql } from 'kysely';
import { domainSchema } from '../../../../shared/domains.ts';
import type { Ctx } from '../../../context.ts';
import { isUuid } from '../imports.fields.ts';
import type { Draft } from './adapter.ts';

/**
 * Resolves a column that names another record — an account by id, domain or exact name; a partner
 * by id or exact name — into its id, one query per kind of reference for the whole batch. A name
 * two records share is refused rather than guessed.
 */
export async function resolveReferences(ctx: Ctx, drafts: Draft[], field: string, kind: 'account' | 'partner'): Promise<void> {
  const wanted = drafts.filter((d) => typeof d.values[field] === 'string');
  if (!wanted.length) return;
  const raw = [...new Set(wanted.map((d) => d.values[field] as string))];
  const ids = raw.filter(isUuid).map((s) => s.toLowerCase());
  const domains = new Map<string, string>(); // normalised domain → raw
  if (kind === 'account') {
    for (const r of raw) {
      if (isUuid(r) || /\s/.test(r) || !r.includes('.')) continue;
      const d = domainSchema.safeParse(r);
      if (d.success) domains.set(d.data, r);
    }
  }
  const names = raw.filter((r) => !isUuid(r));
  const table = kind === 'account' ? sql`accounts` : sql`partners`;
  const found = new Map<string, { id: string } | { ambiguous: number }>();
  if (ids.length) {
    const { rows } = await sql<{ id: string }>`select id from ${table}
      where workspace_id = ${ctx.workspaceId} and id = any(${ids}::uuid[]) and deleted_at is null`.execute(ctx.trx);
    for (const r of rows) found.set(r.id, { id: r.id });
  }
  if (domains.size) {
    const { rows } = await sql<{ domain: string; id: string }>`select d.domain, a.id from account_domains d join accounts a on a.id = d.account_id
      where d.workspace_id = ${ctx.workspaceId} and d.domain = any(${[...domains.keys()]}::text[]) and a.deleted_at is null`.execute(ctx.trx);
    for (const r of rows) found.set(`domain:${domains.get(r.domain)}`, { id: r.id });
  }
  if (names.length) {
    // lower() on both sides in the database, so case folding follows one set of rules.
    const { rows } = await sql<{ key: string; id: string; n: number }>`select x.input as key, min(t.id::text) as id, count(*)::int as n
      from unnest(${names}::text[]) as x(input) join ${table} t on lower(t.name) = lower(x.input)
      where t.workspace_id = ${ctx.workspaceId} and t.deleted_at is null group by x.input`.execute(ctx.trx);
    for (const r of rows) found.set(`name:${r.key}`, r.n === 1 ? { id: r.id } : { ambiguous: r.n });
  }
  for (const d of wanted) {
    const v = d.values[field] as string;
    const hit = (isUuid(v) && found.get(v.toLowerCase())) || found.get(`domain:${v}`) || found.get(`name:${v}`);
    if (hit && 'id' in hit) {
      d.values[field] = hit.id;
      continue;
    }
    delete d.values[field];
    const message = hit
      ? `${hit.ambiguous} ${kind}s are named "${v}"; use the ${kind}'s ${kind === 'account' ? 'domain or ' : ''}id instead`
      : `no ${kind} of this workspace has this ${kind === 'account' ? 'name, domain' : 'name'} or id; ${kind === 'account' ? 'import the accounts first, or leave the cell empty' : 'check the spelling or leave the cell empty'}`;
    d.issues.push({ column: d.columnOf(field), field, value: v, message });
  }
}
