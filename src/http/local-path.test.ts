import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { localPath } from './local-path.ts';

const ORIGIN = 'https://consult.example.org';
const FALLBACK = '/fallback';

/** What any answer of the parser must be: a plain path on the origin it is resolved against. */
function assertLocal(result: string): void {
  assert.ok(
    result.startsWith('/') && !result.startsWith('//') && !result.startsWith('/\\'),
    result,
  );
  assert.ok(
    /^[\x21-\x7e]+$/.test(result),
    `printable ASCII only, fit for a Location header: ${JSON.stringify(result)}`,
  );
  assert.equal(new URL(result, ORIGIN).origin, ORIGIN, result);
}

const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
const plainPath = fc
  .array(segment, { minLength: 1, maxLength: 5 })
  .map((parts) => `/${parts.join('/')}`)
  .filter((p) => !p.split('/').some((s) => s === '.' || s === '..'));
const dangerous = fc.constantFrom(
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u000c',
  '\u0000',
  ' ',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\\',
  '%09',
  '%0A',
  '%0D',
  '%0B',
  '%E3%80%80',
  '%5C',
  '%2F',
  '%252F%252F',
);

describe('local redirect targets', () => {
  test('when the input is anything at all, then the answer is a path on this site and nothing throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.webUrl(),
          fc.string().map((s) => `/${s}`),
          fc.string().map((s) => `//${s}`),
        ),
        (input) => {
          assertLocal(localPath(input, FALLBACK));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('when the input is a plain local path, then it comes back unchanged', () => {
    fc.assert(fc.property(plainPath, (path) => assert.equal(localPath(path, FALLBACK), path)));
  });

  test('when a control character, a space of any kind, a backslash or a second slash hides anywhere in a path, then the fallback is used', () => {
    fc.assert(
      fc.property(plainPath, dangerous, fc.nat(), (path, bad, at) => {
        // A %2F alone is a legitimate encoded slash unless it forms a `//`.
        const position = bad === '%2F' ? 1 : 1 + (at % path.length);
        const input =
          bad === '%2F'
            ? `/${bad}${path.slice(1)}`
            : path.slice(0, position) + bad + path.slice(position);
        assert.equal(localPath(input, FALLBACK), FALLBACK, JSON.stringify(input));
      }),
    );
  });

  test('when the probe’s examples are given, then each falls back', () => {
    for (const input of [
      '/\t/evil.example',
      '/%09/evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      '/\u000b/evil.example',
      '/\u3000/evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%2F/evil.example',
      '/.%2F%2Fevil.example',
      '/%',
      '',
      42,
      undefined,
    ]) {
      assert.equal(localPath(input, FALLBACK), FALLBACK, JSON.stringify(input));
    }
    assert.equal(localPath('/consultations/a-b?tab=2#c'), '/consultations/a-b?tab=2#c');
    assert.equal(
      localPath('/caf\u00e9'),
      '/caf%C3%A9',
      'non-ASCII letters are encoded, not refused',
    );
  });
});
