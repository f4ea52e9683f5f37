// Resolves a personal API token (`Authorization: Bearer plg_…`) on /api/ requests. It runs after the
// session hook and, when a token is present, replaces whoever the cookie named: a script acts as
// its token's owner, and the CSRF check is skipped because a bearer token is no ambient credential.
// A read-scoped token is refused on every method that can change state, before any route runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../shared/actor.ts';
import { UnauthenticatedError } from '../shared/errors.ts';
import { isApiRequest, sendProblem } from './errors.tsx';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function rejectToken(reply: FastifyReply, detail: string): FastifyReply {
  reply.header('www-authenticate', 'Bearer realm="polylogue", error="invalid_token"');
  return sendProblem(reply, { status: 401, code: 'token_invalid', detail });
}

export function registerApiAuth(
  app: FastifyInstance,
  deps: {
    apiTokens: {
      authenticate(token: string): Promise<{ actor: Actor; scope: 'read' | 'write' } | undefined>;
    };
  },
): void {
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (header === undefined || !isApiRequest(request)) return;
    // A client that sends credentials expects them to count: anything unusable is refused outright
    // rather than silently treated as anonymous.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) return rejectToken(reply, 'use Authorization: Bearer <personal API token>');
    const resolved = await deps.apiTokens.authenticate(match[1]);
    if (!resolved) return rejectToken(reply, 'the API token is unknown, revoked or expired');
    if (resolved.scope === 'read' && !READ_METHODS.has(request.method)) {
      reply.header(
        'www-authenticate',
        'Bearer realm="polylogue", error="insufficient_scope", scope="write"',
      );
      return sendProblem(reply, {
        status: 403,
        code: 'insufficient_scope',
        detail: 'this API token may only read; create one with the write scope to change anything',
      });
    }
    request.actor = resolved.actor;
    request.viaApiToken = true;
    request.sessionToken = null;
  });
}

/**
 * preValidation hook for API writes: an anonymous caller learns it must authenticate (401) before
 * hearing about the shape of its body (400).
 */
export async function requireApiUser(request: FastifyRequest): Promise<void> {
  if (!request.actor.user) throw UnauthenticatedError();
}
