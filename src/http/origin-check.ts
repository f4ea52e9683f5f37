// A second line against cross-site request forgery, beside the CSRF token: a state-changing
// request that a browser says comes from another site is refused before it reaches a route.
// Browsers send `Origin` on every POST and `Sec-Fetch-Site` on every request; a request with
// neither (an old browser, curl, a script with an API token) is left to the token checks.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CrossSiteError = () =>
  new AppError('cross_site', 'cross-site request refused: send it from a page of this site');

/**
 * The origins a legitimate page of ours posts from: the public address (BASE_URL), and the address
 * this request was sent to — as TRUST_PROXY lets X-Forwarded-Proto/Host name it behind a proxy.
 */
function ownOrigins(request: FastifyRequest, publicOrigin: string): string[] {
  return [publicOrigin, `${request.protocol}://${request.host}`.toLowerCase()];
}

export function isCrossSite(request: FastifyRequest, publicOrigin: string): boolean {
  // Sec-Fetch-Site is set by the browser itself and cannot be forged by a page: when present, it
  // decides. Our pages send `Referrer-Policy: no-referrer`, under which Chromium posts our own forms
  // with `Origin: null`, so a null Origin alone proves nothing; `same-origin` (our page) and `none`
  // (typed or bookmarked by the person) are ours, `cross-site` never is, and a sibling subdomain
  // (`same-site`) must also name one of our origins.
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin?.toLowerCase();
  const named =
    origin !== undefined && origin !== 'null' && ownOrigins(request, publicOrigin).includes(origin);
  if (site === 'same-origin' || site === 'none') return false;
  if (site !== undefined) return !named;
  // A browser too old to send Sec-Fetch-Site: a foreign Origin is refused; a missing or null one
  // is left to the CSRF token, as for scripts and API clients.
  return origin !== undefined && origin !== 'null' && !named;
}

export function registerOriginCheck(app: FastifyInstance, deps: { baseUrl: string }): void {
  const publicOrigin = new URL(deps.baseUrl).origin;
  // After the session hook, so the refusal page is in the visitor's language.
  app.addHook('onRequest', async (request) => {
    if (STATE_CHANGING.has(request.method) && isCrossSite(request, publicOrigin))
      throw CrossSiteError();
  });
}
