import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { anonymousActor } from '../../shared/actor.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { seedDemo } from './demo.service.ts';

describe('the demo', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
  });
  after(() => t.close());

  test('when the demo loads, then it has an attributed and a Chatham House consultation with 30+ published submissions each, by different people', async () => {
    const demo = await seedDemo(t.services);
    assert.ok(demo);
    assert.deepEqual(demo.consultations.map((c) => c.rule).sort(), ['attributed', 'chatham_house']);
    const emails = demo.consultations.map((c) => new Set(c.contributors.map((p) => p.email)));
    const [a = new Set<string>(), b = new Set<string>()] = emails;
    assert.deepEqual(
      [...a].filter((e) => b.has(e)),
      [],
      'no one contributes to both',
    );
    for (const summary of demo.consultations) {
      const consultation = await t.services.consultations.load(summary.slug);
      assert.deepEqual(consultation.languages, ['en', 'fr']);
      assert.ok((await t.services.consultations.questions(consultation.id)).length >= 3);
      const counts = await t.services.submissions.counts(consultation.id);
      assert.ok((counts.published ?? 0) >= 30, `${summary.slug}: ${counts.published} published`);
      const published = await t.services.submissions.publicList(consultation, { limit: 100 });
      assert.ok(
        published.some((s) => s.cosignatoryCount > 0),
        'some submissions are joint',
      );
      assert.ok(new Set(published.map((s) => s.language)).size >= 4, 'texts in several languages');
      assert.ok(
        summary.contributors.some((p) => p.organisation === null) &&
          summary.contributors.some((p) => p.organisation !== null),
      );
    }
    const regional = demo.consultations.find((c) => c.rule === 'chatham_house');
    const results = await t.services.deliberation.participation.results(
      anonymousActor,
      regional?.slug ?? '',
    );
    assert.equal(results.stale, false, 'the map is computed when the demo loads');
    const page = await t.client().get(`/consultations/${regional?.slug}/conversation/results`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg/);
    const map = await t.db().selectFrom('opinion_maps').select('result').executeTakeFirstOrThrow();
    const cached = JSON.parse(map.result) as {
      k: number;
      participants: number;
      statements: Array<{ multistakeholder: { isConsensus: boolean } }>;
    };
    assert.ok(cached.k >= 2, `opinion groups: ${cached.k}`);
    assert.ok(cached.participants >= 50, `participants: ${cached.participants}`);
    assert.ok(
      cached.statements.some((s) => s.multistakeholder.isConsensus),
      'some statement reaches multistakeholder consensus',
    );
    assert.equal(await seedDemo(t.services), null, 'never loaded twice');
  });
});
