import type { CsvDelimiter, CsvEncoding } from '../../../shared/imports.ts';

/**
 * What a CSV upload is made of, worked out from its bytes while it streams to disk: the encoding
 * (UTF-8 with or without BOM, else Windows-1252 — what German Excel writes — else refused), the
 * delimiter, and how many records it holds. Pure: no I/O, one pass, constant memory.
 */

/** Bytes of the file's beginning kept for sniffing the delimiter, the header and the preview. */
export const HEAD_BYTES = 64 * 1024;

const CANDIDATES: CsvDelimiter[] = [',', ';', '\t'];
// Bytes Windows-1252 leaves undefined: a file that has them is not Windows-1252 (nor sensible Latin-1).
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type EncodingVerdict = { ok: true; encoding: CsvEncoding } | { ok: false; reason: 'empty' | 'not_csv' | 'encoding'; message: string };

/**
 * One pass over the raw bytes: validates UTF-8 incrementally (sequences split across chunks are
 * carried over), notes NUL and control bytes, bytes undefined in Windows-1252, and the line of the
 * first byte that is not UTF-8.
 */
export class ByteScanner {
  bytes = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private need = 0; // continuation bytes still expected by the current UTF-8 sequence
  private validMultibyte = 0;
  private invalid = 0;
  private firstInvalidLine = 0;
  private nul = 0;
  private control = 0;
  private cp1252Undefined = 0;
  private lines = 1;
  private nonBlank = 0; // bytes other than BOM, whitespace and line breaks

  push(chunk: Buffer): void {
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.head.push(part);
      this.headLength += part.length;
    }
    const start = this.bytes === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    this.bytes += chunk.length;
    let need = this.need;
    for (let i = start; i < chunk.length; i++) {
      const b = chunk[i];
      if (need > 0) {
        if ((b & 0xc0) === 0x80) {
          if (--need === 0) this.validMultibyte++;
          if (CP1252_UNDEFINED.has(b)) this.cp1252Undefined++;
          continue;
        }
        need = 0;
        this.markInvalid();
      }
      if (b < 0x80) {
        if (b === LF) this.lines++;
        else if (b === 0) this.nul++;
        else if (b < 0x20 && b !== 0x09 && b !== CR) this.control++;
        if (b > 0x20) this.nonBlank++;
        continue;
      }
      this.nonBlank++;
      if (CP1252_UNDEFINED.has(b)) this.cp1252Undefined++;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) need = 2;
      else if (b >= 0xf0 && b <= 0xf4) need = 3;
      else this.markInvalid();
    }
    this.need = need;
  }

  private markInvalid() {
    if (this.invalid++ === 0) this.firstInvalidLine = this.lines;
  }

  /** The first HEAD_BYTES of the file. */
  headBuffer(): Buffer {
    return Buffer.concat(this.head);
  }

  /** The encoding to read the file with, or why it cannot be imported. */
  verdict(): EncodingVerdict {
    if (this.need > 0) this.markInvalid(); // the file ends inside a sequence
    const head = this.headBuffer();
    if (head[0] === 0xff && head[1] === 0xfe) return refuse('encoding', UTF16);
    if (head[0] === 0xfe && head[1] === 0xff) return refuse('encoding', UTF16);
    if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      return refuse(
        'not_csv',
        'This is an Excel workbook or another zip file, not a CSV. In Excel use File › Save As › "CSV UTF-8" and upload that file.',
      );
    }
    if (head.subarray(0, 5).toString('latin1') === '%PDF-')
      return refuse('not_csv', 'This is a PDF, not a CSV. Upload a CSV file (text, one row per line).');
    if (this.nonBlank === 0) return refuse('empty', 'The file is empty. Upload a CSV with a header row and at least one data row.');
    if (this.nul > 0) {
      // UTF-16 without BOM puts a NUL beside every ASCII character.
      const utf16 = this.nul * 3 > this.bytes;
      return refuse(utf16 ? 'encoding' : 'not_csv', utf16 ? UTF16 : 'The file contains binary data (NUL bytes): it is not a CSV text file.');
    }
    if (this.control * 100 > this.bytes) return refuse('not_csv', 'The file is mostly control characters, not text: it is not a CSV file.');
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    if (this.invalid === 0) return { ok: true, encoding: bom ? 'utf-8-bom' : 'utf-8' };
    if (bom || this.validMultibyte >= this.invalid) {
      return refuse(
        'encoding',
        `The file is UTF-8 but line ${this.firstInvalidLine} holds bytes that are not UTF-8 (the file mixes encodings). Open it in a text editor or Excel, fix or retype the odd characters on that line, save it as "CSV UTF-8" and upload it again.`,
      );
    }
    if (this.cp1252Undefined > 0) {
      return refuse(
        'encoding',
        'The file is neither UTF-8 nor Windows-1252/ISO-8859-1 (the encodings Excel writes). Save it as "CSV UTF-8" and upload it again.',
      );
    }
    return { ok: true, encoding: 'windows-1252' };
  }
}

const UTF16 =
  'The file is UTF-16 (Excel calls it "Unicode Text"). Save it as "CSV UTF-8 (comma delimited)" or "CSV (semicolon delimited)" and upload that file.';

function refuse(reason: 'empty' | 'not_csv' | 'encoding', message: string): EncodingVerdict {
  return { ok: false, reason, message };
}

/** Lines of text outside quoted values (a quoted value may span lines), at most `max`. */
export function logicalLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) {
      lines.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (lines.length < max && start < text.length) lines.push(text.slice(start).replace(/\r$/, ''));
  return lines;
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let inQuotes = false;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ch && !inQuotes) n++;
  }
  return n;
}

/**
 * Picks the delimiter (comma, semicolon or tab) from the first lines: the candidate that appears
 * in the header and the same number of times in most following lines; Excel's `sep=;` line wins.
 */
export function detectDelimiter(headText: string): { delimiter: CsvDelimiter; sepLine: boolean } {
  const lines = logicalLines(headText.replace(/^\uFEFF/, ''), 21).filter((l) => l.trim() !== '');
  const sep = /^"?sep=(.)"?$/i.exec(lines[0] ?? '');
  if (sep && (CANDIDATES as string[]).includes(sep[1])) return { delimiter: sep[1] as CsvDelimiter, sepLine: true };
  const body = sep ? lines.slice(1) : lines;
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: -1 };
  for (const d of CANDIDATES) {
    const counts = body.map((l) => countOutsideQuotes(l, d));
    if (!counts[0]) continue;
    const consistent = counts.slice(1).filter((c) => c === counts[0]).length;
    const score = (counts.length > 1 ? consistent / (counts.length - 1) : 1) * 1000 + counts[0];
    if (score > best.score) best = { delimiter: d, score };
  }
  return { delimiter: best.delimiter, sepLine: Boolean(sep) };
}

/**
 * Counts CSV records in raw bytes without decoding them (the delimiter, quote and line breaks are
 * ASCII in UTF-8 and Windows-1252 alike). Quotes open only at the start of a value, as in RFC 4180;
 * empty lines do not count, as the parser skips them.
 */
export class RecordCounter {
  records = 0;
  private inQuotes = false;
  private quotePending = false; // a quote inside a quoted value: closing, or the first of `""`
  private atFieldStart = true;
  private lineHasContent = false;

  constructor(private readonly delimiter: number) {}

  push(chunk: Buffer, from = 0): void {
    const d = this.delimiter;
    for (let i = from; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (b === QUOTE) continue; // escaped quote
          this.inQuotes = false; // the quote closed the value; b is handled below
        } else {
          if (b === QUOTE) this.quotePending = true;
          continue;
        }
      }
      if (b === LF) {
        if (this.lineHasContent) this.records++;
        this.lineHasContent = false;
        this.atFieldStart = true;
      } else if (b === CR) {
        // part of CRLF, or a lone CR: neither is content
      } else {
        this.lineHasContent = true;
        if (b === QUOTE && this.atFieldStart) this.inQuotes = true;
        this.atFieldStart = b === d;
      }
    }
  }

  end(): number {
    if (this.lineHasContent || this.inQuotes) this.records++;
    this.lineHasContent = false;
    return this.records;
  }
}

/** Column names as shown to people: trimmed, blanks named "Column n", repeats numbered "E-Mail (2)". */
export function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

const DATA_LIKE = [
  /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i, // e-mail
  /^(https?:\/\/)?(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/.*)?$/i, // domain or URL
  /^[+-]?\d[\d.,' ]*$/, // number
  /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/, // date
];

/**
 * Whether the first row holds column names: yes when any cell is a known header, no when it has
 * a value that looks like data (an e-mail, a domain, a number, a date) and no known header.
 */
export function looksLikeHeader(firstRow: string[], isKnownHeader: (cell: string) => boolean): boolean {
  if (firstRow.some(isKnownHeader)) return true;
  return !firstRow.some((c) => DATA_LIKE.some((re) => re.test(c.trim())));
}

/** Spreadsheet row number of a data record (0-based): the header is row 1 when there is one. */
export function spreadsheetRow(recordIndex: number, hasHeader: boolean): number {
  return recordIndex + (hasHeader ? 2 : 1);
}

/** Compresses sorted row numbers into "2-5, 7, 9-12"; null when there are more than `maxRanges` ranges. */
export function formatRanges(rows: Iterable<[number, number]>, maxRanges = 500): { text: string; complete: boolean } {
  const parts: string[] = [];
  for (const [from, to] of rows) {
    if (parts.length === maxRanges) return { text: `${parts.join(', ')}, …`, complete: false };
    parts.push(from === to ? String(from) : `${from}-${to}`);
  }
  return { text: parts.join(', '), complete: true };
}
