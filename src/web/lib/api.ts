import { i18n } from './i18n.ts';
// The session-aware API client: same-origin cookies, JSON, CSRF header, problem+json errors.

export type FieldError = { field: string; message: string };

export type Problem = {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
};

/** An error response of the API, carrying its problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  /** The problem's other members (a share link's `reason`, `codeRequired`). */
  readonly extras: Record<string, unknown>;

  constructor(problem: Problem & Record<string, unknown>) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
    const { type: _t, title: _ti, status: _s, code: _c, detail: _d, errors: _e, requestId: _r, ...extras } = problem;
    this.extras = extras;
  }
}

const ME_PATH = '/api/v1/me';
// A share link's recipient has no session: the link's token is the credential, so no CSRF token.
const SHARED_PATH = '/api/v1/shared/';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | null = null;
let onUnauthorized: (path: string) => void = () => {};

/** Remembers the CSRF token of the session (it comes with every Me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what happens when an API call finds the session gone (the router sends to login). */
export function setUnauthorizedHandler(handler: (path: string) => void): void {
  onUnauthorized = handler;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
};

/** Builds `path?query`, leaving out empty values (the server rejects unknown or empty filters). */
export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function ensureCsrfToken(): Promise<void> {
  if (csrfToken) return;
  const res = await fetch(ME_PATH, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.ok) csrfToken = ((await res.json()) as { csrfToken?: string }).csrfToken ?? null;
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: Partial<Problem> & Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // Not JSON (a proxy error page, say): keep the status and a generic message.
  }
  // A gateway error without a problem body means the server itself is not reachable.
  const unreachable = !body.code && res.status >= 502 && res.status <= 504;
  return new ApiError({
    ...body,
    status: res.status,
    code: body.code ?? (unreachable ? 'network' : res.status >= 500 ? 'internal' : 'http_error'),
    detail: body.detail ?? (res.statusText || `HTTP ${res.status}`),
    title: body.title,
    errors: body.errors,
    requestId: body.requestId,
  });
}

/** Sends one request to the API and returns the parsed JSON (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const url = withQuery(path, options.query);
  const send = async () => {
    // Accept-Language lets the server word its messages in the UI language once it can.
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'en' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (!SAFE.has(method) && !path.startsWith(SHARED_PATH)) {
      await ensureCsrfToken();
      if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    }
    return fetch(url, {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  };

  let res: Response;
  try {
    res = await send();
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', detail: 'The server cannot be reached. Check your connection and try again.' });
  }
  if (res.status === 403 && !SAFE.has(method)) {
    // A stale CSRF token (a new session in another tab): fetch the current one and retry once.
    const error = await toApiError(res.clone());
    if (error.code === 'csrf_failed') {
      csrfToken = null;
      res = await send();
    }
  }
  if (!res.ok) {
    const error = await toApiError(res);
    const isAuthCall = path.startsWith('/api/v1/auth/') || path.startsWith(ME_PATH) || path.startsWith(SHARED_PATH);
    if (res.status === 401 && !isAuthCall) {
      csrfToken = null;
      onUnauthorized(path);
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = (text ? JSON.parse(text) : undefined) as T;
  if (data && typeof data === 'object' && 'csrfToken' in data && typeof data.csrfToken === 'string') {
    csrfToken = data.csrfToken;
  }
  return data;
}

/** True when the server could not be reached at all (offline, server down, gateway error). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'network';
}

/** The message to show for any error: the server's `detail` when there is one. */
export function errorMessage(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError) || isUnreachable(error)) return fallback;
  // Known codes read in the UI's language; anything else shows the server's own explanation.
  const key = `errors.codes.${error.code}`;
  if (i18n.exists(key)) return i18n.t(key as never);
  return error.detail || fallback;
}

/**
 * Maps problem+json field errors (`body.name`, `body.domains.0`) to form field names (`name`,
 * `domains`) so each message shows under its input; list items name the offending value.
 */
export function fieldErrors(error: unknown, fields: readonly string[], values?: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const { field, message } of error.errors) {
    const parts = field.split('.');
    if (parts[0] === 'body' || parts[0] === 'query') parts.shift();
    const name = fields.find((f) => f === parts[0]);
    if (!name) continue;
    let text = message;
    if (parts[1] !== undefined && /^\d+$/.test(parts[1])) {
      const list = values?.[name];
      const item = Array.isArray(list) ? list[Number(parts[1])] : undefined;
      text = item === undefined ? `#${Number(parts[1]) + 1}: ${message}` : `${String(item)}: ${message}`;
    }
    result[name] = result[name] ? `${result[name]}; ${text}` : text;
  }
  return result;
}

/**
 * The server's explanation of a failed form submission, for an alert above the form: only when none
 * of its field errors found an input to show under (`placed`, from fieldErrors); null otherwise.
 */
export function formError(error: unknown, placed: Record<string, string>): string | null {
  return error instanceof ApiError && Object.keys(placed).length === 0 ? error.detail : null;
}
