// Addresses people store to be linked to — a process document, an organisation's website — pass
// the one link policy (shared/link-policy.ts) when saved, and again when shown, for what was
// stored before: UNC paths, "///host" and other targets a click could turn into a program or a
// credential leak are refused with a field error and never become a link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedWorld, type World } from '../features/open-data/open-data.fixtures.ts';
import { isAllowedWebAddress } from '../shared/link-policy.ts';
import { signedInClient, startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';

// Each passed the patterns these forms used before (https?:// then no white space).
const REFUSED = [
  'http://\\\\evil.example\\share',
  'https:///evil.example/x',
  'https://evil.example\\@good.example/',
  'http://\\evil.example',
];

for (const dialect of testDialects()) {
  describe(`stored web addresses (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    before(async () => {
      t = await startTestApp(dialect);
      world = await seedWorld(t);
    });
    after(() => t.close());

    test('when a secretariat adds a process document whose address the link policy refuses, then the form says so and nothing is stored', async () => {
      const secretariat = await signedInClient(
        t,
        'web.sec@example.org',
        'web password 123',
        'Web Sec',
      );
      const user = await t.services.accounts.findUserByEmail('web.sec@example.org');
      const process = await t
        .db()
        .selectFrom('processes')
        .select('id')
        .where('slug', '=', world.processSlug)
        .executeTakeFirstOrThrow();
      await t.services.roles.grant({
        userId: user!.id,
        role: 'secretariat',
        scopeType: 'process',
        scopeId: process.id,
        grantedBy: null,
        now: new Date().toISOString(),
      });
      await secretariat.get(`/processes/${world.processSlug}`);
      for (const documentUrl of REFUSED) {
        const response = await secretariat.post(`/processes/${world.processSlug}/documents`, {
          documentTitle: 'Draft',
          documentUrl,
          documentLanguage: '',
        });
        assert.equal(response.statusCode, 422, documentUrl);
      }
      assert.equal(
        (
          await t
            .db()
            .selectFrom('process_documents')
            .selectAll()
            .where('process_id', '=', process.id)
            .execute()
        ).length,
        0,
      );
      const fine = await secretariat.post(`/processes/${world.processSlug}/documents`, {
        documentTitle: 'Zero draft',
        documentUrl: 'HTTPS://example.org/zero.pdf',
        documentLanguage: '',
      });
      assert.equal(fine.statusCode, 303);
    });

    test('when a document address stored before the policy is refused by it, then the page shows its title as text, not a link', async () => {
      const process = await t
        .db()
        .selectFrom('processes')
        .select('id')
        .where('slug', '=', world.processSlug)
        .executeTakeFirstOrThrow();
      await t
        .db()
        .insertInto('process_documents')
        .values({
          id: 'olddoc1',
          process_id: process.id,
          title: 'Old share',
          url: REFUSED[0]!,
          language: null,
          position: 9,
        })
        .execute();
      const page = await t.client().get(`/processes/${world.processSlug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Old share/);
      assert.doesNotMatch(page.body, /evil\.example/);
    });

    test('when an organisation gives a website the link policy refuses, then the form says so; one stored before is shown as text', async () => {
      const member = await signedInClient(t, 'web.org@example.org', 'web password 123', 'Web Org');
      await member.get('/organisations/new');
      for (const website of REFUSED) {
        const response = await member.post('/organisations/new', {
          name: 'Share Org',
          stakeholderGroup: 'civil_society',
          country: '',
          website,
          description: '',
        });
        assert.equal(response.statusCode, 422, website);
      }
      assert.equal(
        (
          await t
            .db()
            .selectFrom('organisations')
            .selectAll()
            .where('name', '=', 'Share Org')
            .execute()
        ).length,
        0,
      );
      const created = await member.post('/organisations/new', {
        name: 'Share Org',
        stakeholderGroup: 'civil_society',
        country: '',
        website: 'https://share.example/',
        description: '',
      });
      assert.equal(created.statusCode, 303);
      await t
        .db()
        .updateTable('organisations')
        .set({ website: REFUSED[1]! })
        .where('slug', '=', 'share-org')
        .execute();
      const page = await t.client().get('/organisations/share-org');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /href="https:\/\/\/evil/);
      assert.match(page.body, /https:\/\/\/evil\.example\/x/, 'still shown, as text');
    });
  });
}

test('a stored web address is an allowed link and absolute http(s): no mailto, no path on this site', () => {
  for (const ok of ['https://example.org', 'http://example.org/a?b#c', 'HTTPS://EXAMPLE.ORG/'])
    assert.equal(isAllowedWebAddress(ok), true, ok);
  for (const no of [
    ...REFUSED,
    'mailto:a@example.org',
    '/processes/x',
    'javascript:alert(1)',
    'ftp://example.org',
    'https://a b.example',
    '',
  ])
    assert.equal(isAllowedWebAddress(no), false, no);
});
