// Process pages: the public list and page; creation by instance administrators; editing, the
// timeline, documents and related processes by the process's secretariat.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, optional, text, type FormBody } from '../../http/form-body.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { requireUser } from '../accounts/index.ts';
import { processPageRenderer, type ProcessesRoutesOptions } from './processes.page.tsx';
import { canCreateProcess } from '../../shared/process-policy.ts';
import type { ProcessInput } from './processes.service.ts';
import { ProcessFormPage, ProcessListPage, type ProcessPageForms } from './processes.views.tsx';

type SlugParams = { Params: { slug: string } };
type ItemParams = { Params: { slug: string; id: string } };

function processInput(body: FormBody): ProcessInput & { values: Record<string, string> } {
  const values = {
    title: text(body, 'title'),
    convener: text(body, 'convener'),
    description: text(body, 'description'),
    frameworks: text(body, 'frameworks'),
  };
  return { ...values, frameworks: values.frameworks.split('\n'), values };
}

/** Re-renders a form whose fields carry a prefix (see processes.manage.views.tsx). */
function prefixedFailure(
  error: unknown,
  prefix: string,
  values: Record<string, string>,
): FormState {
  const { errors } = failedForm(error, values);
  return {
    values,
    errors: Object.fromEntries(
      Object.entries(errors).map(([field, key]) => [
        prefix + field.charAt(0).toUpperCase() + field.slice(1),
        key,
      ]),
    ),
  };
}

export const processesRoutes: FastifyPluginAsync<ProcessesRoutesOptions> = async (app, deps) => {
  const { processes, admin } = deps;
  const showProcessPage = processPageRenderer(deps);

  /** Runs a secretariat change, then back to the process page with a flash, or the page with the failed form. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    run: () => Promise<unknown>,
    onError: (error: unknown) => ProcessPageForms,
    flash: MessageKey,
  ) {
    try {
      await run();
    } catch (error) {
      return showProcessPage(request, reply, slug, onError(error), 422);
    }
    setFlash(reply, flash);
    return reply.redirect(`/processes/${slug}`, 303);
  }

  app.get('/processes', async (request, reply) =>
    sendPage(
      reply,
      <ProcessListPage
        ctx={viewContext(request, reply)}
        processes={await processes.list()}
        canCreate={canCreateProcess(request.actor)}
      />,
    ),
  );

  app.get('/processes/new', async (request, reply) => {
    requireUser(request.actor);
    if (!canCreateProcess(request.actor)) throw ForbiddenError();
    return sendPage(
      reply,
      <ProcessFormPage
        ctx={viewContext(request, reply)}
        state={emptyForm}
        action="/processes/new"
        mode="new"
      />,
    );
  });

  app.post('/processes/new', async (request, reply) => {
    const input = processInput(formBody(request));
    try {
      const process = await processes.openProcess(request.actor, input);
      setFlash(reply, 'flash.processCreated');
      return reply.redirect(`/processes/${process.slug}`, 303);
    } catch (error) {
      return sendPage(
        reply,
        <ProcessFormPage
          ctx={viewContext(request, reply)}
          state={failedForm(error, input.values)}
          action="/processes/new"
          mode="new"
        />,
        422,
      );
    }
  });

  app.get<SlugParams>('/processes/:slug', async (request, reply) =>
    showProcessPage(request, reply, request.params.slug),
  );

  app.get<SlugParams>('/processes/:slug/edit', async (request, reply) => {
    const process = await processes.loadForSecretariat(request.actor, request.params.slug);
    const values = {
      title: process.title,
      convener: process.convener,
      description: process.description,
      frameworks: process.frameworks.join('\n'),
    };
    return sendPage(
      reply,
      <ProcessFormPage
        ctx={viewContext(request, reply)}
        state={{ values, errors: {} }}
        action={`/processes/${process.slug}/edit`}
        mode="edit"
      />,
    );
  });

  app.post<SlugParams>('/processes/:slug/edit', async (request, reply) => {
    const { slug } = request.params;
    const input = processInput(formBody(request));
    try {
      await processes.updateProcess(request.actor, slug, input);
    } catch (error) {
      return sendPage(
        reply,
        <ProcessFormPage
          ctx={viewContext(request, reply)}
          state={failedForm(error, input.values)}
          action={`/processes/${slug}/edit`}
          mode="edit"
        />,
        422,
      );
    }
    setFlash(reply, 'flash.processSaved');
    return reply.redirect(`/processes/${slug}`, 303);
  });

  app.post<SlugParams>('/processes/:slug/milestones', async (request, reply) => {
    const body = formBody(request);
    const values = {
      kind: text(body, 'milestoneKind'),
      date: text(body, 'milestoneDate'),
      title: text(body, 'milestoneTitle'),
      description: text(body, 'milestoneDescription'),
    };
    const formValues = {
      milestoneKind: values.kind,
      milestoneDate: values.date,
      milestoneTitle: values.title,
      milestoneDescription: values.description,
    };
    return change(
      request,
      reply,
      request.params.slug,
      () => processes.addMilestone(request.actor, request.params.slug, values),
      (e) => ({ milestone: prefixedFailure(e, 'milestone', formValues) }),
      'flash.milestoneAdded',
    );
  });

  app.post<ItemParams>('/processes/:slug/milestones/:id/remove', async (request, reply) => {
    await processes.removeMilestone(request.actor, request.params.slug, request.params.id);
    setFlash(reply, 'flash.removed');
    return reply.redirect(`/processes/${request.params.slug}#timeline-title`, 303);
  });

  app.post<SlugParams>('/processes/:slug/documents', async (request, reply) => {
    const body = formBody(request);
    const values = {
      title: text(body, 'documentTitle'),
      url: text(body, 'documentUrl'),
      language: optional(body, 'documentLanguage'),
    };
    const formValues = {
      documentTitle: values.title,
      documentUrl: values.url,
      documentLanguage: values.language ?? '',
    };
    return change(
      request,
      reply,
      request.params.slug,
      () => processes.addDocument(request.actor, request.params.slug, values),
      (e) => ({ document: prefixedFailure(e, 'document', formValues) }),
      'flash.documentAdded',
    );
  });

  app.post<ItemParams>('/processes/:slug/documents/:id/remove', async (request, reply) => {
    await processes.removeDocument(request.actor, request.params.slug, request.params.id);
    setFlash(reply, 'flash.removed');
    return reply.redirect(`/processes/${request.params.slug}#documents-title`, 303);
  });

  app.post<SlugParams>('/processes/:slug/links', async (request, reply) => {
    const body = formBody(request);
    const values = { kind: text(body, 'linkKind'), otherSlug: text(body, 'linkOtherSlug') };
    const formValues = { linkKind: values.kind, linkOtherSlug: values.otherSlug };
    return change(
      request,
      reply,
      request.params.slug,
      () => processes.linkProcess(request.actor, request.params.slug, values),
      (e) => ({ link: prefixedFailure(e, 'link', formValues) }),
      'flash.linkAdded',
    );
  });

  app.post<SlugParams>('/processes/:slug/links/remove', async (request, reply) => {
    await processes.unlinkProcess(
      request.actor,
      request.params.slug,
      text(formBody(request), 'otherSlug'),
    );
    setFlash(reply, 'flash.removed');
    return reply.redirect(`/processes/${request.params.slug}#related-title`, 303);
  });

  app.post<SlugParams>('/processes/:slug/secretariat', async (request, reply) => {
    const { process } = await processes.viewProcess(request.params.slug);
    const values = { email: text(formBody(request), 'email') };
    const grant = () =>
      admin.grantRole(request.actor, {
        email: values.email,
        role: 'secretariat',
        scopeType: 'process',
        scopeId: process.id,
      });
    return change(
      request,
      reply,
      process.slug,
      grant,
      (e) => ({ secretariat: failedForm(e, values) }),
      'flash.secretariatGranted',
    );
  });
};
