// The secretariat's moderation queue: publish a submitted text, or reject it with a reason
// category (logged publicly) and a note (kept for the secretariat).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, text } from '../../http/form-body.ts';
import type { FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { ProcessesService } from '../processes/index.ts';
import { ModerationPage } from './moderation.views.tsx';
import type { SubmissionsService } from './submissions.service.ts';

export interface ModerationRoutesOptions {
  processes: ProcessesService;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
}

type SlugParams = { Params: { slug: string } };
type ItemParams = { Params: { slug: string; id: string } };

export const moderationRoutes: FastifyPluginAsync<ModerationRoutesOptions> = async (
  app,
  { processes, consultations, submissions },
) => {
  async function showQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    failed?: { id: string; state: FormState },
  ) {
    const consultation = await consultations.loadForSecretariat(request.actor, slug);
    const [process, queue] = await Promise.all([
      processes.findById(consultation.processId),
      submissions.queue(request.actor, consultation, ['submitted']),
    ]);
    if (!process) throw NotFoundError('process');
    // Oldest first: texts are reviewed in the order they arrived.
    const model = { process, consultation, queue: queue.reverse(), failed };
    return sendPage(
      reply,
      <ModerationPage ctx={viewContext(request, reply)} model={model} />,
      failed ? 422 : 200,
    );
  }

  app.get<SlugParams>('/consultations/:slug/moderation', async (request, reply) =>
    showQueue(request, reply, request.params.slug),
  );

  app.post<ItemParams>('/consultations/:slug/moderation/:id', async (request, reply) => {
    const { slug, id } = request.params;
    await consultations.loadForSecretariat(request.actor, slug);
    const body = formBody(request);
    const values = {
      action: text(body, 'action'),
      category: text(body, 'category'),
      note: text(body, 'note'),
    };
    try {
      if (values.action === 'publish')
        await submissions.moderate(request.actor, id, { action: 'publish' });
      else if (values.action === 'reject')
        await submissions.moderate(request.actor, id, {
          action: 'reject',
          category: values.category,
          note: values.note,
        });
      else throw ValidationError({ category: 'errors.choiceInvalid' });
    } catch (error) {
      return showQueue(request, reply, slug, { id, state: failedForm(error, values) });
    }
    setFlash(
      reply,
      values.action === 'publish' ? 'flash.submissionPublished' : 'flash.submissionRejected',
    );
    return reply.redirect(`/consultations/${slug}/moderation`, 303);
  });
};
