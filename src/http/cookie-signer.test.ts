import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Signer } from '@fastify/cookie';
import fc from 'fast-check';
import { cachedCookieSigner } from './cookie-signer.ts';

const SECRET = 'a secret long enough for cookie signing tests';

test('when a signed cookie is checked twice, then the cached answer equals the HMAC check', () => {
  const cached = cachedCookieSigner(SECRET);
  const plain = new Signer(SECRET, 'sha256');
  fc.assert(
    fc.property(fc.string(), fc.string(), (value, junk) => {
      const signed = cached.sign(value);
      assert.equal(signed, plain.sign(value));
      for (const input of [signed, signed, `${signed}x`, junk, `${value}.${junk}`]) {
        assert.deepEqual(cached.unsign(input), plain.unsign(input), input);
      }
    }),
  );
});

test('when a caller changes an answer, then the next answer for that cookie is unchanged', () => {
  const cached = cachedCookieSigner(SECRET);
  const signed = cached.sign('guest-key');
  const first = cached.unsign(signed);
  (first as { value: string | null }).value = 'someone else';
  assert.equal(cached.unsign(signed).value, 'guest-key');
  assert.equal(cachedCookieSigner('another secret, another answer').unsign(signed).valid, false);
});
