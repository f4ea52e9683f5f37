import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  grant,
  person,
  seedConsultation,
  seedProcess,
  type Person,
} from '../../testing/api-fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';

for (const dialect of testDialects()) {
  describe(`/api/v1/transparency (${dialect})`, () => {
    let t: TestApp;
    let secretariat: Person;
    let author: Person;
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await person(t, 'admin@example.org', 'Admin');
      await grant(t, admin, 'instance_admin');
      secretariat = await person(t, 'sec@example.org', 'Secretariat');
      author = await person(t, 'author@example.org', 'Author');
      const process = await seedProcess(t, admin, secretariat, 'IGF 2026');
      await seedConsultation(t, secretariat, process.slug, 'Logged call');
      await seedConsultation(t, secretariat, process.slug, 'Second call');
      await seedConsultation(t, secretariat, process.slug, 'Quiet draft', { publish: false });
      for (const [key, category] of [
        ['a', 'spam'],
        ['b', 'spam'],
        ['c', 'off_topic'],
      ] as const) {
        const created = await api(t, 'POST', '/api/v1/consultations/logged-call/submissions', {
          token: author.token,
          body: { idempotencyKey: key, language: 'en', freeText: `Text ${key}`, submit: true },
        });
        await api(t, 'POST', `/api/v1/submissions/${created.json.id}/moderation`, {
          token: secretariat.token,
          body: { action: 'reject', category, note: 'private note' },
        });
      }
    });
    after(() => t.close());

    test('when a visitor reads the log, then it comes oldest first, page by page, with day-precise entries', async () => {
      const first = await api(t, 'GET', '/api/v1/transparency?limit=3');
      assert.equal(first.status, 200);
      assert.deepEqual(
        first.json.data.map((e: { seq: number }) => e.seq),
        [1, 2, 3],
      );
      assert.equal(first.json.data[0].action, 'consultation_opened');
      assert.match(first.json.data[0].day, /^\d{4}-\d{2}-\d{2}$/);
      const second = await api(
        t,
        'GET',
        `/api/v1/transparency?limit=3&cursor=${first.json.nextCursor}`,
      );
      assert.deepEqual(
        second.json.data.map((e: { seq: number }) => e.seq),
        [4, 5],
      );
      assert.equal(second.json.nextCursor, null);
      assert.equal(second.json.data[1].prevHash, second.json.data[0].hash);
      assert.doesNotMatch(
        JSON.stringify([first.json, second.json]),
        /private note|author@example\.org/,
      );
      assert.equal((await api(t, 'GET', '/api/v1/transparency?cursor=AAAA')).status, 400);
    });

    test('when the chain is intact, verify says ok; when a row is altered, it names the first broken entry', async () => {
      assert.deepEqual((await api(t, 'GET', '/api/v1/transparency/verify')).json, {
        ok: true,
        count: 5,
      });
      await t.services.db
        .updateTable('transparency_log')
        .set({ details: JSON.stringify({ category: 'abusive' }) })
        .where('seq', '=', 4)
        .execute();
      const broken = await api(t, 'GET', '/api/v1/transparency/verify');
      assert.equal(broken.status, 200);
      assert.equal(broken.json.ok, false);
      assert.equal(broken.json.brokenAt, 4);
      assert.match(broken.json.reason, /hash/);
    });

    test('when a visitor reads a moderation log, then rejections are counted by category, never attributed', async () => {
      const log = await api(t, 'GET', '/api/v1/consultations/logged-call/moderation-log');
      assert.deepEqual(log.json, {
        data: [
          { category: 'off_topic', count: 1 },
          { category: 'spam', count: 2 },
        ],
        nextCursor: null,
      });
      assert.deepEqual(
        (await api(t, 'GET', '/api/v1/consultations/second-call/moderation-log')).json.data,
        [],
      );
      assert.equal(
        (await api(t, 'GET', '/api/v1/consultations/quiet-draft/moderation-log')).status,
        404,
      );
      assert.equal(
        (
          await api(t, 'GET', '/api/v1/consultations/quiet-draft/moderation-log', {
            token: secretariat.token,
          })
        ).status,
        200,
      );
      assert.equal(
        (await api(t, 'GET', '/api/v1/consultations/BAD_SLUG/moderation-log')).status,
        400,
      );
    });
  });
}
