// The facilitator's pages: settings (which also create the conversation), seeding, moderation
// and the Pol.is export files.
import type { FastifyPluginAsync } from 'fastify';
import { failedForm, formBody, text } from '../../http/form-body.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { base } from './deliberation.views.tsx';
import type { FacilitationService } from './facilitation.service.ts';
import { ModerationPage, SettingsPage, settingsValues } from './facilitation.views.tsx';
import { POLIS_FILES, type PolisFile } from './polis-io.ts';

type SlugParams = { Params: { slug: string } };
const PREFIX = '/consultations/:slug/conversation';

export const facilitationRoutes: FastifyPluginAsync<{ facilitation: FacilitationService }> = async (
  app,
  { facilitation },
) => {
  app.get<SlugParams>(`${PREFIX}/settings`, async (request, reply) => {
    const { consultation, conversation } = await facilitation.manage(
      request.actor,
      request.params.slug,
    );
    const state = { values: settingsValues(conversation, consultation), errors: {} };
    return sendPage(
      reply,
      <SettingsPage
        ctx={viewContext(request, reply)}
        consultation={consultation}
        exists={conversation !== undefined}
        state={state}
      />,
    );
  });

  app.post<SlugParams>(`${PREFIX}/settings`, async (request, reply) => {
    const body = formBody(request);
    const values = {
      topic: text(body, 'topic'),
      description: text(body, 'description'),
      moderation: text(body, 'moderation'),
      allowGuests: text(body, 'allowGuests'),
      allowStatements: text(body, 'allowStatements'),
    };
    const { consultation, conversation } = await facilitation.manage(
      request.actor,
      request.params.slug,
    );
    try {
      await facilitation.configure(request.actor, request.params.slug, {
        ...values,
        allowGuests: values.allowGuests === 'yes',
        allowStatements: values.allowStatements === 'yes',
      });
    } catch (error) {
      const state = failedForm(error, values);
      return sendPage(
        reply,
        <SettingsPage
          ctx={viewContext(request, reply)}
          consultation={consultation}
          exists={conversation !== undefined}
          state={state}
        />,
        422,
      );
    }
    setFlash(reply, 'delib.flash.settingsSaved');
    return reply.redirect(`${base(request.params.slug)}/moderation`, 303);
  });

  app.get<SlugParams>(`${PREFIX}/moderation`, async (request, reply) => {
    const view = await facilitation.statements(request.actor, request.params.slug);
    return sendPage(
      reply,
      <ModerationPage ctx={viewContext(request, reply)} {...view} seedState={emptyForm} />,
    );
  });

  app.post<SlugParams>(`${PREFIX}/seed`, async (request, reply) => {
    const values = { statements: text(formBody(request), 'statements') };
    const view = await facilitation.statements(request.actor, request.params.slug);
    try {
      await facilitation.seedStatements(request.actor, request.params.slug, values.statements);
    } catch (error) {
      return sendPage(
        reply,
        <ModerationPage
          ctx={viewContext(request, reply)}
          {...view}
          seedState={failedForm(error, values)}
        />,
        422,
      );
    }
    setFlash(reply, 'delib.flash.seeded');
    return reply.redirect(`${base(request.params.slug)}/moderation`, 303);
  });

  app.post<{ Params: { slug: string; number: string } }>(
    `${PREFIX}/statements/:number/moderation`,
    async (request, reply) => {
      await facilitation.moderate(
        request.actor,
        request.params.slug,
        Number(request.params.number),
        text(formBody(request), 'decision'),
      );
      setFlash(reply, 'delib.flash.moderated');
      return reply.redirect(`${base(request.params.slug)}/moderation`, 303);
    },
  );

  app.get<{ Params: { slug: string; file: string } }>(
    `${PREFIX}/export/:file`,
    async (request, reply) => {
      const files = await facilitation.exportForFacilitator(request.actor, request.params.slug);
      if (!(POLIS_FILES as readonly string[]).includes(request.params.file))
        throw NotFoundError('file');
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${request.params.file}"`)
        .send(files[request.params.file as PolisFile]);
    },
  );
};
