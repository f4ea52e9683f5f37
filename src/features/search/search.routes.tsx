// GET /search?q=&page=: public full-text search. The interface language (the usual `lang`
// parameter) is also the first guess at the query's language.
import type { FastifyPluginAsync } from 'fastify';
import { sendPage } from '../../http/render.ts';
import { viewContext } from '../../http/view-context.ts';
import type { SearchService } from './search.service.ts';
import { SearchPage } from './search.views.tsx';

type SearchQuery = { Querystring: { q?: unknown; page?: unknown } };

export const searchRoutes: FastifyPluginAsync<{ search: SearchService }> = async (
  app,
  { search },
) => {
  app.get<SearchQuery>('/search', async (request, reply) => {
    const query = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 200) : '';
    const page = Math.min(50, Math.max(1, Number(request.query.page) || 1));
    const found = query
      ? await search.search(query, { language: request.locale, page })
      : { results: [], hasMore: false };
    return sendPage(
      reply,
      <SearchPage ctx={viewContext(request, reply)} view={{ query, page, ...found }} />,
    );
  });
};
