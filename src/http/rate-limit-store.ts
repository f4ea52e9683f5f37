// The @fastify/rate-limit store: counts in the database every app instance shares (see
// src/db/rate-limits.ts) instead of in each process's memory, where N instances behind a load
// balancer would each grant the full limit and a restart would forget every count.
//
// Privacy: the limiter key is the client's address; only an HMAC of it under the instance SECRET
// (with the route) reaches the database, so the table cannot be read back into addresses, and a
// row lives no longer than its window plus the purge interval.
//
// When the database cannot count a hit, the request fails closed with 503 (not 429: the client did
// nothing wrong). Failing open would switch the brute-force protection off exactly when an attacker
// can cause it — a flood that makes SQLite's writer wait past its busy timeout, or exhausts the
// PostgreSQL pool. Failing closed cannot lock anyone out beyond the failure itself: a failed hit
// writes nothing, so when the database answers again the counts are what they were; and the
// limited routes (sign-in, sign-up, password reset) need the database anyway, so while it is
// unreachable they could not have succeeded.
import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitCounters } from '../db/rate-limits.ts';
import { UnavailableError } from '../shared/errors.ts';

/** What @fastify/rate-limit passes to `child`: the route's merged limit settings and the route. */
interface RouteLimitSettings {
  routeInfo?: { method?: string | string[]; url?: string };
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
}

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

export function sharedRateLimitStore(
  counters: RateLimitCounters,
  secret: string,
): FastifyRateLimitStoreCtor {
  const hashKey = (scope: string, key: string) =>
    createHmac('sha256', secret)
      .update(`polylogue rate limit\u0000${scope}\u0000${key}`)
      .digest('base64url');

  class SharedRateLimitStore implements FastifyRateLimitStore {
    // Each limited route counts on its own, as the in-memory store does (one child per route).
    constructor(
      _settings: unknown,
      private readonly scope = 'global',
    ) {}

    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      counters.hit(hashKey(this.scope, key), timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: unknown) => callback(UnavailableError(error)),
      );
    }

    child(settings: unknown): FastifyRateLimitStore {
      const { routeInfo, continueExceeding, exponentialBackoff } = settings as RouteLimitSettings;
      if (continueExceeding || exponentialBackoff)
        throw new Error(
          'the shared rate-limit store supports neither continueExceeding nor exponentialBackoff',
        );
      const scope = routeInfo?.url
        ? `${[routeInfo.method ?? ''].flat().join(',')} ${routeInfo.url}`
        : this.scope;
      return new SharedRateLimitStore(settings, scope);
    }
  }
  return SharedRateLimitStore;
}
