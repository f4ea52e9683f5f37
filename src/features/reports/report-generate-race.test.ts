// Asking for a report draft is idempotent: eight secretariat requests at once (a double click, a
// retrying proxy, two colleagues) make one draft and one generation job, and all get the redirect.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { reportFixture, signIn, type ReportFixture } from './reports.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`concurrent report generation requests (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'race', count: 2 });
    });
    after(() => t.close());

    test('when eight requests to generate arrive at once, then all redirect to the draft, and one draft and one job exist', async () => {
      const secretariat = await signIn(t, f.secretariatEmail);
      await secretariat.get(`/consultations/${f.slug}/report/draft`);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          secretariat.post(`/consultations/${f.slug}/report/generate`),
        ),
      );
      assert.deepEqual(
        responses.map((r) => [r.statusCode, r.headers.location]),
        responses.map(() => [303, `/consultations/${f.slug}/report/draft`]),
      );
      const drafts = await t
        .db()
        .selectFrom('report_drafts')
        .select('job_id')
        .where('consultation_id', '=', f.consultationId)
        .execute();
      assert.equal(drafts.length, 1);
      const jobs = await t
        .db()
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', 'report-draft.generate')
        .execute();
      assert.deepEqual(
        jobs.map((j) => j.id),
        [drafts[0]?.job_id],
      );
    });
  });
}
