// Response routes: the public table, and the secretariat's list and form. Thin: parse, call the
// service, render or redirect.
import type { FastifyPluginAsync } from 'fastify';
import { failedForm, formBody, list, text } from '../../http/form-body.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import type { ResponseChange, ResponsesService } from './responses.service.ts';
import { ManageResponsesPage, PublicResponsesPage, ResponseFormPage } from './responses.views.tsx';

type Slug = { Params: { slug: string } };
type One = { Params: { slug: string; id: string } };

/** The secretariat is told whether the contributor was e-mailed, since a repeated save is not. */
const SAVED_FLASH = {
  recorded: 'reports.responses.flash.saved',
  updated: 'reports.responses.flash.updated',
  relinked: 'reports.responses.flash.relinked',
  unchanged: 'reports.responses.flash.unchanged',
} as const satisfies Record<ResponseChange, string>;

export const responsesRoutes: FastifyPluginAsync<{ responses: ResponsesService }> = async (
  app,
  { responses },
) => {
  app.get<Slug>('/consultations/:slug/responses', async (request, reply) => {
    const view = await responses.publicTable(request.params.slug);
    return sendPage(reply, <PublicResponsesPage ctx={viewContext(request, reply)} view={view} />);
  });

  app.get<Slug>('/consultations/:slug/responses/manage', async (request, reply) => {
    const view = await responses.manageList(request.actor, request.params.slug);
    return sendPage(reply, <ManageResponsesPage ctx={viewContext(request, reply)} view={view} />);
  });

  app.get<One>('/consultations/:slug/responses/manage/:id', async (request, reply) => {
    const { slug, id } = request.params;
    const view = await responses.responseForm(request.actor, slug, id);
    const values = { outcome: view.response?.outcome, explanation: view.response?.explanation };
    const state = { ...emptyForm, values };
    const chosen = view.response?.reportItems ?? [];
    const ctx = viewContext(request, reply);
    return sendPage(
      reply,
      <ResponseFormPage ctx={ctx} view={view} state={state} chosenItems={chosen} />,
    );
  });

  app.post<One>('/consultations/:slug/responses/manage/:id', async (request, reply) => {
    const { slug, id } = request.params;
    const body = formBody(request);
    const input = {
      outcome: text(body, 'outcome'),
      explanation: text(body, 'explanation'),
      reportItems: list(body, 'reportItems'),
    };
    let change: ResponseChange;
    try {
      change = await responses.recordResponse(request.actor, slug, id, input);
    } catch (error) {
      const state = failedForm(error, { outcome: input.outcome, explanation: input.explanation });
      const view = await responses.responseForm(request.actor, slug, id);
      const ctx = viewContext(request, reply);
      const page = (
        <ResponseFormPage ctx={ctx} view={view} state={state} chosenItems={input.reportItems} />
      );
      return sendPage(reply, page, 422);
    }
    setFlash(reply, SAVED_FLASH[change]);
    return reply.redirect(`/consultations/${slug}/responses/manage`, 303);
  });
};
