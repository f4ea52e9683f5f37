// Which address a request comes from decides whose rate limit it counts against. Behind a load
// balancer every connection comes from the balancer, so TRUST_PROXY names it and the client is
// read from X-Forwarded-For; by default only the nearest private hop is believed, so a client
// cannot write its own address. Every per-client limit counts under one key: IPv4 as is, IPv6 by
// its /64, an IPv4-mapped IPv6 address as its IPv4 address.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';
import { openConversation } from '../features/deliberation/deliberation.fixtures.ts';
import { clientKeyOf } from './client-address.ts';

/** A sign-in attempt as it arrives from `peer`, claiming to be `forwardedFor`. */
async function attempt(
  t: TestApp,
  forwardedFor: string | undefined,
  peer = '10.0.0.5',
): Promise<number> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/account/sign-in',
    remoteAddress: peer,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
    },
    payload: 'email=someone%40example.org&password=not+the+password',
  });
  return response.statusCode;
}

/** Three attempts under AUTH_RATE_LIMIT=2: the third is refused when all three share a key. */
async function third(
  t: TestApp,
  tries: Array<[forwardedFor: string | undefined, peer: string]>,
): Promise<string> {
  const codes: number[] = [];
  for (const [forwardedFor, peer] of tries) codes.push(await attempt(t, forwardedFor, peer));
  return codes.join(' ');
}

const HTTPS = { BASE_URL: 'https://consult.example.org', AUTH_RATE_LIMIT: '2' };

for (const dialect of testDialects()) {
  describe(`the client address behind a proxy (${dialect})`, () => {
    const apps: TestApp[] = [];
    const start = async (env: Record<string, string>) => {
      const t = await startTestApp(dialect, { env });
      apps.push(t);
      return t;
    };
    after(async () => {
      for (const t of apps) await t.close();
    });

    test('when the balancer is trusted, then clients behind it are limited one by one', async () => {
      const t = await start({ AUTH_RATE_LIMIT: '2', TRUST_PROXY: '10.0.0.0/8' });
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
      const t = await start({ AUTH_RATE_LIMIT: '2' });
      const codes = await third(t, [
        ['203.0.113.1', '10.0.0.5'],
        ['203.0.113.2', '10.0.0.5'],
        ['203.0.113.3', '10.0.0.5'],
      ]);
      assert.match(codes, /429$/, `all attempts count against the peer: ${codes}`);
    });

    test('when BASE_URL is https and TRUST_PROXY unset, then a client reaching the app directly cannot change its key with X-Forwarded-For', async () => {
      const t = await start(HTTPS);
      const codes = await third(t, [
        ['198.51.100.1', '203.0.113.50'],
        ['198.51.100.2', '203.0.113.50'],
        [undefined, '203.0.113.50'],
      ]);
      assert.match(codes, /429$/, `a spoofed header does not make a new client: ${codes}`);
    });

    test('when BASE_URL is https and TRUST_PROXY unset, then behind a private proxy the address it saw is the key, whatever the client prepends', async () => {
      const t = await start(HTTPS);
      // The proxy appends what it saw (203.0.113.60) after whatever the client sent.
      const codes = await third(t, [
        ['198.51.100.1, 203.0.113.60', '10.0.0.5'],
        ['198.51.100.2, 10.9.9.9, 203.0.113.60', '10.0.0.5'],
        ['203.0.113.60', '127.0.0.1'],
      ]);
      assert.match(codes, /429$/, `one client behind the proxy: ${codes}`);
      assert.notEqual(
        await attempt(t, '203.0.113.61', '10.0.0.5'),
        429,
        'another client behind the proxy is counted apart',
      );
    });

    test('when an IPv6 client rotates addresses inside its /64, then its searches count as one client, and an IPv4-mapped address as its IPv4 address', async () => {
      const t = await start({ LIMIT_SEARCH_PER_CLIENT: '2/1m' });
      const searches = async (peers: string[]) => {
        const codes: number[] = [];
        for (const [i, peer] of peers.entries())
          codes.push(
            (await t.app.inject({ method: 'GET', url: `/search?q=water${i}`, remoteAddress: peer }))
              .statusCode,
          );
        return codes.join(' ');
      };
      const sixes = await searches([
        '2001:db8:1:2::1',
        '2001:db8:1:2:ffff:1:2:3',
        '2001:db8:1:2:abcd::9',
      ]);
      assert.equal(sixes, '200 200 429', 'one /64');
      assert.equal(await searches(['2001:db8:1:3::1']), '200', 'the next /64 is another client');
      const fours = await searches(['203.0.113.70', '::ffff:203.0.113.70', '::ffff:cb00:7146']);
      assert.equal(fours, '200 200 429', 'one IPv4 client however written');
    });

    test('when one client opens live results streams, then it gets 8 by default, also rotating IPv6 addresses in its /64, and another client still gets one', async () => {
      const t = await start({});
      const { slug } = await openConversation(t, {
        title: 'Live hall',
        seeds: ['Seed statement for the live page.'],
      });
      const held: AbortController[] = [];
      const open = async (peer: string) => {
        const controller = new AbortController();
        held.push(controller);
        const url = `/consultations/${slug}/conversation/results/events`;
        const response = await t.app.inject({
          method: 'GET',
          url,
          remoteAddress: peer,
          payloadAsStream: true,
          signal: controller.signal,
        });
        response
          .stream()
          .on('error', () => undefined)
          .resume();
        return response.statusCode;
      };
      try {
        const codes: number[] = [];
        for (let i = 1; i <= 9; i++) codes.push(await open(`2001:db8:5:6::${i.toString(16)}`));
        assert.deepEqual(codes, [200, 200, 200, 200, 200, 200, 200, 200, 429]);
        assert.equal(await open('2001:db8:5:7::1'), 200, 'another /64');
      } finally {
        for (const c of held) c.abort();
      }
    });
  });
}

test('the client key: IPv4 as is, IPv6 by its /64, IPv4-mapped as IPv4', () => {
  assert.equal(clientKeyOf('203.0.113.1'), '203.0.113.1');
  assert.equal(clientKeyOf('::ffff:203.0.113.1'), '203.0.113.1');
  assert.equal(clientKeyOf('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(clientKeyOf('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
  assert.notEqual(clientKeyOf('2001:db8:1:3::1'), clientKeyOf('2001:db8:1:2::1'));
});
