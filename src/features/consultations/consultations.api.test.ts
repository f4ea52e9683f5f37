import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  grant,
  person,
  seedConsultation,
  seedProcess,
  type Person,
} from '../../testing/api-fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';

const slugsOf = (json: { data: Array<{ slug: string }> }) => json.data.map((c) => c.slug).sort();

for (const dialect of testDialects()) {
  describe(`/api/v1/consultations (${dialect})`, () => {
    let t: TestApp;
    let secretariat: Person;
    let plain: Person;
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await person(t, 'admin@example.org', 'Admin');
      await grant(t, admin, 'instance_admin');
      secretariat = await person(t, 'sec@example.org', 'Secretariat');
      plain = await person(t, 'plain@example.org');
      const igf = await seedProcess(t, admin, secretariat, 'IGF 2026');
      const gdc = await seedProcess(t, admin, secretariat, 'GDC follow-up');
      await seedConsultation(t, secretariat, igf.slug, 'Open in English', {
        languages: ['en', 'fr'],
      });
      await seedConsultation(t, secretariat, igf.slug, 'Coming in Spanish', {
        languages: ['es'],
        opensIn: 5,
      });
      await seedConsultation(t, secretariat, gdc.slug, 'Chatham call', {
        rule: 'chatham_house',
        languages: ['en', 'ar'],
      });
      await seedConsultation(t, secretariat, gdc.slug, 'Unpublished', { publish: false });
    });
    after(() => t.close());

    test('when a visitor lists consultations, then only published ones come, filtered by process, phase and language', async () => {
      const all = await api(t, 'GET', '/api/v1/consultations');
      assert.equal(all.status, 200);
      assert.deepEqual(slugsOf(all.json), ['chatham-call', 'coming-in-spanish', 'open-in-english']);
      assert.deepEqual(
        slugsOf((await api(t, 'GET', '/api/v1/consultations?process=igf-2026')).json),
        ['coming-in-spanish', 'open-in-english'],
      );
      assert.deepEqual(
        slugsOf((await api(t, 'GET', '/api/v1/consultations?phase=upcoming')).json),
        ['coming-in-spanish'],
      );
      assert.deepEqual(slugsOf((await api(t, 'GET', '/api/v1/consultations?language=ar')).json), [
        'chatham-call',
      ]);
      assert.deepEqual(
        slugsOf(
          (await api(t, 'GET', '/api/v1/consultations?process=igf-2026&phase=open&language=fr'))
            .json,
        ),
        ['open-in-english'],
      );
      assert.deepEqual(
        (await api(t, 'GET', '/api/v1/consultations?process=no-such-process')).json.data,
        [],
      );
      const one = all.json.data.find((c: { slug: string }) => c.slug === 'chatham-call');
      assert.equal(one.process, 'gdc-follow-up');
      assert.equal(one.rule, 'chatham_house');
    });

    test('when the filters are invalid, then 400 lists every bad field at once', async () => {
      const bad = await api(
        t,
        'GET',
        '/api/v1/consultations?phase=someday&language=English&limit=0',
      );
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys(bad.json.errors).sort(), ['language', 'limit', 'phase']);
      assert.equal(bad.json.errors.phase, 'errors.choiceInvalid');
    });

    test('when the list is paged, then the cursor carries on where the last page ended', async () => {
      const first = await api(t, 'GET', '/api/v1/consultations?limit=2');
      const second = await api(
        t,
        'GET',
        `/api/v1/consultations?limit=2&cursor=${first.json.nextCursor}`,
      );
      assert.equal(second.json.nextCursor, null);
      assert.deepEqual([...slugsOf(first.json), ...slugsOf(second.json)].sort(), [
        'chatham-call',
        'coming-in-spanish',
        'open-in-english',
      ]);
    });

    test('when a visitor opens a consultation, then it comes with its ordered questions', async () => {
      const { status, json } = await api(t, 'GET', '/api/v1/consultations/open-in-english');
      assert.equal(status, 200);
      assert.equal(json.phase, 'open');
      assert.deepEqual(
        json.questions.map((q: { position: number; text: string }) => [q.position, q.text]),
        [
          [1, 'What should change?'],
          [2, 'Who is left out?'],
        ],
      );
      const questions = await api(t, 'GET', '/api/v1/consultations/open-in-english/questions');
      assert.deepEqual(questions.json, { data: json.questions, nextCursor: null });
    });

    test('when a draft is asked for, then only its secretariat sees it', async () => {
      for (const url of [
        '/api/v1/consultations/unpublished',
        '/api/v1/consultations/unpublished/questions',
      ]) {
        assert.equal((await api(t, 'GET', url)).status, 404, url);
        assert.equal((await api(t, 'GET', url, { token: plain.token })).status, 404, url);
        assert.equal((await api(t, 'GET', url, { token: secretariat.token })).status, 200, url);
      }
      assert.equal((await api(t, 'GET', '/api/v1/consultations/nothing-at-all')).status, 404);
    });
  });
}
