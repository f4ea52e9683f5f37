import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  grant,
  person,
  publishedSubmission,
  seedConsultation,
  seedProcess,
  type Person,
} from '../../testing/api-fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';

const org = { stakeholderGroup: 'civil_society', country: null, website: null, description: '' };

for (const dialect of testDialects()) {
  describe(`/api/v1 submissions (${dialect})`, () => {
    let t: TestApp;
    let secretariat: Person;
    let author: Person;
    let cosigner: Person;
    let outsider: Person;
    let open: Awaited<ReturnType<typeof seedConsultation>>;
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await person(t, 'admin@example.org', 'Admin');
      await grant(t, admin, 'instance_admin');
      secretariat = await person(t, 'sec@example.org', 'Secretariat');
      author = await person(t, 'author@example.org', 'Amina Author');
      cosigner = await person(t, 'cosigner@example.org', 'Carlos Cosigner');
      outsider = await person(t, 'outsider@example.org', 'Olga Outsider');
      await t.services.organisations.createOrganisation(author.actor, {
        ...org,
        name: 'Author Collective',
      });
      await t.services.organisations.createOrganisation(cosigner.actor, {
        ...org,
        name: 'Partner Network',
      });
      const process = await seedProcess(t, admin, secretariat, 'WSIS+20 review');
      open = await seedConsultation(t, secretariat, process.slug, 'Open call');
      await seedConsultation(t, secretariat, process.slug, 'By invitation', {
        eligibility: 'invited',
      });
      await seedConsultation(t, secretariat, process.slug, 'Closing soon');
      await seedConsultation(t, secretariat, process.slug, 'Paged call');
    });
    after(() => t.close());

    const submitTo = (slug: string, who: Person | null, body: Record<string, unknown>) =>
      api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
        ...(who ? { token: who.token } : {}),
        body: { language: 'en', submit: true, ...body },
      });

    test('when a visitor writes, then every write endpoint answers 401 before looking at the body', async () => {
      const writes: Array<[string, unknown]> = [
        [
          '/api/v1/consultations/open-call/submissions',
          { idempotencyKey: 'anon', language: 'en', submit: true },
        ],
        ['/api/v1/submissions/abc/withdraw', undefined],
        ['/api/v1/submissions/abc/cosignatories', { organisation: 'partner-network' }],
        ['/api/v1/submissions/abc/cosignatures/partner-network', { decision: 'confirmed' }],
        ['/api/v1/submissions/abc/moderation', { action: 'publish' }],
        ['/api/v1/submissions/abc/moderation', { action: 'nonsense' }],
      ];
      for (const [url, body] of writes) {
        const response = await api(t, 'POST', url, body === undefined ? {} : { body });
        assert.equal(response.status, 401, url);
        assert.equal(response.json.code, 'unauthenticated');
      }
    });

    test('when the body is malformed, then 400 lists every offending field', async () => {
      const bad = await submitTo('open-call', author, {
        idempotencyKey: '',
        language: 'English',
        answers: [{ questionId: 7 }],
        submit: 'yes',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.code, 'invalid');
      assert.deepEqual(Object.keys(bad.json.errors).sort(), [
        'answers.0.questionId',
        'answers.0.text',
        'idempotencyKey',
        'language',
        'submit',
      ]);
      assert.equal(bad.json.errors['answers.0.text'], 'errors.required');
      const longText = await submitTo('open-call', author, {
        idempotencyKey: 'long',
        freeText: 'x'.repeat(20001),
      });
      assert.deepEqual(longText.json.errors, { freeText: 'errors.tooLong' });
      const decision = await api(
        t,
        'POST',
        '/api/v1/submissions/abc/cosignatures/partner-network',
        { token: cosigner.token, body: { decision: 'maybe' } },
      );
      assert.deepEqual(decision.json.errors, { decision: 'errors.choiceInvalid' });
      const moderation = await api(t, 'POST', '/api/v1/submissions/abc/moderation', {
        token: secretariat.token,
        body: { action: 'burn' },
      });
      assert.equal(moderation.status, 400);
    });

    test('when the body breaks a business rule, then 422 names the field', async () => {
      const empty = await submitTo('open-call', author, { idempotencyKey: 'empty' });
      assert.equal(empty.status, 422);
      assert.deepEqual(empty.json.errors, { freeText: 'errors.submissionEmpty' });
      const notMine = await submitTo('open-call', outsider, {
        idempotencyKey: 'org',
        organisation: 'author-collective',
        freeText: 'On their behalf',
      });
      assert.equal(notMine.status, 422);
      assert.deepEqual(notMine.json.errors, { organisation: 'errors.notMember' });
    });

    test('when a request is retried with the same key, then it lands on the same submission, even when the copies race', async () => {
      const body = {
        idempotencyKey: 'retry-1',
        freeText: 'First words',
        answers: [{ questionId: open.questions[0]?.id, text: 'More access.' }],
        submit: false,
      };
      const first = await submitTo('open-call', author, body);
      assert.equal(first.status, 201, first.body);
      assert.equal(first.json.status, 'draft');
      const again = await submitTo('open-call', author, body);
      assert.equal(again.status, 200);
      assert.equal(again.json.id, first.json.id);
      const submitted = await submitTo('open-call', author, {
        ...body,
        freeText: 'Final words',
        submit: true,
      });
      assert.deepEqual(
        [submitted.status, submitted.json.id, submitted.json.status, submitted.json.freeText],
        [200, first.json.id, 'submitted', 'Final words'],
      );
      assert.deepEqual(submitted.json.answers, [
        { questionId: open.questions[0]?.id, text: 'More access.' },
      ]);
      await api(t, 'POST', `/api/v1/submissions/${first.json.id}/moderation`, {
        token: secretariat.token,
        body: { action: 'publish' },
      });
      const late = await submitTo('open-call', author, {
        ...body,
        freeText: 'Final words',
        submit: true,
      });
      assert.deepEqual(
        [late.status, late.json.status, late.json.version],
        [200, 'published', submitted.json.version],
        'a late retry neither unpublishes nor adds a version',
      );
      const racing = await Promise.all(
        [1, 2, 3, 4].map(() =>
          submitTo('open-call', outsider, { idempotencyKey: 'race', freeText: 'Flaky network' }),
        ),
      );
      assert.deepEqual(
        new Set(racing.map((r) => r.status).filter((s) => s !== 200 && s !== 201)),
        new Set(),
      );
      assert.equal(new Set(racing.map((r) => r.json.id)).size, 1);
      assert.equal((await t.services.submissions.mine(outsider.actor)).length, 1);
    });

    test('when someone is not eligible, not the author, not a member or not the secretariat, then the API refuses', async () => {
      const uninvited = await submitTo('by-invitation', outsider, {
        idempotencyKey: 'inv',
        freeText: 'Let me in',
      });
      assert.equal(uninvited.status, 403);
      assert.equal(uninvited.json.code, 'not_eligible');
      const mine = await submitTo('open-call', author, {
        idempotencyKey: 'refusals',
        freeText: 'Mine',
      });
      const id = mine.json.id as string;
      assert.equal(
        (await api(t, 'POST', `/api/v1/submissions/${id}/withdraw`, { token: outsider.token }))
          .status,
        404,
        'someone else’s submission does not exist for them',
      );
      assert.equal(
        (
          await api(t, 'POST', `/api/v1/submissions/${id}/cosignatories`, {
            token: outsider.token,
            body: { organisation: 'partner-network' },
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await api(t, 'POST', `/api/v1/submissions/${id}/moderation`, {
            token: author.token,
            body: { action: 'publish' },
          })
        ).status,
        403,
      );
      await api(t, 'POST', `/api/v1/submissions/${id}/cosignatories`, {
        token: author.token,
        body: { organisation: 'partner-network' },
      });
      const notMember = await api(
        t,
        'POST',
        `/api/v1/submissions/${id}/cosignatures/partner-network`,
        { token: outsider.token, body: { decision: 'confirmed' } },
      );
      assert.equal(notMember.status, 403);
      assert.equal(notMember.json.code, 'not_member');
    });

    test('when the consultation is closed, then writing to it is a 409', async () => {
      await t.services.consultations.advancePhase(secretariat.actor, 'closing-soon', 'closed');
      const late = await submitTo('closing-soon', author, {
        idempotencyKey: 'late',
        freeText: 'Too late',
      });
      assert.equal(late.status, 409);
      assert.equal(late.json.code, 'consultation_closed');
    });

    test('when a submission is co-signed, published and withdrawn, then the public API follows each step', async () => {
      const created = await submitTo('open-call', author, {
        idempotencyKey: 'story',
        organisation: 'author-collective',
        freeText: 'Connect the unconnected.',
      });
      const id = created.json.id as string;
      assert.equal(
        (await api(t, 'GET', `/api/v1/submissions/${id}`)).status,
        404,
        'not public before moderation',
      );
      const invited = await api(t, 'POST', `/api/v1/submissions/${id}/cosignatories`, {
        token: author.token,
        body: { organisation: 'partner-network' },
      });
      assert.deepEqual(invited.json, {
        submissionId: id,
        organisation: 'partner-network',
        status: 'invited',
      });
      const own = await api(t, 'POST', `/api/v1/submissions/${id}/cosignatories`, {
        token: author.token,
        body: { organisation: 'author-collective' },
      });
      assert.deepEqual([own.status, own.json.errors], [422, { organisation: 'errors.cosignOwn' }]);
      const confirmed = await api(
        t,
        'POST',
        `/api/v1/submissions/${id}/cosignatures/partner-network`,
        { token: cosigner.token, body: { decision: 'confirmed' } },
      );
      assert.equal(confirmed.json.status, 'confirmed');
      const published = await api(t, 'POST', `/api/v1/submissions/${id}/moderation`, {
        token: secretariat.token,
        body: { action: 'publish' },
      });
      assert.deepEqual(published.json, { id, status: 'published' });
      assert.equal(
        (
          await api(t, 'POST', `/api/v1/submissions/${id}/moderation`, {
            token: secretariat.token,
            body: { action: 'publish' },
          })
        ).status,
        409,
      );
      const one = await api(t, 'GET', `/api/v1/submissions/${id}`);
      assert.equal(one.status, 200);
      assert.deepEqual(
        one.json.author,
        {
          displayName: 'Amina Author',
          organisation: { name: 'Author Collective', slug: 'author-collective' },
        },
        'attributed: names are shown',
      );
      assert.deepEqual(one.json.cosignatories, [
        { name: 'Partner Network', slug: 'partner-network' },
      ]);
      assert.match(one.json.publishedOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(!('authorId' in one.json) && !('updatedAt' in one.json));
      const listed = await api(t, 'GET', '/api/v1/consultations/open-call/submissions');
      assert.ok(listed.json.data.some((s: { id: string }) => s.id === id));
      const withdrawn = await api(t, 'POST', `/api/v1/submissions/${id}/withdraw`, {
        token: author.token,
      });
      assert.deepEqual(withdrawn.json, { id, status: 'withdrawn' });
      assert.equal((await api(t, 'GET', `/api/v1/submissions/${id}`)).status, 404);
    });

    test('when the secretariat rejects, then a category is required', async () => {
      const created = await submitTo('open-call', outsider, {
        idempotencyKey: 'spam',
        freeText: 'Buy now',
      });
      const id = created.json.id as string;
      const noCategory = await api(t, 'POST', `/api/v1/submissions/${id}/moderation`, {
        token: secretariat.token,
        body: { action: 'reject' },
      });
      assert.deepEqual(
        [noCategory.status, noCategory.json.errors],
        [422, { category: 'errors.choiceInvalid' }],
      );
      const rejected = await api(t, 'POST', `/api/v1/submissions/${id}/moderation`, {
        token: secretariat.token,
        body: { action: 'reject', category: 'spam', note: 'Advertising' },
      });
      assert.deepEqual(rejected.json, { id, status: 'rejected' });
    });

    test('when published submissions are paged, then the cursor walks them all once, newest first', async () => {
      const ids: string[] = [];
      for (const [i, who] of [author, cosigner, outsider].entries())
        ids.push(
          await publishedSubmission(t, who, secretariat, 'paged-call', {
            idempotencyKey: `page-${i}`,
            freeText: `Text ${i}`,
          }),
        );
      const first = await api(t, 'GET', '/api/v1/consultations/paged-call/submissions?limit=2');
      assert.equal(first.json.data.length, 2);
      assert.doesNotMatch(first.json.nextCursor, /paged|page-|\d{4}-\d{2}/, 'the cursor is opaque');
      const second = await api(
        t,
        'GET',
        `/api/v1/consultations/paged-call/submissions?limit=2&cursor=${first.json.nextCursor}`,
      );
      assert.equal(second.json.nextCursor, null);
      assert.deepEqual(
        [...first.json.data, ...second.json.data].map((s: { id: string }) => s.id),
        [...ids].reverse(),
      );
      assert.equal(
        (await api(t, 'GET', '/api/v1/consultations/paged-call/submissions?cursor=nonsense'))
          .status,
        400,
      );
    });
  });
}
