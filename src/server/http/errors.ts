/** Stable error codes; each maps to one HTTP status. Documented in the OpenAPI description. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  idempotency_key_reused: 422,
  gone: 410,
  payload_too_large: 413,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldError = { field: string; message: string };

/** The one error type of the domain: a code, a message that says what to fix, field details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldError[]; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Throws not_found unless the value is present; `what` names the entity in the message. */
export function found<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new AppError('not_found', `${what} not found.`);
  return value;
}
