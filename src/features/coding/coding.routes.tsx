// Assisted-coding routes (secretariat only): thin — parse, call the service, render or redirect.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, list, text } from '../../http/form-body.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import type { CodingService } from './coding.service.ts';
import { CodebookPage, ReviewPage } from './coding.views.tsx';

type Slug = { Params: { slug: string } };
type ReviewQuery = Slug & { Querystring: { submission?: string; skip?: string } };

export const codingRoutes: FastifyPluginAsync<{ coding: CodingService }> = async (
  app,
  { coding },
) => {
  const codebookPath = (slug: string) => `/consultations/${slug}/coding`;

  async function showCodebook(
    request: FastifyRequest<Slug>,
    reply: FastifyReply,
    state: FormState = emptyForm,
    status = 200,
  ) {
    const view = await coding.codebookPage(request.actor, request.params.slug);
    const page = <CodebookPage ctx={viewContext(request, reply)} view={view} state={state} />;
    return sendPage(reply, page, status);
  }

  app.get<Slug>('/consultations/:slug/coding', (request, reply) => showCodebook(request, reply));

  app.post<Slug>('/consultations/:slug/coding/themes', async (request, reply) => {
    const body = formBody(request);
    const input = {
      label: text(body, 'label'),
      description: text(body, 'description'),
      stance: text(body, 'stance'),
    };
    try {
      await coding.addTheme(request.actor, request.params.slug, input);
    } catch (error) {
      return showCodebook(request, reply, failedForm(error, input), 422);
    }
    setFlash(reply, 'reports.coding.flash.themeAdded');
    return reply.redirect(codebookPath(request.params.slug), 303);
  });

  app.post<{ Params: { slug: string; id: string } }>(
    '/consultations/:slug/coding/themes/:id/delete',
    async (request, reply) => {
      await coding.removeTheme(request.actor, request.params.slug, request.params.id);
      setFlash(reply, 'reports.coding.flash.themeRemoved');
      return reply.redirect(codebookPath(request.params.slug), 303);
    },
  );

  app.post<Slug>('/consultations/:slug/coding/suggestions', async (request, reply) => {
    const chosen = list(formBody(request), 'suggestion');
    try {
      await coding.acceptSuggestions(request.actor, request.params.slug, chosen);
    } catch (error) {
      return showCodebook(request, reply, failedForm(error, {}), 422);
    }
    setFlash(reply, 'reports.coding.flash.suggestionsAdded');
    return reply.redirect(codebookPath(request.params.slug), 303);
  });

  // Fetches missing embeddings in the background; the codebook page shows the progress.
  app.post<Slug>('/consultations/:slug/coding/refresh', async (request, reply) => {
    await coding.requestRefresh(request.actor, request.params.slug);
    setFlash(reply, 'reports.coding.flash.refreshQueued');
    return reply.redirect(codebookPath(request.params.slug), 303);
  });

  app.get<ReviewQuery>('/consultations/:slug/coding/review', async (request, reply) => {
    const skip = Number(request.query.skip);
    const at = {
      skip: Number.isInteger(skip) && skip >= 0 ? skip : 0,
      ...(request.query.submission ? { submissionId: request.query.submission } : {}),
    };
    const view = await coding.reviewPage(request.actor, request.params.slug, at);
    const ctx = viewContext(request, reply);
    return sendPage(reply, <ReviewPage ctx={ctx} view={view} skip={at.skip} />);
  });

  app.post<Slug>('/consultations/:slug/coding/review', async (request, reply) => {
    const body = formBody(request);
    const themes = text(body, 'none') === '1' ? [] : list(body, 'theme');
    await coding.recordLabel(request.actor, request.params.slug, text(body, 'submission'), themes);
    setFlash(reply, 'reports.coding.flash.labelSaved');
    return reply.redirect(`${codebookPath(request.params.slug)}/review`, 303);
  });
};
