// /account/tokens: a profile sub-page to create (shown once), list and revoke personal API tokens.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, secret, text } from '../../http/form-body.ts';
import type { FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { DEFAULT_TOKEN_LIFETIME_DAYS, type ApiTokensService } from './api-tokens.service.ts';
import { AppError } from '../../shared/errors.ts';
import { DEVICE_COOKIE } from '../accounts/index.ts';
import { TokensPage } from './api-tokens.views.tsx';

export interface ApiTokensRoutesOptions {
  apiTokens: ApiTokensService;
  /** Creating a token checks the password: limited like sign-in. */
  authRateLimit: { max: number; timeWindow: string };
}

const newTokenForm: FormState = {
  values: { scope: 'read', expiresInDays: String(DEFAULT_TOKEN_LIFETIME_DAYS) },
  errors: {},
};

export const apiTokensRoutes: FastifyPluginAsync<ApiTokensRoutesOptions> = async (
  app,
  { apiTokens, authRateLimit },
) => {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
    created?: { name: string; token: string },
  ) {
    const tokens = await apiTokens.listTokens(request.actor);
    return sendPage(
      reply,
      <TokensPage
        ctx={viewContext(request, reply)}
        tokens={tokens}
        state={state}
        created={created}
      />,
      status,
    );
  }

  app.get('/account/tokens', async (request, reply) => show(request, reply, newTokenForm));

  // Answers with the page itself (not a redirect): the clear-text token must never travel in a URL
  // or a cookie, and sendPage marks the response no-store.
  app.post('/account/tokens', { config: { rateLimit: authRateLimit } }, async (request, reply) => {
    const body = formBody(request);
    const values = {
      name: text(body, 'name'),
      scope: text(body, 'scope'),
      expiresInDays: text(body, 'expiresInDays'),
    };
    try {
      const { token, record } = await apiTokens.createToken(request.actor, {
        ...values,
        expiresInDays: Number(values.expiresInDays),
        password: secret(body, 'password'),
        deviceCookie: request.cookies[DEVICE_COOKIE],
      });
      return await show(request, reply, newTokenForm, 200, { name: record.name, token });
    } catch (error) {
      const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return show(
        request,
        reply,
        failedForm(error, values),
        error instanceof AppError ? error.status : 422,
      );
    }
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', async (request, reply) => {
    await apiTokens.revokeToken(request.actor, request.params.id);
    setFlash(reply, 'api.tokens.revokedFlash');
    return reply.redirect('/account/tokens', 303);
  });
};
