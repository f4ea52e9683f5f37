import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

// The `next` parameter as it appears in the request line (already percent-encoded where needed).
const HOSTILE_NEXT = [
  '/%09/evil.example',
  '/%0A/evil.example',
  '/%0D/evil.example',
  '/%0B/evil.example',
  '/%E3%80%80/evil.example',
  '//evil.example',
  '/%5Cevil.example',
  'https://evil.example/',
  '/%2509/evil.example',
];

for (const dialect of testDialects()) {
  describe(`sign-in redirect targets (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await signedInClient(t, 'next@example.org', 'the next password');
    });
    after(() => t.close());

    for (const next of HOSTILE_NEXT) {
      test(`when next is ${next}, then signing in lands on the home page, never elsewhere and never a 500`, async () => {
        const c = t.client();
        const page = await c.get(`/account/sign-in?next=${next}`);
        if (page.statusCode === 400) {
          // Control characters other than tab, LF and CR are refused at the edge (input-hygiene.ts):
          // the form is never shown, and a post to it is refused the same way, before the password.
          const refused = await c.post(`/account/sign-in?next=${next}`, {
            email: 'next@example.org',
            password: 'the next password',
          });
          assert.equal(refused.statusCode, 400);
          assert.equal(refused.headers.location, undefined);
          return;
        }
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /action="\/account\/sign-in\?next=%2F"/);
        const signedIn = await c.post(`/account/sign-in?next=${next}`, {
          email: 'next@example.org',
          password: 'the next password',
        });
        assert.equal(signedIn.statusCode, 303);
        assert.equal(signedIn.headers.location, '/');
      });
    }

    test('when next is a path on this site, then signing in goes there', async () => {
      const c = t.client();
      await c.get('/account/sign-in');
      const signedIn = await c.post(
        `/account/sign-in?next=${encodeURIComponent('/consultations/x?tab=2')}`,
        { email: 'next@example.org', password: 'the next password' },
      );
      assert.equal(signedIn.headers.location, '/consultations/x?tab=2');
    });
  });
}
