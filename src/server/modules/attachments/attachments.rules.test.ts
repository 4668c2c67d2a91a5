import { describe, expect, it } from 'vitest';
import { safeFileName, sniffAttachment } from './attachments.rules.ts';

const b = (...bytes: number[]) => Buffer.from(bytes);

describe('evidence file types', () => {
  it('tells types by their first bytes, not by their names', () => {
    expect(sniffAttachment(Buffer.from('%PDF-1.7\n...'), 'notes.txt')?.contentType).toBe('application/pdf');
    expect(sniffAttachment(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'x.pdf')?.contentType).toBe('image/png');
    expect(sniffAttachment(b(0xff, 0xd8, 0xff, 0xe0, 0), 'photo')?.contentType).toBe('image/jpeg');
    expect(sniffAttachment(Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0'), 'invite.ics')?.contentType).toBe('text/calendar');
    expect(sniffAttachment(Buffer.from('Subject: Kick-off\r\nFrom: a@b.c\r\n\r\nHi'), 'mail.eml')?.contentType).toBe('message/rfc822');
    expect(sniffAttachment(Buffer.from('Meeting notes: Müller agreed to a pilot.'), 'notes.txt')?.contentType).toBe('text/plain; charset=utf-8');
    expect(sniffAttachment(b(0x50, 0x4b, 0x03, 0x04, 0x14), 'offer.docx')?.label).toBe('Word document');
  });

  it('refuses executables, archives and binary junk whatever they are called', () => {
    expect(sniffAttachment(b(0x4d, 0x5a, 0x90, 0x00), 'evidence.pdf')).toBeNull();
    expect(sniffAttachment(b(0x7f, 0x45, 0x4c, 0x46), 'evidence.txt')).toBeNull();
    expect(sniffAttachment(b(0x50, 0x4b, 0x03, 0x04), 'bundle.zip')).toBeNull();
    expect(sniffAttachment(b(0x00, 0x01, 0x02, 0xff, 0xfe), 'notes.txt')).toBeNull();
  });

  it('keeps file names harmless for Content-Disposition', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\a"b.pdf')).toBe('a_b.pdf');
    expect(safeFileName('line\nbreak.txt')).toBe('line_break.txt');
    expect(safeFileName('')).toBe('file');
  });
});
