// Organisation pages.
import type { FastifyPluginAsync } from 'fastify';
import { limitedBy } from '../../http/abuse-limits.ts';
import { failedForm, formBody, optional, text } from '../../http/form-body.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { requireUser } from '../accounts/index.ts';
import type { OrganisationsService } from './organisations.service.ts';
import {
  InvitationPage,
  MyOrganisationsPage,
  NewOrganisationPage,
  OrganisationPage,
} from './organisations.views.tsx';

type SlugParams = { Params: { slug: string } };

export const organisationsRoutes: FastifyPluginAsync<{
  organisations: OrganisationsService;
}> = async (app, { organisations }) => {
  app.get('/organisations', async (request, reply) => {
    requireUser(request.actor);
    return sendPage(
      reply,
      <MyOrganisationsPage
        ctx={viewContext(request, reply)}
        organisations={await organisations.myOrganisations(request.actor)}
      />,
    );
  });

  app.get('/organisations/new', async (request, reply) => {
    requireUser(request.actor);
    return sendPage(
      reply,
      <NewOrganisationPage ctx={viewContext(request, reply)} state={emptyForm} />,
    );
  });

  app.post('/organisations/new', async (request, reply) => {
    requireUser(request.actor);
    const body = formBody(request);
    const values = {
      name: text(body, 'name'),
      stakeholderGroup: text(body, 'stakeholderGroup'),
      country: optional(body, 'country'),
      website: optional(body, 'website'),
      description: text(body, 'description'),
    };
    try {
      const org = await organisations.createOrganisation(request.actor, values);
      setFlash(reply, 'flash.organisationCreated');
      return reply.redirect(`/organisations/${org.slug}`, 303);
    } catch (error) {
      const state = failedForm(error, {
        ...values,
        country: values.country ?? '',
        website: values.website ?? '',
      });
      return sendPage(
        reply,
        <NewOrganisationPage ctx={viewContext(request, reply)} state={state} />,
        422,
      );
    }
  });

  app.get<SlugParams>('/organisations/:slug', async (request, reply) => {
    const view = await organisations.viewOrganisation(request.actor, request.params.slug);
    return sendPage(
      reply,
      <OrganisationPage ctx={viewContext(request, reply)} view={view} inviteState={emptyForm} />,
    );
  });

  app.post<SlugParams>(
    '/organisations/:slug/invitations',
    limitedBy({
      name: 'invitations',
      organisation: (request) => (request.params as { slug: string }).slug,
    }),
    async (request, reply) => {
      requireUser(request.actor);
      const body = formBody(request);
      const values = { email: text(body, 'email'), role: text(body, 'role') };
      try {
        await organisations.inviteMember(request.actor, request.params.slug, values);
      } catch (error) {
        const view = await organisations.viewOrganisation(request.actor, request.params.slug);
        return sendPage(
          reply,
          <OrganisationPage
            ctx={viewContext(request, reply)}
            view={view}
            inviteState={failedForm(error, values)}
          />,
          422,
        );
      }
      setFlash(reply, 'flash.invitationSent');
      return reply.redirect(`/organisations/${request.params.slug}`, 303);
    },
  );

  app.post<{ Params: { slug: string; userId: string } }>(
    '/organisations/:slug/members/:userId/remove',
    async (request, reply) => {
      requireUser(request.actor);
      await organisations.removeMember(request.actor, request.params.slug, request.params.userId);
      setFlash(reply, 'flash.memberRemoved');
      return reply.redirect(`/organisations/${request.params.slug}`, 303);
    },
  );

  app.get<{ Params: { token: string } }>('/invitations/:token', async (request, reply) => {
    const invitation = await organisations.viewInvitation(request.params.token);
    return sendPage(
      reply,
      <InvitationPage
        ctx={viewContext(request, reply)}
        invitation={invitation}
        token={request.params.token}
      />,
    );
  });

  app.post<{ Params: { token: string } }>('/invitations/:token', async (request, reply) => {
    requireUser(request.actor);
    const slug = await organisations.acceptInvitation(request.actor, request.params.token);
    setFlash(reply, 'flash.invitationAccepted');
    return reply.redirect(`/organisations/${slug}`, 303);
  });
};
