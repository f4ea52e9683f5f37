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
  describe(`organisations over HTTP (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when an organisation is created and a member invited, then the invitee joins from the e-mail link', async () => {
      const owner = await signedInClient(t, 'owner@example.org', 'owner password', 'Owner');
      await owner.get('/organisations/new');
      const created = await owner.post('/organisations/new', {
        name: 'Réseau Numérique',
        stakeholderGroup: 'civil_society',
        country: 'SN',
        website: 'https://example.org',
        description: 'A network.',
      });
      assert.equal(created.statusCode, 303);
      assert.equal(created.headers.location, '/organisations/reseau-numerique');
      const page = await owner.get('/organisations/reseau-numerique');
      assert.match(page.body, /Réseau Numérique/);
      assert.match(page.body, /Owner/);

      const invited = await owner.post('/organisations/reseau-numerique/invitations', {
        email: 'member@example.org',
        role: 'member',
      });
      assert.equal(invited.statusCode, 303);
      const link = linkIn((await t.lastMailTo('member@example.org'))?.text);

      const stranger = await signedInClient(t, 'stranger@example.org', 'stranger password');
      await stranger.get(link);
      assert.equal(
        (await stranger.post(link)).statusCode,
        403,
        'a forwarded link does not make someone else a member',
      );

      const member = await signedInClient(t, 'member@example.org', 'member password', 'Member');
      assert.equal((await member.get(link)).statusCode, 200);
      assert.equal((await member.post(link)).statusCode, 303);
      const mine = await member.get('/organisations');
      assert.match(mine.body, /Réseau Numérique/);
      assert.equal((await member.post(link)).statusCode, 400, 'an invitation works once');
    });

    test('when a plain member or a visitor tries to manage, then it is refused', async () => {
      const owner = await signedInClient(t, 'owner2@example.org', 'owner password', 'Owner Two');
      await owner.get('/organisations/new');
      await owner.post('/organisations/new', {
        name: 'Tech Org',
        stakeholderGroup: 'technical_community',
        country: '',
        website: '',
        description: '',
      });
      await owner.post('/organisations/tech-org/invitations', {
        email: 'plain@example.org',
        role: 'member',
      });
      const link = linkIn((await t.lastMailTo('plain@example.org'))?.text);
      const plain = await signedInClient(t, 'plain@example.org', 'plain password', 'Plain');
      await plain.get(link);
      await plain.post(link);
      await plain.get('/organisations/tech-org');
      assert.equal(
        (
          await plain.post('/organisations/tech-org/invitations', {
            email: 'x@example.org',
            role: 'member',
          })
        ).statusCode,
        403,
      );

      const visitor = t.client();
      const publicPage = await visitor.get('/organisations/tech-org');
      assert.equal(publicPage.statusCode, 200);
      assert.doesNotMatch(publicPage.body, /Plain/, 'visitors do not see the member list');
      assert.equal(
        (
          await visitor.post('/organisations/tech-org/invitations', {
            email: 'x@example.org',
            role: 'member',
          })
        ).statusCode,
        303,
        'anonymous → sign-in',
      );

      const owner2 = await t.services.accounts.findUserByEmail('owner2@example.org');
      assert.equal(
        (await owner.post(`/organisations/tech-org/members/${owner2?.id}/remove`)).statusCode,
        409,
        'the last owner stays',
      );
    });

    test('when the organisation form is invalid, then field errors come back', async () => {
      const c = await signedInClient(t, 'orgform@example.org', 'orgform password');
      await c.get('/organisations/new');
      const response = await c.post('/organisations/new', {
        name: '',
        stakeholderGroup: 'nope',
        website: 'ftp://x',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /This field is required/);
      assert.equal((await c.get('/organisations/does-not-exist')).statusCode, 404);
    });
  });
}
