// Account pages. Each handler: parse → call the service → render or redirect.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { failedForm, formBody, list, optional, secret, text } from '../../http/form-body.ts';
import { localPath } from '../../http/local-path.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { sendPage } from '../../http/render.ts';
import { SESSION_COOKIE } from '../../http/request-context.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import { AppError } from '../../shared/errors.ts';
import { requireUser } from './accounts.policy.ts';
import type { AccountsService } from './accounts.service.ts';
import { SESSION_DAYS, type Browser, type SignedIn } from './accounts.service.ts';
import {
  ConfirmPage,
  ForgotPage,
  MessagePage,
  ProfilePage,
  RegisterPage,
  ResetPage,
  SignInPage,
} from './accounts.views.tsx';

export interface AccountsRoutesOptions {
  accounts: AccountsService;
  secureCookies: boolean;
  authRateLimit: { max: number; timeWindow: string };
}

type TokenParams = { Params: { token: string } };

/** The device cookie: recognises a browser that proved itself for an account (sign-in-throttle.ts). */
export const DEVICE_COOKIE = 'did';
const DEVICE_DAYS = 365;

export function browserOf(request: FastifyRequest): Browser {
  return {
    userAgent: request.headers['user-agent'] ?? null,
    deviceCookie: request.cookies[DEVICE_COOKIE],
  };
}

export const accountsRoutes: FastifyPluginAsync<AccountsRoutesOptions> = async (
  app,
  { accounts, secureCookies, authRateLimit },
) => {
  const limited = { config: { rateLimit: authRateLimit } };

  async function profileState(request: FastifyRequest): Promise<FormState> {
    const user = await accounts.findUser(requireUser(request.actor).id);
    if (!user) throw new AppError('unauthenticated', 'session user is gone');
    return {
      values: {
        displayName: user.displayName,
        stakeholderGroup: user.stakeholderGroup ?? '',
        country: user.country ?? '',
        languages: user.languages.join(', '),
        locale: user.locale ?? '',
        gender: user.gender ?? '',
        ageBand: user.ageBand ?? '',
        disability: user.disability ?? '',
      },
      errors: {},
    };
  }

  function startSession(reply: FastifyReply, signedIn: SignedIn): void {
    reply.setCookie(SESSION_COOKIE, signedIn.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: SESSION_DAYS * 24 * 3600,
    });
    reply.setCookie(DEVICE_COOKIE, signedIn.deviceCookie, {
      path: '/account',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: DEVICE_DAYS * 24 * 3600,
    });
  }

  function showProfile(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    passwordState: FormState,
    status = 200,
  ) {
    return sendPage(
      reply,
      <ProfilePage ctx={viewContext(request, reply)} state={state} passwordState={passwordState} />,
      status,
    );
  }

  app.get('/account/register', async (request, reply) =>
    sendPage(reply, <RegisterPage ctx={viewContext(request, reply)} state={emptyForm} />),
  );

  app.post('/account/register', limited, async (request, reply) => {
    const body = formBody(request);
    const values = { displayName: text(body, 'displayName'), email: text(body, 'email') };
    try {
      await accounts.register({
        ...values,
        password: secret(body, 'password'),
        locale: request.locale,
      });
    } catch (error) {
      return sendPage(
        reply,
        <RegisterPage ctx={viewContext(request, reply)} state={failedForm(error, values)} />,
        422,
      );
    }
    return sendPage(
      reply,
      <MessagePage
        ctx={viewContext(request, reply)}
        title="account.register.doneTitle"
        body="account.register.doneBody"
      />,
    );
  });

  app.get<TokenParams>('/account/confirm/:token', async (request, reply) =>
    sendPage(reply, <ConfirmPage ctx={viewContext(request, reply)} token={request.params.token} />),
  );

  app.post<TokenParams>('/account/confirm/:token', async (request, reply) => {
    await accounts.confirmEmail(request.params.token);
    return sendPage(
      reply,
      <MessagePage
        ctx={viewContext(request, reply)}
        title="account.confirm.doneTitle"
        body="account.confirm.doneBody"
        link={{ href: '/account/sign-in', label: 'nav.signIn' }}
      />,
    );
  });

  app.get<{ Querystring: { next?: string } }>('/account/sign-in', async (request, reply) =>
    sendPage(
      reply,
      <SignInPage
        ctx={viewContext(request, reply)}
        state={emptyForm}
        next={localPath(request.query.next)}
      />,
    ),
  );

  app.post<{ Querystring: { next?: string } }>(
    '/account/sign-in',
    limited,
    async (request, reply) => {
      const body = formBody(request);
      const values = { email: text(body, 'email') };
      const next = localPath(request.query.next);
      try {
        startSession(
          reply,
          await accounts.signIn({
            email: values.email,
            password: secret(body, 'password'),
            ...browserOf(request),
          }),
        );
        setFlash(reply, 'flash.signedIn');
        return reply.redirect(next, 303);
      } catch (error) {
        const state = failedForm(error, values);
        const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
        if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
        return sendPage(
          reply,
          <SignInPage ctx={viewContext(request, reply)} state={state} next={next} />,
          error instanceof AppError ? error.status : 422,
        );
      }
    },
  );

  app.post('/account/sign-out', async (request, reply) => {
    if (request.sessionToken) await accounts.signOut(request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setFlash(reply, 'flash.signedOut');
    return reply.redirect('/', 303);
  });

  app.post('/account/sign-out-everywhere', async (request, reply) => {
    await accounts.signOutEverywhere(requireUser(request.actor).id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setFlash(reply, 'flash.signedOutEverywhere');
    return reply.redirect('/', 303);
  });

  app.get('/account/forgot', async (request, reply) =>
    sendPage(reply, <ForgotPage ctx={viewContext(request, reply)} state={emptyForm} />),
  );

  app.post('/account/forgot', limited, async (request, reply) => {
    const values = { email: text(formBody(request), 'email') };
    try {
      await accounts.requestPasswordReset(values.email);
    } catch (error) {
      return sendPage(
        reply,
        <ForgotPage ctx={viewContext(request, reply)} state={failedForm(error, values)} />,
        422,
      );
    }
    return sendPage(
      reply,
      <MessagePage
        ctx={viewContext(request, reply)}
        title="account.forgot.doneTitle"
        body="account.forgot.doneBody"
      />,
    );
  });

  app.get<TokenParams>('/account/reset/:token', async (request, reply) => {
    if (!(await accounts.isResetTokenValid(request.params.token)))
      throw new AppError('link_invalid', 'reset link invalid or expired');
    return sendPage(
      reply,
      <ResetPage
        ctx={viewContext(request, reply)}
        state={emptyForm}
        token={request.params.token}
      />,
    );
  });

  app.post<TokenParams>('/account/reset/:token', limited, async (request, reply) => {
    let signedIn: SignedIn;
    try {
      signedIn = await accounts.resetPassword(
        request.params.token,
        secret(formBody(request), 'password'),
        browserOf(request),
      );
    } catch (error) {
      return sendPage(
        reply,
        <ResetPage
          ctx={viewContext(request, reply)}
          state={failedForm(error, {})}
          token={request.params.token}
        />,
        422,
      );
    }
    // Signed in at once: a pause that guesses from elsewhere caused cannot keep the owner out.
    startSession(reply, signedIn);
    setFlash(reply, 'protection.passwordResetSignedIn');
    return reply.redirect('/account/profile', 303);
  });

  app.get('/account/profile', async (request, reply) =>
    showProfile(request, reply, await profileState(request), emptyForm),
  );

  app.post('/account/profile', async (request, reply) => {
    const user = requireUser(request.actor);
    const body = formBody(request);
    const fields = {
      displayName: text(body, 'displayName'),
      stakeholderGroup: optional(body, 'stakeholderGroup'),
      country: optional(body, 'country'),
      languages: list(body, 'languages')
        .flatMap((v) => v.split(/[\s,]+/))
        .map((l) => l.toLowerCase())
        .filter(Boolean),
      locale: optional(body, 'locale'),
      gender: optional(body, 'gender'),
      ageBand: optional(body, 'ageBand'),
      disability: optional(body, 'disability'),
    };
    try {
      await accounts.updateProfile(user.id, fields);
    } catch (error) {
      const values = Object.fromEntries(
        Object.entries({ ...fields, languages: fields.languages.join(', ') }).map(([k, v]) => [
          k,
          v ?? '',
        ]),
      );
      return showProfile(request, reply, failedForm(error, values), emptyForm, 422);
    }
    setFlash(reply, 'flash.profileSaved');
    return reply.redirect('/account/profile', 303);
  });

  app.post('/account/password', async (request, reply) => {
    const user = requireUser(request.actor);
    const body = formBody(request);
    try {
      await accounts.changePassword(
        user.id,
        secret(body, 'currentPassword'),
        secret(body, 'newPassword'),
        request.sessionToken,
        browserOf(request).deviceCookie,
      );
    } catch (error) {
      const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return showProfile(
        request,
        reply,
        await profileState(request),
        failedForm(error, {}),
        error instanceof AppError ? error.status : 422,
      );
    }
    setFlash(reply, 'flash.passwordChanged');
    return reply.redirect('/account/profile', 303);
  });
};
