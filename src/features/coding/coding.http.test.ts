import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { reportFixture, signIn, type ReportFixture } from '../reports/reports.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`assisted coding over HTTP (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    let secretariat: TestClient;
    let stranger: TestClient;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'coding', count: 8 });
      secretariat = await signIn(t, f.secretariatEmail);
      stranger = await signedInClient(t, 'coding-stranger@example.org', 'stranger password');
    });
    after(() => t.close());
    const base = () => `/consultations/${f.slug}/coding`;
    const themeIds = async () =>
      await t
        .db()
        .selectFrom('coding_themes')
        .select(['id', 'label'])
        .orderBy('position')
        .execute();

    test('when a visitor or a participant tries coding, then they are sent to sign in or refused', async () => {
      assert.equal((await t.client().get(base())).statusCode, 303);
      assert.equal((await stranger.get(base())).statusCode, 403);
      assert.equal((await stranger.get(`${base()}/review`)).statusCode, 403);
      assert.equal((await stranger.post(`${base()}/themes`, { label: 'X' })).statusCode, 403);
      assert.equal(
        (await stranger.post(`${base()}/review`, { submission: f.submissionIds[0]! })).statusCode,
        403,
      );
    });

    test('when the secretariat writes a theme, then invalid ones are refused and valid ones scored', async () => {
      assert.equal((await secretariat.post(`${base()}/themes`, { label: '' })).statusCode, 422);
      const badStance = await secretariat.post(`${base()}/themes`, {
        label: 'Encryption',
        stance: 'maybe',
      });
      assert.equal(badStance.statusCode, 422);
      const created = await secretariat.post(`${base()}/themes`, {
        label: 'Internet shutdowns',
        description:
          'Governments cutting mobile networks and the internet during elections and protests.',
        stance: 'oppose',
      });
      assert.equal(created.statusCode, 303);
      const dup = await secretariat.post(`${base()}/themes`, { label: 'internet shutdowns' });
      assert.equal(dup.statusCode, 422);
      assert.match(dup.body, /already a theme with this name/);
      const page = await secretariat.get(base());
      assert.match(page.body, /Internet shutdowns/);
      assert.match(page.body, /Suggested themes/);
    });

    test('when the secretariat accepts suggested themes, then they join the codebook', async () => {
      assert.equal((await secretariat.post(`${base()}/suggestions`, {})).statusCode, 422);
      const page = await secretariat.get(base());
      const ids = [...page.body.matchAll(/name="suggestion" value="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(ids.length >= 1, 'the engine suggests themes');
      assert.equal(
        (await secretariat.post(`${base()}/suggestions`, { suggestion: ids[0]! })).statusCode,
        303,
      );
      assert.equal((await themeIds()).length, 2);
    });

    test('when the secretariat reviews, then inputs come least confident first, each label is kept and the scores learn', async () => {
      const [shutdowns, other] = await themeIds();
      const score = async (submissionId: string) =>
        (await t.services.coding.reviewPage(f.secretariat, f.slug, { submissionId })).scores[
          shutdowns!.id
        ] ?? 0;
      const first = await secretariat.get(`${base()}/review`);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /accesskey="s"/);
      assert.match(first.body, /accesskey="1"/);
      const order = (await t.services.coding.reviewPage(f.secretariat, f.slug)).submission?.id;
      assert.ok(
        first.body.includes(`name="submission" value="${order}"`),
        'the least confident input is shown',
      );
      // Samples 0 and 1 are about shutdowns; teach the model on sample 0, then watch sample 1.
      const [a, b] = [f.submissionIds[0]!, f.submissionIds[1]!];
      const before = await score(b);
      assert.equal(
        (await secretariat.post(`${base()}/review`, { submission: a, theme: 'not-a-theme' }))
          .statusCode,
        422,
      );
      assert.equal(
        (await secretariat.post(`${base()}/review`, { submission: 'nothing' })).statusCode,
        404,
      );
      assert.equal(
        (await secretariat.post(`${base()}/review`, { submission: a, theme: shutdowns!.id }))
          .statusCode,
        303,
      );
      for (const id of f.submissionIds.slice(2, 6))
        await secretariat.post(`${base()}/review`, { submission: id, none: '1', theme: other!.id });
      assert.ok((await score(b)) > before, `the score rose from ${before} to ${await score(b)}`);
      const labels = await t
        .db()
        .selectFrom('coding_labels')
        .select(['submission_id', 'theme_ids'])
        .execute();
      assert.equal(labels.length, 5);
      assert.deepEqual(
        JSON.parse(labels.find((l) => l.submission_id === f.submissionIds[2])!.theme_ids),
        [],
      );
      const next = await secretariat.get(`${base()}/review`);
      assert.match(next.body, /3 contributions left to review/);
    });

    test('when a theme is removed, then it leaves the codebook', async () => {
      const [, other] = await themeIds();
      assert.equal(
        (await secretariat.post(`${base()}/themes/${other!.id}/delete`)).statusCode,
        303,
      );
      assert.equal(
        (await secretariat.post(`${base()}/themes/${other!.id}/delete`)).statusCode,
        404,
      );
      assert.equal((await themeIds()).length, 1);
    });
  });
}
