import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ByteScanner, detectDelimiter, formatRanges, looksLikeHeader, RecordCounter, uniqueHeaders } from './csv-format.rules.ts';

function scan(...chunks: Buffer[]) {
  const s = new ByteScanner();
  for (const c of chunks) s.push(c);
  return s.verdict();
}

function count(text: string, delimiter = ',', chunkSize = 3) {
  const c = new RecordCounter(delimiter.charCodeAt(0));
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += chunkSize) c.push(buf.subarray(i, i + chunkSize));
  return c.end();
}

describe('encoding detection', () => {
  it('accepts UTF-8 with and without BOM, also when a character is split across chunks', () => {
    const text = Buffer.from('Name\nMüller – Größe ✓\n');
    expect(scan(text)).toEqual({ ok: true, encoding: 'utf-8' });
    expect(scan(Buffer.from([0xef, 0xbb, 0xbf]), text)).toEqual({ ok: true, encoding: 'utf-8-bom' }); // the BOM in a chunk of its own
    expect(scan(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]))).toEqual({ ok: true, encoding: 'utf-8-bom' });
    const at = text.indexOf(0xc3) + 1; // between the two bytes of ü
    expect(scan(text.subarray(0, at), text.subarray(at))).toEqual({ ok: true, encoding: 'utf-8' });
  });

  it('takes text that is not UTF-8 but valid Windows-1252 as Windows-1252 (German Excel)', () => {
    expect(scan(iconv.encode('Firma;Ort\r\nMüller GmbH;Köln\r\nGroßhandel Weiß;Düsseldorf\r\n€ 5\r\n', 'windows-1252'))).toEqual({
      ok: true,
      encoding: 'windows-1252',
    });
    expect(scan(iconv.encode('Name\nCafé Français\n', 'latin1'))).toEqual({ ok: true, encoding: 'windows-1252' });
  });

  it('refuses mixed encodings, naming the line, and bytes Windows-1252 does not define', () => {
    const mixed = scan(Buffer.from('Name\nMüller\nSchön\nMöbel\n'), iconv.encode('Bäcker\n', 'latin1'));
    expect(mixed).toMatchObject({ ok: false, reason: 'encoding', message: expect.stringContaining('line 5') });
    expect(scan(Buffer.from([0x41, 0x0a, 0xe4, 0x81, 0x0a]))).toMatchObject({
      ok: false,
      reason: 'encoding',
      message: expect.stringContaining('neither'),
    });
  });

  it('refuses UTF-16, binary files, workbooks and empty files', () => {
    expect(scan(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, reason: 'encoding', message: expect.stringContaining('UTF-16') });
    expect(scan(iconv.encode('Name,Domain\nA,b.de\n', 'utf16le'))).toMatchObject({ ok: false, reason: 'encoding' });
    expect(scan(Buffer.from('PK\x03\x04rest', 'latin1'))).toMatchObject({ ok: false, reason: 'not_csv', message: expect.stringContaining('Excel') });
    expect(scan(Buffer.from('%PDF-1.7\n'))).toMatchObject({ ok: false, reason: 'not_csv' });
    expect(scan(Buffer.from('Name\n\u0000\u0001\u0002\u0003 abc\n'))).toMatchObject({ ok: false, reason: 'not_csv' });
    expect(scan(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty' });
    expect(scan(Buffer.from('\uFEFF \r\n\r\n'))).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('delimiter detection', () => {
  it('picks the delimiter that splits every line alike', () => {
    expect(detectDelimiter('Firma;Ort;Umsatz\nA;B;1,5\nC;D;2,5\n')).toEqual({ delimiter: ';', sepLine: false });
    expect(detectDelimiter('Name,City\n"Müller; Söhne",Köln\nX,Y\n')).toEqual({ delimiter: ',', sepLine: false });
    expect(detectDelimiter('Name\tCity\tNote\nA\tB\tx, y; z\n')).toEqual({ delimiter: '\t', sepLine: false });
    expect(detectDelimiter('Name\nA\n')).toEqual({ delimiter: ',', sepLine: false });
  });

  it('follows Excel’s sep= line', () => {
    expect(detectDelimiter('sep=;\nName,Ort\n')).toEqual({ delimiter: ';', sepLine: true });
  });
});

describe('record counting', () => {
  it('counts records, not lines: quoted line breaks, escaped quotes, CRLF, blank lines and a missing final newline', () => {
    expect(count('a,b\n1,2\n3,4\n')).toBe(3);
    expect(count('a,b\r\n1,"x\r\ny"\r\n3,"say ""hi"", ok"\r\n')).toBe(3);
    expect(count('a,b\n\n1,2\n\r\n3,4')).toBe(3);
    expect(count('a;b\n5" screen;x\n', ';')).toBe(2); // a quote inside an unquoted value is text
    expect(count('a,b\n1,"open\n')).toBe(2);
  });
});

describe('headers and ranges', () => {
  it('names blank and repeated headers', () => {
    expect(uniqueHeaders(['\uFEFFName', ' E-Mail ', 'E-Mail', '', 'E-Mail'])).toEqual(['Name', 'E-Mail', 'E-Mail (2)', 'Column 4', 'E-Mail (3)']);
  });

  it('tells a header row from a data row', () => {
    const known = (c: string) => ['name', 'website'].includes(c.toLowerCase());
    expect(looksLikeHeader(['Name', 'Website'], known)).toBe(true);
    expect(looksLikeHeader(['Kundennummer', 'Bemerkung'], known)).toBe(true);
    expect(looksLikeHeader(['Müller GmbH', 'mueller.de'], known)).toBe(false);
    expect(looksLikeHeader(['Jane', 'jane@example.com'], known)).toBe(false);
  });

  it('writes row ranges compactly and says when it stopped listing', () => {
    expect(
      formatRanges([
        [2, 5],
        [7, 7],
        [9, 12],
      ]),
    ).toEqual({ text: '2-5, 7, 9-12', complete: true });
    const many = Array.from({ length: 5 }, (_, i) => [i * 2, i * 2] as [number, number]);
    expect(formatRanges(many, 3)).toEqual({ text: '0, 2, 4, …', complete: false });
  });
});
