import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { csvUpload, MULTIPART } from '../imports/fixtures/multipart.ts';
import { registerImportJobs } from '../imports/imports.runner.ts';
import { safeCell } from './csv-cells.ts';

let h: Harness;
let a: Awaited<ReturnType<Harness['workspace']>>;
let b: Awaited<ReturnType<Harness['workspace']>>;

beforeAll(async () => {
  h = await createHarness();
  a = await h.workspace('Exports A');
  b = await h.workspace('Exports B');
});
afterAll(() => h?.close());

const rowsOf = (body: string, delimiter = ',') => parse(body.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true }) as string[][];

describe('formula neutralisation', () => {
  it('prefixes cells a spreadsheet would evaluate with an apostrophe and leaves numbers alone', () => {
    expect(safeCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(safeCell('+49 89 123')).toBe("'+49 89 123");
    expect(safeCell('-2+3')).toBe("'-2+3");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('\tTAB')).toBe("'\tTAB");
    expect(safeCell('\rCR')).toBe("'\rCR");
    expect(safeCell('＝1+1')).toBe("'＝1+1");
    expect(safeCell('Müller = Chef')).toBe('Müller = Chef');
    expect(safeCell(-5)).toBe('-5');
    expect(safeCell(null)).toBe('');
  });
});

describe('CSV export', () => {
  beforeAll(async () => {
    for (const body of [
      { name: "=cmd|' /C calc'!A0", domains: ['evil.example'], country: 'DE', description: '@SUM(1+1)' },
      {
        name: 'Müller Maschinenbau GmbH',
        domains: ['mueller.example', 'mm-group.example'],
        country: 'DE',
        employeeCount: 1200,
        segment: '-Enterprise',
      },
      { name: 'Acme Inc', domains: ['acme.example'], country: 'US', description: 'Line one\nline two, with "quotes"' },
    ]) {
      expect((await h.api(a.apiKey).post('/api/v1/accounts', body)).statusCode).toBe(201);
    }
  });

  it('answers 401 without credentials and 403 for a key without CRM access', async () => {
    expect((await h.api(undefined).get('/api/v1/accounts/export.csv')).statusCode).toBe(401);
    const partnersOnly = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'partners', scopes: ['partners:read'] })).json().key;
    expect((await h.api(partnersOnly).get('/api/v1/accounts/export.csv')).statusCode).toBe(403);
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'crm reader', scopes: ['crm:read'] })).json().key;
    expect((await h.api(reader).get('/api/v1/accounts/export.csv')).statusCode).toBe(200);
  });

  it('streams UTF-8 with BOM, the presenter’s fields, and neutralised formulas', async () => {
    const res = await h.api(a.apiKey).get('/api/v1/accounts/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body).toContain('\r\n');
    const rows = rowsOf(res.body);
    expect(rows[0]).toEqual([
      'id',
      'name',
      'domains',
      'industry',
      'country',
      'region',
      'segment',
      'employeeCount',
      'ownerUserId',
      'customerStatus',
      'renewalDate',
      'description',
      'deletedAt',
      'createdAt',
      'updatedAt',
    ]);
    // Sorted by name as the list is; the formula-like cells start with an apostrophe.
    expect(rows.slice(1).map((r) => r[1])).toEqual(["'=cmd|' /C calc'!A0", 'Acme Inc', 'Müller Maschinenbau GmbH']);
    const evil = rows[1];
    expect(evil[11]).toBe("'@SUM(1+1)");
    const mueller = rows[3];
    expect(mueller[2]).toBe('mm-group.example; mueller.example');
    expect(mueller[6]).toBe("'-Enterprise");
    expect(mueller[7]).toBe('1200');
    expect(rows[2][11]).toBe('Line one\nline two, with "quotes"');
    const audit = (await h.api(a.apiKey).get('/api/v1/audit-events?action=accounts.exported')).json().data;
    expect(audit[0]).toMatchObject({
      action: 'accounts.exported',
      entityType: 'account',
      changes: { filter: { sort: 'name', deleted: 'exclude' }, delimiter: 'comma' },
    });
  });

  it('applies the list filters and the delimiter, and validates them like the list', async () => {
    const res = await h.api(a.apiKey).get('/api/v1/accounts/export.csv?country=DE&sort=createdAt&delimiter=semicolon');
    expect(res.statusCode).toBe(200);
    const rows = rowsOf(res.body, ';');
    expect(rows.slice(1).map((r) => r[1])).toEqual(["'=cmd|' /C calc'!A0", 'Müller Maschinenbau GmbH']);
    const bad = await h.api(a.apiKey).get('/api/v1/accounts/export.csv?country=Germany&delimiter=pipe');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['query.country', 'query.delimiter']);
  });

  it('pages through every row of a long list, each once', async () => {
    await sql`insert into accounts (workspace_id, name) select ${b.workspaceId}, 'Bulk ' || lpad(i::text, 5, '0') from generate_series(1, 2345) i`.execute(
      h.ownerDb,
    );
    const res = await h.api(b.apiKey).get('/api/v1/accounts/export.csv');
    const names = rowsOf(res.body)
      .slice(1)
      .map((r) => r[1]);
    expect(names.length).toBe(2345);
    expect(new Set(names).size).toBe(2345);
    expect(names[0]).toBe('Bulk 00001');
    expect(names[2344]).toBe('Bulk 02345');
  });

  it('exports contacts and opportunities with nested fields flattened', async () => {
    const acc = (await h.api(a.apiKey).get('/api/v1/accounts?q=acme')).json().data[0];
    await h
      .api(a.apiKey)
      .post('/api/v1/contacts', { firstName: 'Jane', lastName: '+Doe', emails: ['jane@acme.example', 'j@acme.example'], accountId: acc.id });
    await h.api(a.apiKey).post('/api/v1/opportunities', {
      name: 'Big deal',
      accountId: acc.id,
      amount: { value: 125000.5, currency: 'EUR' },
      stage: 'proposal',
      closeDate: '2027-03-31',
    });
    const contacts = rowsOf((await h.api(a.apiKey).get('/api/v1/contacts/export.csv')).body);
    expect(contacts[0]).toEqual(expect.arrayContaining(['firstName', 'lastName', 'emails', 'account.id', 'account.name']));
    const jane = Object.fromEntries(contacts[0].map((k, i) => [k, contacts[1][i]]));
    expect(jane).toMatchObject({ lastName: "'+Doe", emails: 'jane@acme.example; j@acme.example', 'account.name': 'Acme Inc' });
    const opps = rowsOf((await h.api(a.apiKey).get('/api/v1/opportunities/export.csv?stage=proposal')).body);
    const deal = Object.fromEntries(opps[0].map((k, i) => [k, opps[1][i]]));
    expect(deal).toMatchObject({
      name: 'Big deal',
      'amount.value': '125000.5',
      'amount.currency': 'EUR',
      stage: 'proposal',
      probability: '50',
      partners: '',
    });
  });

  it('exports a file the import reads back into the same accounts', async () => {
    registerImportJobs(h.jobs, h.db, h.config);
    await h.jobs.startWorkers();
    const exported = (await h.api(a.apiKey).get('/api/v1/accounts/export.csv?delimiter=semicolon')).rawPayload;
    const c = await h.workspace('Exports C');
    const up = await h.http.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: csvUpload('accounts', 'export.csv', exported),
      headers: { 'content-type': MULTIPART, authorization: `Bearer ${c.apiKey}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';', missingFields: [] });
    expect(up.json().suggestedMapping).toMatchObject({ name: 'name', domains: 'domains', employeeCount: 'employeeCount', id: null, createdAt: null });
    await h.api(c.apiKey).post(`/api/v1/imports/${up.json().id}/start`, {});
    for (let i = 0; i < 100; i++) {
      if ((await h.api(c.apiKey).get(`/api/v1/imports/${up.json().id}`)).json().status === 'completed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const strip = (list: Record<string, unknown>[]) => list.map(({ id: _i, createdAt: _c, updatedAt: _u, ...rest }) => rest);
    const original = (await h.api(a.apiKey).get('/api/v1/accounts')).json().data;
    const copy = (await h.api(c.apiKey).get('/api/v1/accounts')).json().data;
    expect(strip(copy)).toEqual(strip(original));
  });
});
