// The one parser for redirect targets a request names (`?next=`): only a path on this site comes
// out; anything else — another origin, a scheme, a protocol-relative `//host`, a `/\host` that
// browsers read as one, or characters browsers strip or reinterpret before resolving — gives the
// fallback. Browsers drop tabs and newlines from URLs (`/\t/host` becomes `//host`), and a
// control or non-Latin-1 character in a Location header makes Node refuse to send the response,
// so these are refused rather than passed on.

/** Controls, invisible format characters (zero-width, bidi), every kind of space, and backslashes. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;
const MAX_LENGTH = 2048;
const DECODE_ROUNDS = 3;
// Any origin works: the question is only whether the target stays on the origin it is resolved against.
const PROBE = 'http://polylogue.invalid';

function isPlainPath(form: string): boolean {
  return (
    form.startsWith('/') && !form.startsWith('//') && !form.includes('//') && !FORBIDDEN.test(form)
  );
}

/** The value and what it becomes when percent-decoded (again and again); undefined when it does not decode. */
function decodedForms(value: string): string[] | undefined {
  const forms = [value];
  let current = value;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return forms;
    forms.push(next);
    current = next;
  }
  // Still changing after several rounds: nobody encodes a path this way but an attacker.
  return undefined;
}

/**
 * A safe local redirect target: a path on this site (with its query and fragment), re-serialised so
 * it is ASCII and fit for a Location header; `fallback` for anything else.
 */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return fallback;
  const forms = decodedForms(value);
  if (!forms?.every(isPlainPath)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return isPlainPath(path) ? path : fallback;
}
