// The two kinds of request the shared API helper cannot send: a JSON POST with an Idempotency-Key
// (a registration submitted twice — a double click, a retry after a lost answer — is one
// registration), and a multipart file upload (evidence for appeals and extension requests).
import { ApiError } from '../../lib/api.ts';

type Csrf = { token: string | null; refresh?: () => Promise<string | null> };

/** A fresh key for one form instance: the same key on every retry of that form's submission. */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

async function problemOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // Not JSON (a proxy error page): keep the status.
  }
  const unreachable = !body.code && res.status >= 502 && res.status <= 504;
  return new ApiError({
    ...body,
    status: res.status,
    code: typeof body.code === 'string' ? body.code : unreachable ? 'network' : res.status >= 500 ? 'internal' : 'http_error',
    detail: typeof body.detail === 'string' ? body.detail : res.statusText || `HTTP ${res.status}`,
  } as ConstructorParameters<typeof ApiError>[0]);
}

async function send<T>(path: string, init: (csrf: string | null) => RequestInit, csrf?: Csrf): Promise<T> {
  const attempt = async (token: string | null) => {
    try {
      return await fetch(path, { credentials: 'same-origin', ...init(token) });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError({ status: 0, code: 'network', detail: 'The server cannot be reached. Check your connection and try again.' });
    }
  };
  let res = await attempt(csrf?.token ?? null);
  if (res.status === 403 && csrf?.refresh) {
    // A stale CSRF token (a new session in another tab): fetch the current one and retry once.
    const error = await problemOf(res.clone());
    if (error.code === 'csrf_failed') res = await attempt(await csrf.refresh());
  }
  if (!res.ok) throw await problemOf(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const baseHeaders = () => ({ Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'en' });

/** POSTs JSON with an Idempotency-Key (and the session's CSRF token when there is a session). */
export function postWithKey<T>(path: string, body: unknown, idempotencyKey: string, csrf?: Csrf): Promise<T> {
  return send<T>(
    path,
    (token) => ({
      method: 'POST',
      headers: {
        ...baseHeaders(),
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
        ...(token ? { 'X-CSRF-Token': token } : {}),
      },
      body: JSON.stringify(body),
    }),
    csrf,
  );
}

/** POSTs JSON without a session (a no-login link's token is the credential: no CSRF token, no /me). */
export function postPublic<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return send<T>(path, () => ({
    method: 'POST',
    headers: { ...baseHeaders(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  }));
}

/** Uploads one file as the multipart part "file". */
export function uploadFile<T>(path: string, file: File, csrf: Csrf): Promise<T> {
  return send<T>(
    path,
    (token) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return { method: 'POST', headers: { ...baseHeaders(), ...(token ? { 'X-CSRF-Token': token } : {}) }, body: form };
    },
    csrf,
  );
}
