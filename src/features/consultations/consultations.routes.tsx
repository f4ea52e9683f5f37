// Public consultation pages: list, one consultation with its published submissions, and the
// public moderation log. Submissions are shown only as the disclosure mechanism returns them.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fragmentCache } from '../../http/fragment-cache.ts';
import { pageCache, sendCachedPage, sharedPageKey } from '../../http/page-cache.ts';
import { renderPage, renderPart, sendHtml, sendPage } from '../../http/render.ts';
import { issuedCsrfToken, sharedViewContext, viewContext } from '../../http/view-context.ts';
import { isLocale } from '../../i18n/locales.ts';
import type { ProcessesService } from '../processes/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import type { ConsultationsService } from './consultations.service.ts';
import { ConsultationListPage, type ListFilter } from './consultation-list.views.tsx';
import type { ConsultationRecord } from './consultations.store.ts';
import {
  ConsultationBody,
  ConsultationIntro,
  ConsultationPage,
  ModerationLogPage,
} from './consultations.views.tsx';
import { PHASES, type Phase } from '../../shared/consultation-rules.ts';

export interface ConsultationsRoutesOptions {
  consultations: ConsultationsService;
  processes: ProcessesService;
  submissions: SubmissionsService;
  /** Tells whether a report is published, to link to it; absent in tools without reports. */
  reports?: { hasPublished(consultationId: string): Promise<boolean> };
  /** Tells whether the consultation has a conversation (statements and votes), to link to it. */
  conversations?: { hasConversation(consultationId: string): Promise<boolean> };
}

const PAGE_SIZE = 20;
/** Rendered visitor pages kept per instance: a few hundred typical pages. */
const VISITOR_PAGES_BYTES = 16 * 1024 * 1024;
/** Shared parts of consultation pages kept per instance: about as many. */
const SHARED_PARTS_BYTES = 16 * 1024 * 1024;

type ListQuery = { Querystring: { process?: string; phase?: string; language?: string } };
type PageRequest = { Params: { slug: string }; Querystring: { before?: string } };

function readFilter(query: ListQuery['Querystring']): ListFilter {
  const pick = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return { process: pick(query.process), phase: pick(query.phase), language: pick(query.language) };
}

export const consultationsRoutes: FastifyPluginAsync<ConsultationsRoutesOptions> = async (
  app,
  { consultations, processes, submissions, reports, conversations },
) => {
  app.get<ListQuery>('/consultations', async (request, reply) => {
    const filter = readFilter(request.query);
    const all = await processes.list();
    const process = filter.process ? all.find((p) => p.slug === filter.process) : undefined;
    // An unknown process or phase matches nothing rather than silently showing everything.
    const unknownProcess = filter.process !== '' && !process;
    const phaseFilter = (PHASES as readonly string[]).includes(filter.phase)
      ? (filter.phase as Phase)
      : filter.phase
        ? null
        : undefined;
    const published =
      unknownProcess || phaseFilter === null
        ? []
        : await consultations.listPublished({
            ...(process ? { processId: process.id } : {}),
            ...(isLocale(filter.language) ? { language: filter.language } : {}),
          });
    const titles = new Map(all.map((p) => [p.id, p.title]));
    const items = published
      .map((consultation) => ({
        consultation,
        phase: consultations.phase(consultation),
        processTitle: titles.get(consultation.processId) ?? '',
      }))
      .filter((i) => !phaseFilter || i.phase === phaseFilter);
    const processOptions = all.map((p) => ({ slug: p.slug, title: p.title }));
    return sendPage(
      reply,
      <ConsultationListPage
        ctx={viewContext(request, reply)}
        items={items}
        filter={filter}
        processes={processOptions}
      />,
    );
  });

  // Visitors all see the same page until something on it changes: the key holds the content
  // version the database raises on each such write (src/db/content-version.ts) and the phase,
  // which moves with the clock alone.
  const visitorPages = pageCache(VISITOR_PAGES_BYTES);
  // What every reader sees alike — visitors with any query, signed-in people, right after a
  // change — is rendered once per content version, phase, language and page of submissions;
  // only the header and the call to action are theirs.
  const sharedParts = fragmentCache(SHARED_PARTS_BYTES);

  /** Process, facts, questions and a page of published submissions, as any reader sees them. */
  async function renderSharedParts(
    request: FastifyRequest,
    consultation: ConsultationRecord,
    phase: Phase,
    before: string | undefined,
  ) {
    const [process, page, reportPublished, hasConversation] = await Promise.all([
      processes.findById(consultation.processId),
      submissions.publicPage(consultation, { limit: PAGE_SIZE, beforeId: before }),
      reports?.hasPublished(consultation.id) ?? false,
      conversations?.hasConversation(consultation.id) ?? false,
    ]);
    const ctx = sharedViewContext(request);
    const processTitle = process?.title ?? '';
    return [
      renderPart(
        <ConsultationIntro
          ctx={ctx}
          consultation={consultation}
          processTitle={processTitle}
          phase={phase}
        />,
      ),
      renderPart(
        <ConsultationBody
          ctx={ctx}
          consultation={consultation}
          processTitle={processTitle}
          phase={phase}
          context={consultation.context}
          questions={page.questions}
          submissions={page.items}
          next={page.next}
          paged={before !== undefined}
          reportPublished={reportPublished}
          hasConversation={hasConversation}
        />,
      ),
    ];
  }

  app.get<PageRequest>('/consultations/:slug', async (request, reply) => {
    const consultation = await consultations.loadVisible(request.actor, request.params.slug);
    const phase = consultations.phase(consultation);
    const key = sharedPageKey(request, ['before', 'lang'], [phase, consultation.contentVersion]);
    const cached = key === undefined ? undefined : visitorPages.get(key, request);
    if (cached) return sendCachedPage(reply, cached);
    const before = typeof request.query.before === 'string' ? request.query.before : undefined;
    // The consultation was read first, so what is rendered under its version is at least as new.
    const partsKey = [
      consultation.id,
      consultation.contentVersion,
      phase,
      request.locale,
      before ?? '',
    ].join('\n');
    const [[intro = '', body = ''], participation] = await Promise.all([
      sharedParts.get(partsKey, () => renderSharedParts(request, consultation, phase, before)),
      submissions.participation(request.actor, consultation),
    ]);
    const ctx = viewContext(request, reply);
    const html = renderPage(
      <ConsultationPage
        ctx={ctx}
        consultation={consultation}
        phase={phase}
        participation={participation}
        content={{ intro, body }}
      />,
    );
    if (key === undefined || issuedCsrfToken(ctx)) return sendHtml(reply, html);
    return sendCachedPage(reply, visitorPages.keep(key, html, request));
  });

  app.get<{ Params: { slug: string } }>(
    '/consultations/:slug/moderation-log',
    async (request, reply) => {
      const consultation = await consultations.loadVisible(request.actor, request.params.slug);
      const rows = await submissions.moderationLog(consultation.id);
      return sendPage(
        reply,
        <ModerationLogPage
          ctx={viewContext(request, reply)}
          consultation={consultation}
          rows={rows}
        />,
      );
    },
  );
};
