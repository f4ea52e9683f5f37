// Search results as they are kept: reused between identical searches, never stale after a write
// that changes what search can show (on this instance or another one on the same database), and
// a visitor's page never crossed with a signed-in person's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { participationFixture, type Participation } from '../submissions/participation.fixtures.ts';
import { actorFor } from '../../testing/factories.ts';

const found = (html: string) =>
  [...html.matchAll(/href="(\/submissions\/[^"]+)"/g)].map((m) => m[1]).sort();

for (const dialect of testDialects()) {
  describe(`search results kept between searches (${dialect})`, () => {
    let t: TestApp;
    let f: Participation;
    let author: Actor;
    let authorClient: TestClient;
    let slug: string;
    let searches = 0;
    before(async () => {
      t = await startTestApp(dialect);
      f = await participationFixture(t);
      slug = (await f.openConsultation({ title: 'Kept results', rule: 'chatham_house' })).slug;
      authorClient = await signedInClient(
        t,
        'search.author@example.org',
        'author password 1',
        'Searching Author',
      );
      author = await actorFor(t, 'search.author@example.org', 'Searching Author');
      // Counts the searches the route asks of the service rather than serving a kept page.
      const search = t.services.search.search.bind(t.services.search);
      t.services.search.search = (...args) => {
        searches += 1;
        return search(...args);
      };
    });
    after(() => t.close());

    const visitorSearch = async (q: string, client = t.client()) => {
      const response = await client.get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200);
      return response;
    };
    const submitted = (freeText: string) =>
      t.services.submissions.submit(author, slug, { language: 'en', freeText, answers: [] });
    const published = async (freeText: string) => {
      const s = await submitted(freeText);
      await f.publish(s.id);
      return `/submissions/${s.id}`;
    };

    test('when visitors search twice, then the second page is the kept one, without a cookie', async () => {
      const url = await published('Pangolin scales are traded.');
      const first = await visitorSearch('pangolin');
      const searchesAfterFirst = searches;
      const second = await visitorSearch('pangolin');
      assert.equal(searches, searchesAfterFirst, 'the second search is not run again');
      assert.equal(second.body, first.body);
      assert.deepEqual(found(second.body), [url]);
      for (const response of [first, second]) {
        assert.equal(response.cookies.length, 0);
        assert.doesNotMatch(response.body, /name="_csrf"/);
        assert.equal(response.headers['cache-control'], 'no-store');
      }
    });

    test('when the same query is written differently, then the service hands back the kept results', async () => {
      await published('Axolotl ponds dry out.');
      const first = await t.services.search.search('axolotl', { language: 'en', page: 1 });
      const again = await t.services.search.search('  AXOLOTL', { language: 'en', page: 1 });
      assert.equal(again, first, 'the very results kept for the first search');
      assert.equal(first.results.length, 1);
    });

    test('when a submission is published, withdrawn, rejected or edited, then the next visitor search shows it at once', async () => {
      const pending = await submitted('Capybara wetlands need protection.');
      assert.deepEqual(found((await visitorSearch('capybara')).body), [], 'awaiting moderation');
      await f.publish(pending.id);
      const url = `/submissions/${pending.id}`;
      assert.deepEqual(found((await visitorSearch('capybara')).body), [url], 'published');

      await t.services.submissions.saveDraft(author, slug, {
        submissionId: pending.id,
        language: 'en',
        freeText: 'Capybara wetlands need protection, revised.',
        answers: [],
      });
      assert.deepEqual(
        found((await visitorSearch('capybara')).body),
        [],
        'edited back into moderation',
      );
      await f.publish(pending.id);
      assert.deepEqual(found((await visitorSearch('capybara')).body), [url], 'published again');
      assert.match((await visitorSearch('capybara')).body, /revised/);

      await t.services.submissions.withdraw(author, pending.id);
      assert.deepEqual(found((await visitorSearch('capybara')).body), [], 'withdrawn');

      const spam = await submitted('Capybara spam spam.');
      assert.deepEqual(found((await visitorSearch('capybara')).body), []);
      await t.services.submissions.moderate(f.secretariat, spam.id, {
        action: 'reject',
        category: 'spam',
        note: '',
      });
      assert.deepEqual(found((await visitorSearch('capybara')).body), [], 'rejected');
    });

    test('when the secretariat moderates over HTTP, then the kept search shows the text right after', async () => {
      const s = await submitted('Tapir corridors cross borders.');
      assert.deepEqual(found((await visitorSearch('tapir')).body), []);
      const secretariat = await signedInClient(
        t,
        'search.secretariat@example.org',
        'secretariat password 1',
        'Search Secretariat',
      );
      const user = await t.services.accounts.findUserByEmail('search.secretariat@example.org');
      const process = await t.services.processes.findBySlug(f.processSlug);
      await t.services.roles.grant({
        userId: user?.id ?? '',
        role: 'secretariat',
        scopeType: 'process',
        scopeId: process?.id ?? '',
        grantedBy: null,
        now: new Date().toISOString(),
      });
      await secretariat.get(`/consultations/${slug}/moderation`);
      const decided = await secretariat.post(`/consultations/${slug}/moderation/${s.id}`, {
        action: 'publish',
      });
      assert.equal(decided.statusCode, 303);
      assert.deepEqual(found((await visitorSearch('tapir')).body), [`/submissions/${s.id}`]);
    });

    test('when another instance on the same database withdraws a text, then this one stops showing it', async () => {
      const url = await published('Ocelot sightings near the river.');
      const other = await startTestApp(dialect, { sharing: t });
      try {
        assert.deepEqual(found((await visitorSearch('ocelot')).body), [url]);
        assert.deepEqual(found((await visitorSearch('ocelot', other.client())).body), [url]);
        await other.services.submissions.withdraw(author, url.slice('/submissions/'.length));
        assert.deepEqual(found((await visitorSearch('ocelot')).body), [], 'this instance');
        const kept = await t.services.search.search('ocelot', { language: 'en', page: 1 });
        assert.deepEqual(kept.results, [], 'nor in the results the service keeps');
      } finally {
        await other.close();
      }
    });

    test('when only the published state changes in the database, then the kept results follow', async () => {
      // No index call at all (a missed update, an import): the database's own counter moves.
      const url = await published('Manatee seagrass beds.');
      assert.deepEqual(found((await visitorSearch('manatee')).body), [url]);
      const id = url.slice('/submissions/'.length);
      await t
        .db()
        .updateTable('submissions')
        .set({ status: 'withdrawn' })
        .where('id', '=', id)
        .execute();
      assert.deepEqual(
        found((await visitorSearch('manatee')).body),
        [],
        'withdrawn in the database',
      );
      await t
        .db()
        .updateTable('submissions')
        .set({ status: 'published' })
        .where('id', '=', id)
        .execute();
      assert.deepEqual(found((await visitorSearch('manatee')).body), [url], 'published again');
      const consultation = await t.services.consultations.load(slug);
      await t
        .db()
        .updateTable('consultations')
        .set({ published_at: null })
        .where('id', '=', consultation.id)
        .execute();
      assert.deepEqual(
        found((await visitorSearch('manatee')).body),
        [],
        'consultation unpublished',
      );
      await t
        .db()
        .updateTable('consultations')
        .set({ published_at: consultation.publishedAt })
        .where('id', '=', consultation.id)
        .execute();
      assert.deepEqual(found((await visitorSearch('manatee')).body), [url]);
    });

    test('when a visitor and a signed-in person take turns, then neither receives the other page', async () => {
      await published('Kinkajou canopy trails.');
      const signedIn = await visitorSearch('kinkajou', authorClient);
      const anonymous = await visitorSearch('kinkajou');
      const signedInAgain = await visitorSearch('kinkajou', authorClient);
      for (const page of [signedIn, signedInAgain]) {
        assert.match(page.body, /action="\/account\/sign-out"/);
        assert.equal(found(page.body).length, 1);
      }
      assert.doesNotMatch(anonymous.body, /sign-out|name="_csrf"/);
      assert.match(anonymous.body, /href="\/account\/sign-in/);
      assert.equal((await visitorSearch('kinkajou')).body, anonymous.body);
    });

    test('when visitors search in another language or for another page, then each gets its own page', async () => {
      await published('Quetzal feathers.');
      const english = await visitorSearch('quetzal');
      const french = await t.client().get('/search?q=quetzal&lang=fr');
      assert.match(english.body, /<html lang="en"/);
      assert.match(french.body, /<html lang="fr"/);
      assert.deepEqual(found(french.body), found(english.body));
      const second = await t.client().get('/search?q=quetzal&page=2');
      assert.deepEqual(found(second.body), [], 'one result: the second page is empty');
      const unknown = await t.client().get('/search?q=quetzal&utm=x');
      assert.equal(unknown.statusCode, 200);
      assert.deepEqual(found(unknown.body), found(english.body));
    });
  });
}
