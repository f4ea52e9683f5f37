// The per-account password limit: after `failures` failed attempts on one address, password
// checks for it pause, for `lockMs` the first time and twice as long each time after within a
// day, never longer than `maxLockMs`. The per-client limit alone lets a botnet guess one account's
// password from many addresses; this one follows the account wherever the guesses come from.
// Every password check goes through it: sign-in, a password change, re-authentication for a token.
//
// An attempt is counted before the password is verified, in one statement, and forgiven when it
// succeeds: attempts beyond the allowance are refused unverified however many arrive together.
//
// The owner is never shut out for good (OWASP "device cookies"):
// - a browser that has proved itself for an address (signed in, or used a reset link) carries a
//   device cookie signed for that address; its attempts are counted apart from everyone else's,
//   so guesses from unknown browsers cannot pause it;
// - using a reset link signs the owner in at once and lifts the pause of unknown browsers;
// - reset links are not voided by asking for another (anyone may ask), and at most
//   RESET_MAILS_PER_HOUR go out per address an hour, so a flood of requests cannot bury them:
//   every link is valid for as long as the mail window lasts, so a refused request always leaves a
//   working link in the owner's mailbox. Using any link, or changing the password, voids them all.
//
// Unknown addresses are counted like registered ones, so a pause says nothing about whether an
// account exists. Counted in the shared rate-limit table, so every instance sees one count; the
// keys are keyed hashes of the address, never the address.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RateLimitCounters } from '../../db/rate-limits.ts';

export interface SignInLimitSettings {
  /** Failed attempts on one address that pause its sign-in. */
  failures: number;
  /** The first pause; each further pause within a day doubles it. */
  lockMs: number;
  /** The longest pause. */
  maxLockMs: number;
}

const FAILURE_WINDOW_MS = 60 * 60_000;
// How long earlier pauses count towards the length of the next one.
const ESCALATION_WINDOW_MS = 24 * 60 * 60_000;
export const RESET_MAILS_PER_HOUR = 3;
const RESET_MAIL_WINDOW_MS = 60 * 60_000;

/** One counted attempt: report its outcome once the password is verified. */
export type PasswordAttempt =
  { pausedMs: number } | { pausedMs: 0; succeeded(): Promise<void>; failed(): Promise<void> };

export function signInThrottle(
  counters: RateLimitCounters,
  secret: string,
  settings: SignInLimitSettings,
) {
  const mac = (...parts: string[]) =>
    createHmac('sha256', secret)
      .update(['polylogue account sign-in', ...parts].join('\u0000'))
      .digest('base64url');
  // `device` is the nonce of a recognised browser: its own counters; undefined for unknown ones.
  const keys = (email: string, device: string | undefined) => {
    const scope = device === undefined ? 'any' : `device\u0000${device}`;
    return { attempts: mac('attempts', scope, email), pauses: mac('pauses', scope, email) };
  };

  return {
    /**
     * Counts an attempt on `email` (normalised) before its password is checked. `pausedMs` > 0:
     * refused, do not verify. Otherwise verify, then call `succeeded` or `failed`.
     */
    async begin(email: string, device: string | undefined): Promise<PasswordAttempt> {
      const k = keys(email, device);
      const { hits, ttlMs } = await counters.hit(k.attempts, FAILURE_WINDOW_MS);
      // Until the attempt that used the last allowance has failed and set the pause, the window
      // still runs its hour: never announce more than the longest pause.
      if (hits > settings.failures)
        return { pausedMs: Math.max(1000, Math.min(ttlMs, settings.maxLockMs)) };
      return {
        pausedMs: 0,
        succeeded: () => counters.clear([k.attempts, k.pauses]),
        async failed() {
          if (hits < settings.failures) return;
          const { hits: pauses } = await counters.hit(k.pauses, ESCALATION_WINDOW_MS);
          const lockMs = Math.min(
            settings.maxLockMs,
            settings.lockMs * 2 ** Math.min(pauses - 1, 30),
          );
          // The window stays over the allowance until the pause ends, then opens afresh.
          await counters.set(k.attempts, settings.failures, lockMs);
        },
      };
    },

    /** The owner proved they hold the address (a reset link): unknown browsers may try again. */
    async clear(email: string): Promise<void> {
      const k = keys(email, undefined);
      await counters.clear([k.attempts, k.pauses]);
    },

    /** A new device cookie value for a browser that proved itself for `email`. */
    issueDevice(email: string): string {
      const nonce = randomBytes(16).toString('base64url');
      return `${nonce}.${mac('device cookie', email, nonce)}`;
    },

    /** The device nonce when `cookie` was issued for `email`; undefined otherwise. */
    deviceOf(email: string, cookie: string | undefined): string | undefined {
      const [nonce, signature, ...rest] = (cookie ?? '').split('.');
      if (!nonce || !signature || rest.length > 0) return undefined;
      const expected = Buffer.from(mac('device cookie', email, nonce));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected)
        ? nonce
        : undefined;
    },

    /** Counts a reset mail for `email`; false when the hour's allowance is spent. */
    async allowResetMail(email: string): Promise<boolean> {
      const { hits } = await counters.hit(mac('reset mails', email), RESET_MAIL_WINDOW_MS);
      return hits <= RESET_MAILS_PER_HOUR;
    },
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
