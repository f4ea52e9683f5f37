// The moderation queue pages oldest first with the total shown, so a burst of spam cannot push an
// earlier text out of the secretariat's sight; its pages are plain links.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import {
  adminClient,
  consultationFields,
  createConsultation,
  createProcess,
  participant,
  secretariatClient,
} from '../consultations/secretariat.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`moderation queue paging (${dialect})`, () => {
    let t: TestApp;
    let secretariat: TestClient;
    let slug: string;
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await adminClient(t);
      const processSlug = await createProcess(admin, 'Spam burst');
      secretariat = await secretariatClient(t, admin, processSlug, 'sec@example.org');
      slug = await createConsultation(
        secretariat,
        processSlug,
        consultationFields({ title: 'Burst round', rule: 'attributed' }),
      );
      await secretariat.get(`/consultations/${slug}/edit`);
      assert.equal((await secretariat.post(`/consultations/${slug}/publish`)).statusCode, 303);
      const author = await participant(t, 'early@example.org', 'Early Author');
      const first = await t.services.submissions.submit(author, slug, {
        idempotencyKey: 'early-1',
        language: 'en',
        freeText: 'The very first text.',
        answers: [],
      });

      // 600 newer texts arrive after it (written straight to the table: only their order matters).
      const spammer = await participant(t, 'spam@example.org', 'Spam Sender');
      const base = Date.now() + 60_000;
      const rows = Array.from({ length: 600 }, (_, i) => {
        const at = new Date(base + i * 1000).toISOString();
        return {
          id: randomUUID(),
          consultation_id: first.consultationId,
          author_id: spammer.user?.id ?? '',
          organisation_id: null,
          status: 'submitted',
          language: 'en',
          free_text: `Spam number ${i + 1}.`,
          idempotency_key: null,
          created_at: at,
          updated_at: at,
          submitted_at: at,
          published_at: null,
          rejection_category: null,
          rejection_note: null,
          withdrawn_at: null,
        };
      });
      for (let i = 0; i < rows.length; i += 100)
        await t
          .db()
          .insertInto('submissions')
          .values(rows.slice(i, i + 100))
          .execute();
    });
    after(() => t.close());

    test('when 600 newer texts arrive, then the oldest is still first on page 1, with the total and a link onward', async () => {
      const page = await secretariat.get(`/consultations/${slug}/moderation`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /The very first text\./);
      assert.match(page.body, /601 texts are waiting for moderation/);
      assert.match(page.body, /Page 1 of 13, oldest texts first/);
      assert.match(page.body, /href="\/consultations\/[\w-]+\/moderation\?page=2" rel="next"/);
      assert.ok(page.body.indexOf('The very first text.') < page.body.indexOf('Spam number 1.'));
      assert.doesNotMatch(page.body, /Spam number 50\./, 'fifty texts a page');
    });

    test('when the secretariat follows the pages, then each shows the next older texts and the last the newest', async () => {
      const second = await secretariat.get(`/consultations/${slug}/moderation?page=2`);
      assert.match(second.body, /Spam number 50\./);
      assert.match(second.body, /Spam number 99\./);
      assert.doesNotMatch(second.body, /The very first text\./);
      assert.match(second.body, /rel="prev"/);
      const last = await secretariat.get(`/consultations/${slug}/moderation?page=13`);
      assert.match(last.body, /Spam number 600\./);
      assert.doesNotMatch(last.body, /rel="next"/);
      const beyond = await secretariat.get(`/consultations/${slug}/moderation?page=99`);
      assert.match(beyond.body, /Page 13 of 13/);
    });

    test('when a text is published from page 2, then the secretariat is back on page 2', async () => {
      const second = await secretariat.get(`/consultations/${slug}/moderation?page=2`);
      const action = /action="(\/consultations\/[\w-]+\/moderation\/[\w-]+\?page=2)"/.exec(
        second.body,
      )?.[1];
      assert.ok(action, 'the forms keep the page');
      const done = await secretariat.post(action, { action: 'publish' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `/consultations/${slug}/moderation?page=2`);
    });
  });
}
