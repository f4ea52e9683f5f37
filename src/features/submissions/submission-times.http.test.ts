// Times of a submission as others see them: under `anonymous` only the day, so a time cannot be
// matched with another trace of the author (a mail, a log line); otherwise the secretariat keeps
// the minute.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { person, reportFixture, signIn } from '../reports/reports.fixtures.ts';

const SUBMITTED = Date.parse('2031-03-10T14:37:21Z');

for (const dialect of testDialects()) {
  describe(`times of a submission under the participation rule (${dialect})`, () => {
    let t: TestApp;
    let now = SUBMITTED;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(now) } });
    });
    after(() => t.close());

    /** A consultation of this rule with one published text and one waiting for moderation. */
    async function consultationWithWaitingText(rule: string) {
      now = SUBMITTED;
      const f = await reportFixture(t, { key: rule, rule, count: 1 });
      const author = await person(t, `waiting-${rule}@example.org`, 'Waiting Author');
      await t.services.submissions.submit(author, f.slug, {
        idempotencyKey: `waiting-${rule}`,
        language: 'en',
        freeText: 'Keep community networks licensed and cheap.',
        answers: [],
      });
      now = SUBMITTED + 3 * 60 * 60_000;
      return { f, secretariat: await signIn(t, f.secretariatEmail) };
    }

    test('when a consultation is anonymous, then the moderation page and the API show only the day of a submission', async () => {
      const { f, secretariat } = await consultationWithWaitingText('anonymous');
      const page = (await secretariat.get(`/consultations/${f.slug}/moderation`)).body;
      assert.match(page, /<time datetime="2031-03-10">Submitted on March 10, 2031\.<\/time>/);
      assert.doesNotMatch(page, /14:37|T14/);
      const api = (await t.client().get(`/api/v1/submissions/${f.submissionIds[0]}`)).body;
      assert.match(api, /"publishedOn":"2031-03-10"/);
      assert.doesNotMatch(api, /14:37|T14/);
    });

    test('when a consultation is attributed, then the moderation page still shows the minute', async () => {
      const { f, secretariat } = await consultationWithWaitingText('attributed');
      const page = (await secretariat.get(`/consultations/${f.slug}/moderation`)).body;
      assert.match(
        page,
        /<time datetime="2031-03-10T14:37Z">Submitted on March 10, 2031 at 14:37 UTC\.<\/time>/,
      );
    });

    test('when a consultation follows the Chatham House rule, then its secretariat, which sees the authors, sees the minute too', async () => {
      const { f, secretariat } = await consultationWithWaitingText('chatham_house');
      assert.match(
        (await secretariat.get(`/consultations/${f.slug}/moderation`)).body,
        /datetime="2031-03-10T14:37Z"/,
      );
    });
  });
}
