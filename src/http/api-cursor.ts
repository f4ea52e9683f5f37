// Opaque pagination cursors for the API. A cursor holds the sort key of the last item served, and
// for submissions that key is a precise timestamp, which under the Chatham House rule must never
// reach the public: so every cursor is sealed (AES-256-GCM) with a key derived from the instance
// secret. Clients cannot read or forge them; a tampered or foreign cursor is a 400.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../shared/errors.ts';

export interface CursorCodec {
  seal(value: unknown): string;
  /** The sealed value, or undefined when no cursor was given; throws `cursor_invalid` on garbage. */
  open<T>(cursor: string | undefined, isValid: (value: unknown) => value is T): T | undefined;
}

const invalidCursor = () =>
  new AppError('cursor_invalid', 'the cursor is not one this server issued', {
    fields: { cursor: 'api.invalidValue' },
  });

export function cursorCodec(secret: string): CursorCodec {
  const key = createHash('sha256').update(`polylogue api cursor\u0000${secret}`).digest();
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(cursor, isValid) {
      if (cursor === undefined || cursor === '') return undefined;
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length < 29) throw invalidCursor();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const value: unknown = JSON.parse(
          Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
        );
        if (isValid(value)) return value;
      } catch {
        // Falls through: a wrong tag or bad JSON is the same client error as a wrong shape.
      }
      throw invalidCursor();
    },
  };
}

/** Pages an in-memory list (processes, consultations: short lists) by position. */
export function pageOfList<T>(
  items: T[],
  codec: CursorCodec,
  query: { limit: number; cursor?: string | undefined },
): { data: T[]; nextCursor: string | null } {
  const start =
    codec.open(
      query.cursor,
      (v): v is { offset: number } =>
        typeof v === 'object' &&
        v !== null &&
        Number.isInteger((v as { offset?: unknown }).offset) &&
        (v as { offset: number }).offset >= 0,
    )?.offset ?? 0;
  const data = items.slice(start, start + query.limit);
  const next = start + data.length;
  return { data, nextCursor: next < items.length ? codec.seal({ offset: next }) : null };
}
