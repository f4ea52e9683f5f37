// Conversation pages for participants and visitors: vote (form or JSON), write, join as a guest,
// read the results. Facilitator pages are registered from facilitation.routes.tsx.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../../http/errors.tsx';
import { failedForm, formBody, text } from '../../http/form-body.ts';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { AppError } from '../../shared/errors.ts';
import type { DeliberationService, Voter } from './deliberation.service.ts';
import { parseVote } from './deliberation.service.ts';
import { isFacilitator } from './deliberation.policy.ts';
import { base, ConversationPage, type ConversationForms } from './deliberation.views.tsx';
import { facilitationRoutes } from './facilitation.routes.tsx';
import type { FacilitationService } from './facilitation.service.ts';
import { ensureGuestKey, guestKey } from './guest.ts';
import { ResultsPage } from './results.views.tsx';

type SlugParams = { Params: { slug: string } };
const PREFIX = '/consultations/:slug/conversation';

export interface DeliberationRoutesOptions {
  participation: DeliberationService;
  facilitation: FacilitationService;
  secureCookies: boolean;
}

function voter(request: FastifyRequest): Voter {
  return { actor: request.actor, guestKey: request.actor.user ? null : guestKey(request) };
}

function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers['content-type'] ?? '').startsWith('application/json');
}

export const deliberationRoutes: FastifyPluginAsync<DeliberationRoutesOptions> = async (
  app,
  options,
) => {
  const { participation } = options;

  async function renderConversation(
    request: FastifyRequest<SlugParams>,
    reply: FastifyReply,
    forms: ConversationForms = {},
    status = 200,
  ) {
    const view = await participation.conversationPage(voter(request), request.params.slug);
    const page = { ...view, canFacilitate: isFacilitator(request.actor, view.consultation) };
    return sendPage(
      reply,
      <ConversationPage ctx={viewContext(request, reply)} view={page} forms={forms} />,
      status,
    );
  }

  app.get<SlugParams>(PREFIX, (request, reply) => renderConversation(request, reply));

  app.post<SlugParams>(`${PREFIX}/guest`, async (request, reply) => {
    const body = formBody(request);
    const values = {
      stakeholderGroup: text(body, 'stakeholderGroup'),
      country: text(body, 'country'),
    };
    await participation.load(request.actor, request.params.slug);
    if (request.actor.user) return reply.redirect(base(request.params.slug), 303);
    const key = ensureGuestKey(request, reply, options.secureCookies);
    try {
      await participation.joinAsGuest(
        { actor: request.actor, guestKey: key },
        request.params.slug,
        values,
      );
    } catch (error) {
      return renderConversation(request, reply, { guest: failedForm(error, values) }, 422);
    }
    setFlash(reply, 'delib.flash.joined');
    return reply.redirect(base(request.params.slug), 303);
  });

  // One statement per request: a form post answers with a redirect to the next statement, a JSON
  // post (vote.js) with the next statement itself, so the page never reloads.
  app.post<SlugParams>(`${PREFIX}/votes`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const json = wantsJson(request);
    try {
      const vote = parseVote(String(body.vote ?? ''));
      const next = await participation.castVote(
        voter(request),
        request.params.slug,
        Number(body.statement),
        vote,
      );
      if (json) return reply.header('cache-control', 'no-store').send({ recorded: true, next });
    } catch (error) {
      if (json && error instanceof AppError)
        return sendProblem(reply, {
          status: error.status,
          code: error.code,
          detail: error.message,
          errors: error.fields,
        });
      if (error instanceof AppError && error.code === 'guest_required')
        return reply.redirect(base(request.params.slug), 303);
      if (error instanceof AppError && error.status === 422)
        return renderConversation(request, reply, { vote: request.t('delib.vote.invalid') }, 422);
      throw error;
    }
    setFlash(reply, 'delib.flash.voted');
    return reply.redirect(`${base(request.params.slug)}#vote-heading`, 303);
  });

  app.post<SlugParams>(`${PREFIX}/statements`, async (request, reply) => {
    const values = { body: text(formBody(request), 'body') };
    let outcome: 'pending' | 'shown';
    try {
      outcome = await participation.writeStatement(
        voter(request),
        request.params.slug,
        values.body,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'guest_required')
        return reply.redirect(base(request.params.slug), 303);
      return renderConversation(request, reply, { statement: failedForm(error, values) }, 422);
    }
    setFlash(
      reply,
      outcome === 'pending' ? 'delib.flash.statementPending' : 'delib.flash.statementShown',
    );
    return reply.redirect(base(request.params.slug), 303);
  });

  app.get<SlugParams>(`${PREFIX}/results`, async (request, reply) => {
    const view = await participation.results(request.actor, request.params.slug);
    return sendPage(reply, <ResultsPage ctx={viewContext(request, reply)} view={view} />);
  });

  await app.register(facilitationRoutes, { facilitation: options.facilitation });
};
