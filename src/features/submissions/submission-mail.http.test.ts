import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { reportFixture, signIn } from '../reports/reports.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`mail about a submission (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when an anonymous consultation receives a submission, then the receipt in the outbox names no submission', async () => {
      const f = await reportFixture(t, { key: 'anon', rule: 'anonymous', count: 1 });
      const admin = await signIn(t, 'admin-anon@example.org');
      const outbox = (await admin.get('/admin/outbox')).body;
      const [id] = f.submissionIds;
      const receipt = outbox.slice(outbox.indexOf('author-anon-0@example.org'));
      assert.match(receipt, /contribution to “Regional consultation anon”/);
      assert.match(receipt, /\/my\/submissions/);
      assert.doesNotMatch(outbox, new RegExp(id!));
      assert.doesNotMatch(outbox, /\/submissions\/[0-9a-z-]{8,}/i);
      assert.doesNotMatch(outbox, /shutdowns/i, 'no excerpt of the text');
    });

    test('when the consultation is attributed, then the receipt still links the submission', async () => {
      const f = await reportFixture(t, { key: 'attr', rule: 'attributed', count: 1 });
      const admin = await signIn(t, 'admin-attr@example.org');
      assert.match(
        (await admin.get('/admin/outbox')).body,
        new RegExp(`/submissions/${f.submissionIds[0]}`),
      );
    });
  });
}
