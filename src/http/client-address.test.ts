// Which address a request comes from decides whose rate limit it counts against. Behind a load
// balancer every connection comes from the balancer, so TRUST_PROXY names it and the client is
// read from X-Forwarded-For; without it, the header is ignored and cannot be spoofed.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

/** A sign-in attempt as it arrives from `peer`, claiming to be `forwardedFor`. */
async function attempt(t: TestApp, forwardedFor: string): Promise<number> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/account/sign-in',
    remoteAddress: '10.0.0.5',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': forwardedFor,
    },
    payload: 'email=someone%40example.org&password=not+the+password',
  });
  return response.statusCode;
}

describe('the client address behind a proxy', () => {
  const apps: TestApp[] = [];
  after(async () => {
    for (const t of apps) await t.close();
  });

  test('when the balancer is trusted, then clients behind it are limited one by one', async () => {
    const t = await startTestApp('sqlite', {
      env: { AUTH_RATE_LIMIT: '2', TRUST_PROXY: '10.0.0.0/8' },
    });
    apps.push(t);
    const first = [
      await attempt(t, '203.0.113.1'),
      await attempt(t, '203.0.113.1'),
      await attempt(t, '203.0.113.1'),
    ];
    assert.equal(first[2], 429, `the third attempt of one client is refused: ${first.join(' ')}`);
    assert.notEqual(
      await attempt(t, '198.51.100.7'),
      429,
      'another client behind the same balancer is not',
    );
  });

  test('when no proxy is trusted, then X-Forwarded-For is ignored and cannot dodge the limit', async () => {
    const t = await startTestApp('sqlite', { env: { AUTH_RATE_LIMIT: '2' } });
    apps.push(t);
    const codes = [
      await attempt(t, '203.0.113.1'),
      await attempt(t, '203.0.113.2'),
      await attempt(t, '203.0.113.3'),
    ];
    assert.equal(codes[2], 429, `all attempts count against the peer: ${codes.join(' ')}`);
  });
});
