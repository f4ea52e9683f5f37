// A second line against cross-site request forgery, beside the CSRF token: a state-changing
// request that a browser says comes from another site is refused before it reaches a route.
// Browsers send `Origin` on every POST and `Sec-Fetch-Site` on every request; a request with
// neither (an old browser, curl, a script with an API token) is left to the token checks.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CrossSiteError = () => new AppError('cross_site', 403, 'cross-site request refused: send it from a page of this site');

/**
 * The origins a legitimate page of ours posts from: the public address (BASE_URL), and the address
 * this request was sent to — as TRUST_PROXY lets X-Forwarded-Proto/Host name it behind a proxy.
 */
function ownOrigins(request: FastifyRequest, publicOrigin: string): string[] {
  return [publicOrigin, `${request.protocol}://${request.host}`.toLowerCase()];
}

export function isCrossSite(request: FastifyRequest, publicOrigin: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  // `null` is what a sandboxed frame or a privacy-stripped context sends: no page of ours.
  return origin !== undefined && !ownOrigins(request, publicOrigin).includes(origin.toLowerCase());
}

export function registerOriginCheck(app: FastifyInstance, deps: { baseUrl: string }): void {
  const publicOrigin = new URL(deps.baseUrl).origin;
  // After the session hook, so the refusal page is in the visitor's language.
  app.addHook('onRequest', async (request) => {
    if (STATE_CHANGING.has(request.method) && isCrossSite(request, publicOrigin)) throw CrossSiteError();
  });
}
