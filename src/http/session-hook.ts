// Resolves who is asking (session cookie) and in which language, once per request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { negotiateLocale, translator } from '../i18n/i18n.ts';
import { anonymousActor, type Grant } from '../shared/actor.ts';
import { LOCALE_COOKIE, SESSION_COOKIE } from './request-context.ts';

/** What the hook needs to know of a signed-in user (the accounts feature provides it). */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  emailConfirmedAt: string | null;
  createdAt: string;
  locale: string | null;
}

export interface SessionHookDeps {
  accounts: {
    sessionActor(token: string): Promise<{ user: SessionUser; grants: Grant[] } | undefined>;
  };
  defaultLocale: Locale;
  secureCookies: boolean;
}

function queryLang(request: FastifyRequest): string | undefined {
  const q = request.query as Record<string, unknown> | undefined;
  return typeof q?.lang === 'string' ? q.lang : undefined;
}

export function registerSessionHook(app: FastifyInstance, deps: SessionHookDeps): void {
  app.decorateRequest('locale', 'en');
  app.decorateRequest('t', undefined as never);
  app.decorateRequest('actor', undefined as never);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('viaApiToken', false);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymousActor;
    let profileLocale: Locale | undefined;
    const token = request.cookies[SESSION_COOKIE];
    if (token && !request.url.startsWith('/assets/')) {
      // One query for the session, its user and their grants: every signed-in page pays for it.
      const found = await deps.accounts.sessionActor(token);
      if (found) {
        const { user, grants } = found;
        request.sessionToken = token;
        request.actor = {
          user: {
            id: user.id,
            email: user.email,
            displayName: user.displayName,
            emailConfirmed: user.emailConfirmedAt !== null,
            createdAt: user.createdAt,
          },
          grants,
        };
        if (isLocale(user.locale)) profileLocale = user.locale;
      }
    }
    // The URL wins (and the choice is remembered in a cookie), then that remembered choice, then
    // the language saved in the profile, then the browser's Accept-Language.
    const fromUrl = queryLang(request);
    const fromCookie = request.cookies[LOCALE_COOKIE];
    if (isLocale(fromUrl)) {
      request.locale = fromUrl;
      reply.setCookie(LOCALE_COOKIE, fromUrl, {
        path: '/',
        sameSite: 'lax',
        secure: deps.secureCookies,
        maxAge: 365 * 24 * 3600,
      });
    } else if (isLocale(fromCookie)) {
      request.locale = fromCookie;
    } else {
      request.locale =
        profileLocale ?? negotiateLocale(request.headers['accept-language'], deps.defaultLocale);
    }
    request.t = translator(request.locale);
  });
}
