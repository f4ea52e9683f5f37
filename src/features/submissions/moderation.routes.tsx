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

type PageQuery = { Querystring: { page?: string } };
type SlugParams = { Params: { slug: string } } & PageQuery;
type ItemParams = { Params: { slug: string; id: string } } & PageQuery;

/** The queue's address; a page after the first is named, so a decision returns to its page. */
const queueUrl = (slug: string, page: number) =>
  `/consultations/${slug}/moderation${page > 1 ? `?page=${page}` : ''}`;

export const moderationRoutes: FastifyPluginAsync<ModerationRoutesOptions> = async (
  app,
  { processes, consultations, submissions },
) => {
  async function showQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    requestedPage: number,
    failed?: { id: string; state: FormState },
  ) {
    const consultation = await consultations.loadForSecretariat(request.actor, slug);
    const [process, queue] = await Promise.all([
      processes.findById(consultation.processId),
      submissions.moderationQueue(request.actor, consultation, requestedPage),
    ]);
    if (!process) throw NotFoundError('process');
    // Oldest first: texts are reviewed in the order they arrived.
    const model = {
      process,
      consultation,
      queue: queue.items,
      total: queue.total,
      page: queue.page,
      pages: queue.pages,
      offset: queue.offset,
      failed,
    };
    return sendPage(
      reply,
      <ModerationPage ctx={viewContext(request, reply)} model={model} />,
      failed ? 422 : 200,
    );
  }

  app.get<SlugParams>('/consultations/:slug/moderation', async (request, reply) =>
    showQueue(request, reply, request.params.slug, Number(request.query.page ?? 1)),
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
      return showQueue(request, reply, slug, Number(request.query.page ?? 1), {
        id,
        state: failedForm(error, values),
      });
    }
    setFlash(
      reply,
      values.action === 'publish' ? 'flash.submissionPublished' : 'flash.submissionRejected',
    );
    return reply.redirect(
      queueUrl(slug, Math.max(1, Math.floor(Number(request.query.page)) || 1)),
      303,
    );
  });
};
