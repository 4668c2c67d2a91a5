import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountListQuery, accountSchema } from '../../../shared/accounts.ts';
import { contactListQuery, contactSchema } from '../../../shared/contacts.ts';
import { exportFormatQuery } from '../../../shared/imports.ts';
import { opportunityListQuery, opportunitySchema } from '../../../shared/opportunities.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { inWorkspace, type Trx } from '../../db/client.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type Cursor, decodeCursor } from '../../http/pagination.ts';
import { actorOf, type RunDeps } from '../../http/run.ts';
import { listAccounts } from '../accounts/accounts.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listContacts } from '../contacts/contacts.service.ts';
import { listOpportunities } from '../opportunities/opportunities.service.ts';
import { BOM, type Column, columnsOf, csvRows } from './csv-cells.ts';

/** Rows per page read from the database while streaming; one short transaction per page. */
export const EXPORT_PAGE = 1_000;

type Page = { data: Record<string, unknown>[]; nextCursor: string | null };

/** A list that can be exported: its list query (the same filters), its list service and its columns. */
type Exporter = {
  path: 'accounts' | 'contacts' | 'opportunities';
  query: z.ZodObject;
  list: (ctx: Ctx, filter: never, limit: number, after?: Cursor) => Promise<Page>;
  columns: Column<Record<string, unknown>>[];
};

type PartnerRole = { partnerName: string; role: string; attribution: string; share: number };
type ContactRole = { name: string; role: string };

const EXPORTERS: Exporter[] = [
  { path: 'accounts', query: accountListQuery, list: listAccounts as Exporter['list'], columns: columnsOf(accountSchema) },
  { path: 'contacts', query: contactListQuery, list: listContacts as Exporter['list'], columns: columnsOf(contactSchema) },
  {
    path: 'opportunities',
    query: opportunityListQuery,
    list: listOpportunities as Exporter['list'],
    columns: columnsOf(opportunitySchema, {
      partners: (v) => (v as PartnerRole[]).map((p) => `${p.partnerName} (${p.role}, ${p.attribution}, ${p.share} %)`).join('; '),
      contactRoles: (v) => (v as ContactRole[]).map((c) => `${c.name} (${c.role})`).join('; '),
    }),
  },
];

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;
// Audit events of an export carry the entity type of the records, as their other events do.
const ENTITY_TYPE = { accounts: 'account', contacts: 'contact', opportunities: 'opportunity' } as const;

/**
 * Streams a list as CSV: the list service pages through the table with its keyset cursor (the
 * same filters, sort and presenter as the list endpoint), one page per short transaction, while
 * the response is written; memory stays at one page however long the list is.
 */
async function streamExport(deps: RunDeps, e: Exporter, req: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(req);
  const { delimiter: named, ...filter } = req.query as { delimiter: keyof typeof DELIMITERS } & Record<string, unknown>;
  const delimiter = DELIMITERS[named];
  const ctxOf = (trx: Trx): Ctx => ({ trx, actor, workspaceId: actor.workspaceId, requestId: req.id, ip: req.ip, now: deps.now });
  // The audit event and the first page come before the first byte: their errors still become problem+json.
  const first = await inWorkspace(deps.db, actor.workspaceId, async (trx) => {
    const ctx = ctxOf(trx);
    await recordAudit(ctx, { action: `${e.path}.exported`, entityType: ENTITY_TYPE[e.path], data: { filter, delimiter: named, format: 'csv' } });
    return e.list(ctx, filter as never, EXPORT_PAGE);
  });
  const toCells = (row: Record<string, unknown>) => e.columns.map((c) => c.value(row));
  async function* body() {
    yield BOM + csvRows([e.columns.map((c) => c.header)], delimiter);
    let page = first;
    for (;;) {
      yield csvRows(page.data.map(toCells), delimiter);
      if (!page.nextCursor) return;
      const after = decodeCursor(page.nextCursor);
      page = await inWorkspace(deps.db, actor.workspaceId, (trx) => e.list(ctxOf(trx), filter as never, EXPORT_PAGE, after));
    }
  }
  const day = deps.now().toISOString().slice(0, 10);
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${e.path}-${day}.csv"`)
    .header('cache-control', 'no-store');
  return reply.send(Readable.from(body()));
}

/** GET /api/v1/{accounts|contacts|opportunities}/export.csv with the filters of the list endpoints. */
export function exportRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    for (const e of EXPORTERS) {
      app.get(`/${e.path}/export.csv`, {
        config: { auth: { actors: STAFF, policy: can.readCrm, what: `export ${e.path}` } },
        schema: {
          tags: [e.path],
          summary: `Export ${e.path} as CSV`,
          description:
            'The list with the same filters and sort as the list endpoint, every row (no paging), streamed. UTF-8 with BOM for Excel; cells that a spreadsheet would run as a formula start with an apostrophe.',
          querystring: e.query.extend(exportFormatQuery),
          produces: ['text/csv'],
          response: { 200: z.string().describe('CSV file') },
        },
        handler: (req, reply) => streamExport(deps, e, req, reply),
      });
    }
  };
}
