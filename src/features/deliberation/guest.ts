// Guests are pseudonymous participants: a random key in a signed, HTTP-only cookie is all that
// ties a browser to its votes. The database keeps only the key's hash.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecretToken } from '../../shared/ids.ts';

export const GUEST_COOKIE = 'guest';
const YEAR = 365 * 24 * 3600;

export function guestKey(request: FastifyRequest): string | null {
  const raw = request.cookies[GUEST_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/** The guest key of this browser, created (and set in the cookie) on first use. */
export function ensureGuestKey(
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): string {
  const existing = guestKey(request);
  if (existing) return existing;
  const key = newSecretToken();
  reply.setCookie(GUEST_COOKIE, key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    secure,
    maxAge: YEAR,
  });
  return key;
}
