import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';
import { importClient } from './fixtures/import-client.ts';
import { csvUpload, fixture, streamedUpload } from './fixtures/multipart.ts';
import { registerImportJobs } from './imports.runner.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;
let upload: ReturnType<typeof importClient>['upload'];
let waitFor: ReturnType<typeof importClient>['waitFor'];
let importFile: ReturnType<typeof importClient>['importFile'];
let accountByName: ReturnType<typeof importClient>['accountByName'];

beforeAll(async () => {
  h = await createHarness();
  registerImportJobs(h.jobs, h.db, h.config);
  await h.jobs.startWorkers();
  a = await h.workspace('Imports A');
  b = await h.workspace('Imports B');
  ({ upload, waitFor, importFile, accountByName } = importClient(h));
});
afterAll(() => h?.close());

describe('CSV import of accounts', () => {
  it('reads a German Excel export (Windows-1252, semicolons, umlauts) and suggests the mapping', async () => {
    const res = await upload(a.apiKey, csvUpload('accounts', 'Kunden.csv', fixture('german-excel-1252.csv')));
    expect(res.statusCode, res.body).toBe(201);
    const imp = res.json();
    expect(imp).toMatchObject({
      status: 'uploaded',
      entity: 'accounts',
      encoding: 'windows-1252',
      delimiter: ';',
      hasHeader: true,
      headers: ['Firma', 'Webseite', 'Land', 'Mitarbeiter', 'Kundenstatus', 'Verlängerung', 'Notizen'],
      suggestedMapping: {
        Firma: 'name',
        Webseite: 'domains',
        Land: 'country',
        Mitarbeiter: 'employeeCount',
        Kundenstatus: 'customerStatus',
        Verlängerung: 'renewalDate',
        Notizen: 'description',
      },
      missingFields: [],
      progress: { total: 6, processed: 0 },
    });
    expect(imp.preview[0]).toMatchObject({ row: 2, action: 'create', cells: { Firma: 'Müller Maschinenbau GmbH', Mitarbeiter: '1.200' } });
    expect(imp.preview[2].cells.Notizen).toBe('Zwei Zeilen:\r\nStandort Graz');
    expect(imp.preview[5]).toMatchObject({ row: 7, action: 'skip', issues: [{ message: 'the row is empty' }] });
    expect(imp.validation).toMatchObject({ checkedRows: 6, wholeFile: true, create: 5, update: 0, skip: 1, reject: 0 });
    // The preview ran inside a rolled-back savepoint: nothing was written.
    expect((await h.api(a.apiKey).get('/api/v1/accounts')).json().data).toEqual([]);

    const started = await h.api(a.apiKey).post(`/api/v1/imports/${imp.id}/start`, {});
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json().status).toBe('running');
    const done = await waitFor(a.apiKey, imp.id);
    expect(done).toMatchObject({
      status: 'completed',
      progress: { total: 6, processed: 6, imported: 5, updated: 0, skipped: 1, rejected: 0 },
      report: { landedRows: '2-6', landedRowsComplete: true, batches: 1, notLanded: [{ row: 7, action: 'skip', reason: 'the row is empty' }] },
    });
    const mueller = await accountByName(a.apiKey, 'Müller Maschinenbau GmbH');
    expect(mueller).toMatchObject({
      domains: ['mueller-maschinenbau.de'],
      country: 'DE',
      employeeCount: 1200,
      customerStatus: 'customer',
      renewalDate: '2027-03-31',
      description: 'Größter Kunde in Süddeutschland',
    });
    expect(await accountByName(a.apiKey, 'Öztürk Logistik GmbH & Co. KG')).toMatchObject({
      country: 'AT',
      customerStatus: 'former',
      renewalDate: '2026-07-01',
      description: 'Zwei Zeilen:\r\nStandort Graz',
    });
    expect(await accountByName(a.apiKey, 'Großhandel Weiß AG')).toMatchObject({
      domains: ['grosshandel-weiss.at', 'grosshandel-weiss.de'],
      country: 'CH',
      employeeCount: 12500,
    });
    expect((await accountByName(a.apiKey, 'Bäckerei Schäfer KG')).description).toBe('Ansprechpartner: Herr Weiß; bitte "dringend" anrufen');
    // The uploaded file is removed once the import completed.
    expect(existsSync(path.join(h.config.dataDir, 'imports', a.workspaceId, `${imp.id}.csv`))).toBe(false);
    const audit = (await h.api(a.apiKey).get('/api/v1/audit-events?entityType=import')).json().data.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['import.uploaded', 'import.started', 'import.completed']));
  });

  it('reads UTF-8 with a BOM and English headers', async () => {
    const done = await importFile(b.apiKey, 'accounts.csv', fixture('bom-utf8.csv'));
    expect(done).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', headers: expect.arrayContaining(['Company Name']) });
    expect(done.progress).toMatchObject({ imported: 3, rejected: 0 });
    expect(await accountByName(b.apiKey, 'Acme Inc')).toMatchObject({ employeeCount: 1500, customerStatus: 'customer', country: 'US' });
    expect(await accountByName(b.apiKey, 'Zürich Versicherungs-AG')).toMatchObject({
      domains: ['zuerich-vers.example'],
      description: 'Ünïcödé ✓ — “quotes”',
    });
    expect(await accountByName(b.apiKey, 'Ørsted Nordic A/S')).toMatchObject({ country: 'DK', renewalDate: '2026-02-15' });
  });
});

describe('refused uploads', () => {
  const problem = (res: Awaited<ReturnType<typeof upload>>) => ({ status: res.statusCode, contentType: res.headers['content-type'], ...res.json() });

  it('answers 401 without credentials and 403 for a read-only key', async () => {
    expect((await upload(undefined, csvUpload('accounts', 'x.csv', 'Name\nA\n'))).statusCode).toBe(401);
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    const res = await upload(reader, csvUpload('accounts', 'x.csv', 'Name\nA\n'));
    expect(res.statusCode).toBe(403);
    expect((await h.api(reader).get('/api/v1/imports')).statusCode).toBe(200);
  });

  it('refuses an empty file, a header without rows and a file without a file part, naming what to fix', async () => {
    expect(problem(await upload(a.apiKey, csvUpload('accounts', 'empty.csv', '')))).toMatchObject({
      status: 400,
      contentType: expect.stringContaining('application/problem+json'),
      code: 'validation_failed',
      problem: 'empty_file',
      errors: [{ field: 'file' }],
    });
    expect(problem(await upload(a.apiKey, csvUpload('accounts', 'blank.csv', '\uFEFF\r\n \r\n')))).toMatchObject({
      status: 400,
      problem: 'empty_file',
    });
    const headerOnly = problem(await upload(a.apiKey, csvUpload('accounts', 'h.csv', 'Name;Website\r\n')));
    expect(headerOnly).toMatchObject({ status: 400, problem: 'empty_file', detail: expect.stringContaining('no data rows') });
    const noEntity = problem(await upload(a.apiKey, csvUpload('leads', 'x.csv', 'Name\nA\n')));
    expect(noEntity).toMatchObject({
      status: 400,
      errors: [{ field: 'entity', message: expect.stringContaining('accounts, contacts, opportunities') }],
    });
    const json = await h.api(a.apiKey).post('/api/v1/imports', { entity: 'accounts' });
    expect(json.statusCode).toBe(400);
  });

  it('refuses files that are not CSV text', async () => {
    const xlsx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 1)]);
    expect(problem(await upload(a.apiKey, csvUpload('accounts', 'Kunden.xlsx', xlsx)))).toMatchObject({
      status: 400,
      problem: 'not_csv',
      detail: expect.stringContaining('Excel workbook'),
    });
    const binary = Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x00, 0x01, 0x02, 0x41, 0x0a]);
    expect(problem(await upload(a.apiKey, csvUpload('accounts', 'x.csv', binary)))).toMatchObject({ status: 400, problem: 'not_csv' });
  });

  it('refuses encodings other than UTF-8 and Windows-1252 with a message that says how to save the file', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Name\tWebsite\r\nMüller\tm.de\r\n', 'utf16le')]);
    expect(problem(await upload(a.apiKey, csvUpload('accounts', 'u16.csv', utf16)))).toMatchObject({
      status: 400,
      problem: 'wrong_encoding',
      detail: expect.stringContaining('UTF-16'),
    });
    const mixed = Buffer.concat([Buffer.from('Name\nMüller GmbH\nSchöne AG\n'), iconv.encode('Bäcker KG\n', 'latin1')]);
    expect(problem(await upload(a.apiKey, csvUpload('accounts', 'mixed.csv', mixed)))).toMatchObject({
      status: 400,
      problem: 'wrong_encoding',
      detail: expect.stringContaining('line 4'),
    });
    const neither = Buffer.concat([Buffer.from('Name\nA'), Buffer.from([0xe4, 0x81, 0x20, 0x8d]), Buffer.from('\n')]);
    expect(problem(await upload(a.apiKey, csvUpload('accounts', 'x.csv', neither)))).toMatchObject({
      status: 400,
      problem: 'wrong_encoding',
      detail: expect.stringContaining('neither UTF-8 nor Windows-1252'),
    });
  });

  it('refuses to start without the required columns, naming them', async () => {
    const res = await upload(a.apiKey, csvUpload('accounts', 'cols.csv', 'Kundennummer;Webseite\n4711;x.example\n'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ missingFields: ['name'], suggestedMapping: { Kundennummer: null, Webseite: 'domains' } });
    expect(res.json().validation).toBeUndefined();
    const start = await h.api(a.apiKey).post(`/api/v1/imports/${res.json().id}/start`, {});
    expect(start.statusCode).toBe(400);
    expect(start.json().detail).toContain('required field Name (name;');
    expect(start.json().missingFields).toEqual(['name']);
    const badMapping = await h.api(a.apiKey).patch(`/api/v1/imports/${res.json().id}`, { mapping: { Kundenname: 'name', Webseite: 'website' } });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.mapping.Kundenname', 'body.mapping.Webseite']);
    const fixed = await h.api(a.apiKey).patch(`/api/v1/imports/${res.json().id}`, { mapping: { Kundennummer: 'name', Webseite: 'domains' } });
    expect(fixed.json()).toMatchObject({ missingFields: [], validation: { create: 1 } });
  });

  it('answers 413 for a file one byte over 100 MB and keeps nothing of it', async () => {
    const res = await upload(a.apiKey, streamedUpload('accounts', 100 * 1024 * 1024 + 1));
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'payload_too_large',
      problem: 'file_too_large',
      errors: [{ field: 'file', message: 'is larger than 100 MB' }],
    });
    const dir = path.join(h.config.dataDir, 'imports', a.workspaceId);
    const leftovers = existsSync(dir) ? readdirSync(dir) : [];
    const known = (await inWorkspace(h.db, a.workspaceId, (trx) =>
      trx
        .selectFrom('imports' as never)
        .select('id' as never)
        .execute(),
    )) as { id: string }[];
    expect(leftovers.filter((f) => !known.some((k) => f.startsWith(k.id)))).toEqual([]);
  }, 120_000);

  it('answers 404 for another workspace’s import', async () => {
    const theirs = (await upload(b.apiKey, csvUpload('accounts', 'x.csv', 'Name\nTheirs\n'))).json();
    expect((await h.api(a.apiKey).get(`/api/v1/imports/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).patch(`/api/v1/imports/${theirs.id}`, { onDuplicate: 'update' })).statusCode).toBe(404);
    expect((await h.api(a.apiKey).post(`/api/v1/imports/${theirs.id}/start`, {})).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get(`/api/v1/imports/${theirs.id}/rejected.csv`)).statusCode).toBe(404);
    expect((await h.api(a.apiKey).get('/api/v1/imports/not-a-uuid')).statusCode).toBe(400);
  });
});
