import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { translator } from '../i18n/i18n.ts';
import { fragmentCache } from './fragment-cache.ts';
import { sharedViewContext } from './view-context.ts';

describe('fragment cache', () => {
  test('when several requests miss one key at once, then one build serves them all and is kept', async () => {
    const cache = fragmentCache(1024);
    let builds = 0;
    const build = async () => {
      builds += 1;
      await new Promise((r) => setTimeout(r, 10));
      return ['part'];
    };
    const results = await Promise.all([1, 2, 3].map(() => cache.get('k', build)));
    assert.deepEqual(results, [['part'], ['part'], ['part']]);
    await cache.get('k', build);
    assert.equal(builds, 1);
  });

  test('when a build fails, then nothing is kept and the next request builds again', async () => {
    const cache = fragmentCache(1024);
    await assert.rejects(cache.get('k', () => Promise.reject(new Error('database down'))));
    assert.deepEqual(await cache.get('k', async () => ['recovered']), ['recovered']);
  });

  test('when a shared part asks for a CSRF token or a person, then it gets none', () => {
    const ctx = sharedViewContext({ locale: 'fr', t: translator('fr') } as FastifyRequest);
    assert.equal(ctx.user, null);
    assert.equal(ctx.isAdmin, false);
    assert.throws(() => ctx.csrfToken, /CSRF/);
  });
});
