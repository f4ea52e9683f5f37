// GET /search?q=&page=: public full-text search. The interface language (the usual `lang`
// parameter) is also the first guess at the query's language.
import type { FastifyPluginAsync } from 'fastify';
import { limitedBy } from '../../http/abuse-limits.ts';
import { pageCache, sendCachedPage, sharedPageKey } from '../../http/page-cache.ts';
import { renderPage, sendHtml } from '../../http/render.ts';
import { issuedCsrfToken, viewContext } from '../../http/view-context.ts';
import type { SearchService } from './search.service.ts';
import { SearchPage } from './search.views.tsx';

type SearchQuery = { Querystring: { q?: unknown; page?: unknown } };

/** Rendered visitor result pages kept per instance: a few hundred pages. */
const VISITOR_PAGES_BYTES = 8 * 1024 * 1024;

export const searchRoutes: FastifyPluginAsync<{ search: SearchService }> = async (
  app,
  { search },
) => {
  // Visitors asking the same thing share one rendered page until the database's search content
  // version moves (src/db/search-version.ts); the key holds the locale and the whole URL.
  const visitorPages = pageCache(VISITOR_PAGES_BYTES);

  const queryOf = (request: { query: SearchQuery['Querystring'] }) =>
    typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 200) : '';
  // Only a search with a query counts: the empty search page is a page like any other.
  const searching = limitedBy({
    name: 'search',
    when: (request) => queryOf(request as { query: SearchQuery['Querystring'] }) !== '',
  });

  app.get<SearchQuery>('/search', searching, async (request, reply) => {
    const query = queryOf(request);
    const page = Math.min(50, Math.max(1, Number(request.query.page) || 1));
    // One read of the version serves both the kept page and the kept results.
    const version = await search.contentVersion();
    const key = sharedPageKey(request, ['q', 'page', 'lang'], [version]);
    const cached = key === undefined ? undefined : visitorPages.get(key, request);
    if (cached) return sendCachedPage(reply, cached);
    const found = query
      ? await search.search(query, { language: request.locale, page, version })
      : { results: [], hasMore: false };
    const ctx = viewContext(request, reply);
    const html = renderPage(<SearchPage ctx={ctx} view={{ query, page, ...found }} />);
    if (key === undefined || issuedCsrfToken(ctx)) return sendHtml(reply, html);
    return sendCachedPage(reply, visitorPages.keep(key, html, request));
  });
};
