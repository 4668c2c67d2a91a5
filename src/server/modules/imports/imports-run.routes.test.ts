import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../tests/setup/harness.ts';
import { inWorkspace } from '../../db/client.ts';
import { importClient } from './fixtures/import-client.ts';
import { csvUpload, fixture } from './fixtures/multipart.ts';
import { registerImportJobs, runImport } from './imports.runner.ts';

let h: Harness;
let upload: ReturnType<typeof importClient>['upload'];
let waitFor: ReturnType<typeof importClient>['waitFor'];
let importFile: ReturnType<typeof importClient>['importFile'];
let accountByName: ReturnType<typeof importClient>['accountByName'];

beforeAll(async () => {
  h = await createHarness();
  registerImportJobs(h.jobs, h.db, h.config);
  await h.jobs.startWorkers();
  ({ upload, waitFor, importFile, accountByName } = importClient(h));
});
afterAll(() => h?.close());

describe('validation report, duplicates and rejected rows', () => {
  let c: Awaited<ReturnType<Harness['workspace']>>;
  let existingId: string;
  beforeAll(async () => {
    c = await h.workspace('Imports C');
    existingId = (await h.api(c.apiKey).post('/api/v1/accounts', { name: 'Existing Account', domains: ['existing.example'], segment: 'SMB' })).json()
      .id;
  });

  it('previews every row with what is wrong and how to fix it, using the mapping given', async () => {
    const res = await upload(c.apiKey, csvUpload('accounts', 'bad.csv', fixture('bad-rows.csv')));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().suggestedMapping).toMatchObject({ Name: 'name', Domain: 'domains', Owner: 'ownerUserId', Notes: 'description' });
    const patched = await h.api(c.apiKey).patch(`/api/v1/imports/${id}`, { mapping: { ...res.json().suggestedMapping, Notes: null } });
    expect(patched.statusCode, patched.body).toBe(200);
    const v = patched.json().validation;
    expect(v).toMatchObject({ checkedRows: 13, create: 3, skip: 3, reject: 7 });
    const byRow = Object.fromEntries(v.rejected.map((r: { row: number; issues: unknown[] }) => [r.row, r.issues]));
    expect(byRow[3]).toEqual([{ column: 'Name', field: 'name', value: '', message: 'is empty; every row needs a name' }]);
    // "not a domain!" reads as three domains (a cell may list several), none of them valid.
    expect(byRow[4].map((i: { value: string }) => i.value)).toEqual(['not', 'a', 'domain!']);
    expect(byRow[4][0]).toEqual({ column: 'Domain', field: 'domains', value: 'not', message: 'must be a domain such as example.com' });
    expect(byRow[5][0]).toMatchObject({ column: 'Country', value: 'Atlantis', message: expect.stringContaining('country code such as DE') });
    expect(byRow[6][0]).toMatchObject({ column: 'Employees', value: 'about 500', message: 'must be a whole number such as 1200' });
    expect(byRow[7][0]).toMatchObject({ column: 'Renewal date', message: expect.stringContaining('ambiguous') });
    expect(byRow[8][0]).toMatchObject({ column: 'Owner', value: 'nobody@nowhere.example', message: expect.stringContaining('staff member') });
    expect(byRow[9][0].message).toContain('has 9 values but the header has 7 columns');
    const preview = patched.json().preview;
    expect(preview.find((p: { row: number }) => p.row === 12)).toMatchObject({
      action: 'skip',
      issues: [{ message: expect.stringContaining('dup.example') }],
    });
    expect(preview.find((p: { row: number }) => p.row === 14)).toMatchObject({ action: 'skip', matchId: existingId });

    const updating = await h.api(c.apiKey).patch(`/api/v1/imports/${id}`, { onDuplicate: 'update' });
    expect(updating.json().validation).toMatchObject({ create: 3, update: 2, skip: 1, reject: 7 });
  });

  it('imports the good rows, reports exactly which rows landed and offers the rejected rows as CSV', async () => {
    const done = await importFile(c.apiKey, 'bad.csv', fixture('bad-rows.csv'), { onDuplicate: 'skip' });
    expect(done.progress).toEqual({ total: 13, processed: 13, imported: 3, updated: 0, skipped: 3, rejected: 7 });
    expect(done.report).toMatchObject({ landedRows: '2, 11, 13', landedRowsComplete: true, rejectedCsv: `/api/v1/imports/${done.id}/rejected.csv` });
    expect(done.report.notLanded.map((r: { row: number; action: string }) => `${r.row}:${r.action}`)).toEqual([
      '3:reject',
      '4:reject',
      '5:reject',
      '6:reject',
      '7:reject',
      '8:reject',
      '9:reject',
      '10:skip',
      '12:skip',
      '14:skip',
    ]);
    const csv = await h.api(c.apiKey).get(done.report.rejectedCsv);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="bad-rejected.csv"');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.body.slice(1), { relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(['Row', 'Reason', 'Name', 'Domain', 'Country', 'Employees', 'Renewal date', 'Owner', 'Notes']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['3', '4', '5', '6', '7', '8', '9']);
    expect(rows[1][1]).toBe('Name: is empty; every row needs a name');
    expect(rows[2].slice(2, 4)).toEqual(['Bad Domain AG', 'not a domain!']);
    const withSkipped = parse((await h.api(c.apiKey).get(`${done.report.rejectedCsv}?include=skipped`)).body.slice(1), { relax_column_count: true });
    expect(withSkipped.slice(1).map((r: string[]) => r[0])).toEqual(['3', '4', '5', '6', '7', '8', '9', '10', '12', '14']);
    // A formula in a cell is stored as it was written (it is data); exports neutralise it.
    expect(await accountByName(c.apiKey, "=cmd|' /C calc'!A0")).toMatchObject({ domains: ['formula.example'] });
  });

  it('updates matched accounts with the values of the row, keeps empty cells, and writes the change to the timeline', async () => {
    const csv =
      'Name,Website,Segment,Employees\nExisting Account Renamed,https://www.Existing.example/about,,77\nFresh GmbH,fresh.example https://www.fresh.example/,Enterprise,5\n';
    const done = await importFile(c.apiKey, 'update.csv', Buffer.from(csv), { onDuplicate: 'update' });
    expect(done.progress).toMatchObject({ imported: 1, updated: 1, skipped: 0, rejected: 0 });
    const acc = (await h.api(c.apiKey).get(`/api/v1/accounts/${existingId}`)).json();
    expect(acc).toMatchObject({ name: 'Existing Account Renamed', segment: 'SMB', employeeCount: 77, domains: ['existing.example'] });
    // Two spellings of one domain in a row are one domain.
    expect(await accountByName(c.apiKey, 'Fresh GmbH')).toMatchObject({ domains: ['fresh.example'], segment: 'Enterprise' });
    const timeline = (await h.api(c.apiKey).get(`/api/v1/accounts/${existingId}/timeline`)).json().data;
    expect(timeline[0]).toMatchObject({
      kind: 'field_change',
      metadata: { changes: { name: { from: 'Existing Account', to: 'Existing Account Renamed' }, employeeCount: { from: null, to: 77 } } },
      author: { kind: 'system', label: 'CSV import by Initial admin key' },
    });
  });

  it('resolves the owner column by the staff member’s e-mail', async () => {
    const csv = `Name;Besitzer\nOwned AG;${c.adminEmail.toUpperCase()}\n`;
    const done = await importFile(c.apiKey, 'owner.csv', Buffer.from(csv));
    expect(done.progress.imported).toBe(1);
    const acc = await accountByName(c.apiKey, 'Owned AG');
    expect(acc.ownerUserId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CSV import of contacts and opportunities', () => {
  let d: Awaited<ReturnType<Harness['workspace']>>;
  beforeAll(async () => {
    d = await h.workspace('Imports D');
    await importFile(
      d.apiKey,
      'accounts.csv',
      Buffer.from('Firma;Webseite\nMüller GmbH;mueller.example\nSchmidt AG;schmidt.example\nSchmidt AG;schmidt-zwei.example\n'),
    );
  });

  it('imports contacts, linking accounts by name or domain and deduplicating by e-mail', async () => {
    const csv = [
      'Vorname;Nachname;E-Mail;Telefon;Position;Firma',
      'Anna;Müller;anna@mueller.example;+49 89 1;CEO;Müller GmbH',
      'Bernd;Brösel;BERND@mueller.example;;CTO;mueller.example',
      'Anna;Müller-Lüdenscheidt;anna@mueller.example;;;',
      'Carla;Schmidt;carla@schmidt.example;;;Schmidt AG',
      'Dieter;Doe;dieter@nowhere.example;;;Unbekannt KG',
      'Eva;Ohne;;;;',
    ].join('\n');
    const res = await upload(d.apiKey, csvUpload('contacts', 'kontakte.csv', Buffer.from(csv)));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().suggestedMapping).toEqual({
      Vorname: 'firstName',
      Nachname: 'lastName',
      'E-Mail': 'emails',
      Telefon: 'phone',
      Position: 'title',
      Firma: 'accountId',
    });
    await h.api(d.apiKey).post(`/api/v1/imports/${res.json().id}/start`, { onDuplicate: 'skip' });
    const done = await waitFor(d.apiKey, res.json().id);
    expect(done.progress).toMatchObject({ imported: 3, skipped: 1, rejected: 2 });
    const reasons = Object.fromEntries(done.report.notLanded.map((r: { row: number; reason: string }) => [r.row, r.reason]));
    expect(reasons[4]).toContain('anna@mueller.example');
    expect(reasons[5]).toContain('2 accounts are named "Schmidt AG"');
    expect(reasons[6]).toContain('no account of this workspace has this name');
    const contacts = (await h.api(d.apiKey).get('/api/v1/contacts?limit=50')).json().data;
    const bernd = contacts.find((c: { lastName: string }) => c.lastName === 'Brösel');
    expect(bernd).toMatchObject({ emails: ['bernd@mueller.example'], title: 'CTO', account: { name: 'Müller GmbH' } });
    expect(contacts.find((c: { lastName: string }) => c.lastName === 'Ohne')).toMatchObject({ emails: [], accountId: null });
  });

  it('imports opportunities with German amounts, stages and dates', async () => {
    const csv = [
      'Verkaufschance;Firma;Betrag;Währung;Phase;Abschlussdatum;Vertriebsweg',
      'Rollout 2027;Müller GmbH;125.000,50;EUR;Angebot;31.03.2027;Wiederverkauf',
      'Wartung;mueller.example;EUR 9.900;;Gewonnen;2026-12-01;',
      'Ohne Währung;Müller GmbH;1.000;;Verhandlung;01.01.2027;',
      'Falsche Phase;Müller GmbH;1.000;EUR;irgendwas;01.01.2027;',
      'Yen;Müller GmbH;1.000,5;JPY;Akquise;01.01.2027;',
    ].join('\n');
    const res = await upload(d.apiKey, csvUpload('opportunities', 'chancen.csv', Buffer.from(csv)));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      missingFields: [],
      suggestedMapping: {
        Verkaufschance: 'name',
        Firma: 'accountId',
        Betrag: 'amount',
        Währung: 'currency',
        Phase: 'stage',
        Abschlussdatum: 'closeDate',
        Vertriebsweg: 'motion',
      },
      validation: { create: 2, reject: 3 },
    });
    const rejected = Object.fromEntries(
      res.json().validation.rejected.map((r: { row: number; issues: { column: string; message: string }[] }) => [r.row, r.issues[0]]),
    );
    expect(rejected[4]).toMatchObject({ field: 'currency', message: expect.stringContaining('has no currency') });
    expect(rejected[5]).toMatchObject({ column: 'Phase', message: expect.stringContaining('must be one of prospecting') });
    expect(rejected[6]).toMatchObject({ column: 'Betrag', message: 'must be a whole number: JPY has no minor unit' });
    await h.api(d.apiKey).post(`/api/v1/imports/${res.json().id}/start`, {});
    const done = await waitFor(d.apiKey, res.json().id);
    expect(done.progress).toMatchObject({ imported: 2, rejected: 3 });
    const opps = (await h.api(d.apiKey).get('/api/v1/opportunities?limit=50')).json().data;
    expect(opps.find((o: { name: string }) => o.name === 'Rollout 2027')).toMatchObject({
      amount: { value: 125000.5, currency: 'EUR' },
      stage: 'proposal',
      probability: 50,
      closeDate: '2027-03-31',
      motion: 'resale',
      account: { name: 'Müller GmbH' },
    });
    expect(opps.find((o: { name: string }) => o.name === 'Wartung')).toMatchObject({ amount: { value: 9900, currency: 'EUR' }, stage: 'closed_won' });

    // The same file again, updating: matched by name within the account; a stage change goes on the timeline.
    const again = Buffer.from(
      ['Verkaufschance;Firma;Betrag;Währung;Phase;Abschlussdatum', 'rollout 2027;Müller GmbH;130.000;EUR;Verhandlung;31.03.2027'].join('\n'),
    );
    const second = await importFile(d.apiKey, 'chancen2.csv', again, { onDuplicate: 'update' }, 'opportunities');
    expect(second.progress).toMatchObject({ imported: 0, updated: 1 });
    const rollout = opps.find((o: { name: string }) => o.name === 'Rollout 2027');
    const after = (await h.api(d.apiKey).get(`/api/v1/opportunities/${rollout.id}`)).json();
    expect(after).toMatchObject({ name: 'rollout 2027', stage: 'negotiation', amount: { value: 130000, currency: 'EUR' } });
    const timeline = (await h.api(d.apiKey).get(`/api/v1/opportunities/${rollout.id}/timeline`)).json().data;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['stage_change', 'field_change']));
  });
});

describe('resuming through the API', () => {
  it('starts a failed import again from its cursor and lands every row once', async () => {
    const ws = await h.workspace('Imports resume');
    const lines = ['Name,Domain', ...Array.from({ length: 1_500 }, (_, i) => `Resumed ${i + 1} GmbH,resumed-${i + 1}.example`)];
    const res = await upload(ws.apiKey, csvUpload('accounts', 'resume.csv', `${lines.join('\n')}\n`));
    const id = res.json().id;
    // A first run commits one batch and then dies, and the import is marked failed.
    await inWorkspace(h.db, ws.workspaceId, (trx) =>
      trx
        .updateTable('imports' as never)
        .set({ status: 'running', mapping: JSON.stringify(res.json().suggestedMapping) } as never)
        .where('id' as never, '=', id as never)
        .execute(),
    );
    const crash = new AbortController();
    await expect(
      runImport(h.db, { dataDir: h.config.dataDir }, ws.workspaceId, id, { batchSize: 500, signal: crash.signal, onBatch: () => crash.abort() }),
    ).rejects.toBeDefined();
    await inWorkspace(h.db, ws.workspaceId, (trx) =>
      trx
        .updateTable('imports' as never)
        .set({ status: 'failed', error: 'the worker died' } as never)
        .where('id' as never, '=', id as never)
        .execute(),
    );
    const failed = (await h.api(ws.apiKey).get(`/api/v1/imports/${id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', error: 'the worker died', progress: { processed: 500 }, report: { landedRows: '2-501' } });
    expect((await h.api(ws.apiKey).post(`/api/v1/imports/${id}/start`, { onDuplicate: 'update' })).statusCode).toBe(400);
    const restarted = await h.api(ws.apiKey).post(`/api/v1/imports/${id}/start`, {});
    expect(restarted.statusCode, restarted.body).toBe(202);
    const done = await waitFor(ws.apiKey, id);
    expect(done).toMatchObject({
      status: 'completed',
      error: null,
      progress: { processed: 1_500, imported: 1_500 },
      report: { landedRows: '2-1501' },
    });
    const audit = (await h.api(ws.apiKey).get('/api/v1/audit-events?entityType=import')).json().data.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['import.resumed', 'import.completed']));
    const names = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { data: { name: string }[]; nextCursor: string | null } = (
        await h.api(ws.apiKey).get(`/api/v1/accounts?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      for (const acc of page.data) names.add(acc.name);
      cursor = page.nextCursor;
    } while (cursor);
    expect(names.size).toBe(1_500);
  });
});

describe('a file that breaks off', () => {
  it('imports the rows before an unclosed quote and fails naming the row', async () => {
    const ws = await h.workspace('Imports broken');
    const csv = 'Name;Domain\nErste GmbH;erste.example\nZweite AG;zweite.example\n"Dritte KG;dritte.example\nVierte SE;vierte.example\n';
    const res = await upload(ws.apiKey, csvUpload('accounts', 'kaputt.csv', csv));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      fileProblem: expect.stringContaining('from row 4 on: a value opens a double quote that is never closed'),
      validation: { checkedRows: 2, wholeFile: false, create: 2 },
    });
    await h.api(ws.apiKey).post(`/api/v1/imports/${res.json().id}/start`, {});
    const done = await waitFor(ws.apiKey, res.json().id, 'failed');
    expect(done).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('from row 4 on'),
      progress: { processed: 2, imported: 2 },
      report: { landedRows: '2-3' },
    });
  });
});
