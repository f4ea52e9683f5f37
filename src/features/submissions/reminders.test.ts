import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';

const HOUR = 3600 * 1000;

for (const dialect of testDialects()) {
  describe(`deadline reminders (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when a consultation closes within two days, then draft authors get one reminder, unless they opted out', async () => {
      const id = await t.services.accounts.createConfirmedUser({
        email: 'admin@example.org',
        password: 'long password 1',
        displayName: 'Admin',
      });
      const admin: Actor = {
        user: { id, email: 'admin@example.org', displayName: 'Admin', emailConfirmed: true },
        grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
      };
      const process = await t.services.processes.openProcess(admin, {
        title: 'P',
        convener: 'C',
        description: '',
        frameworks: [],
      });
      const local = (ms: number) =>
        utcToZoned(new Date(Date.now() + ms).toISOString(), 'Asia/Tokyo');
      const c = await t.services.consultations.createConsultation(admin, process.slug, {
        title: 'Closing soon',
        context: '',
        languages: ['en'],
        eligibility: 'open',
        rule: 'attributed',
        opensAtLocal: local(-HOUR * 24),
        closesAtLocal: local(HOUR * 30),
        timeZone: 'Asia/Tokyo',
      });
      await t.services.consultations.saveQuestions(admin, c.slug, [{ text: 'Q?', help: '' }]);
      await t.services.consultations.publishConsultation(admin, c.slug);
      const writers: Actor[] = [];
      for (const email of ['drafter@example.org', 'quiet@example.org']) {
        const uid = await t.services.accounts.createConfirmedUser({
          email,
          password: 'long password 1',
          displayName: email,
        });
        writers.push({
          user: { id: uid, email, displayName: email, emailConfirmed: true },
          grants: [],
        });
      }
      for (const w of writers)
        await t.services.submissions.saveDraft(w, c.slug, {
          language: 'en',
          freeText: 'unfinished',
          answers: [],
        });
      await t
        .db()
        .updateTable('users')
        .set({ reminders_opt_out_at: new Date().toISOString() })
        .where('email', '=', 'quiet@example.org')
        .execute();

      await t.worker.drain();
      const reminder = await t.lastMailTo('drafter@example.org');
      assert.match(reminder?.subject ?? '', /closes soon/);
      const closesAt = (await t.services.consultations.load(c.slug)).closesAt;
      const expected = new Intl.DateTimeFormat('en', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Asia/Tokyo',
      }).format(new Date(closesAt));
      assert.ok(
        reminder?.text.includes(`${expected} (Asia/Tokyo)`),
        `the deadline in the consultation's time zone: ${reminder?.text}`,
      );
      assert.equal(await t.lastMailTo('quiet@example.org'), undefined, 'opted out');
      const job = await t.services.jobs.enqueue('reminders.deadline', null);
      await t.worker.drain();
      assert.deepEqual(
        (await t.services.jobs.get(job))?.result,
        { sent: 0 },
        'each reminder goes once',
      );
    });
  });
}
