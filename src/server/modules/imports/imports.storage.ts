import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Options, type Parser, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { CsvDelimiter, CsvEncoding } from '../../../shared/imports.ts';
import { ByteScanner, detectDelimiter, type EncodingVerdict, HEAD_BYTES, RecordCounter } from './csv-format.rules.ts';

/**
 * Uploaded files live on disk in the data directory, `imports/<workspaceId>/<importId>.csv`,
 * written while the upload streams in. Why disk and not a bytea or large object: a 100 MB upload
 * then costs neither memory nor database WAL, backups and vacuum; the job re-reads the file as a
 * stream and resumes by skipping the records already committed. The file is deleted when the
 * import completes or is cancelled. The price: web and worker must share the data directory (one
 * process, `tandem start --role all`, or a shared volume).
 */

/** Where an import's file is kept. Both ids are UUIDs (checked by the caller), so no path tricks. */
export function importFilePath(dataDir: string, workspaceId: string, importId: string): string {
  return path.join(dataDir, 'imports', workspaceId, `${importId}.csv`);
}

export type UploadFacts = {
  bytes: number;
  verdict: EncodingVerdict;
  head: Buffer;
  delimiter: CsvDelimiter;
  sepLine: boolean;
  /** Non-empty records in the file, header included (counted without decoding). */
  records: number;
};

/** Error thrown by the size guard; the route turns it into 413. */
export class UploadTooLarge extends Error {}

/**
 * Streams an upload to `dest` while scanning it (encoding, delimiter, record count), in one pass
 * with constant memory. Deletes the file when the stream fails.
 */
export async function storeUpload(source: Readable, dest: string, maxBytes: number): Promise<UploadFacts> {
  await mkdir(path.dirname(dest), { recursive: true });
  const scanner = new ByteScanner();
  let counter: RecordCounter | undefined;
  let format: { delimiter: CsvDelimiter; sepLine: boolean } | undefined;
  const decide = () => {
    if (format) return;
    format = detectDelimiter(scanner.headBuffer().toString('latin1'));
    counter = new RecordCounter(format.delimiter.charCodeAt(0));
    counter.push(scanner.headBuffer());
  };
  const scan = new Transform({
    transform(chunk: Buffer, _enc, done) {
      scanner.push(chunk);
      if (scanner.bytes > maxBytes) return done(new UploadTooLarge());
      if (format) counter?.push(chunk);
      else if (scanner.bytes >= HEAD_BYTES) {
        decide(); // counts the head; then the part of this chunk beyond it
        const beyond = scanner.bytes - HEAD_BYTES;
        if (beyond > 0) counter?.push(chunk.subarray(chunk.length - beyond));
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, scan, createWriteStream(dest, { flags: 'wx' }));
  } catch (err) {
    await rm(dest, { force: true });
    throw err;
  }
  decide();
  const decided = format as { delimiter: CsvDelimiter; sepLine: boolean };
  return {
    bytes: scanner.bytes,
    verdict: scanner.verdict(),
    head: scanner.headBuffer(),
    delimiter: decided.delimiter,
    sepLine: decided.sepLine,
    records: counter?.end() ?? 0,
  };
}

/** Removes an import's file (no error when it is already gone). */
export async function removeImportFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

export type ReadOptions = { encoding: CsvEncoding; delimiter: CsvDelimiter; sepLine: boolean };

/** Parser settings shared by the preview and the job, so both read a file identically. */
function parserOptions(o: ReadOptions, extra: Options = {}): Options {
  return {
    delimiter: o.delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // One record may not exceed 1 MB: an unclosed quote must not read the whole file into memory.
    max_record_size: 1_048_576,
    from_line: o.sepLine ? 2 : 1,
    ...extra,
  };
}

/** Records of a file on disk as a stream of string arrays, decoded from its encoding. */
export function readRecords(file: string, o: ReadOptions): Parser {
  const parser = parse(parserOptions(o));
  const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
  const decoded = o.encoding === 'windows-1252' ? raw.pipe(iconv.decodeStream('windows-1252')) : raw;
  raw.on('error', (err) => parser.destroy(err));
  decoded.pipe(parser);
  parser.on('close', () => raw.destroy());
  return parser;
}

/**
 * The first records of a file's head (for the preview), decoded. When the head is only the
 * beginning of a longer file its last record may be cut off, so it is dropped.
 */
export async function headRecords(head: Buffer, o: ReadOptions, max: number, wholeFile: boolean): Promise<string[][]> {
  const records = await parseText(head, o, max + 1);
  return records.length > max || wholeFile ? records.slice(0, max) : records.slice(0, -1);
}

function parseText(head: Buffer, o: ReadOptions, max: number): Promise<string[][]> {
  const text = o.encoding === 'windows-1252' ? iconv.decode(head, 'windows-1252') : head.toString('utf8');
  return new Promise((resolve, reject) => {
    const records: string[][] = [];
    const parser = parse(parserOptions(o, { to: max }));
    // 'data' fires as each record is parsed, so the records before a broken one are kept.
    parser.on('data', (r: string[]) => records.push(r));
    parser.on('error', (err) => (records.length ? resolve(records) : reject(err)));
    parser.on('end', () => resolve(records));
    parser.end(text);
  });
}
