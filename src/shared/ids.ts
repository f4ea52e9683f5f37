// Identifiers and secret tokens.
import { createHash, randomBytes } from 'node:crypto';

/** A time-sortable id: 10 base-36 characters of milliseconds, then 12 random ones. */
export function newId(): string {
  const time = Date.now().toString(36).padStart(10, '0');
  const random = randomBytes(8).readBigUInt64BE().toString(36).padStart(12, '0').slice(0, 12);
  return time + random;
}

/** A secret for links and sessions: 32 random bytes, URL-safe. Only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
