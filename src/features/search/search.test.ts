import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { seedWorld, type World } from '../open-data/open-data.fixtures.ts';
import { documentTokens, foldDiacritics, queryGroups } from './search-text.ts';

test('when text is normalised, then case, accents and Arabic vowel marks fold, and Chinese gets bigrams', () => {
  assert.equal(foldDiacritics('Écoles accès'), 'Ecoles acces');
  assert.match(documentTokens('L’accès des Écoles', 'fr'), /\bacces\b/);
  assert.ok(documentTokens('مَدْرَسَة', 'ar').split(' ').includes('مدرسة'));
  assert.ok(documentTokens('缩小数字鸿沟', 'zh').split(' ').includes('鸿沟'));
  assert.deepEqual(queryGroups('鸿沟', ['zh']), [['鸿沟']]);
  assert.deepEqual(queryGroups('   ', ['en']), []);
});

const urls = (html: string) =>
  [...html.matchAll(/href="(\/(?:submissions|consultations)\/[^"]+)"/g)].map((m) => m[1]);

for (const dialect of testDialects()) {
  describe(`search (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    let author: Actor;
    let slug: string;
    const ids: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(dialect);
      world = await seedWorld(t);
      author = await world.actorFor('writer@example.org', 'Writer');
      slug = (
        await world.openConsultation('attributed', 'Digital inclusion consultation', {
          questions: ['Which barriers remain?'],
        })
      ).slug;
      ids.en = await world.publish(author, slug, {
        language: 'en',
        answers: ['Affordable connectivity for rural schools is missing.'],
      });
      ids.fr = await world.publish(author, slug, {
        language: 'fr',
        freeText: "L'accès à Internet des écoles rurales reste coûteux.",
      });
      ids.ar = await world.publish(author, slug, {
        language: 'ar',
        freeText: 'يجب توفير الإنترنت للمدارس الريفية بأسعار معقولة.',
      });
      ids.ru = await world.publish(author, slug, {
        language: 'ru',
        freeText: 'Доступ к интернету для сельских школ остаётся дорогим.',
      });
      ids.zh = await world.publish(author, slug, {
        language: 'zh',
        freeText: '我们需要缩小城乡之间的数字鸿沟以促进农村发展。',
      });
    });
    after(() => t.close());

    async function found(query: string, lang = 'en'): Promise<string[]> {
      const { results } = await t.services.search.search(query, { language: lang, page: 1 });
      return results.map((r) => r.url);
    }

    test('when submissions in five languages are published, then a word of each language finds its submission', async () => {
      assert.deepEqual(
        await found('school'),
        [`/submissions/${ids.en}`],
        'English, stemmed: schools → school',
      );
      assert.deepEqual(
        await found('acces ecoles', 'fr'),
        [`/submissions/${ids.fr}`],
        'French, without accents',
      );
      assert.deepEqual(await found('المدارس', 'ar'), [`/submissions/${ids.ar}`], 'Arabic');
      assert.deepEqual(
        await found('школы', 'ru'),
        [`/submissions/${ids.ru}`],
        'Russian, another case form',
      );
      assert.deepEqual(
        await found('鸿沟', 'zh'),
        [`/submissions/${ids.zh}`],
        'a Chinese word inside a longer sentence',
      );
      assert.deepEqual(
        await found('数字鸿沟'),
        [`/submissions/${ids.zh}`],
        'a Chinese phrase, whatever the interface language',
      );
    });

    test('when the consultation is published, then its title and questions are found, and a draft is not', async () => {
      assert.ok((await found('barriers inclusion')).includes(`/consultations/${slug}`));
      await t.services.consultations.createConsultation(world.secretariat, world.processSlug, {
        title: 'Secret draft zebra',
        context: 'zebra',
        languages: ['en'],
        eligibility: 'open',
        rule: 'attributed',
        opensAtLocal: '2030-01-01T00:00',
        closesAtLocal: '2030-02-01T00:00',
        timeZone: 'UTC',
      });
      assert.deepEqual(await found('zebra'), []);
    });

    test('when a submission is withdrawn, rejected or edited back into moderation, then it is not found', async () => {
      const withdrawn = await world.publish(author, slug, {
        language: 'en',
        freeText: 'Quokka habitats need fibre.',
      });
      assert.deepEqual(await found('quokka'), [`/submissions/${withdrawn}`]);
      await t.services.submissions.withdraw(author, withdrawn);
      assert.deepEqual(await found('quokka'), []);

      const rejected = await t.services.submissions.submit(author, slug, {
        idempotencyKey: 'rejected-1',
        language: 'en',
        freeText: 'Narwhal spam spam.',
        answers: [],
      });
      await t.services.submissions.moderate(world.secretariat, rejected.id, {
        action: 'reject',
        category: 'spam',
        note: '',
      });
      assert.deepEqual(await found('narwhal'), []);

      const edited = await world.publish(author, slug, {
        language: 'en',
        freeText: 'Okapi networks.',
      });
      await t.services.submissions.saveDraft(author, slug, {
        submissionId: edited,
        language: 'en',
        freeText: 'Okapi networks, revised.',
        answers: [],
      });
      assert.deepEqual(await found('okapi'), [], 'an edit waits for moderation again');
      await t.services.submissions.moderate(world.secretariat, edited, { action: 'publish' });
      assert.deepEqual(await found('revised'), [`/submissions/${edited}`]);
    });

    test('when more stale index entries outrank the visible texts than a page holds, then the visible ones still fill the page', async () => {
      // Index entries whose submission no longer exists (a missed index update), newer than
      // the real ones so they rank first: the best candidates alone would leave the page empty.
      const consultation = await t.services.consultations.load(slug);
      for (let i = 0; i < 60; i++) {
        await t.services.search.index.submissionPublished(consultation, {
          id: `stale-${i}`,
          consultationSlug: slug,
          status: 'published',
          language: 'en',
          freeText: 'Wombat burrows.',
          answers: [],
          publishedOn: '2099-12-31',
          submittedAt: '2099-12-31',
          author: null,
          cosignatories: [],
          cosignatoryCount: 0,
          attachments: [],
        });
      }
      const real = [
        await world.publish(author, slug, { language: 'en', freeText: 'Wombat burrows.' }),
        await world.publish(author, slug, { language: 'en', freeText: 'Wombat burrows.' }),
      ];
      const first = await t.services.search.search('wombat', { language: 'en', page: 1 });
      assert.deepEqual(
        first.results.map((r) => r.url).sort(),
        real.map((id) => `/submissions/${id}`).sort(),
      );
      assert.equal(first.hasMore, false);
      const second = await t.services.search.search('wombat', { language: 'en', page: 2 });
      assert.deepEqual(second.results, []);
    });

    test('when equal scores span pages, then the newer texts come first and pages never overlap', async () => {
      const consultation = await t.services.consultations.load(slug);
      const days = ['2030-01-03', '2030-01-01', '2030-01-05', '2030-01-02', '2030-01-04'];
      const byDay = new Map<string, string>();
      for (const day of days) {
        for (let i = 0; i < 5; i++) {
          const id = await world.publish(author, slug, {
            language: 'en',
            freeText: 'Quokka meadows.',
          });
          // The same published text indexed under another day, as the index would hold it.
          await t.services.search.index.submissionPublished(consultation, {
            id,
            consultationSlug: slug,
            status: 'published',
            language: 'en',
            freeText: 'Quokka meadows.',
            answers: [],
            publishedOn: day,
            submittedAt: day,
            author: null,
            cosignatories: [],
            cosignatoryCount: 0,
            attachments: [],
          });
          byDay.set(`/submissions/${id}`, day);
        }
      }
      const first = await t.services.search.search('quokka', { language: 'en', page: 1 });
      const second = await t.services.search.search('quokka', { language: 'en', page: 2 });
      const urls = [...first.results, ...second.results].map((r) => r.url);
      assert.equal(first.results.length, 20);
      assert.equal(new Set(urls).size, 25, 'every text once');
      const shown = urls.map((u) => byDay.get(u) ?? '');
      assert.deepEqual(
        shown,
        [...days]
          .sort()
          .reverse()
          .flatMap((d) => Array<string>(5).fill(d)),
      );
    });

    test('when the search page is asked, then it shows labelled results with links and excerpts', async () => {
      const page = await t.client().get('/search?q=rural%20schools');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<form role="search"/);
      assert.match(page.body, /<label for="search-q">/);
      assert.deepEqual(urls(page.body), [`/submissions/${ids.en}`]);
      assert.match(page.body, /<mark>(rural|schools)<\/mark>/);
      assert.match(page.body, /role="status"/);
      const empty = await t.client().get('/search?q=nothingmatchesthis');
      assert.match(empty.body, /Nothing found/);
      assert.equal((await t.client().get('/search')).statusCode, 200);
    });
  });
}
