// What every request carries once the hooks ran: its language, translator and actor.
import type { Locale } from '../i18n/locales.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { Actor } from '../shared/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    actor: Actor;
    /** The raw session token from the cookie, when the request is signed in with one. */
    sessionToken: string | null;
    /** True when the request authenticated with an API token rather than a cookie. */
    viaApiToken: boolean;
  }
}

export const SESSION_COOKIE = 'sid';
export const LOCALE_COOKIE = 'locale';
export const FLASH_COOKIE = 'flash';
