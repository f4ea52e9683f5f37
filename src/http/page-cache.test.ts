import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptedEncoding } from './page-cache.ts';

describe('encoding of kept pages', () => {
  test('when a browser accepts br and gzip, then br is sent; gzip alone gets gzip', () => {
    assert.equal(acceptedEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(acceptedEncoding('gzip, deflate'), 'gzip');
    assert.equal(acceptedEncoding('x-gzip'), 'gzip');
  });

  test('when an encoding is refused with q=0 or nothing is accepted, then it is not used', () => {
    assert.equal(acceptedEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(acceptedEncoding('br;q=0, gzip;q=0'), 'identity');
    assert.equal(acceptedEncoding('deflate'), 'identity');
    assert.equal(acceptedEncoding(undefined), 'identity');
  });
});
