// Identifiers and secret tokens.
import { createHash, randomBytes } from 'node:crypto';

/**
 * A random id of 20 base-36 characters (about 103 bits). Deliberately not time-ordered: ids
 * appear in public URLs, feeds and exports, and a creation time finer than the day could tell
 * who wrote a submission under the Chatham House rule.
 */
export function newId(): string {
  const bytes = randomBytes(16);
  const high = bytes.readBigUInt64BE(0).toString(36).padStart(13, '0');
  const low = bytes.readBigUInt64BE(8).toString(36).padStart(13, '0');
  return (high + low).slice(0, 20);
}

/** A secret for links and sessions: 32 random bytes, URL-safe. Only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
