// The view model every page receives: language, translator, who is signed in, the CSRF token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../i18n/locales.ts';
import { direction } from '../i18n/locales.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';
import { isInstanceAdmin, type ActorUser } from '../shared/actor.ts';
import { FLASH_COOKIE } from './request-context.ts';
import { catalogs } from '../i18n/i18n.ts';

export interface ViewContext {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  user: ActorUser | null;
  isAdmin: boolean;
  csrfToken: string;
  /** Path and query of the current page, for the language switcher. */
  path: string;
  flash: string | null;
}

// Contexts whose page asked for a CSRF token: that page belongs to one visitor.
const tokenIssued = new WeakSet<ViewContext>();

/** Whether rendering with this context put a CSRF token in the page (so it may not be shared). */
export function issuedCsrfToken(ctx: ViewContext): boolean {
  return tokenIssued.has(ctx);
}

export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  const raw = request.cookies[FLASH_COOKIE];
  let flash: string | null = null;
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value && unsigned.value in catalogs.en)
      flash = request.t(unsigned.value as MessageKey);
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
  }
  let csrfToken: string | undefined;
  const ctx: ViewContext = {
    locale: request.locale,
    dir: direction(request.locale),
    t: request.t,
    user: request.actor.user,
    isAdmin: isInstanceAdmin(request.actor),
    // Made when a form asks for it: a page without forms sets no CSRF cookie, and a visitor's
    // existing secret is reused (generateCsrf keeps the cookie it finds).
    get csrfToken() {
      tokenIssued.add(ctx);
      return (csrfToken ??= reply.generateCsrf());
    },
    path: request.url,
    flash,
  };
  return ctx;
}

/**
 * The context for rendering a part shared by every reader of a page (src/http/fragment-cache.ts):
 * language only. It knows nobody, so nothing personal can be rendered into what others receive,
 * and asking it for a CSRF token is a programming error.
 */
export function sharedViewContext(request: FastifyRequest): ViewContext {
  return {
    locale: request.locale,
    dir: direction(request.locale),
    t: request.t,
    user: null,
    isAdmin: false,
    get csrfToken(): string {
      throw new Error('a part shared between readers cannot hold a CSRF token');
    },
    path: '',
    flash: null,
  };
}

/** Shows a one-line confirmation on the next page (after a redirect). */
export function setFlash(reply: FastifyReply, key: MessageKey): void {
  reply.setCookie(FLASH_COOKIE, key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: 60,
  });
}
