import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import {
  DAY,
  actorOf,
  adminClient,
  consultationFields,
  createConsultation,
  createProcess,
  localIn,
  participant,
  secretariatClient,
} from './secretariat.fixtures.ts';

/** The number the dashboard shows for one status. */
function countOf(body: string, status: string): number {
  const match = new RegExp(`data-status="${status}">(\\d+)<`).exec(body);
  assert.ok(match, `no count for ${status}`);
  return Number(match[1]);
}

for (const dialect of testDialects()) {
  describe(`consultation management (${dialect})`, () => {
    let t: TestApp;
    let admin: TestClient;
    let secretariat: TestClient;
    let plain: TestClient;
    let processSlug: string;
    before(async () => {
      t = await startTestApp(dialect);
      admin = await adminClient(t);
      plain = await signedInClient(t, 'plain@example.org', 'plain password 1');
      processSlug = await createProcess(admin, 'Ottawa Agenda');
      secretariat = await secretariatClient(t, admin, processSlug, 'sec@example.org');
    });
    after(() => t.close());

    test('when the secretariat runs a Chatham House consultation end to end, then moderation and the dashboard agree', async () => {
      // The secretariat creates the consultation with three ordered questions (the second typed last).
      const slug = await createConsultation(
        secretariat,
        processSlug,
        consultationFields({
          title: 'Africa regional consultation',
          rule: 'chatham_house',
          'q1-text': 'What works today?',
          'q1-position': '1',
          'q2-text': 'What should the agenda commit to?',
          'q2-help': 'Be concrete.',
          'q2-position': '3',
          'q3-text': 'Who is left out?',
          'q3-position': '2',
          'q4-text': '',
          'q4-position': '4',
        }),
      );
      const questions = await t.services.consultations.questions(
        (await t.services.consultations.load(slug)).id,
      );
      assert.deepEqual(
        questions.map((q) => q.text),
        ['What works today?', 'Who is left out?', 'What should the agenda commit to?'],
      );
      const edit = await secretariat.get(`/consultations/${slug}/edit`);
      assert.match(edit.body, /name="q5-text"/, 'three questions plus two empty ones');
      assert.doesNotMatch(edit.body, /name="q6-text"/);

      await secretariat.get(`/consultations/${slug}/edit`);
      assert.equal((await secretariat.post(`/consultations/${slug}/publish`)).statusCode, 303);
      assert.equal(
        (await t.client().get(`/processes/${processSlug}`)).body.includes(
          'Africa regional consultation',
        ),
        true,
      );

      // Participants submit (through the service: the participant pages have their own tests).
      const texts = ['Community networks work.', 'Spam spam spam.', 'Rural women are left out.'];
      for (const [i, text] of texts.entries()) {
        const author = await participant(t, `author${i}@example.org`, `Author ${i}`);
        await t.services.submissions.submit(author, slug, {
          idempotencyKey: `k${i}`,
          language: 'en',
          freeText: text,
          answers: [{ questionId: questions[0]?.id ?? '', text: `Answer ${i}` }],
        });
      }

      const queue = await secretariat.get(`/consultations/${slug}/moderation`);
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, /3 texts are waiting for moderation/);
      assert.match(
        queue.body,
        /By Author 0/,
        'under the Chatham House rule the secretariat still knows',
      );
      const {
        items: [first, second],
      } = await t.services.submissions.moderationQueue(
        await actorOf(t, 'sec@example.org'),
        await t.services.consultations.load(slug),
        1,
      );
      assert.equal(
        (
          await secretariat.post(`/consultations/${slug}/moderation/${first?.id}`, {
            action: 'publish',
          })
        ).statusCode,
        303,
      );
      await secretariat.get(`/consultations/${slug}/moderation`);
      const rejected = await secretariat.post(`/consultations/${slug}/moderation/${second?.id}`, {
        action: 'reject',
        category: 'spam',
        note: 'advertising',
      });
      assert.equal(rejected.statusCode, 303);

      const dashboard = await secretariat.get(`/consultations/${slug}/dashboard`);
      assert.equal(dashboard.statusCode, 200);
      assert.deepEqual(
        ['draft', 'submitted', 'published', 'rejected', 'withdrawn'].map((s) =>
          countOf(dashboard.body, s),
        ),
        [0, 1, 1, 1, 0],
      );
      assert.match(dashboard.body, /Open for submissions/);
      assert.match(dashboard.body, /Moderate the 1 waiting submission/);
      const log = await t.services.transparency.list({ limit: 100 });
      assert.ok(
        log.some((e) => e.action === 'submission_rejected' && e.details.category === 'spam'),
      );
    });

    test('when the secretariat presses Preview, then the context is rendered and nothing is saved', async () => {
      await secretariat.get(`/processes/${processSlug}/consultations/new`);
      const response = await secretariat.post(
        `/processes/${processSlug}/consultations/new`,
        consultationFields({
          title: 'Previewed',
          context: 'Some **bold** idea',
          intent: 'preview',
        }),
      );
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<strong>bold<\/strong>/);
      assert.match(response.body, /value="Previewed"/);
      assert.match(response.body, /nothing is saved/);
      assert.equal(await t.services.consultations.load('previewed').catch(() => null), null);
    });

    test('when the dates or languages are wrong, then the form comes back with 422, the errors and what was typed', async () => {
      await secretariat.get(`/processes/${processSlug}/consultations/new`);
      const response = await secretariat.post(
        `/processes/${processSlug}/consultations/new`,
        consultationFields({
          title: 'Wrong dates',
          languages: [],
          closesAt: localIn(-2 * DAY),
          'q1-text': 'Kept question',
        }),
      );
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /href="#field-closesAt"/);
      assert.match(response.body, /href="#field-languages"/);
      assert.match(response.body, /Kept question<\/textarea>/);
    });

    test('when a consultation is published, then its rule is locked and its phase can be advanced', async () => {
      const slug = await createConsultation(
        secretariat,
        processSlug,
        consultationFields({ title: 'Locked rule', rule: 'anonymous' }),
      );
      await secretariat.get(`/consultations/${slug}/edit`);
      await secretariat.post(`/consultations/${slug}/publish`);
      const edit = await secretariat.get(`/consultations/${slug}/edit`);
      assert.match(edit.body, /<input type="hidden" name="rule" value="anonymous"/);
      assert.doesNotMatch(edit.body, /type="radio"[^>]*name="rule"/);
      const changed = await secretariat.post(
        `/consultations/${slug}/edit`,
        consultationFields({ title: 'Locked rule', rule: 'attributed' }),
      );
      assert.equal(changed.statusCode, 422);
      assert.match(changed.body, /cannot change once the consultation is published/);

      await secretariat.get(`/consultations/${slug}/dashboard`);
      assert.equal(
        (await secretariat.post(`/consultations/${slug}/phase`, { phase: 'closed' })).statusCode,
        303,
      );
      assert.match(
        (await secretariat.get(`/consultations/${slug}/dashboard`)).body,
        /Start the synthesis/,
      );
      assert.equal(
        (await secretariat.post(`/consultations/${slug}/phase`, { phase: 'synthesis' })).statusCode,
        303,
      );
      assert.equal(
        t.services.consultations.phase(await t.services.consultations.load(slug)),
        'synthesis',
      );
    });

    test('when a consultation without questions is published, then the edit form says a question is needed', async () => {
      const slug = await createConsultation(
        secretariat,
        processSlug,
        consultationFields({ title: 'No questions', 'q1-text': '' }),
      );
      await secretariat.get(`/consultations/${slug}/edit`);
      const response = await secretariat.post(`/consultations/${slug}/publish`);
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Add at least one discussion question/);
    });

    test('when invited people are listed, then they are saved and shown on the form', async () => {
      const slug = await createConsultation(
        secretariat,
        processSlug,
        consultationFields({
          title: 'By invitation',
          eligibility: 'invited',
          emails: 'one@example.org\ntwo@example.org',
        }),
      );
      assert.equal(
        await t.services.consultations.isInvited(
          (await t.services.consultations.load(slug)).id,
          'two@example.org',
        ),
        true,
      );
      assert.match(
        (await secretariat.get(`/consultations/${slug}/edit`)).body,
        /Already invited: one@example.org, two@example.org/,
      );
      const bad = await secretariat.post(
        `/consultations/${slug}/edit`,
        consultationFields({
          title: 'By invitation',
          eligibility: 'invited',
          emails: 'not-an-address',
        }),
      );
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /href="#field-emails"/);
    });

    test('when someone outside the secretariat tries, then a visitor is sent to sign in and a participant is refused', async () => {
      const slug = await createConsultation(
        secretariat,
        processSlug,
        consultationFields({ title: 'Guarded' }),
      );
      for (const path of [
        `/processes/${processSlug}/consultations/new`,
        `/consultations/${slug}/edit`,
        `/consultations/${slug}/dashboard`,
      ]) {
        assert.equal((await t.client().get(path)).statusCode, 303, path);
        assert.equal((await plain.get(path)).statusCode, 403, path);
      }
      await plain.get('/');
      assert.equal((await plain.post(`/consultations/${slug}/publish`)).statusCode, 403);
      assert.equal(
        (await plain.post(`/consultations/${slug}/phase`, { phase: 'closed' })).statusCode,
        403,
      );
      assert.equal(
        (await secretariat.post(`/consultations/${slug}/publish`, {}, { csrf: null })).statusCode,
        403,
        'CSRF token required',
      );
    });
  });
}
