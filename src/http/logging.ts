// Structured logs (pino) that never carry secrets: cookies, authorisation headers, passwords,
// tokens and e-mail addresses are redacted, and one-time links are cut out of logged URLs.
import type { FastifyServerOptions } from 'fastify';

const SECRET_PATH = /\/(confirm|reset|invitations|setup)\/[^/?#]+/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, '/$1/[redacted]').replace(/\?.*$/, '');
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.email',
        '*.token',
        '*.secret',
        '*._csrf',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: redactUrl(request.url) };
      },
    },
  };
}
