// Who is asking, resolved once per request: the session, its person and their roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { queriesDuring } from '../testing/query-count.ts';
import {
  makeAdmin,
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../testing/test-app.ts';

for (const dialect of testDialects()) {
  describe(`session lookup (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when someone signed in opens a page, then who they are and their roles cost one query more than for a visitor', async () => {
      const reader = await signedInClient(
        t,
        'one.query@example.org',
        'one query password',
        'One Query',
      );
      const visitor = t.client();
      await visitor.get('/consultations');
      await reader.get('/consultations');
      const asVisitor = await queriesDuring(() => visitor.get('/consultations'));
      const asReader = await queriesDuring(async () => {
        const page = await reader.get('/consultations');
        assert.match(page.body, /action="\/account\/sign-out"/, 'the page knows the reader');
      });
      assert.equal(asReader.length - asVisitor.length, 1, asReader.join('\n'));
    });

    test('when an administrator signs in, then the one query brings their roles along', async () => {
      const admin = await signedInClient(
        t,
        'session.admin@example.org',
        'session admin password',
        'Session Admin',
      );
      assert.doesNotMatch((await admin.get('/consultations')).body, /href="\/admin"/);
      await makeAdmin(t, 'session.admin@example.org');
      assert.match(
        (await admin.get('/consultations')).body,
        /href="\/admin"/,
        'a role granted shows on the next request',
      );
      assert.equal((await admin.get('/admin')).statusCode, 200);
    });

    test('when someone signs out, then the old session cookie no longer signs anyone in', async () => {
      await signedInClient(t, 'session.out@example.org', 'session out password', 'Session Out');
      const browser = t.client();
      await browser.get('/account/sign-in');
      const signIn = await browser.post('/account/sign-in', {
        email: 'session.out@example.org',
        password: 'session out password',
      });
      const sid = signIn.cookies.find((c) => c.name === 'sid')?.value ?? '';
      const withOldCookie = () =>
        t.app.inject({ method: 'GET', url: '/account/profile', headers: { cookie: `sid=${sid}` } });
      assert.equal((await withOldCookie()).statusCode, 200);
      assert.equal((await browser.post('/account/sign-out')).statusCode, 303);
      assert.equal((await withOldCookie()).statusCode, 303, 'sent to sign in');
    });
  });
}
