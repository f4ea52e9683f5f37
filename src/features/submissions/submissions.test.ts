import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import { actorFor } from '../../testing/factories.ts';

const day = 24 * 3600 * 1000;
const local = (ms: number) => utcToZoned(new Date(Date.now() + ms).toISOString(), 'UTC');

for (const dialect of testDialects()) {
  describe(`submissions (${dialect})`, () => {
    let t: TestApp;
    let secretariat: Actor;
    let author: Actor;
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await actorFor(t, 'admin@example.org', 'Admin');
      await t.services.roles.grant({
        userId: admin.user?.id ?? '',
        role: 'instance_admin',
        scopeType: 'instance',
        scopeId: '',
        grantedBy: null,
        now: new Date().toISOString(),
      });
      const process = await t.services.processes.openProcess(
        { ...admin, grants: await t.services.roles.grantsOf(admin.user?.id ?? '') },
        {
          title: 'Ottawa Agenda',
          convener: 'Coalition',
          description: 'Regional consultations.',
          frameworks: ['SDG 16'],
        },
      );
      secretariat = await actorFor(t, 'sec@example.org', 'Secretariat');
      await t.services.roles.grant({
        userId: secretariat.user?.id ?? '',
        role: 'secretariat',
        scopeType: 'process',
        scopeId: process.id,
        grantedBy: null,
        now: new Date().toISOString(),
      });
      secretariat.grants = await t.services.roles.grantsOf(secretariat.user?.id ?? '');
      author = await actorFor(t, 'author@example.org', 'Hidden Author');
    });
    after(() => t.close());

    async function openConsultation(rule: string, title: string) {
      const c = await t.services.consultations.createConsultation(secretariat, 'ottawa-agenda', {
        title,
        context: 'Context',
        languages: ['en', 'fr'],
        eligibility: 'open',
        rule,
        opensAtLocal: local(-day),
        closesAtLocal: local(30 * day),
        timeZone: 'UTC',
      });
      await t.services.consultations.saveQuestions(secretariat, c.slug, [
        { text: 'What should change?', help: '' },
        { text: 'Who is left out?', help: '' },
      ]);
      await t.services.consultations.publishConsultation(secretariat, c.slug);
      return {
        consultation: await t.services.consultations.load(c.slug),
        questions: await t.services.consultations.questions(c.id),
      };
    }

    test('when a submission is retried with the same key, then there is still one submission', async () => {
      const { consultation, questions } = await openConsultation('attributed', 'Open consultation');
      const input = {
        idempotencyKey: 'key-1',
        language: 'en',
        freeText: 'Free text',
        answers: [{ questionId: questions[0]?.id ?? '', text: 'More access.' }],
      };
      const first = await t.services.submissions.submit(author, consultation.slug, input);
      const second = await t.services.submissions.submit(author, consultation.slug, input);
      assert.equal(first.id, second.id);
      assert.equal((await t.services.submissions.mine(author)).length, 1);
      assert.equal(second.status, 'submitted');
      assert.match((await t.lastMailTo('author@example.org'))?.subject ?? '', /has been received/);
    });

    test('when the rule is chatham_house, then published submissions carry no identity', async () => {
      const { consultation, questions } = await openConsultation(
        'chatham_house',
        'Chatham consultation',
      );
      const s = await t.services.submissions.submit(author, consultation.slug, {
        idempotencyKey: 'key-2',
        language: 'en',
        freeText: '',
        answers: [{ questionId: questions[1]?.id ?? '', text: 'Rural women.' }],
      });
      const [forSecretariat] = (
        await t.services.submissions.moderationQueue(secretariat, consultation, 1)
      ).items;
      assert.equal(
        forSecretariat?.author?.displayName,
        'Hidden Author',
        'chatham_house: the secretariat still knows',
      );
      await t.services.submissions.moderate(secretariat, s.id, { action: 'publish' });
      const [published] = await t.services.submissions.publicList(consultation, { limit: 10 });
      assert.equal(published?.author, null);
      assert.equal(published?.publishedOn?.length, 10);
      assert.equal(published?.answers[0]?.text, 'Rural women.');
      assert.doesNotMatch(JSON.stringify(published), /Hidden Author|author@example|"authorId"/);
    });

    test('when the rule is anonymous, then even the secretariat sees no identity', async () => {
      const { consultation } = await openConsultation('anonymous', 'Anonymous consultation');
      await t.services.submissions.submit(author, consultation.slug, {
        idempotencyKey: 'key-3',
        language: 'fr',
        freeText: 'Texte libre',
        answers: [],
      });
      const [queued] = (await t.services.submissions.moderationQueue(secretariat, consultation, 1))
        .items;
      assert.equal(queued?.author, null);
    });

    test('when a submission is rejected or withdrawn, then it leaves public surfaces and the log records the reason category', async () => {
      const { consultation } = await openConsultation('attributed', 'Moderated consultation');
      const a = await t.services.submissions.submit(author, consultation.slug, {
        idempotencyKey: 'key-4',
        language: 'en',
        freeText: 'Spam spam',
        answers: [],
      });
      await t.services.submissions.moderate(secretariat, a.id, {
        action: 'reject',
        category: 'spam',
        note: 'advertising',
      });
      const b = await t.services.submissions.submit(author, consultation.slug, {
        idempotencyKey: 'key-5',
        language: 'en',
        freeText: 'Good text',
        answers: [],
      });
      await t.services.submissions.moderate(secretariat, b.id, { action: 'publish' });
      assert.equal(
        (await t.services.submissions.publicList(consultation, { limit: 10 })).length,
        1,
      );
      await t.services.submissions.withdraw(author, b.id);
      assert.equal(
        (await t.services.submissions.publicList(consultation, { limit: 10 })).length,
        0,
      );
      assert.deepEqual(await t.services.submissions.moderationLog(consultation.id), [
        { category: 'spam', count: 1 },
      ]);
      const log = await t.services.transparency.list({ limit: 100 });
      assert.ok(
        log.some((e) => e.action === 'submission_rejected' && e.details.category === 'spam'),
      );
      assert.ok(log.every((e) => !JSON.stringify(e).includes('author@example.org')));
      assert.deepEqual(await t.services.transparency.verify(), { ok: true, count: log.length });
      await assert.rejects(
        t.services.submissions.moderate(author, a.id, { action: 'publish' }),
        /forbidden|not_pending/,
      );
    });
  });
}

describe('simultaneous retries', () => {
  test('when the same submission arrives twice at the same instant, then one is kept and both calls succeed', async () => {
    const t = await startTestApp('sqlite');
    try {
      const id = await t.services.accounts.createConfirmedUser({
        email: 'a@example.org',
        password: 'long password 1',
        displayName: 'A',
      });
      const admin: Actor = {
        user: { id, email: 'a@example.org', displayName: 'A', emailConfirmed: true },
        grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
      };
      const process = await t.services.processes.openProcess(admin, {
        title: 'P',
        convener: 'C',
        description: '',
        frameworks: [],
      });
      const c = await t.services.consultations.createConsultation(admin, process.slug, {
        title: 'Race',
        context: '',
        languages: ['en'],
        eligibility: 'open',
        rule: 'attributed',
        opensAtLocal: local(-day),
        closesAtLocal: local(day),
        timeZone: 'UTC',
      });
      await t.services.consultations.saveQuestions(admin, c.slug, [{ text: 'Q?', help: '' }]);
      await t.services.consultations.publishConsultation(admin, c.slug);
      const input = { idempotencyKey: 'same', language: 'en', freeText: 'Twice', answers: [] };
      const [a, b] = await Promise.all([
        t.services.submissions.submit(admin, c.slug, input),
        t.services.submissions.submit(admin, c.slug, input),
      ]);
      assert.equal(a.id, b.id);
      assert.equal((await t.services.submissions.mine(admin)).length, 1);
    } finally {
      await t.close();
    }
  });
});
