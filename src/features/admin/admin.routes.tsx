// Administration pages and the first administrator's setup page.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, secret, text } from '../../http/form-body.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { AppError } from '../../shared/errors.ts';
import { requireInstanceAdmin } from './admin.policy.ts';
import type { AdminService } from './admin.service.ts';
import { AdminHomePage, OutboxPage, RolesPage, SetupPage } from './admin.views.tsx';

type TokenParams = { Params: { token: string } };

export const adminRoutes: FastifyPluginAsync<{
  admin: AdminService;
  mailerKind: 'smtp' | 'outbox';
}> = async (app, { admin, mailerKind }) => {
  async function showRoles(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) {
    const grants = await admin.listGrants(request.actor);
    return sendPage(
      reply,
      <RolesPage ctx={viewContext(request, reply)} grants={grants} state={state} />,
      status,
    );
  }

  app.get('/admin', async (request, reply) => {
    requireInstanceAdmin(request.actor);
    return sendPage(
      reply,
      <AdminHomePage ctx={viewContext(request, reply)} mailerKind={mailerKind} />,
    );
  });

  app.get('/admin/outbox', async (request, reply) => {
    const mails = await admin.listOutbox(request.actor);
    return sendPage(
      reply,
      <OutboxPage ctx={viewContext(request, reply)} mails={mails} mailerKind={mailerKind} />,
    );
  });

  app.get('/admin/roles', async (request, reply) => showRoles(request, reply, emptyForm));

  app.post('/admin/roles', async (request, reply) => {
    const body = formBody(request);
    const values = {
      email: text(body, 'email'),
      role: text(body, 'role'),
      scopeType: text(body, 'scopeType'),
      scopeId: text(body, 'scopeId'),
    };
    try {
      await admin.grantRole(request.actor, values);
    } catch (error) {
      return showRoles(request, reply, failedForm(error, values), 422);
    }
    setFlash(reply, 'flash.roleGranted');
    return reply.redirect('/admin/roles', 303);
  });

  app.post('/admin/roles/revoke', async (request, reply) => {
    const body = formBody(request);
    await admin.revokeRole(request.actor, {
      userId: text(body, 'userId'),
      role: text(body, 'role'),
      scopeType: text(body, 'scopeType'),
      scopeId: text(body, 'scopeId'),
    });
    setFlash(reply, 'flash.roleRevoked');
    return reply.redirect('/admin/roles', 303);
  });

  app.get<TokenParams>('/setup/:token', async (request, reply) => {
    if (!(await admin.isSetupTokenValid(request.params.token)))
      throw new AppError('link_invalid', 'setup link invalid');
    return sendPage(
      reply,
      <SetupPage
        ctx={viewContext(request, reply)}
        state={emptyForm}
        token={request.params.token}
      />,
    );
  });

  app.post<TokenParams>('/setup/:token', async (request, reply) => {
    const body = formBody(request);
    const values = { displayName: text(body, 'displayName'), email: text(body, 'email') };
    try {
      await admin.completeSetup(request.params.token, {
        ...values,
        password: secret(body, 'password'),
        locale: request.locale,
      });
    } catch (error) {
      return sendPage(
        reply,
        <SetupPage
          ctx={viewContext(request, reply)}
          state={failedForm(error, values)}
          token={request.params.token}
        />,
        422,
      );
    }
    setFlash(reply, 'flash.setupDone');
    return reply.redirect('/account/sign-in?next=/admin', 303);
  });
};
