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
import {
  actorOf,
  adminClient,
  consultationFields,
  createConsultation,
  createProcess,
  participant,
  secretariatClient,
} from '../consultations/secretariat.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`moderation queue (${dialect})`, () => {
    let t: TestApp;
    let secretariat: TestClient;
    let plain: TestClient;
    let author: Actor;
    let processSlug: string;
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await adminClient(t);
      processSlug = await createProcess(admin, 'GDC follow-up');
      secretariat = await secretariatClient(t, admin, processSlug, 'sec@example.org');
      plain = await signedInClient(t, 'plain@example.org', 'plain password 1');
      author = await participant(t, 'author@example.org', 'Hidden Author');
    });
    after(() => t.close());

    /** A published consultation under `rule` with one submitted text; returns its slug and the text's id. */
    async function withSubmission(rule: string, title: string, freeText: string) {
      const slug = await createConsultation(
        secretariat,
        processSlug,
        consultationFields({ title, rule }),
      );
      await secretariat.get(`/consultations/${slug}/edit`);
      assert.equal((await secretariat.post(`/consultations/${slug}/publish`)).statusCode, 303);
      const submission = await t.services.submissions.submit(author, slug, {
        idempotencyKey: `${slug}-1`,
        language: 'en',
        freeText,
        answers: [],
      });
      return { slug, id: submission.id };
    }

    test('when the consultation is anonymous, then the queue shows the text and nothing about who wrote it', async () => {
      const { slug } = await withSubmission(
        'anonymous',
        'Anonymous round',
        'First paragraph.\n\nSecond paragraph.',
      );
      const page = await secretariat.get(`/consultations/${slug}/moderation`);
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /<p dir="auto" lang="en">First paragraph\.<\/p><p dir="auto" lang="en">Second paragraph\.<\/p>/,
      );
      assert.match(page.body, /Author not shown: this consultation is anonymous/);
      assert.doesNotMatch(page.body, /Hidden Author|author@example\.org/);
    });

    test('when the consultation is attributed, then the secretariat sees the author by name', async () => {
      const { slug } = await withSubmission('attributed', 'Attributed round', 'Signed text.');
      const page = await secretariat.get(`/consultations/${slug}/moderation`);
      assert.match(page.body, /By Hidden Author/);
      assert.match(page.body, /Text 1 of 1/);
    });

    test('when a text is rejected with an unknown reason, then the queue comes back with 422 and the reason field marked', async () => {
      const { slug, id } = await withSubmission('chatham_house', 'Reasons round', 'Some text.');
      await secretariat.get(`/consultations/${slug}/moderation`);
      const response = await secretariat.post(`/consultations/${slug}/moderation/${id}`, {
        action: 'reject',
        category: 'boring',
        note: 'kept note',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, new RegExp(`href="#category-${id}"`));
      assert.match(response.body, new RegExp(`id="category-${id}"[^>]*aria-invalid="true"`));
      assert.match(response.body, /kept note<\/textarea>/);
      assert.equal(
        (await t.services.submissions.counts((await t.services.consultations.load(slug)).id))
          .submitted,
        1,
      );
    });

    test('when a text is rejected with a reason, then it leaves the queue and the log records only the category', async () => {
      const { slug, id } = await withSubmission(
        'chatham_house',
        'Rejection round',
        'Buy our product.',
      );
      await secretariat.get(`/consultations/${slug}/moderation`);
      assert.equal(
        (
          await secretariat.post(`/consultations/${slug}/moderation/${id}`, {
            action: 'reject',
            category: 'spam',
            note: 'advertising',
          })
        ).statusCode,
        303,
      );
      const page = await secretariat.get(`/consultations/${slug}/moderation`);
      assert.match(page.body, /The text has been rejected\./);
      assert.match(page.body, /No text is waiting for moderation/);
      const entry = (await t.services.transparency.list({ limit: 100 })).find(
        (e) => e.action === 'submission_rejected' && e.subjectId === slug,
      );
      assert.deepEqual(entry?.details, { category: 'spam' });
    });

    test('when a text waits, then every rejection category is offered with its translated label', async () => {
      const { slug } = await withSubmission('attributed', 'Labels round', 'Texte.');
      const page = await secretariat.get(`/consultations/${slug}/moderation`);
      const options = [...page.body.matchAll(/<option value="([a-z_]+)">([^<]+)<\/option>/g)].map(
        (m) => `${m[1]}=${m[2]}`,
      );
      assert.deepEqual(options, [
        'off_topic=Off topic',
        'abusive=Abusive or intimidating',
        'spam=Spam or advertising',
        'duplicate=Duplicate',
        'personal_data=Reveals personal data',
        'other=Other reason',
      ]);
    });

    test('when someone outside the secretariat tries, then a visitor is sent to sign in and a participant is refused', async () => {
      const { slug, id } = await withSubmission('attributed', 'Guarded round', 'Guarded text.');
      assert.equal((await t.client().get(`/consultations/${slug}/moderation`)).statusCode, 303);
      assert.equal((await plain.get(`/consultations/${slug}/moderation`)).statusCode, 403);
      assert.equal(
        (await plain.post(`/consultations/${slug}/moderation/${id}`, { action: 'publish' }))
          .statusCode,
        403,
      );
      const other = await actorOf(t, 'plain@example.org');
      await assert.rejects(
        t.services.submissions.moderate(other, id, { action: 'publish' }),
        /forbidden/,
      );
      assert.equal(
        (await t.services.submissions.counts((await t.services.consultations.load(slug)).id))
          .published ?? 0,
        0,
      );
    });
  });
}
