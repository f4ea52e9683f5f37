// The consultation page as visitors share it: remembered between views, never stale after a
// write that changes what it shows, and never crossed with a signed-in person's page.
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import {
  participationFixture,
  testClock,
  type Participation,
} from '../submissions/participation.fixtures.ts';
import { actorFor } from '../../testing/factories.ts';

const DAY = 24 * 3600 * 1000;

for (const dialect of testDialects()) {
  describe(`consultation page shared by visitors (${dialect})`, () => {
    const clock = testClock();
    let t: TestApp;
    let f: Participation;
    let author: Actor;
    let authorClient: TestClient;
    let renders = 0;
    before(async () => {
      t = await startTestApp(dialect, { clock });
      f = await participationFixture(t);
      authorClient = await signedInClient(
        t,
        'cache.author@example.org',
        'author password 1',
        'Cached Author',
      );
      author = await actorFor(t, 'cache.author@example.org', 'Cached Author');
      // Counts the pages built from the database rather than from the cache.
      const publicPage = t.services.submissions.publicPage.bind(t.services.submissions);
      t.services.submissions.publicPage = (...args) => {
        renders += 1;
        return publicPage(...args);
      };
    });
    after(() => t.close());

    const visitor = () => t.client();
    const view = async (slug: string, client = visitor()) => {
      const response = await client.get(`/consultations/${slug}`);
      assert.equal(response.statusCode, 200);
      return response;
    };
    const published = async (slug: string, freeText: string) => {
      const s = await t.services.submissions.submit(author, slug, {
        language: 'en',
        freeText,
        answers: [],
      });
      await f.publish(s.id);
      return s;
    };

    test('when visitors view a page twice, then the second comes from the cache, without a CSRF cookie', async () => {
      const c = await f.openConsultation({ title: 'Remembered', rule: 'chatham_house' });
      await published(c.slug, 'Shared text one.');
      const first = await view(c.slug);
      const rendersAfterFirst = renders;
      const second = await view(c.slug);
      assert.equal(renders, rendersAfterFirst, 'the second view reads no submissions');
      assert.equal(second.body, first.body);
      assert.match(second.body, /Shared text one\./);
      for (const response of [first, second]) {
        assert.equal(response.cookies.length, 0, 'a page without forms sets no cookie');
        assert.doesNotMatch(response.body, /name="_csrf"/);
        assert.equal(response.headers['cache-control'], 'no-store');
      }
    });

    test('when a submission is published, edited or withdrawn, then the next visitor sees it at once', async () => {
      const c = await f.openConsultation({ title: 'Moving texts', rule: 'attributed' });
      const s = await published(c.slug, 'First version of the text.');
      assert.match((await view(c.slug)).body, /First version of the text\./);

      const pending = await t.services.submissions.submit(author, c.slug, {
        language: 'en',
        freeText: 'Waiting in the queue.',
        answers: [],
      });
      assert.doesNotMatch((await view(c.slug)).body, /Waiting in the queue\./);
      await f.publish(pending.id);
      assert.match((await view(c.slug)).body, /Waiting in the queue\./, 'published');

      await t.services.submissions.saveDraft(author, c.slug, {
        submissionId: s.id,
        language: 'en',
        freeText: 'Second version of the text.',
        answers: [],
      });
      const edited = (await view(c.slug)).body;
      assert.doesNotMatch(edited, /First version of the text\./, 'an edit goes back to moderation');
      assert.doesNotMatch(edited, /Second version of the text\./);
      await f.publish(s.id);
      assert.match((await view(c.slug)).body, /Second version of the text\./);

      await t.services.submissions.withdraw(author, s.id);
      assert.doesNotMatch((await view(c.slug)).body, /Second version of the text\./, 'withdrawn');
    });

    test('when the secretariat moderates over HTTP, then the page shows the published text right after', async () => {
      const c = await f.openConsultation({ title: 'Moderated', rule: 'chatham_house' });
      const s = await t.services.submissions.submit(author, c.slug, {
        language: 'en',
        freeText: 'Approved by the form.',
        answers: [],
      });
      assert.doesNotMatch((await view(c.slug)).body, /Approved by the form\./);
      const secretariat = await signedInClient(
        t,
        'cache.secretariat@example.org',
        'secretariat password 1',
        'Cache Secretariat',
      );
      const user = await t.services.accounts.findUserByEmail('cache.secretariat@example.org');
      const process = await t.services.processes.findBySlug(f.processSlug);
      await t.services.roles.grant({
        userId: user?.id ?? '',
        role: 'secretariat',
        scopeType: 'process',
        scopeId: process?.id ?? '',
        grantedBy: null,
        now: new Date().toISOString(),
      });
      await secretariat.get(`/consultations/${c.slug}/moderation`);
      const decided = await secretariat.post(`/consultations/${c.slug}/moderation/${s.id}`, {
        action: 'publish',
      });
      assert.equal(decided.statusCode, 303);
      assert.match((await view(c.slug)).body, /Approved by the form\./);
    });

    test('when the consultation, its questions, its phase or its process change, then visitors see the change', async () => {
      const c = await f.openConsultation({ title: 'Before the edit', rule: 'chatham_house' });
      assert.match((await view(c.slug)).body, /Before the edit/);
      const current = await t.services.consultations.load(c.slug);
      await t.services.consultations.updateConsultation(f.secretariat, c.slug, {
        title: 'After the edit',
        context: 'A **new** context.',
        languages: current.languages,
        eligibility: current.eligibility,
        rule: current.rule,
        opensAtLocal: '2020-01-01T09:00',
        closesAtLocal: '2099-01-01T09:00',
        timeZone: current.timeZone,
      });
      const edited = (await view(c.slug)).body;
      assert.match(edited, /After the edit/);
      assert.match(edited, /<strong>new<\/strong> context/);

      await t.services.consultations.saveQuestions(f.secretariat, c.slug, [
        { text: 'A brand new question?', help: '' },
      ]);
      const asked = (await view(c.slug)).body;
      assert.match(asked, /A brand new question\?/);
      assert.doesNotMatch(asked, /Who is left out\?/);

      await t.services.consultations.advancePhase(f.secretariat, c.slug, 'synthesis');
      assert.doesNotMatch((await view(c.slug)).body, /Open for submissions/);

      const process = await t.services.processes.findBySlug(f.processSlug);
      await t
        .db()
        .updateTable('processes')
        .set({ title: 'Renamed process' })
        .where('id', '=', process?.id ?? '')
        .execute();
      assert.match((await view(c.slug)).body, /Renamed process/);
    });

    test('when an author renames themself or a co-signature is confirmed, then attributed pages follow', async () => {
      const c = await f.openConsultation({ title: 'Names shown', rule: 'attributed' });
      const s = await published(c.slug, 'Signed text.');
      assert.match((await view(c.slug)).body, /Cached Author/);
      await t
        .db()
        .updateTable('users')
        .set({ display_name: 'Renamed Author' })
        .where('id', '=', author.user?.id ?? '')
        .execute();
      const renamed = (await view(c.slug)).body;
      assert.match(renamed, /Renamed Author/);
      assert.doesNotMatch(renamed, /Cached Author/);

      const cosigner = await actorFor(t, 'cosigner@example.org', 'Co Signer');
      const org = await f.organisation('Cosigning Network', [cosigner]);
      await t.services.submissions.inviteCosignatory(author, s.id, org.slug);
      assert.doesNotMatch(
        (await view(c.slug)).body,
        /Cosigning Network/,
        'an invitation is not shown',
      );
      await t.services.submissions.decideCosignature(cosigner, s.id, org.slug, 'confirmed');
      assert.match((await view(c.slug)).body, /Cosigning Network/);
    });

    test('when the deadline passes, then the page changes with the clock alone', async () => {
      const c = await f.openConsultation({
        title: 'Closing soon',
        rule: 'chatham_house',
        closesInDays: 1,
      });
      assert.match((await view(c.slug)).body, /Open for submissions/);
      clock.advance(2 * DAY);
      try {
        assert.doesNotMatch((await view(c.slug)).body, /Open for submissions/);
      } finally {
        clock.advance(-2 * DAY);
      }
    });

    test('when a visitor and a signed-in person take turns, then neither receives the other page', async () => {
      const c = await f.openConsultation({ title: 'Two audiences', rule: 'chatham_house' });
      const signedIn = await view(c.slug, authorClient);
      const anonymous = await view(c.slug);
      const signedInAgain = await view(c.slug, authorClient);
      for (const page of [signedIn, signedInAgain]) {
        assert.match(page.body, /action="\/account\/sign-out"/);
        assert.match(
          page.body,
          new RegExp(`href="/consultations/${c.slug}/submit"`),
          'the call to write',
        );
      }
      assert.doesNotMatch(anonymous.body, /sign-out|name="_csrf"/);
      assert.match(anonymous.body, /href="\/account\/sign-in\?next=/);
      const anonymousAgain = await view(c.slug);
      assert.equal(anonymousAgain.body, anonymous.body);
    });

    test('when browsers ask for br or gzip, then the kept page comes compressed and reads the same', async () => {
      const c = await f.openConsultation({ title: 'Compressed', rule: 'chatham_house' });
      await published(c.slug, 'Worth compressing.');
      const plain = (await view(c.slug)).body;
      for (const [accept, encoding, decode] of [
        ['gzip, deflate, br', 'br', brotliDecompressSync],
        ['gzip', 'gzip', gunzipSync],
      ] as const) {
        for (let i = 0; i < 2; i++) {
          const response = await t.app.inject({
            url: `/consultations/${c.slug}`,
            headers: { 'accept-encoding': accept },
          });
          assert.equal(response.headers['content-encoding'], encoding);
          assert.match(String(response.headers.vary), /accept-encoding/i);
          assert.equal(decode(response.rawPayload).toString('utf8'), plain);
        }
      }
    });

    test('when visitors differ in language, page or query, then each gets its own page', async () => {
      const c = await f.openConsultation({ title: 'Many languages', rule: 'chatham_house' });
      const en = (await view(c.slug)).body;
      const fr = (await visitor().get(`/consultations/${c.slug}`, { 'accept-language': 'fr' }))
        .body;
      assert.match(en, /<html lang="en"/);
      assert.match(fr, /<html lang="fr"/);
      const tracked = await visitor().get(`/consultations/${c.slug}?utm=x`);
      assert.match(
        tracked.body,
        /utm=x&amp;lang=fr|utm=x&lang=fr/,
        'the language switcher keeps the query',
      );
      assert.doesNotMatch((await view(c.slug)).body, /utm=x/);
    });
  });
}
