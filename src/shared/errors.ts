// One error type for the whole application. Services throw these; the HTTP layer maps them to
// problem+json (API) or a translated page/form (HTML); the CLI prints the message and exits non-zero.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** Field-level messages (message keys) for form re-rendering. */
  readonly fields: FieldErrors | undefined;
  /** False for bugs and unexpected failures: their message is never shown to users. */
  readonly isTrusted: boolean;

  constructor(
    code: string,
    status: number,
    message: string,
    options: { details?: Record<string, unknown>; fields?: FieldErrors; cause?: unknown; isTrusted?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = options.details;
    this.fields = options.fields;
    this.isTrusted = options.isTrusted ?? true;
  }
}

export const NotFoundError = (what = 'resource') =>
  new AppError('not_found', 404, `${what} not found`);

export const ForbiddenError = (message = 'forbidden') => new AppError('forbidden', 403, message);

export const UnauthenticatedError = () =>
  new AppError('unauthenticated', 401, 'authentication required');

/** Invalid input. `fields` maps a field name to the message key explaining what is wrong. */
export const ValidationError = (fields: FieldErrors, message = 'invalid input') =>
  new AppError('invalid', 422, message, { fields });

export const ConflictError = (message: string, code = 'conflict') => new AppError(code, 409, message);

/**
 * Too many requests. `limit` names the abuse limit met (its translated explanation), and
 * `retryAfterSeconds` becomes the Retry-After header; without them the answer is generic.
 */
export const RateLimitedError = (limit?: { name: string; retryAfterSeconds: number }) =>
  new AppError('rate_limited', 429, limit ? `too many requests (${limit.name}); retry in ${limit.retryAfterSeconds} s` : 'too many requests', {
    ...(limit ? { details: { limit: limit.name, retryAfterSeconds: limit.retryAfterSeconds } } : {}),
  });

/** Something the request needs (the database) did not answer; nothing was done, retrying may work. */
export const UnavailableError = (cause: unknown) => new AppError('unavailable', 503, 'temporarily unavailable; try again shortly', { cause });

/** A bad command-line or configuration input: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
