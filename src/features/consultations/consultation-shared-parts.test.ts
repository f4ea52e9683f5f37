// The consultation page as signed-in readers and visitors with a query meet it: what everyone sees
// alike is rendered once per content version and shared, the reader's own parts are rendered for
// them alone, and a change shows at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';
import { actorFor } from '../../testing/factories.ts';
import { participationFixture, type Participation } from '../submissions/participation.fixtures.ts';

const csrfIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];

for (const dialect of testDialects()) {
  describe(`consultation page shared parts (${dialect})`, () => {
    let t: TestApp;
    let f: Participation;
    let author: Actor;
    let renders = 0;
    before(async () => {
      t = await startTestApp(dialect);
      f = await participationFixture(t);
      author = await actorFor(t, 'parts.author@example.org', 'Parts Author');
      // Counts the shared parts built from the database rather than taken as rendered.
      const publicPage = t.services.submissions.publicPage.bind(t.services.submissions);
      t.services.submissions.publicPage = (...args) => {
        renders += 1;
        return publicPage(...args);
      };
    });
    after(() => t.close());

    const publish = async (slug: string, freeText: string) => {
      const s = await t.services.submissions.submit(author, slug, {
        language: 'en',
        freeText,
        answers: [],
      });
      await f.publish(s.id);
    };

    test('when two signed-in readers open the page in turn, then each gets their own call to action and token, and the rest is rendered once', async () => {
      const c = await f.openConsultation({
        title: 'Two readers',
        rule: 'chatham_house',
        eligibility: 'invited',
      });
      await t.services.consultations.inviteParticipants(f.secretariat, c.slug, [
        'invited.reader@example.org',
        'parts.author@example.org',
      ]);
      await publish(c.slug, 'A text both readers see.');
      const invited = await signedInClient(
        t,
        'invited.reader@example.org',
        'invited reader password',
        'Invited Reader',
      );
      const other = await signedInClient(
        t,
        'other.reader@example.org',
        'other reader password',
        'Other Reader',
      );
      const start = renders;
      const pages: string[] = [];
      for (const reader of [invited, other, invited, other]) {
        const page = await reader.get(`/consultations/${c.slug}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /A text both readers see\./);
        assert.match(page.body, /action="\/account\/sign-out"/);
        pages.push(page.body);
      }
      assert.equal(renders - start, 1, 'the shared parts are built once for both readers');
      const [a1 = '', b1 = '', a2 = '', b2 = ''] = pages;
      for (const a of [a1, a2]) {
        assert.match(a, /Write a submission/, 'the invited reader may write');
        assert.doesNotMatch(a, /You cannot submit to this consultation/);
      }
      for (const b of [b1, b2]) {
        assert.match(b, /You cannot submit to this consultation/, 'the other reader may not');
        assert.doesNotMatch(b, /Write a submission/);
      }
      const [tokenA, tokenB] = [csrfIn(a1), csrfIn(b1)];
      assert.ok(tokenA && tokenB && tokenA !== tokenB, 'each reader has their own CSRF token');
      for (const b of [b1, b2])
        assert.ok(!b.includes(tokenA), "the invited reader's token never reaches the other");
      for (const a of [a1, a2])
        assert.ok(!a.includes(tokenB), "the other reader's token never reaches the invited one");
    });

    test('when a submission is published, then signed-in readers see it on their next view, on every page of the list', async () => {
      const c = await f.openConsultation({ title: 'Fresh for readers', rule: 'attributed' });
      for (let i = 0; i < 21; i++) await publish(c.slug, `Older text number ${i}.`);
      const reader = await signedInClient(
        t,
        'fresh.reader@example.org',
        'fresh reader password',
        'Fresh Reader',
      );
      const first = (await reader.get(`/consultations/${c.slug}`)).body;
      const older =
        /href="(\/consultations\/[^"]+\?before=[^"]+)"/
          .exec(first)?.[1]
          ?.replaceAll('&amp;', '&') ?? '';
      assert.match((await reader.get(older)).body, /Older text number 0\./);
      await publish(c.slug, 'Published just now.');
      const next = (await reader.get(`/consultations/${c.slug}`)).body;
      assert.match(next, /Published just now\./, 'no stale list after a submission');
      assert.match(next, /Parts Author/, 'attributed: the name shows');
      assert.match(
        (await reader.get(`/consultations/${c.slug}?lang=fr`)).body,
        /Published just now\./,
      );
      // The list moved by one: the older page now starts one text later.
      assert.doesNotMatch((await reader.get(older)).body, /Older text number 1\./);
    });

    test('when visitors add a query parameter the page does not know, then they share the rendered parts', async () => {
      const c = await f.openConsultation({ title: 'Odd queries', rule: 'chatham_house' });
      await publish(c.slug, 'Seen with any query.');
      const visitor = t.client();
      const start = renders;
      for (const query of ['?page=2', '?utm_source=mail', '?page=3']) {
        const page = await visitor.get(`/consultations/${c.slug}${query}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Seen with any query\./);
        assert.match(
          page.body,
          new RegExp(`href="/consultations/${c.slug}\\${query.replace('=', '=[^"]*')}`),
          'the language links keep the query',
        );
      }
      assert.equal(renders - start, 1);
    });

    test('when many readers arrive together right after a change, then the shared parts are built once', async () => {
      const c = await f.openConsultation({ title: 'Crowd', rule: 'chatham_house' });
      const readers = await Promise.all(
        [1, 2, 3].map((i) =>
          signedInClient(t, `crowd${i}@example.org`, 'crowd password 123', `Crowd ${i}`),
        ),
      );
      await readers[0]?.get(`/consultations/${c.slug}`);
      await publish(c.slug, 'Everyone at once.');
      const start = renders;
      const pages = await Promise.all(
        readers.flatMap((r) => [r, r, r]).map((r) => r.get(`/consultations/${c.slug}`)),
      );
      for (const page of pages) assert.match(page.body, /Everyone at once\./);
      assert.equal(renders - start, 1);
    });
  });
}
