// One error handler for the whole app: problem+json for the API and for clients that ask for
// JSON, a translated page for browsers. Never a stack trace; unexpected errors are logged
// (redacted) and shown as a generic message.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { MessageKey } from '../i18n/i18n.ts';
import { AppError, ERROR_STATUS, type ErrorCode } from '../shared/errors.ts';
import { Layout } from './layout.tsx';
import { sendPage } from './render.ts';
import { viewContext } from './view-context.ts';

interface Problem {
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: Record<string, string> | undefined;
  /** For 429 from an abuse limit: which one, and when to try again. */
  limit?: { name: string; retryAfterSeconds: number } | undefined;
  /** For 503: when to try again, if the error knows better than the default. */
  retryAfterSeconds?: number | undefined;
}

/** Why a request met an abuse limit, by limit name (src/config/limits.ts). */
const LIMIT_REASONS: Record<string, MessageKey> = {
  invitations: 'limits.invitations',
  statements: 'limits.statements',
  submissions: 'limits.submissions',
  'cosignature-requests': 'limits.cosignatureRequests',
  search: 'limits.search',
  uploads: 'limits.uploads',
  'upload-bytes': 'limits.uploadBytes',
  'live-streams': 'limits.liveStreams',
};

function limitOf(error: AppError): Problem['limit'] {
  const limit = error.details?.limit;
  const retryAfterSeconds = error.details?.retryAfterSeconds;
  return typeof limit === 'string' && typeof retryAfterSeconds === 'number'
    ? { name: limit, retryAfterSeconds }
    : undefined;
}

function problem(code: ErrorCode, detail: string): Problem {
  return { status: ERROR_STATUS[code], code, detail };
}

function toProblem(error: FastifyError | AppError | Error): Problem {
  if (error instanceof AppError) {
    const retryAfterSeconds =
      typeof error.details?.retryAfterSeconds === 'number'
        ? error.details.retryAfterSeconds
        : undefined;
    return {
      status: error.status,
      code: error.code,
      detail: error.isTrusted ? error.message : 'internal error',
      errors: error.fields,
      limit: limitOf(error),
      retryAfterSeconds,
    };
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET')
    return problem('csrf_invalid', 'missing or invalid CSRF token');
  if (fe.statusCode === 429) return problem('rate_limited', 'too many requests; try again later');
  if (fe.statusCode === 413) return problem('too_large', 'request body too large');
  if (fe.validation) return problem('invalid', fe.message);
  // Other refusals of the framework (unsupported media type…) keep their own 4xx status.
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return { status: fe.statusCode, code: 'bad_request', detail: fe.message };
  return problem('internal', 'internal error');
}

/** What the page says below the title, when the generic help text does not fit. */
const BODIES: Partial<Record<ErrorCode, MessageKey>> = {
  cross_site: 'trust.crossSiteBody',
  cleaning_busy: 'cleaningPool.busy',
};

const TITLES: Partial<Record<ErrorCode, MessageKey>> = {
  not_found: 'errors.notFound',
  forbidden: 'errors.forbidden',
  csrf_invalid: 'errors.csrf',
  rate_limited: 'errors.rateLimited',
  unavailable: 'errors.unavailable',
  cleaning_busy: 'errors.unavailable',
  too_large: 'errors.tooLarge',
  link_invalid: 'errors.linkInvalid',
  cross_site: 'trust.crossSiteTitle',
  invitation_other_email: 'errors.invitationOtherEmail',
  last_owner: 'errors.lastOwner',
  last_admin: 'errors.lastAdmin',
  internal: 'errors.internal',
};

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

const FORMATS = ['text/html', 'application/problem+json', 'application/json'];

/**
 * Whether an error should answer as problem+json: always under /api/, else when the request
 * prefers JSON to a page, or names no preference and itself sent JSON (a script, not a form).
 */
export function wantsProblem(request: FastifyRequest): boolean {
  if (isApiRequest(request)) return true;
  const accept = request.headers.accept;
  if (!accept) return String(request.headers['content-type'] ?? '').startsWith('application/json');
  const preferred = new Negotiator({ headers: { accept } }).mediaType(FORMATS);
  return preferred !== undefined && preferred !== 'text/html';
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: `about:blank`,
      title: problem.code,
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...(problem.limit
        ? { limit: problem.limit.name, retryAfter: problem.limit.retryAfterSeconds }
        : {}),
    });
}

function LimitExplanation({
  t,
  limit,
}: {
  t: ReturnType<typeof viewContext>['t'];
  limit: NonNullable<Problem['limit']>;
}) {
  const reason = LIMIT_REASONS[limit.name];
  return (
    <>
      {reason ? <p>{t(reason)}</p> : null}
      <p>{t('limits.retry', { minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) })}</p>
      <p>{t('limits.notDone')}</p>
    </>
  );
}

function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
): FastifyReply {
  const ctx = viewContext(request, reply);
  const title = ctx.t(problem.limit ? 'limits.title' : (TITLES[problem.code] ?? 'errors.generic'));
  return sendPage(
    reply,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {problem.limit ? (
        <LimitExplanation t={ctx.t} limit={problem.limit} />
      ) : (
        <p>{ctx.t(BODIES[problem.code] ?? 'errors.helpText')}</p>
      )}
      <p>
        <a href="/">{ctx.t('errors.backHome')}</a>
      </p>
    </Layout>,
    problem.status,
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const asProblem = wantsProblem(request);
    if (problem.code === 'unauthenticated' && !asProblem) {
      return reply.redirect(`/account/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    }
    if (problem.status === 429)
      reply.header('retry-after', String(problem.limit?.retryAfterSeconds ?? 60));
    if (problem.status === 503) reply.header('retry-after', String(problem.retryAfterSeconds ?? 5));
    return asProblem ? sendProblem(reply, problem) : sendErrorPage(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const notFound = problem('not_found', 'not found');
    return wantsProblem(request)
      ? sendProblem(reply, notFound)
      : sendErrorPage(request, reply, notFound);
  });
}
