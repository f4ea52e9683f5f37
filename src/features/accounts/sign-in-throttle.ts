// The per-account sign-in limit: after `failures` failed attempts on one address, sign-in to it
// pauses, for `lockMs` the first time and twice as long each time after within a day, never longer
// than `maxLockMs`. The per-client limit alone lets a botnet guess one account's password from
// many addresses; this one follows the account wherever the guesses come from.
//
// The owner is never shut out for good: a pause is bounded, and a password reset (which works
// while sign-in is paused) lifts it. Unknown addresses are counted like registered ones, so a
// pause says nothing about whether an account exists. Counted in the shared rate-limit table, so
// every instance sees one count; the keys are keyed hashes of the address, never the address.
import { createHmac } from 'node:crypto';
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

export function signInThrottle(counters: RateLimitCounters, secret: string, settings: SignInLimitSettings) {
  const keys = (email: string) => {
    const hash = (kind: string) => createHmac('sha256', secret).update(`polylogue account sign-in\u0000${kind}\u0000${email}`).digest('base64url');
    return { failures: hash('failures'), pauses: hash('pauses'), paused: hash('paused') };
  };

  return {
    /** Milliseconds until sign-in to `email` (normalised) opens again; 0 when it is open. */
    async pausedFor(email: string): Promise<number> {
      return (await counters.peek(keys(email).paused))?.ttlMs ?? 0;
    },

    /** Counts a failed attempt; the attempt that reaches the limit starts a pause. */
    async recordFailure(email: string): Promise<void> {
      const k = keys(email);
      const { hits } = await counters.hit(k.failures, FAILURE_WINDOW_MS);
      if (hits < settings.failures) return;
      const { hits: pauses } = await counters.hit(k.pauses, ESCALATION_WINDOW_MS);
      const lockMs = Math.min(settings.maxLockMs, settings.lockMs * 2 ** Math.min(pauses - 1, 30));
      // The paused window was closed (attempts are refused while it is open), so this hit opens a
      // fresh one of exactly lockMs; the next pause needs `failures` new failures.
      await counters.clear([k.failures, k.paused]);
      await counters.hit(k.paused, lockMs);
    },

    /** The owner proved themselves (signed in, or reset the password): the count starts over. */
    async clear(email: string): Promise<void> {
      const k = keys(email);
      await counters.clear([k.failures, k.pauses, k.paused]);
    },
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
