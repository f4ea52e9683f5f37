// One error type for the whole application. Services throw these; the HTTP layer maps them to
// problem+json (API) or a translated page/form (HTML); the CLI prints the message and exits non-zero.

export type FieldErrors = Record<string, string>;

/** Every error code the application answers with, and its HTTP status: one status per code. */
export const ERROR_STATUS = {
  invalid: 400, // the request is malformed (schema, unknown choice in a parameter)
  link_invalid: 400,
  cursor_invalid: 400,
  bad_request: 400,
  too_deep: 400,
  unauthenticated: 401,
  guest_required: 401,
  token_invalid: 401,
  forbidden: 403,
  csrf_invalid: 403,
  cross_site: 403,
  insufficient_scope: 403,
  not_eligible: 403,
  not_member: 403,
  guests_not_allowed: 403,
  statements_closed: 403,
  invitation_other_email: 403,
  not_found: 404,
  conflict: 409,
  already_requested: 409,
  attachments_locked: 409,
  amendments_on_different_versions: 409,
  consultation_closed: 409,
  conversation_closed: 409,
  conversation_exists: 409,
  email_taken: 409,
  embeddings_unavailable: 409,
  last_admin: 409,
  last_owner: 409,
  no_draft: 409,
  not_editable: 409,
  not_pending: 409,
  too_large: 413,
  invalid_input: 422, // well-formed, refused field by field (forms re-render with the messages)
  too_many_tokens: 422,
  invalid_paragraph_mapping: 422,
  amendment_paragraph_unknown: 422,
  sub_amendment_too_deep: 422,
  rate_limited: 429,
  sign_in_paused: 429,
  internal: 500,
  provider_failed: 502,
  cleaning_busy: 503,
  unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** Field-level messages (message keys) for form re-rendering. */
  readonly fields: FieldErrors | undefined;
  /** False for bugs and unexpected failures: their message is never shown to users. */
  readonly isTrusted: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      details?: Record<string, unknown>;
      fields?: FieldErrors;
      cause?: unknown;
      isTrusted?: boolean;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details;
    this.fields = options.fields;
    this.isTrusted = options.isTrusted ?? true;
  }
}

export const NotFoundError = (what = 'resource') => new AppError('not_found', `${what} not found`);

export const ForbiddenError = (message = 'forbidden') => new AppError('forbidden', message);

export const UnauthenticatedError = () =>
  new AppError('unauthenticated', 'authentication required');

/** Invalid input. `fields` maps a field name to the message key explaining what is wrong. */
export const ValidationError = (fields: FieldErrors, message = 'invalid input') =>
  new AppError('invalid_input', message, { fields });

export const ConflictError = (message: string, code: ErrorCode = 'conflict') =>
  new AppError(code, message);

/**
 * Too many requests. `limit` names the abuse limit met (its translated explanation), and
 * `retryAfterSeconds` becomes the Retry-After header; without them the answer is generic.
 */
export const RateLimitedError = (limit?: { name: string; retryAfterSeconds: number }) =>
  new AppError(
    'rate_limited',
    limit
      ? `too many requests (${limit.name}); retry in ${limit.retryAfterSeconds} s`
      : 'too many requests',
    {
      ...(limit
        ? { details: { limit: limit.name, retryAfterSeconds: limit.retryAfterSeconds } }
        : {}),
    },
  );

/** Something the request needs (the database) did not answer; nothing was done, retrying may work. */
export const UnavailableError = (cause: unknown) =>
  new AppError('unavailable', 'temporarily unavailable; try again shortly', { cause });

/** A bad command-line or configuration input: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
