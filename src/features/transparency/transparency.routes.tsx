// The public transparency log, paginated by sequence number, and its verification: the chain is
// recomputed on every visit, so anyone can see whether an entry was altered.
import type { FastifyPluginAsync } from 'fastify';
import { sendPage } from '../../http/render.ts';
import { viewContext } from '../../http/view-context.ts';
import type { TransparencyService } from './transparency.service.ts';
import { TransparencyPage, VerifyPage } from './transparency.views.tsx';

const PAGE_SIZE = 50;

export const transparencyRoutes: FastifyPluginAsync<{ transparency: TransparencyService }> = async (
  app,
  { transparency },
) => {
  app.get<{ Querystring: { after?: string } }>('/transparency', async (request, reply) => {
    const raw = Number(request.query.after);
    const after = Number.isSafeInteger(raw) && raw > 0 ? raw : 0;
    const rows = await transparency.list({ after, limit: PAGE_SIZE + 1 });
    const entries = rows.slice(0, PAGE_SIZE);
    const next = rows.length > PAGE_SIZE ? (entries.at(-1)?.seq ?? null) : null;
    return sendPage(
      reply,
      <TransparencyPage
        ctx={viewContext(request, reply)}
        entries={entries}
        next={next}
        paged={after > 0}
      />,
    );
  });

  app.get('/transparency/verify', async (request, reply) => {
    return sendPage(
      reply,
      <VerifyPage ctx={viewContext(request, reply)} check={await transparency.verify()} />,
    );
  });
};
