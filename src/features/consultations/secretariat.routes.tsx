// The secretariat runs its consultations here: create and edit (with a server-side preview),
// publish, move through the phases, and follow the numbers on the dashboard.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, text } from '../../http/form-body.ts';
import type { FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import type { Actor } from '../../shared/actor.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { ProcessesService } from '../processes/index.ts';
import type { SubmissionsService } from '../submissions/index.ts';
import { readForm, savedState, type PostedForm } from './consultation-form.ts';
import type { ConsultationsService } from './consultations.service.ts';
import type { ConsultationRecord } from './consultations.store.ts';
import { DashboardPage } from './dashboard.views.tsx';
import { ConsultationFormPage, type ConsultationFormModel } from './secretariat.views.tsx';

export interface SecretariatRoutesOptions {
  processes: ProcessesService;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
}

type SlugParams = { Params: { slug: string } };
const PHASE_TARGETS = ['closed', 'synthesis', 'published'] as const;

export const secretariatRoutes: FastifyPluginAsync<SecretariatRoutesOptions> = async (
  app,
  { processes, consultations, submissions },
) => {
  async function managedConsultation(actor: Actor, slug: string) {
    const consultation = await consultations.loadForSecretariat(actor, slug);
    const process = await processes.findById(consultation.processId);
    if (!process) throw NotFoundError('process');
    return { consultation, process };
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    model: Omit<ConsultationFormModel, 'questionSlots'>,
    status = 200,
  ) {
    const filled = Object.keys(model.state.values).filter((k) => /^q\d+-text$/.test(k)).length;
    return sendPage(
      reply,
      <ConsultationFormPage
        ctx={viewContext(request, reply)}
        model={{ ...model, questionSlots: filled + 2 }}
      />,
      status,
    );
  }

  async function editModel(
    slug: string,
    form: { state: FormState; languages: string[] },
    preview: string | null = null,
  ) {
    const c = await consultations.load(slug);
    const process = await processes.findById(c.processId);
    const consultation = {
      slug: c.slug,
      title: c.title,
      publishedAt: c.publishedAt,
      rule: c.rule,
      phase: consultations.phase(c),
    };
    return {
      mode: 'edit' as const,
      action: `/consultations/${c.slug}/edit`,
      process: { slug: process?.slug ?? '', title: process?.title ?? '' },
      consultation,
      invitees: await consultations.invitees(c.id),
      preview,
      ...form,
    };
  }

  /** Saves the questions and invitations of a consultation whose fields were just saved. */
  async function saveRest(actor: Actor, slug: string, form: PostedForm) {
    await consultations.saveQuestions(actor, slug, form.questions);
    if (form.emails.length) await consultations.inviteParticipants(actor, slug, form.emails);
  }

  app.get<SlugParams>('/processes/:slug/consultations/new', async (request, reply) => {
    const process = await processes.loadForSecretariat(request.actor, request.params.slug);
    const state = {
      values: { timeZone: 'UTC', eligibility: 'open', rule: 'attributed' },
      errors: {},
    };
    return showForm(request, reply, {
      mode: 'new',
      action: `/processes/${process.slug}/consultations/new`,
      process,
      consultation: null,
      state,
      languages: [request.locale],
      invitees: [],
      preview: null,
    });
  });

  app.post<SlugParams>('/processes/:slug/consultations/new', async (request, reply) => {
    const process = await processes.loadForSecretariat(request.actor, request.params.slug);
    const body = formBody(request);
    const form = readForm(body);
    const base = {
      mode: 'new' as const,
      action: `/processes/${process.slug}/consultations/new`,
      process,
      consultation: null,
      languages: form.input.languages,
      invitees: [],
    };
    if (text(body, 'intent') === 'preview')
      return showForm(request, reply, {
        ...base,
        state: { values: form.values, errors: {} },
        preview: form.input.context,
      });
    let created: ConsultationRecord;
    try {
      created = await consultations.createConsultation(request.actor, process.slug, form.input);
    } catch (error) {
      return showForm(
        request,
        reply,
        { ...base, state: failedForm(error, form.values), preview: null },
        422,
      );
    }
    try {
      await saveRest(request.actor, created.slug, form);
    } catch (error) {
      // The draft exists now: the form goes on as its edit form.
      return showForm(
        request,
        reply,
        await editModel(created.slug, {
          state: failedForm(error, form.values),
          languages: form.input.languages,
        }),
        422,
      );
    }
    setFlash(reply, 'flash.consultationCreated');
    return reply.redirect(`/consultations/${created.slug}/edit`, 303);
  });

  app.get<SlugParams>('/consultations/:slug/edit', async (request, reply) => {
    const { consultation } = await managedConsultation(request.actor, request.params.slug);
    return showForm(
      request,
      reply,
      await editModel(
        consultation.slug,
        savedState(consultation, await consultations.questions(consultation.id)),
      ),
    );
  });

  app.post<SlugParams>('/consultations/:slug/edit', async (request, reply) => {
    const { consultation } = await managedConsultation(request.actor, request.params.slug);
    const body = formBody(request);
    const form = readForm(body);
    const posted = { languages: form.input.languages };
    if (text(body, 'intent') === 'preview')
      return showForm(
        request,
        reply,
        await editModel(
          consultation.slug,
          { ...posted, state: { values: form.values, errors: {} } },
          form.input.context,
        ),
      );
    try {
      await consultations.updateConsultation(request.actor, consultation.slug, form.input);
      await saveRest(request.actor, consultation.slug, form);
    } catch (error) {
      return showForm(
        request,
        reply,
        await editModel(consultation.slug, { ...posted, state: failedForm(error, form.values) }),
        422,
      );
    }
    setFlash(reply, 'flash.consultationSaved');
    return reply.redirect(`/consultations/${consultation.slug}/edit`, 303);
  });

  app.post<SlugParams>('/consultations/:slug/publish', async (request, reply) => {
    const { consultation } = await managedConsultation(request.actor, request.params.slug);
    try {
      await consultations.publishConsultation(request.actor, consultation.slug);
    } catch (error) {
      const saved = savedState(consultation, await consultations.questions(consultation.id));
      return showForm(
        request,
        reply,
        await editModel(consultation.slug, {
          ...saved,
          state: failedForm(error, saved.state.values),
        }),
        422,
      );
    }
    setFlash(reply, 'flash.consultationPublished');
    return reply.redirect(`/consultations/${consultation.slug}/dashboard`, 303);
  });

  app.post<SlugParams>('/consultations/:slug/phase', async (request, reply) => {
    const { consultation } = await managedConsultation(request.actor, request.params.slug);
    const phase = PHASE_TARGETS.find((p) => p === text(formBody(request), 'phase'));
    if (!phase) throw ValidationError({ phase: 'errors.choiceInvalid' });
    await consultations.advancePhase(request.actor, consultation.slug, phase);
    setFlash(reply, 'flash.phaseChanged');
    return reply.redirect(`/consultations/${consultation.slug}/dashboard`, 303);
  });

  app.get<SlugParams>('/consultations/:slug/dashboard', async (request, reply) => {
    const { consultation: c, process } = await managedConsultation(
      request.actor,
      request.params.slug,
    );
    const [counts, questions] = await Promise.all([
      submissions.counts(c.id),
      consultations.questions(c.id),
    ]);
    const model = {
      process,
      consultation: c,
      phase: consultations.phase(c),
      counts,
      questions: questions.length,
    };
    return sendPage(reply, <DashboardPage ctx={viewContext(request, reply)} model={model} />);
  });
};
