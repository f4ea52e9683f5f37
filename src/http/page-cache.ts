// Pages that are the same for every visitor (nobody signed in, no one-off message), kept
// rendered. The caller's key names everything the page shows — for a consultation, the content
// version the database raises on each change — so a write on any instance makes the next request
// here miss: each instance holds only a copy it can rebuild, never state of its own. Bounded by
// bytes; held as UTF-8 so a hit is sent without encoding again.
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { FLASH_COOKIE } from './request-context.ts';

export interface PageCache {
  get(key: string): Buffer | undefined;
  set(key: string, html: string): void;
}

export function pageCache(maxBytes: number): PageCache {
  const pages = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (page, key) => page.length + key.length,
  });
  return {
    get: (key) => pages.get(key),
    set: (key, html) => void pages.set(key, Buffer.from(html)),
  };
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
