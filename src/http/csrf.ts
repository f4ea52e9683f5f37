// Every state-changing request carries a CSRF token (hidden `_csrf` field or `x-csrf-token`
// header), except API calls authenticated by a bearer token, which carry no ambient credential.
import type { FastifyInstance } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerCsrfCheck(app: FastifyInstance): void {
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.viaApiToken) return done();
    app.csrfProtection(request, reply, done);
  });
}
