// Pages that are the same for every visitor (nobody signed in, no one-off message), kept
// rendered. The caller's key names everything the page shows — for a consultation, the content
// version the database raises on each change — so a write on any instance makes the next request
// here miss: each instance holds only a copy it can rebuild, never state of its own. Bounded by
// bytes. Pages are kept as UTF-8 and, once asked for, compressed: browsers ask for br or gzip, and
// compressing a page on every view would cost more than building it did.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { sendHtml } from './render.ts';
import { FLASH_COOKIE } from './request-context.ts';

type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedPage {
  body: Buffer;
  encoding: Encoding;
}

const encoders: Record<Exclude<Encoding, 'identity'>, (page: Buffer) => Buffer> = {
  // The quality @fastify/compress uses for pages built per request.
  br: (page) => brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (page) => gzipSync(page),
};

/** The encoding to send: br, then gzip, when accepted (q > 0); otherwise none. */
export function acceptedEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) accepted.add(name === 'x-gzip' ? 'gzip' : name);
  }
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : 'identity';
}

export function pageCache(maxBytes: number) {
  const pages = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (page, key) => page.length + key.length,
  });

  function variant(key: string, plain: Buffer, encoding: Encoding): CachedPage {
    if (encoding === 'identity') return { body: plain, encoding };
    const name = `${key}\n${encoding}`;
    let body = pages.get(name);
    if (!body) {
      body = encoders[encoding](plain);
      pages.set(name, body);
    }
    return { body, encoding };
  }

  return {
    /** The page kept under `key`, encoded as this request accepts. */
    get(key: string, request: FastifyRequest): CachedPage | undefined {
      const plain = pages.get(key);
      return plain && variant(key, plain, acceptedEncoding(request.headers['accept-encoding']));
    },
    /** Keeps a freshly rendered page and returns it encoded as this request accepts. */
    keep(key: string, html: string, request: FastifyRequest): CachedPage {
      const plain = Buffer.from(html);
      pages.set(key, plain);
      return variant(key, plain, acceptedEncoding(request.headers['accept-encoding']));
    },
  };
}

export type PageCache = ReturnType<typeof pageCache>;

export function sendCachedPage(reply: FastifyReply, page: CachedPage): FastifyReply {
  // Set here, the compression plugin leaves the body as it is.
  if (page.encoding !== 'identity') reply.header('content-encoding', page.encoding);
  return sendHtml(reply.header('vary', 'accept-encoding'), page.body);
}

/**
 * The key of this request's page when a visitor's page may be shared: undefined when someone is
 * signed in, a flash message waits, or the query carries more than `query` names (the language
 * switcher repeats the query, so it is part of the page). `parts` name the content shown.
 */
export function sharedPageKey(
  request: FastifyRequest,
  query: readonly string[],
  parts: Array<string | number>,
): string | undefined {
  if (request.actor.user || request.cookies[FLASH_COOKIE] !== undefined) return undefined;
  const params = request.query as Record<string, unknown> | undefined;
  if (params && Object.keys(params).some((name) => !query.includes(name))) return undefined;
  return [request.locale, request.url, ...parts].join('\n');
}
