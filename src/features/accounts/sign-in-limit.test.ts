import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  linkIn,
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

const MINUTE = 60_000;

for (const dialect of testDialects()) {
  describe(`per-account sign-in limit (${dialect})`, () => {
    let t: TestApp;
    let second: TestApp;
    let offsetMs = 0;
    before(async () => {
      const clock = { now: () => new Date(Date.now() + offsetMs) };
      const env = {
        SIGNIN_ACCOUNT_FAILURES: '3',
        SIGNIN_LOCK_MINUTES: '1',
        SIGNIN_LOCK_MAX_MINUTES: '4',
      };
      t = await startTestApp(dialect, { clock, env });
      second = await startTestApp(dialect, { clock, env, sharing: t });
    });
    after(async () => {
      await second.close();
      await t.close();
    });

    /** One attempt from a fresh client each time: the limit follows the account, not the client. */
    async function attempt(email: string, password: string, app = t, lang = 'en') {
      const c = app.client();
      await c.get(`/account/sign-in?lang=${lang}`);
      return c.post('/account/sign-in', { email, password });
    }

    async function fail(email: string, times: number) {
      for (let i = 0; i < times; i++)
        assert.equal((await attempt(email, 'a wrong password')).statusCode, 422);
    }

    test('when an account has too many failed sign-ins, then even the right password is refused for a while, with a translated pointer to the reset link', async () => {
      await signedInClient(t, 'target@example.org', 'the right password');
      await fail('target@example.org', 3);
      const paused = await attempt('target@example.org', 'the right password');
      assert.equal(paused.statusCode, 429);
      assert.match(paused.body, /Too many failed sign-ins for this account/);
      assert.match(paused.body, /href="\/account\/forgot"/);
      assert.ok(
        Number(paused.headers['retry-after']) > 0 && Number(paused.headers['retry-after']) <= 60,
        String(paused.headers['retry-after']),
      );
      const fr = await attempt('target@example.org', 'the right password', second, 'fr');
      assert.equal(fr.statusCode, 429, 'another instance sees the same pause');
      assert.match(fr.body, /Trop de connexions échouées pour ce compte/);
      offsetMs += MINUTE + 1000;
      assert.equal(
        (await attempt('target@example.org', 'the right password')).statusCode,
        303,
        'the pause ends by itself',
      );
    });

    test('when failures go on, then each pause doubles, up to the configured maximum', async () => {
      await signedInClient(t, 'backoff@example.org', 'the right password');
      const pauses: number[] = [];
      for (let round = 0; round < 4; round++) {
        await fail('backoff@example.org', 3);
        const paused = await attempt('backoff@example.org', 'a wrong password');
        assert.equal(paused.statusCode, 429);
        const seconds = Number(paused.headers['retry-after']);
        pauses.push(Math.round(seconds / 60));
        offsetMs += seconds * 1000 + 1000;
      }
      assert.deepEqual(pauses, [1, 2, 4, 4]);
      assert.equal((await attempt('backoff@example.org', 'the right password')).statusCode, 303);
    });

    test('when an unknown address is tried too often, then it is paused the same way: a pause tells nothing about accounts', async () => {
      await fail('nobody@example.org', 3);
      const paused = await attempt('nobody@example.org', 'a wrong password');
      assert.equal(paused.statusCode, 429);
      assert.match(paused.body, /Too many failed sign-ins for this account/);
      offsetMs += MINUTE + 1000;
    });

    test('when sign-in is paused, then a reset link still works, and resetting lifts the pause at once', async () => {
      await signedInClient(t, 'owner@example.org', 'the old password');
      await fail('owner@example.org', 3);
      assert.equal((await attempt('owner@example.org', 'the old password')).statusCode, 429);
      const c = t.client();
      await c.get('/account/forgot');
      assert.equal(
        (await c.post('/account/forgot', { email: 'owner@example.org' })).statusCode,
        200,
      );
      await t.worker.drain();
      const link = linkIn((await t.lastMailTo('owner@example.org'))?.text);
      assert.equal((await c.get(link)).statusCode, 200);
      assert.equal((await c.post(link, { password: 'the new password' })).statusCode, 303);
      assert.equal((await attempt('owner@example.org', 'the new password')).statusCode, 303);
    });
  });
}
