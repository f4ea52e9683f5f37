// Assisted coding with the provider's embeddings, against the fake provider (its embeddings know
// the fixture's topics in every language): used only when an embedding model is configured AND
// the provider is enabled for the consultation, fetched by a background job, never by a page,
// cached and reused.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import {
  fakeProvider,
  reportFixture,
  signIn,
  type Received,
  type ReportFixture,
} from '../reports/reports.fixtures.ts';

const THEME = {
  label: 'Encryption',
  description: 'Protecting end-to-end encryption and refusing backdoors.',
  stance: '',
};

for (const dialect of testDialects()) {
  describe(`assisted coding with provider embeddings over HTTP (${dialect})`, () => {
    const received: Received[] = [];
    const server = fakeProvider(received);
    let t: TestApp;
    let f: ReportFixture;
    let secretariat: TestClient;
    before(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      t = await startTestApp(dialect, {
        env: {
          SYNTHESIS_PROVIDER_URL: `http://127.0.0.1:${port}/v1`,
          SYNTHESIS_PROVIDER_EMBEDDING_MODEL: 'fake-embed',
        },
      });
      f = await reportFixture(t, { key: 'coding-embed', count: 8 });
      secretariat = await signIn(t, f.secretariatEmail);
    });
    after(async () => {
      await t.close();
      await new Promise((resolve) => server.close(resolve));
    });
    const base = () => `/consultations/${f.slug}/coding`;
    // Samples 4 (Spanish) and 5 (Arabic) are about encryption, in words the English theme lacks.
    const es = () => f.submissionIds[4]!;
    const ar = () => f.submissionIds[5]!;
    const review = (submissionId: string) =>
      t.services.coding.reviewPage(f.secretariat, f.slug, { submissionId });
    const proposed = async (submissionId: string) => (await review(submissionId)).proposed;
    let arabicScore = 0;
    const sentTexts = () =>
      received
        .filter((r) => r.path === '/v1/embeddings')
        .flatMap((r) => (JSON.parse(r.body) as { input: string[] }).input);

    test('when the provider is not enabled for the consultation, then nothing is sent to it and the page says so', async () => {
      assert.equal((await secretariat.post(`${base()}/themes`, THEME)).statusCode, 303);
      const page = await secretariat.get(base());
      assert.match(page.body, /Scores use shared words only/);
      assert.match(page.body, /Enable the external provider on the report draft page/);
      assert.doesNotMatch(page.body, /Refresh suggestions/);
      assert.equal((await secretariat.post(`${base()}/refresh`)).statusCode, 409);
      await t.worker.drain();
      assert.equal((await secretariat.get(`${base()}/review`)).statusCode, 200);
      assert.equal(received.length, 0);
      assert.deepEqual(await proposed(es()), []);
    });

    test('when enabled, then pages send nothing, the refresh job embeds every input and theme once, and the Spanish input is proposed for the English theme', async () => {
      const settings = await secretariat.post(`/consultations/${f.slug}/report/settings`, {
        provider: 'on',
      });
      assert.equal(settings.statusCode, 303);
      const waiting = await secretariat.get(base());
      assert.match(waiting.body, /embedding model fake-embed/);
      assert.match(waiting.body, /9 contributions or themes are still scored on words alone/);
      assert.equal(received.length, 0, 'a page view fetches nothing');
      assert.deepEqual(await proposed(es()), []);

      assert.equal((await secretariat.post(`${base()}/refresh`)).statusCode, 303);
      assert.match(
        (await secretariat.get(base())).body,
        /Refreshing suggestions: waiting to start/,
      );
      assert.equal(received.length, 0);
      await t.worker.drain();

      const sent = sentTexts();
      assert.equal(sent.length, 9, '8 contributions and 1 theme');
      assert.equal(new Set(sent).size, 9);
      assert.ok(sent.includes(`${THEME.label}. ${THEME.description}`));
      assert.ok(received.every((r) => JSON.parse(r.body).model === 'fake-embed'));
      for (const author of f.authors) assert.ok(!sent.join(' ').includes(author.user!.displayName));
      const rows = await t.db().selectFrom('coding_embeddings').selectAll().execute();
      assert.equal(rows.length, 9);

      const done = await secretariat.get(base());
      assert.doesNotMatch(done.body, /still scored on words alone/);
      assert.match(done.body, /Encryption<\/th>[\s\S]*?2 contributions/);
      const [theme] = await t
        .db()
        .selectFrom('coding_themes')
        .select('id')
        .orderBy('position')
        .execute();
      assert.deepEqual(await proposed(es()), [theme!.id]);
      assert.deepEqual(await proposed(ar()), [theme!.id]);
      assert.deepEqual(await proposed(f.submissionIds[0]!), []);
      const screen = await secretariat.get(`${base()}/review?submission=${es()}`);
      assert.match(screen.body, new RegExp(`value="${theme!.id}"[^>]*checked`));
      assert.match(screen.body, /embedding model fake-embed/);
    });

    test('when pages are viewed and suggestions refreshed again, then the cached embeddings are reused and only a new theme is fetched', async () => {
      const before = received.length;
      await secretariat.get(base());
      await secretariat.get(`${base()}/review`);
      const [theme] = await t
        .db()
        .selectFrom('coding_themes')
        .select('id')
        .orderBy('position')
        .execute();
      const label = { submission: es(), theme: theme!.id };
      assert.equal((await secretariat.post(`${base()}/review`, label)).statusCode, 303);
      assert.equal((await secretariat.post(`${base()}/refresh`)).statusCode, 303);
      await t.worker.drain();
      assert.equal(received.length, before, 'nothing new to fetch');
      arabicScore = (await review(ar())).scores[theme!.id]!;

      const added = await secretariat.post(`${base()}/themes`, {
        label: 'Rural access',
        description: 'Affordable connectivity in rural areas.',
        stance: '',
      });
      assert.equal(added.statusCode, 303);
      await t.worker.drain();
      assert.deepEqual(sentTexts().slice(9), [
        'Rural access. Affordable connectivity in rural areas.',
      ]);
      const rows = await t.db().selectFrom('coding_embeddings').select('input_id').execute();
      assert.equal(rows.length, 10);
    });

    test('when the provider is turned off again, then scores are words only and nothing more is sent', async () => {
      await secretariat.post(`/consultations/${f.slug}/report/settings`, {});
      const before = received.length;
      const page = await secretariat.get(base());
      assert.match(page.body, /Scores use shared words only/);
      await secretariat.post(`${base()}/themes`, {
        label: 'Literacy',
        description: '',
        stance: '',
      });
      await t.worker.drain();
      assert.equal(received.length, before);
      const [theme] = await t
        .db()
        .selectFrom('coding_themes')
        .select('id')
        .orderBy('position')
        .execute();
      const now = (await review(ar())).scores[theme!.id]!;
      assert.ok(now < arabicScore, `the Arabic input's score fell from ${arabicScore} to ${now}`);
    });
  });
}
