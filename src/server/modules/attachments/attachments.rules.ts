/**
 * Which evidence files Tandem accepts (appeals, extension requests): meeting invites, notes,
 * documents and screenshots, at most 10 MB. The type is decided by the file's first bytes, not by
 * its name or the browser's claim, and only the types below are kept.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentKind = { contentType: string; label: string };

const starts = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ext = (name: string) => name.toLowerCase().split('.').pop() ?? '';

/** Valid UTF-8 without control characters (but tab, line breaks and form feed): a text file, an invite (.ics), a saved email (.eml). */
function isText(head: Buffer): boolean {
  for (const byte of head) if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/**
 * The kind of an upload from its first bytes (and, to tell text formats and Office files apart,
 * its name), or null when it is not one Tandem keeps.
 */
export function sniffAttachment(head: Buffer, fileName: string): AttachmentKind | null {
  if (starts(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { contentType: 'application/pdf', label: 'PDF' };
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', label: 'PNG image' };
  if (starts(head, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', label: 'JPEG image' };
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) {
    const e = ext(fileName);
    if (e === 'docx') return { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document' };
    if (e === 'xlsx') return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel workbook' };
    if (e === 'pptx') return { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint' };
    return null;
  }
  if (isText(head)) {
    const text = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (/^BEGIN:VCALENDAR/i.test(text)) return { contentType: 'text/calendar', label: 'calendar invite' };
    if (ext(fileName) === 'eml' || /^(received|from|date|subject|message-id|return-path|mime-version):/im.test(text.slice(0, 2000))) {
      if (ext(fileName) === 'eml') return { contentType: 'message/rfc822', label: 'email' };
    }
    return { contentType: 'text/plain; charset=utf-8', label: 'text' };
  }
  return null;
}

/** What to tell someone whose file is refused. */
export const ACCEPTED_TYPES = 'PDF, PNG, JPEG, Word/Excel/PowerPoint (.docx, .xlsx, .pptx), calendar invites (.ics), emails (.eml) and text files';

/** A file name safe to send back in Content-Disposition (no path, no quotes, no control characters). */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = [...base]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '"' || c === '\\' ? '_' : c))
    .join('')
    .replace(/_+/g, '_')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}
