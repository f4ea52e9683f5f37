// Signed cookies (the CSRF secret, a guest's key) are checked on nearly every request, each check
// an HMAC. The answer for a given signed value never changes while the secret stays the same, so
// recent answers are kept: a cookie sent again is recognised without recomputing its HMAC. The
// cache holds only what the browser sent and whether it verified; it is bounded, and a restart
// (or a new SECRET) simply starts it empty.
import { Signer, type UnsignResult } from '@fastify/cookie';
import { LRUCache } from 'lru-cache';

export function cachedCookieSigner(secret: string) {
  const signer = new Signer(secret, 'sha256');
  const known = new LRUCache<string, UnsignResult>({ max: 20_000 });
  return {
    sign: (value: string): string => signer.sign(value),
    unsign(signedValue: string): UnsignResult {
      let result = known.get(signedValue);
      if (!result) {
        result = signer.unsign(signedValue);
        known.set(signedValue, result);
      }
      return { ...result };
    },
  };
}
