// Static assets (one stylesheet, one small script), fingerprinted so browsers cache them for a year.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const dir = new URL('./assets/', import.meta.url);
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};
// vote.js and deliberation.css load only on the conversation pages, results.js on its results.
const NAMES = ['app.css', 'app.js', 'vote.js', 'results.js', 'deliberation.css'];

interface Asset {
  body: Buffer;
  hash: string;
  type: string;
}

const assets = new Map<string, Asset>();
for (const name of NAMES) {
  const body = readFileSync(new URL(name, dir));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  assets.set(name, {
    body,
    hash,
    type: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
  });
}

export function assetPath(name: string): string {
  const asset = assets.get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/assets/${asset.hash}/${name}`;
}

export function registerAssets(app: FastifyInstance): void {
  app.get<{ Params: { hash: string; name: string } }>(
    '/assets/:hash/:name',
    async (request, reply) => {
      const asset = assets.get(request.params.name);
      if (!asset) return reply.callNotFound();
      // An old fingerprint still gets the current file, but only the current one is cached for long.
      const immutable = asset.hash === request.params.hash;
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.type(asset.type).send(asset.body);
    },
  );
}
