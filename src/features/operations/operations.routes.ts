// Health, readiness and Prometheus metrics for operators.
import type { FastifyPluginAsync } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { ping, type Database } from '../../db/database.ts';
import { isInstanceAdmin } from '../../shared/actor.ts';
import { ForbiddenError } from '../../shared/errors.ts';

function tokenMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const operationsRoutes: FastifyPluginAsync<{
  database: Database;
  metricsToken: string | undefined;
}> = async (app, { database, metricsToken }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'polylogue_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'polylogue_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    requests.inc({ method: request.method, status: String(reply.statusCode) });
    duration.observe({ method: request.method }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', async () => ({ status: 'ok', database: database.dialect }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await ping(database);
      return { status: 'ready', database: database.dialect };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.dialect });
    }
  });

  app.get('/metrics', async (request, reply) => {
    if (
      !isInstanceAdmin(request.actor) &&
      !tokenMatches(request.headers.authorization, metricsToken)
    )
      throw ForbiddenError('metrics need an administrator or the metrics token');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
