// Abuse and fairness limits on writes (and on searches): a route names the limits it counts
// against in its `config.limits`, and one preHandler hook — after the session and CSRF checks,
// before the handler — adds the request to each limit's per-account and per-client windows in
// the shared database. Past a limit the request is refused with 429 and Retry-After before the
// handler runs, so nothing of it is written and no mail leaves.
//
// Cost: routes that name no limit (votes, every page read) pay one property read; a limited
// request pays one statement (src/db/rate-limits.ts `addAll`), however many rules it meets.
//
// Privacy: as for the sign-in limit (rate-limit-store.ts), only an HMAC under the instance
// secret of the limit, the scope and the account id or client key (client-address.ts) reaches
// the database.
// When the database cannot count, the request fails closed with 503, for the same reasons.
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LimitName, LimitRule, LimitScope, LimitsConfig } from '../config/limits.ts';
import type { ActorUser } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { RateLimitCounters } from '../db/rate-limits.ts';
import { RateLimitedError, UnavailableError } from '../shared/errors.ts';
import { clientKey } from './client-address.ts';

export interface LimitUse {
  name: LimitName;
  /** The organisation the request acts for, counted against the `organisation` windows. */
  organisation?: (request: FastifyRequest) => string | undefined;
  /** How much this request uses (default 1); a use of 0 is not counted. */
  amount?: (request: FastifyRequest) => number;
  /** Whether this request counts at all (default: always). */
  when?: (request: FastifyRequest) => boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The abuse limits this route counts against (src/http/abuse-limits.ts). */
    limits?: LimitUse[];
  }
}

/** Route options that make a route count against the named limits. */
export function limitedBy(...uses: Array<LimitName | LimitUse>): {
  config: { limits: LimitUse[] };
} {
  return { config: { limits: uses.map((u) => (typeof u === 'string' ? { name: u } : u)) } };
}

interface Entry {
  key: string;
  windowMs: number;
  amount: number;
  max: number;
  name: LimitName;
}

/** An account younger than this, or with its address unconfirmed, also meets the `new-account` windows. */
const NEW_ACCOUNT_MS = 86_400_000;

export function abuseLimiter(
  counters: RateLimitCounters,
  rules: LimitsConfig['rules'],
  secret: string,
  clock: Clock,
) {
  // Each window of each scope counts under its own key: `10/1h,30/1d` is two counters.
  const hashKey = (name: string, scope: LimitScope, id: string, windowMs: number) =>
    createHmac('sha256', secret)
      .update(`polylogue abuse limit\u0000${name}\u0000${scope}\u0000${windowMs}\u0000${id}`)
      .digest('base64url');

  const isNew = (user: ActorUser) =>
    !user.emailConfirmed ||
    (user.createdAt !== undefined &&
      clock.now().getTime() - Date.parse(user.createdAt) < NEW_ACCOUNT_MS);

  /** Who the request counts as in each scope; a scope without a subject is not counted. */
  function subjects(
    request: FastifyRequest,
    use: LimitUse,
  ): Array<[LimitScope, string | undefined]> {
    const user = request.actor.user;
    return [
      ['account', user?.id],
      ['new-account', user && isNew(user) ? user.id : undefined],
      ['client', clientKey(request)],
      ['organisation', use.organisation?.(request)],
    ];
  }

  function entriesFor(request: FastifyRequest, uses: LimitUse[]): Entry[] {
    const entries: Entry[] = [];
    for (const use of uses) {
      if (use.when && !use.when(request)) continue;
      const amount = use.amount ? use.amount(request) : 1;
      if (amount <= 0) continue;
      for (const [scope, id] of subjects(request, use)) {
        if (id === undefined) continue;
        const windows: LimitRule[] = rules[use.name][scope];
        for (const w of windows)
          entries.push({
            key: hashKey(use.name, scope, id, w.windowMs),
            amount,
            name: use.name,
            ...w,
          });
      }
    }
    return entries;
  }

  return {
    /** Counts the request against `uses`; throws RateLimitedError past any of them. */
    async check(request: FastifyRequest, uses: LimitUse[]): Promise<void> {
      const entries = entriesFor(request, uses);
      if (entries.length === 0) return;
      let hits;
      try {
        hits = await counters.addAll(entries);
      } catch (error) {
        throw UnavailableError(error);
      }
      let exceeded: { name: LimitName; ttlMs: number } | undefined;
      entries.forEach((entry, i) => {
        const hit = hits[i];
        if (hit && hit.hits > entry.max && (!exceeded || hit.ttlMs > exceeded.ttlMs))
          exceeded = { name: entry.name, ttlMs: hit.ttlMs };
      });
      if (exceeded)
        throw RateLimitedError({
          name: exceeded.name,
          retryAfterSeconds: Math.max(1, Math.ceil(exceeded.ttlMs / 1000)),
        });
    },
  };
}

export type AbuseLimiter = ReturnType<typeof abuseLimiter>;

/** Registers the hook; call after the session and CSRF hooks so forged requests spend nothing. */
export function registerAbuseLimits(app: FastifyInstance, limiter: AbuseLimiter): void {
  app.addHook('preHandler', async (request) => {
    const uses = request.routeOptions.config.limits;
    if (uses) await limiter.check(request, uses);
  });
}
