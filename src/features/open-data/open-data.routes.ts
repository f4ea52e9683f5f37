// Feeds, calendar and exports: public, read-only, no identities beyond what the rule allows.
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { csvExport, jsonExport } from './exports.ts';
import type { OpenDataService } from './open-data.service.ts';

type SlugParams = { Params: { slug: string } };

/** Readers poll feeds; a short revalidation keeps a withdrawn text from lingering in caches. */
function publicData(reply: FastifyReply, type: string): FastifyReply {
  return reply
    .type(type)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff');
}

export const openDataRoutes: FastifyPluginAsync<{ openData: OpenDataService }> = async (
  app,
  { openData },
) => {
  app.get<SlugParams>('/processes/:slug/feed.atom', async (request, reply) => {
    const body = await openData.processFeed(request.params.slug, request.t, request.locale);
    return publicData(reply, 'application/atom+xml; charset=utf-8').send(body);
  });

  app.get<SlugParams>('/consultations/:slug/feed.atom', async (request, reply) => {
    const body = await openData.consultationFeed(request.params.slug, request.t, request.locale);
    return publicData(reply, 'application/atom+xml; charset=utf-8').send(body);
  });

  app.get<SlugParams>('/processes/:slug/calendar.ics', async (request, reply) => {
    const body = await openData.calendar(request.params.slug, request.t);
    return publicData(reply, 'text/calendar; charset=utf-8')
      .header(
        'content-disposition',
        `inline; filename="${request.params.slug.replace(/[^\w-]/g, '_')}.ics"`,
      )
      .send(body);
  });

  app.get<SlugParams>('/consultations/:slug/submissions.csv', async (request, reply) => {
    const source = await openData.exportSource(request.params.slug);
    return publicData(reply, 'text/csv; charset=utf-8; header=present')
      .header(
        'content-disposition',
        `attachment; filename="${source.consultation.slug}-submissions.csv"`,
      )
      .send(Readable.from(csvExport(source)));
  });

  app.get<SlugParams>('/consultations/:slug/submissions.json', async (request, reply) => {
    const source = await openData.exportSource(request.params.slug);
    return publicData(reply, 'application/json; charset=utf-8').send(
      Readable.from(jsonExport(source)),
    );
  });
};
