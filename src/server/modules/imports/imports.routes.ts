import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IMPORT_ENTITIES,
  type ImportEntity,
  importPatch,
  importSchema,
  importStart,
  importSummarySchema,
  MAX_IMPORT_BYTES,
} from '../../../shared/imports.ts';
import { can } from '../../auth/policy.ts';
import { inWorkspace } from '../../db/client.ts';
import { STAFF } from '../../http/authenticate.ts';
import { AppError } from '../../http/errors.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { actorOf, type RunDeps, run } from '../../http/run.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { BOM, csvRows } from '../exports/csv-cells.ts';
import * as repo from './imports.repository.ts';
import * as imports from './imports.service.ts';
import { importFilePath, removeImportFile, storeUpload, type UploadFacts, UploadTooLarge } from './imports.storage.ts';

export type ImportRouteDeps = RunDeps & { jobs: Jobs; dataDir: string };

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an import id (UUID)' }) });
const write = { actors: STAFF, policy: can.manageCrm, what: 'import CRM records' };
const read = { actors: STAFF, policy: can.readCrm, what: 'read imports' };
const tags = ['imports'];
const entitySchema = z.enum(IMPORT_ENTITIES, { message: `must be one of ${IMPORT_ENTITIES.join(', ')}` });

const MB = MAX_IMPORT_BYTES / 1024 / 1024;
const tooLarge = () =>
  new AppError(
    'payload_too_large',
    `The file is larger than ${MB} MB. Split it into files of at most ${MB} MB (each with the header row) and import them one after the other.`,
    { fields: [{ field: 'file', message: `is larger than ${MB} MB` }], problem: 'file_too_large', maxBytes: MAX_IMPORT_BYTES },
  );

/** Reads the multipart body: streams the part `file` to disk, takes `entity` from a field or the query. */
async function receiveUpload(req: FastifyRequest, dest: string, queryEntity?: string) {
  if (!req.isMultipart()) {
    throw new AppError('validation_failed', 'Send the CSV as multipart/form-data with a part "file" and a field "entity".', {
      fields: [{ field: 'file', message: 'is missing: send multipart/form-data' }],
    });
  }
  let entity = queryEntity;
  let facts: UploadFacts | undefined;
  let fileName = 'upload.csv';
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'entity') entity = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || facts) {
        part.file.resume(); // drain what is not ours
        continue;
      }
      fileName = part.filename || fileName;
      facts = await storeUpload(part.file, dest, MAX_IMPORT_BYTES);
      if (part.file.truncated) throw tooLarge();
    }
  } catch (err) {
    await removeImportFile(dest);
    if (err instanceof UploadTooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (err instanceof AppError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413) throw tooLarge();
    if (status && status < 500) throw new AppError('bad_request', `The upload could not be read: ${(err as Error).message}.`);
    throw err;
  }
  const parsed = entitySchema.safeParse(entity);
  if (!parsed.success || !facts) {
    await removeImportFile(dest);
    const fields = [
      ...(!parsed.success
        ? [{ field: 'entity', message: `${entity === undefined ? 'is missing; ' : ''}must be one of ${IMPORT_ENTITIES.join(', ')}` }]
        : []),
      ...(!facts ? [{ field: 'file', message: 'is missing: send the CSV in a part named "file"' }] : []),
    ];
    throw new AppError('validation_failed', `The upload is incomplete. Fix: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
  }
  return { entity: parsed.data as ImportEntity, facts, fileName };
}

/** Streams the rows of an import that did not land as CSV: row, reason, then the original cells. */
async function streamRejected(deps: ImportRouteDeps, req: FastifyRequest, reply: FastifyReply, id: string, includeSkipped: boolean) {
  const actor = actorOf(req);
  const ws = actor.workspaceId;
  const imp = await inWorkspace(deps.db, ws, (trx) => imports.assertImport({ trx, actor, workspaceId: ws, now: deps.now }, id));
  const d = imp.delimiter;
  async function* body() {
    yield BOM + csvRows([['Row', 'Reason', ...imp.headers]], d);
    let after = 0;
    for (;;) {
      const page = await inWorkspace(deps.db, ws, (trx) => repo.notLandedPage(trx, ws, id, after, 1_000, includeSkipped ? undefined : 'reject'));
      if (!page.length) return;
      yield csvRows(
        page.map((r) => [r.rowNumber, r.action === 'skip' ? `skipped: ${r.reason}` : r.reason, ...r.cells]),
        d,
      );
      after = page[page.length - 1].rowNumber;
    }
  }
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${imp.fileName.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '_')}-rejected.csv"`)
    .header('cache-control', 'no-store');
  return reply.send(Readable.from(body()));
}

/** /api/v1/imports: CSV upload, mapping and preview, start, progress, report and rejected rows. */
export function importRoutes(deps: ImportRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Registered here, so multipart bodies are accepted by these routes only. One byte over the
    // limit truncates the file and turns into a 413 problem.
    await app.register(multipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, fieldSize: 1_000, parts: 20 },
    });
    const svc = { dataDir: deps.dataDir, jobs: deps.jobs };

    app.post('/imports', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Upload a CSV file to import',
        description: `multipart/form-data with a field \`entity\` (${IMPORT_ENTITIES.join(', ')}; or \`?entity=\`) and the part \`file\` (at most ${MB} MB). Answers with the detected encoding and delimiter, the headers, a suggested mapping and a preview.`,
        consumes: ['multipart/form-data'],
        querystring: z.strictObject({ entity: entitySchema.optional() }),
        response: { 201: importSchema },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        const id = randomUUID();
        const dest = importFilePath(deps.dataDir, actor.workspaceId, id);
        const upload = await receiveUpload(req, dest, req.query.entity);
        try {
          const result = await run(deps, req, reply, (ctx) => imports.createImport(ctx, svc, { id, ...upload }), 201);
          // An Idempotency-Key replay answers with the first upload's import: this copy is not needed.
          if (result.id !== id) await removeImportFile(dest);
          return result;
        } catch (err) {
          await removeImportFile(dest);
          throw err;
        }
      },
    });
    app.get('/imports', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'List imports, newest first',
        querystring: z.strictObject(pageQuery),
        response: { 200: z.object({ data: z.array(importSummarySchema), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => imports.listImports(ctx, req.query.limit, decodeCursor(req.query.cursor))),
    });
    app.get('/imports/:id', {
      config: { auth: read },
      schema: { tags, summary: 'An import: progress, and the report once rows were committed', params: idParams, response: { 200: importSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => imports.getImport(ctx, svc, req.params.id)),
    });
    app.patch('/imports/:id', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Set the column mapping (and duplicate handling) and get a validation preview',
        params: idParams,
        body: importPatch,
        response: { 200: importSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => imports.updateImport(ctx, svc, req.params.id, req.body)),
    });
    app.post('/imports/:id/start', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Start the import (or resume a failed or stalled one) as a background job',
        params: idParams,
        body: importStart.optional(),
        response: { 202: importSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => imports.startImport(ctx, svc, req.params.id, req.body ?? {}), 202),
    });
    app.post('/imports/:id/cancel', {
      config: { auth: write },
      schema: { tags, summary: 'Cancel an import; batches already committed stay', params: idParams, response: { 200: importSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => imports.cancelImport(ctx, svc, req.params.id)),
    });
    app.get('/imports/:id/rejected.csv', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The rows that were rejected, with a reason column, as CSV',
        params: idParams,
        querystring: z.strictObject({ include: z.enum(['skipped'], { message: 'must be skipped' }).optional().describe('also list skipped rows') }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV file') },
      },
      handler: (req, reply) => streamRejected(deps, req, reply, req.params.id, req.query.include === 'skipped'),
    });
  };
}
