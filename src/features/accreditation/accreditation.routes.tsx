// Accreditation pages: an organisation asks from the process page; the secretariat reviews.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, text } from '../../http/form-body.ts';
import type { FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { requireUser } from '../accounts/index.ts';
import type { ProcessPageRenderer } from '../processes/index.ts';
import type { ProcessesService } from '../processes/index.ts';
import type { AccreditationService } from './accreditation.service.ts';
import { AccreditationsPage } from './accreditation.views.tsx';

type SlugParams = { Params: { slug: string } };
type DecideParams = { Params: { slug: string; id: string } };

export interface AccreditationRoutesOptions {
  processes: ProcessesService;
  accreditation: AccreditationService;
  /** The process page, re-shown with a refused request's errors (given by the processes feature). */
  showProcessPage: ProcessPageRenderer;
}

export const accreditationRoutes: FastifyPluginAsync<AccreditationRoutesOptions> = async (
  app,
  deps,
) => {
  const { processes, accreditation, showProcessPage } = deps;

  async function showRequests(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    failed?: { id: string; state: FormState },
  ) {
    const process = await processes.loadForSecretariat(request.actor, slug);
    const requests = await accreditation.listForProcess(request.actor, process.id);
    return sendPage(
      reply,
      <AccreditationsPage
        ctx={viewContext(request, reply)}
        process={process}
        requests={requests}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  app.post<SlugParams>('/processes/:slug/accreditations/request', async (request, reply) => {
    requireUser(request.actor);
    const { slug } = request.params;
    const process = await processes.findBySlug(slug);
    if (!process) throw NotFoundError('process');
    const body = formBody(request);
    const values = {
      organisation: text(body, 'organisation'),
      motivation: text(body, 'motivation'),
    };
    try {
      await accreditation.requestAccreditation(
        request.actor,
        process.id,
        values.organisation,
        values.motivation,
      );
    } catch (error) {
      // Asking twice is a mistake on the form, not a broken page.
      const failure =
        error instanceof AppError && error.code === 'already_requested'
          ? ValidationError({ organisation: 'errors.alreadyRequested' })
          : error;
      return showProcessPage(
        request,
        reply,
        slug,
        { accreditation: failedForm(failure, values) },
        422,
      );
    }
    setFlash(reply, 'flash.accreditationRequested');
    return reply.redirect(`/processes/${slug}#accreditation-title`, 303);
  });

  app.get<SlugParams>('/processes/:slug/accreditations', async (request, reply) =>
    showRequests(request, reply, request.params.slug),
  );

  app.post<DecideParams>('/processes/:slug/accreditations/:id/decide', async (request, reply) => {
    const { slug, id } = request.params;
    const process = await processes.loadForSecretariat(request.actor, slug);
    const body = formBody(request);
    const values = { decision: text(body, 'decision'), reason: text(body, 'reason') };
    try {
      if (values.decision !== 'accepted' && values.decision !== 'refused')
        throw ValidationError({ reason: 'errors.choiceInvalid' });
      await accreditation.decideAccreditation(
        request.actor,
        process.id,
        id,
        values.decision,
        values.reason,
      );
    } catch (error) {
      return showRequests(request, reply, slug, { id, state: failedForm(error, values) });
    }
    setFlash(
      reply,
      values.decision === 'accepted' ? 'flash.accreditationAccepted' : 'flash.accreditationRefused',
    );
    return reply.redirect(`/processes/${slug}/accreditations`, 303);
  });
};
