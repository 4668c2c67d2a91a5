import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A 256-bit random secret, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Hash under which a high-entropy token is stored; the token itself is never stored or logged. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Tokens carry their workspace id in the clear so look-ups run inside that workspace's
 * row-level-security scope: `<workspace uuid without dashes>.<secret>`.
 */
export function scopedToken(workspaceId: string): { token: string; secret: string } {
  const secret = randomSecret();
  return { token: `${workspaceId.replaceAll('-', '')}.${secret}`, secret };
}

/** Splits a scoped token; undefined when malformed. */
export function parseScopedToken(token: string | undefined): { workspaceId: string; secret: string } | undefined {
  if (!token) return undefined;
  const [ws, secret, extra] = token.split('.');
  if (extra !== undefined || !ws || !secret || !UUID.test(ws) || secret.length < 32) return undefined;
  return { workspaceId: dashed(ws.replaceAll('-', '').toLowerCase()), secret };
}

export const API_KEY_PREFIX = 'tnd_';

/** A new API key: `tnd_<workspace>_<secret>`. */
export function newApiKey(workspaceId: string): { key: string; prefix: string } {
  const secret = randomSecret();
  return { key: `${API_KEY_PREFIX}${workspaceId.replaceAll('-', '')}_${secret}`, prefix: `${API_KEY_PREFIX}${secret.slice(0, 6)}` };
}

export function parseApiKey(key: string): { workspaceId: string } | undefined {
  const m = /^tnd_([0-9a-f]{32})_([A-Za-z0-9_-]{40,})$/.exec(key);
  return m ? { workspaceId: dashed(m[1]) } : undefined;
}
