// The author's own space: their submissions with status and versions, editing until the deadline,
// withdrawing (after a confirmation step), inviting co-signatories; co-signature requests for the
// organisations one belongs to; and the deadline-reminder preference.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { limitedBy } from '../../http/abuse-limits.ts';
import { formBody, text } from '../../http/form-body.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { AppError } from '../../shared/errors.ts';
import { requireUser } from '../accounts/index.ts';
import { submissionForm, valuesOf, type SubmissionsRoutesOptions } from './submissions.routes.tsx';
import {
  CosignaturesPage,
  MySubmissionPage,
  MySubmissionsPage,
  WithdrawPage,
} from './my-submissions.views.tsx';
import { NotificationsPage } from './notifications.views.tsx';
import { OrganisationActivityPage } from './organisation-activity.views.tsx';
import { NoticePage } from './submissions.views.tsx';
import type { ResponsesService } from '../responses/index.ts';

type IdParams = { Params: { id: string } };

/** With `responses`, the author's page shows how the secretariat used the submission. */
export const mySubmissionsRoutes: FastifyPluginAsync<
  SubmissionsRoutesOptions & { responses?: ResponsesService }
> = async (app, options) => {
  const { consultations, submissions, organisations, accounts, attachments, responses } = options;
  const showForm = submissionForm(options);

  /** Everything the author's own view shows; another person's submission is "not found". */
  async function ownView(request: FastifyRequest, id: string) {
    const own = await submissions.ownWithContent(request.actor, id);
    const consultation = await consultations.findById(own.submission.consultationId);
    if (!consultation) throw new AppError('not_found', 'consultation not found');
    const [questions, mine, attachmentsView, response] = await Promise.all([
      consultations.questions(consultation.id),
      organisations.myOrganisations(request.actor),
      attachments.ownView(request.actor, id),
      responses?.forAuthor(request.actor, id),
    ]);
    const organisation = mine.find((o) => o.id === own.submission.organisationId) ?? null;
    return {
      ...own,
      consultation,
      questions,
      organisation,
      attachmentsView,
      response,
      phase: consultations.phase(consultation),
    };
  }

  async function showOwn(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    inviteState: FormState = emptyForm,
    status = 200,
  ) {
    const view = await ownView(request, id);
    return sendPage(
      reply,
      <MySubmissionPage ctx={viewContext(request, reply)} view={view} inviteState={inviteState} />,
      status,
    );
  }

  app.get('/my/submissions', async (request, reply) => {
    requireUser(request.actor);
    const mine = await submissions.mine(request.actor);
    const titles = new Map<string, { slug: string; title: string }>();
    for (const s of mine) {
      if (titles.has(s.consultationId)) continue;
      const c = await consultations.findById(s.consultationId);
      if (c) titles.set(c.id, { slug: c.slug, title: c.title });
    }
    return sendPage(
      reply,
      <MySubmissionsPage
        ctx={viewContext(request, reply)}
        submissions={mine}
        consultations={titles}
      />,
    );
  });

  app.get<IdParams>('/my/submissions/:id', async (request, reply) => {
    requireUser(request.actor);
    return showOwn(request, reply, request.params.id);
  });

  app.get<IdParams>('/my/submissions/:id/edit', async (request, reply) => {
    requireUser(request.actor);
    const view = await ownView(request, request.params.id);
    const editable =
      view.phase === 'open' && !['withdrawn', 'rejected'].includes(view.submission.status);
    if (!editable)
      return sendPage(
        reply,
        <NoticePage
          ctx={viewContext(request, reply)}
          title="submission.closed.title"
          body="submission.error.notEditable"
        />,
        409,
      );
    return showForm(
      request,
      reply,
      view.consultation,
      valuesOf(view.submission, view.answers, view.organisation?.slug ?? ''),
    );
  });

  app.get<IdParams>('/my/submissions/:id/withdraw', async (request, reply) => {
    requireUser(request.actor);
    const view = await ownView(request, request.params.id);
    return sendPage(
      reply,
      <WithdrawPage
        ctx={viewContext(request, reply)}
        id={view.submission.id}
        consultation={view.consultation}
      />,
    );
  });

  app.post<IdParams>('/my/submissions/:id/withdraw', async (request, reply) => {
    requireUser(request.actor);
    await submissions.withdraw(request.actor, request.params.id);
    setFlash(reply, 'submission.flash.withdrawn');
    return reply.redirect(`/my/submissions/${request.params.id}`, 303);
  });

  app.post<IdParams>(
    '/my/submissions/:id/cosignatories',
    limitedBy('cosignature-requests'),
    async (request, reply) => {
      requireUser(request.actor);
      const values = { organisation: text(formBody(request), 'organisation') };
      try {
        await submissions.inviteCosignatory(request.actor, request.params.id, values.organisation);
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields) throw error;
        return showOwn(request, reply, request.params.id, { values, errors: error.fields }, 422);
      }
      setFlash(reply, 'cosign.flash.invited');
      return reply.redirect(`/my/submissions/${request.params.id}`, 303);
    },
  );

  app.get<{ Params: { slug: string } }>('/organisations/:slug/activity', async (request, reply) => {
    requireUser(request.actor);
    const activity = await options.organisationActivity(request.actor, request.params.slug);
    return sendPage(
      reply,
      <OrganisationActivityPage ctx={viewContext(request, reply)} activity={activity} />,
    );
  });

  app.get('/my/cosignatures', async (request, reply) => {
    requireUser(request.actor);
    return sendPage(
      reply,
      <CosignaturesPage
        ctx={viewContext(request, reply)}
        requests={await submissions.cosignatureRequests(request.actor)}
      />,
    );
  });

  app.post<IdParams>('/my/cosignatures/:id', async (request, reply) => {
    requireUser(request.actor);
    const body = formBody(request);
    const decision = text(body, 'decision');
    if (decision !== 'confirmed' && decision !== 'declined')
      throw new AppError('invalid', 'decision must be confirmed or declined');
    try {
      await submissions.decideCosignature(
        request.actor,
        request.params.id,
        text(body, 'organisation'),
        decision,
      );
    } catch (error) {
      // Someone outside the organisation is told why, not just "forbidden".
      if (!(error instanceof AppError) || error.code !== 'not_member') throw error;
      return sendPage(
        reply,
        <NoticePage
          ctx={viewContext(request, reply)}
          title="cosign.refused.title"
          body="cosign.error.notMember"
          status="alert"
        />,
        403,
      );
    }
    setFlash(reply, decision === 'confirmed' ? 'cosign.flash.confirmed' : 'cosign.flash.declined');
    return reply.redirect('/my/cosignatures', 303);
  });

  app.get('/my/notifications', async (request, reply) => {
    const user = requireUser(request.actor);
    const optedOutAt = await accounts.remindersOptOutAt(user.id);
    return sendPage(
      reply,
      <NotificationsPage ctx={viewContext(request, reply)} optedOut={optedOutAt !== null} />,
    );
  });

  app.post('/my/notifications', async (request, reply) => {
    const user = requireUser(request.actor);
    await accounts.setRemindersOptOut(
      user.id,
      text(formBody(request), 'remindersOptOut') === 'yes',
    );
    setFlash(reply, 'notifications.flash.saved');
    return reply.redirect('/my/notifications', 303);
  });
};
