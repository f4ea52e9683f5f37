import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  linkIn,
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

for (const dialect of testDialects()) {
  describe(`accounts over HTTP (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when someone registers, confirms and signs in, then the pages know them', async () => {
      const c = t.client();
      await c.get('/account/register');
      const registered = await c.post('/account/register', {
        email: 'Ada@Example.org',
        password: 'a long enough password',
        displayName: 'Ada',
      });
      assert.equal(registered.statusCode, 200);
      await t.worker.drain();
      const mail = await t.lastMailTo('ada@example.org');
      assert.match(mail?.subject ?? '', /Confirm/);
      const confirm = linkIn(mail?.text);

      const early = await c.post('/account/sign-in', {
        email: 'ada@example.org',
        password: 'a long enough password',
      });
      assert.equal(early.statusCode, 422, 'an unconfirmed address cannot sign in');
      assert.match(early.body, /Confirm your e-mail address first/);

      assert.equal((await c.get(confirm)).statusCode, 200);
      assert.equal((await c.post(confirm)).statusCode, 200);
      assert.equal((await c.post(confirm)).statusCode, 400, 'a confirmation link works once');

      const signIn = await c.post('/account/sign-in?next=/account/profile', {
        email: 'ada@example.org',
        password: 'a long enough password',
      });
      assert.equal(signIn.statusCode, 303);
      assert.equal(signIn.headers.location, '/account/profile');
      const cookie = signIn.cookies.find((x) => x.name === 'sid');
      assert.ok(cookie?.httpOnly, 'the session cookie is HttpOnly');
      assert.equal(cookie?.sameSite, 'Lax');
      const profile = await c.get('/account/profile');
      assert.equal(profile.statusCode, 200);
      assert.match(profile.body, /ada@example\.org/);

      assert.equal((await c.post('/account/sign-out')).statusCode, 303);
      const afterOut = await c.get('/account/profile');
      assert.equal(afterOut.statusCode, 303, 'signed out: the profile redirects to sign-in');
      assert.match(String(afterOut.headers.location), /^\/account\/sign-in\?next=/);
    });

    test('when an address is already registered, then the answer is the same and the owner is told', async () => {
      const c = t.client();
      await c.post('/account/register', {
        email: 'twice@example.org',
        password: 'first password 1',
        displayName: 'One',
      });
      await t.worker.drain();
      const first = await t.lastMailTo('twice@example.org');
      const again = await c.post('/account/register', {
        email: 'twice@example.org',
        password: 'other password 2',
        displayName: 'Two',
      });
      assert.equal(again.statusCode, 200);
      assert.match(again.body, /If this address can be used/);
      await t.worker.drain();
      const second = await t.lastMailTo('twice@example.org');
      assert.notEqual(second?.subject, first?.subject);
      assert.match(second?.subject ?? '', /tried to create/);
    });

    test('when the form is invalid, then it comes back with field errors and nothing is created', async () => {
      const c = t.client();
      await c.get('/account/register');
      const response = await c.post('/account/register', {
        email: 'not-an-email',
        password: 'short',
        displayName: '',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /class="error-summary" role="alert"/);
      assert.match(response.body, /aria-invalid="true"/);
      assert.match(response.body, /<title>Error:/);
      assert.equal(await t.services.accounts.findUserByEmail('not-an-email'), undefined);
    });

    test('when the CSRF token is missing or forged, then the request is refused', async () => {
      const c = t.client();
      await c.get('/account/register');
      const missing = await c.post(
        '/account/register',
        { email: 'csrf@example.org', password: 'long enough pass', displayName: 'X' },
        { csrf: null },
      );
      assert.equal(missing.statusCode, 403);
      const forged = await c.post(
        '/account/register',
        { email: 'csrf@example.org', password: 'long enough pass', displayName: 'X' },
        { csrf: 'forged-token' },
      );
      assert.equal(forged.statusCode, 403);
      assert.match(forged.body, /This form has expired/);
      assert.equal(await t.services.accounts.findUserByEmail('csrf@example.org'), undefined);
    });

    test('when the password is wrong or the address unknown, then the message is the same', async () => {
      await signedInClient(t, 'known@example.org', 'the right password');
      const c = t.client();
      await c.get('/account/sign-in');
      const wrong = await c.post('/account/sign-in', {
        email: 'known@example.org',
        password: 'the wrong password',
      });
      const unknown = await c.post('/account/sign-in', {
        email: 'nobody@example.org',
        password: 'the wrong password',
      });
      assert.equal(wrong.statusCode, 422);
      assert.equal(unknown.statusCode, 422);
      const message = (body: string) => /<p class="field-error"[^>]*>([^<]+)</.exec(body)?.[1];
      assert.equal(message(wrong.body), message(unknown.body));
    });

    test('when a password is reset, then the link works once and every session ends', async () => {
      const other = await signedInClient(t, 'reset@example.org', 'old password here');
      const c = t.client();
      await c.get('/account/forgot');
      const asked = await c.post('/account/forgot', { email: 'reset@example.org' });
      assert.equal(asked.statusCode, 200);
      const unknown = await c.post('/account/forgot', { email: 'nobody-here@example.org' });
      assert.equal(
        unknown.body.replace(/value="[^"]+"/g, ''),
        asked.body.replace(/value="[^"]+"/g, ''),
        'unknown addresses get the same page',
      );
      await t.worker.drain();
      const link = linkIn((await t.lastMailTo('reset@example.org'))?.text);
      assert.equal((await c.get(link)).statusCode, 200);
      assert.equal((await c.post(link, { password: 'short' })).statusCode, 422);
      assert.equal((await c.post(link, { password: 'brand new password' })).statusCode, 303);
      assert.equal((await c.get(link)).statusCode, 400, 'the link works once');
      assert.equal(
        (await other.get('/account/profile')).statusCode,
        303,
        'the old session is gone',
      );
      assert.equal(
        (
          await c.post('/account/sign-in', {
            email: 'reset@example.org',
            password: 'brand new password',
          })
        ).statusCode,
        303,
      );
    });

    test('when someone signs out everywhere, then every session of theirs ends', async () => {
      const a = await signedInClient(t, 'everywhere@example.org', 'password everywhere');
      const b = t.client();
      await b.get('/account/sign-in');
      await b.post('/account/sign-in', {
        email: 'everywhere@example.org',
        password: 'password everywhere',
      });
      await a.get('/account/profile');
      assert.equal((await a.post('/account/sign-out-everywhere')).statusCode, 303);
      assert.equal((await b.get('/account/profile')).statusCode, 303);
    });

    test('when a profile is saved, then its values stick and bad values are refused', async () => {
      const c = await signedInClient(t, 'profile@example.org', 'profile password');
      await c.get('/account/profile');
      const saved = await c.post('/account/profile', {
        displayName: 'Pseudonym',
        stakeholderGroup: 'civil_society',
        country: 'KE',
        languages: 'sw, en',
        locale: 'fr',
        gender: '',
        ageBand: '25_34',
        disability: 'prefer_not',
      });
      assert.equal(saved.statusCode, 303);
      const page = await c.get('/account/profile?lang=en');
      assert.match(page.body, /value="Pseudonym"/);
      assert.match(page.body, /Africa \(Global South\)/);
      const user = await t.services.accounts.findUserByEmail('profile@example.org');
      assert.deepEqual(user?.languages, ['sw', 'en']);
      assert.equal(user?.ageBand, '25_34');
      const bad = await c.post('/account/profile', {
        displayName: 'X',
        stakeholderGroup: 'aliens',
        country: 'XX',
      });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Choose one of the options/);
    });

    test('when the password is changed, then the current one is checked', async () => {
      const c = await signedInClient(t, 'change@example.org', 'password number one');
      await c.get('/account/profile');
      assert.equal(
        (
          await c.post('/account/password', {
            currentPassword: 'nope nope nope',
            newPassword: 'password number two',
          })
        ).statusCode,
        422,
      );
      assert.equal(
        (
          await c.post('/account/password', {
            currentPassword: 'password number one',
            newPassword: 'password number two',
          })
        ).statusCode,
        303,
      );
    });
  });
}

describe('account rate limits', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite', { env: { AUTH_RATE_LIMIT: '3' } });
  });
  after(() => t.close());

  test('when sign-in is tried too often, then it answers 429 with a translated page', async () => {
    const c = t.client();
    await c.get('/account/sign-in');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (await c.post('/account/sign-in', { email: 'x@example.org', password: 'whatever it is' }))
          .statusCode,
      );
    assert.deepEqual(codes, [422, 422, 422, 429, 429]);
    const limited = await c.post('/account/sign-in?lang=fr', {
      email: 'x@example.org',
      password: 'whatever it is',
    });
    assert.equal(limited.headers['retry-after'], '60');
  });
});
