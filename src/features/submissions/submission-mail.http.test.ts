import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { reportFixture, signIn } from '../reports/reports.fixtures.ts';
import { ANONYMOUS_MAIL_JOB, anonymousBatchTime } from './submission-mail.ts';

const SUBMITTED = Date.parse('2031-03-10T14:37:21Z');
const MIDNIGHT = Date.parse('2031-03-11T00:00:00Z');
const HOUR = 60 * 60_000;

for (const dialect of testDialects()) {
  describe(`mail about a submission (${dialect})`, () => {
    let t: TestApp;
    let now = SUBMITTED;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(now) } });
    });
    after(() => t.close());

    test('when an anonymous consultation receives a submission, then no receipt leaves at that time; after the next midnight it leaves in the batch, naming no submission', async () => {
      now = SUBMITTED;
      const f = await reportFixture(t, { key: 'anon', rule: 'anonymous', count: 1 });
      const author = 'author-anon-0@example.org';
      assert.equal(
        await t.lastMailTo(author),
        undefined,
        'nothing in the outbox at submission time',
      );
      await t.worker.drain();
      assert.equal(await t.lastMailTo(author), undefined, 'nothing leaves before the batch either');

      now = MIDNIGHT + HOUR;
      await t.worker.drain();
      const sent = await t
        .db()
        .selectFrom('mail_outbox')
        .select(['created_at'])
        .where('to_address', '=', author)
        .execute();
      assert.equal(sent.length, 1);
      const at = Date.parse(sent[0]!.created_at);
      assert.ok(
        at >= MIDNIGHT && at <= MIDNIGHT + HOUR,
        `sent at the batch time, not ${sent[0]!.created_at}`,
      );

      const admin = await signIn(t, 'admin-anon@example.org');
      const outbox = (await admin.get('/admin/outbox')).body;
      const receipt = outbox.slice(outbox.indexOf(author));
      assert.match(receipt, /contribution to “Regional consultation anon”/);
      assert.match(receipt, /\/my\/submissions/);
      assert.doesNotMatch(receipt, /14:37/, 'the outbox shows no time of the submission');
      assert.doesNotMatch(outbox, new RegExp(f.submissionIds[0]!));
      assert.doesNotMatch(outbox, /\/submissions\/[0-9a-z-]{8,}/i);
      assert.doesNotMatch(outbox, /shutdowns/i, 'no excerpt of the text');
    });

    test('when the batch has run, then the queue keeps neither the address nor the minute of the submission', async () => {
      const jobs = await t
        .db()
        .selectFrom('jobs')
        .selectAll()
        .where('name', '=', ANONYMOUS_MAIL_JOB)
        .execute();
      assert.equal(jobs.length, 1);
      const job = jobs[0]!;
      assert.equal(job.status, 'done');
      assert.doesNotMatch(job.payload, /@|author/, 'the payload was erased');
      for (const time of [job.created_at, job.updated_at, job.run_at, job.finished_at ?? '']) {
        assert.doesNotMatch(time, /T14:3/, `no trace of the submission minute in ${time}`);
      }
      assert.match(job.created_at, /^2031-03-10T00:00:00/);
    });

    test('when the secretariat responds to an anonymous submission, then the notice also waits for the next batch', async () => {
      now = MIDNIGHT + 5 * HOUR;
      const f = await reportFixture(t, { key: 'anon-resp', rule: 'anonymous', count: 1 });
      await t.worker.drain();
      const author = 'author-anon-resp-0@example.org';
      const count = async () =>
        (
          await t
            .db()
            .selectFrom('mail_outbox')
            .select('id')
            .where('to_address', '=', author)
            .execute()
        ).length;
      assert.equal(await count(), 0);
      now = MIDNIGHT + 30 * HOUR;
      await t.worker.drain();
      assert.equal(await count(), 1, 'the receipt left in the batch');
      await t.services.responses.recordResponse(f.secretariat, f.slug, f.submissionIds[0]!, {
        outcome: 'taken_up',
        explanation: 'It became the first trend.',
        reportItems: [],
      });
      await t.worker.drain();
      assert.equal(await count(), 1, 'no notice at the time of the response');
      now = MIDNIGHT + 49 * HOUR;
      await t.worker.drain();
      assert.equal(await count(), 2);
      assert.doesNotMatch((await t.lastMailTo(author))?.text ?? '', /first trend|taken/i);
    });

    test('when the consultation is attributed, then the receipt leaves at once and still links the submission', async () => {
      now = MIDNIGHT + 50 * HOUR;
      const f = await reportFixture(t, { key: 'attr', rule: 'attributed', count: 1 });
      const admin = await signIn(t, 'admin-attr@example.org');
      assert.match(
        (await admin.get('/admin/outbox')).body,
        new RegExp(`/submissions/${f.submissionIds[0]}`),
      );
    });

    test('the batch time is the next UTC midnight plus less than an hour, so a day’s notices leave together in random order', () => {
      const late = new Date('2031-03-10T23:59:59Z');
      assert.equal(anonymousBatchTime(late, () => 0).toISOString(), '2031-03-11T00:00:00.000Z');
      assert.equal(
        anonymousBatchTime(new Date('2031-03-10T00:00:00Z'), () => 0.5).toISOString(),
        '2031-03-11T00:30:00.000Z',
      );
      assert.ok(anonymousBatchTime(late, () => 0.999999).getTime() < MIDNIGHT + HOUR);
    });
  });
}
