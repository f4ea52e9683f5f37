import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  linkIn,
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';

// The per-account password limit against an attacker who wants to keep the owner out, or to guess
// faster than it allows: allowance 3 failures per pause.
for (const dialect of testDialects()) {
  describe(`the owner always gets in, guesses never exceed the allowance (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, {
        env: {
          SIGNIN_ACCOUNT_FAILURES: '3',
          SIGNIN_LOCK_MINUTES: '60',
          SIGNIN_LOCK_MAX_MINUTES: '60',
        },
      });
    });
    after(() => t.close());

    /** One attempt from a browser the account has never seen. */
    async function stranger(email: string, password: string) {
      const c = t.client();
      await c.get('/account/sign-in');
      return c.post('/account/sign-in', { email, password });
    }

    async function pauseFromElsewhere(email: string) {
      for (let i = 0; i < 3; i++)
        assert.equal((await stranger(email, 'a wrong guess')).statusCode, 422);
      assert.equal(
        (await stranger(email, 'a wrong guess')).statusCode,
        429,
        'strangers are paused',
      );
    }

    async function signOut(c: TestClient) {
      await c.get('/account/profile');
      assert.equal((await c.post('/account/sign-out')).statusCode, 303);
    }

    async function mailsTo(email: string) {
      return (
        await t
          .db()
          .selectFrom('mail_outbox')
          .select('body_text')
          .where('to_address', '=', email)
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      ).map((m) => m.body_text);
    }

    async function askReset(email: string) {
      const c = t.client();
      await c.get('/account/forgot');
      assert.equal((await c.post('/account/forgot', { email })).statusCode, 200);
      await t.worker.drain();
    }

    test('when 20 wrong guesses arrive at once, then at most the allowance of 3 is verified and the rest are refused unchecked', async () => {
      await signedInClient(t, 'burst@example.org', 'the right password');
      const clients = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const c = t.client();
          await c.get('/account/sign-in');
          return c;
        }),
      );
      const answers = await Promise.all(
        clients.map((c) =>
          c.post('/account/sign-in', { email: 'burst@example.org', password: 'a wrong guess' }),
        ),
      );
      const statuses = answers.map((a) => a.statusCode);
      assert.equal(
        statuses.filter((s) => s === 422).length,
        3,
        `verified and failed: ${statuses.join(',')}`,
      );
      assert.equal(statuses.filter((s) => s === 429).length, 17);
      assert.equal(
        (await stranger('burst@example.org', 'the right password')).statusCode,
        429,
        'even the right password waits',
      );
    });

    test('when strangers have paused the account, then a browser the owner signed in with before still signs in', async () => {
      const owner = await signedInClient(t, 'device@example.org', 'the right password');
      assert.ok(owner.hasCookie('did'), 'signing in marks the browser as known');
      await signOut(owner);
      await pauseFromElsewhere('device@example.org');
      await owner.get('/account/sign-in');
      assert.equal(
        (
          await owner.post('/account/sign-in', {
            email: 'device@example.org',
            password: 'the right password',
          })
        ).statusCode,
        303,
      );
    });

    test("when a known browser fails, then its failures count apart from strangers', and a device cookie of another account counts for nothing", async () => {
      const owner = await signedInClient(t, 'apart@example.org', 'the right password');
      await signOut(owner);
      await owner.get('/account/sign-in');
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await owner.post('/account/sign-in', { email: 'apart@example.org', password: 'typo' }))
            .statusCode,
          422,
        );
      assert.equal(
        (
          await owner.post('/account/sign-in', {
            email: 'apart@example.org',
            password: 'the right password',
          })
        ).statusCode,
        429,
        'the known browser has its own pause',
      );
      assert.equal(
        (await stranger('apart@example.org', 'the right password')).statusCode,
        303,
        'strangers were not paused by it',
      );
      await pauseFromElsewhere('apart@example.org');
      const other = await signedInClient(t, 'someone-else@example.org', 'their own password');
      await signOut(other);
      assert.ok(other.hasCookie('did'));
      await other.get('/account/sign-in');
      assert.equal(
        (
          await other.post('/account/sign-in', {
            email: 'apart@example.org',
            password: 'the right password',
          })
        ).statusCode,
        429,
        'a device cookie is worth nothing for another address',
      );
    });

    test('when a reset link is used, then that browser is signed in at once, and later sign-ins from it pass a pause strangers caused', async () => {
      await signedInClient(t, 'reset-in@example.org', 'the old password');
      await pauseFromElsewhere('reset-in@example.org');
      await askReset('reset-in@example.org');
      const link = linkIn((await mailsTo('reset-in@example.org')).at(-1));
      const owner = t.client();
      await owner.get(link);
      const reset = await owner.post(link, { password: 'the new password' });
      assert.equal(reset.statusCode, 303);
      const profile = await owner.get('/account/profile');
      assert.equal(profile.statusCode, 200, 'signed in by the reset');
      assert.match(profile.body, /you are signed in/);
      await signOut(owner);
      await pauseFromElsewhere('reset-in@example.org');
      await owner.get('/account/sign-in');
      assert.equal(
        (
          await owner.post('/account/sign-in', {
            email: 'reset-in@example.org',
            password: 'the new password',
          })
        ).statusCode,
        303,
      );
    });

    test("when anyone asks for reset links again and again, then the owner's link stays valid and at most 3 mails go out per hour", async () => {
      await signedInClient(t, 'flooded@example.org', 'the old password');
      const before = (await mailsTo('flooded@example.org')).length;
      await askReset('flooded@example.org');
      const first = linkIn((await mailsTo('flooded@example.org')).at(-1));
      for (let i = 0; i < 5; i++) await askReset('flooded@example.org');
      assert.equal(
        (await mailsTo('flooded@example.org')).length - before,
        3,
        'three reset mails, not six',
      );
      const owner = t.client();
      assert.equal((await owner.get(first)).statusCode, 200, 'the first link survived the flood');
      assert.equal((await owner.post(first, { password: 'the new password' })).statusCode, 303);
    });

    test('when a signed-in session guesses the password to change it, then it is paused like sign-in', async () => {
      const session = await signedInClient(t, 'change@example.org', 'the right password');
      await session.get('/account/profile');
      for (let i = 0; i < 3; i++)
        assert.equal(
          (
            await session.post('/account/password', {
              currentPassword: 'a wrong guess',
              newPassword: 'a brand new password',
            })
          ).statusCode,
          422,
        );
      const paused = await session.post('/account/password', {
        currentPassword: 'the right password',
        newPassword: 'a brand new password',
      });
      assert.equal(paused.statusCode, 429);
      assert.ok(Number(paused.headers['retry-after']) > 0);
      assert.match(paused.body, /Too many failed sign-ins for this account/);
    });

    test('when a signed-in session guesses the password to create an API token, then it is paused like sign-in', async () => {
      const session = await signedInClient(t, 'token@example.org', 'the right password');
      await session.get('/account/tokens');
      const create = (password: string) =>
        session.post('/account/tokens', {
          name: 'script',
          scope: 'read',
          expiresInDays: '30',
          password,
        });
      for (let i = 0; i < 3; i++) assert.equal((await create('a wrong guess')).statusCode, 422);
      const paused = await create('the right password');
      assert.equal(paused.statusCode, 429);
      assert.doesNotMatch(paused.body, /value="plg_/, 'no token is created');
      assert.match(paused.body, /Too many failed sign-ins for this account/);
    });
  });
}
