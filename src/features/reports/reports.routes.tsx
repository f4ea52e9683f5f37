// Report routes: thin — parse, call the service, render. Draft pages are the secretariat's;
// published versions, comparisons and downloads are public.
import type { FastifyPluginAsync } from 'fastify';
import { failedForm, formBody, text } from '../../http/form-body.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { exportReport, isFormat } from './report-export.ts';
import { SECTIONS, type ReportSections, type SectionKey } from './report-model.ts';
import type { ReportsService } from './reports.service.ts';
import { ComparePage, DraftPage, EditPage, PublishedPage } from './reports.views.tsx';

type Slug = { Params: { slug: string } };

function versionNumber(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) throw NotFoundError('report');
  return Number(raw);
}

export const reportsRoutes: FastifyPluginAsync<{
  reports: ReportsService;
  baseUrl: string;
}> = async (app, { reports, baseUrl }) => {
  app.get<Slug>('/consultations/:slug/report/draft', async (request, reply) => {
    const view = await reports.draftPage(request.actor, request.params.slug);
    return sendPage(reply, <DraftPage ctx={viewContext(request, reply)} view={view} />);
  });

  app.post<Slug>('/consultations/:slug/report/generate', async (request, reply) => {
    const section = text(formBody(request), 'section');
    await reports.requestDraft(request.actor, request.params.slug, section || undefined);
    setFlash(reply, 'reports.flash.generating');
    return reply.redirect(`/consultations/${request.params.slug}/report/draft`, 303);
  });

  app.post<Slug>('/consultations/:slug/report/settings', async (request, reply) => {
    await reports.setProviderEnabled(
      request.actor,
      request.params.slug,
      text(formBody(request), 'provider') === 'on',
    );
    setFlash(reply, 'reports.flash.providerSaved');
    return reply.redirect(`/consultations/${request.params.slug}/report/draft`, 303);
  });

  app.get<Slug>('/consultations/:slug/report/edit', async (request, reply) => {
    const view = await reports.draftPage(request.actor, request.params.slug);
    if (!view.draft?.generatedAt)
      return reply.redirect(`/consultations/${request.params.slug}/report/draft`, 303);
    const values = Object.fromEntries(
      SECTIONS.map((s) => [`section_${s}`, view.draft?.sections[s] ?? '']),
    );
    return sendPage(
      reply,
      <EditPage
        ctx={viewContext(request, reply)}
        view={view}
        state={{ ...emptyForm, values }}
        preview={null}
      />,
    );
  });

  app.post<Slug>('/consultations/:slug/report/edit', async (request, reply) => {
    const body = formBody(request);
    const edited: Partial<Record<SectionKey, string>> = {};
    for (const s of SECTIONS)
      if (body[`section_${s}`] !== undefined) edited[s] = text(body, `section_${s}`);
    const values = Object.fromEntries(SECTIONS.map((s) => [`section_${s}`, edited[s] ?? '']));
    if (text(body, 'action') === 'preview') {
      const view = await reports.draftPage(request.actor, request.params.slug);
      const preview = { ...(view.draft?.sections ?? {}), ...edited } as ReportSections;
      return sendPage(
        reply,
        <EditPage
          ctx={viewContext(request, reply)}
          view={view}
          state={{ ...emptyForm, values }}
          preview={preview}
        />,
      );
    }
    try {
      await reports.saveSections(request.actor, request.params.slug, edited);
    } catch (error) {
      const state = failedForm(error, values);
      const view = await reports.draftPage(request.actor, request.params.slug);
      return sendPage(
        reply,
        <EditPage ctx={viewContext(request, reply)} view={view} state={state} preview={null} />,
        422,
      );
    }
    setFlash(reply, 'reports.flash.saved');
    return reply.redirect(`/consultations/${request.params.slug}/report/draft`, 303);
  });

  app.post<Slug>('/consultations/:slug/report/publish', async (request, reply) => {
    await reports.publish(request.actor, request.params.slug);
    setFlash(reply, 'reports.flash.published');
    return reply.redirect(`/consultations/${request.params.slug}/report`, 303);
  });

  app.get<Slug>('/consultations/:slug/report', async (request, reply) => {
    const view = await reports.publishedReport(request.params.slug);
    return sendPage(reply, <PublishedPage ctx={viewContext(request, reply)} view={view} />);
  });

  app.get<{ Params: { slug: string; version: string } }>(
    '/consultations/:slug/report/versions/:version',
    async (request, reply) => {
      const view = await reports.publishedReport(
        request.params.slug,
        versionNumber(request.params.version),
      );
      return sendPage(reply, <PublishedPage ctx={viewContext(request, reply)} view={view} />);
    },
  );

  app.get<Slug & { Querystring: { from?: string; to?: string } }>(
    '/consultations/:slug/report/compare',
    async (request, reply) => {
      const from = versionNumber(request.query.from);
      const to = versionNumber(request.query.to);
      if (from === undefined || to === undefined) throw NotFoundError('report');
      const view = await reports.compare(request.params.slug, from, to);
      return sendPage(reply, <ComparePage ctx={viewContext(request, reply)} view={view} />);
    },
  );

  app.get<{ Params: { slug: string; format: string }; Querystring: { version?: string } }>(
    '/consultations/:slug/report/export/:format',
    async (request, reply) => {
      if (!isFormat(request.params.format)) throw NotFoundError('format');
      const { document } = await reports.publishedReport(
        request.params.slug,
        versionNumber(request.query.version),
      );
      const file = await exportReport(document, request.params.format, baseUrl);
      return reply
        .type(file.type)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-cache')
        .send(file.body);
    },
  );
};
