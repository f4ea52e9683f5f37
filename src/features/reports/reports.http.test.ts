import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { reportFixture, signIn, type ReportFixture } from './reports.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`report drafts and versions (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    let secretariat: TestClient;
    let stranger: TestClient;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'flow' });
      secretariat = await signIn(t, f.secretariatEmail);
      stranger = await signedInClient(t, 'stranger@example.org', 'stranger password');
    });
    after(() => t.close());
    const base = () => `/consultations/${f.slug}/report`;

    test('when a visitor or a participant opens the draft, then they are sent to sign in or refused', async () => {
      assert.equal((await t.client().get(`${base()}/draft`)).statusCode, 303);
      assert.equal((await stranger.get(`${base()}/draft`)).statusCode, 403);
      assert.equal((await stranger.post(`${base()}/generate`)).statusCode, 403);
      assert.equal((await stranger.post(`${base()}/publish`)).statusCode, 403);
      assert.equal((await t.client().get(base())).statusCode, 404, 'nothing is published yet');
    });

    test('when the secretariat generates a draft, then the job shows progress and the draft has every section with sources', async () => {
      assert.equal(
        (await secretariat.post(`${base()}/generate`, { section: 'bogus' })).statusCode,
        422,
      );
      assert.equal(
        (await secretariat.post(`${base()}/publish`)).statusCode,
        409,
        'nothing to publish before a draft',
      );
      assert.equal((await secretariat.post(`${base()}/generate`)).statusCode, 303);
      const queued = await secretariat.get(`${base()}/draft`);
      assert.match(queued.body, /generation is queued/);
      assert.match(queued.body, new RegExp(`href="${base()}/draft">Reload`));
      assert.ok((await t.worker.drain()) >= 1);
      const page = await secretariat.get(`${base()}/draft`);
      for (const heading of [
        'Context',
        'Summary',
        'Trends',
        'Recommendations',
        'Key quotes',
        'Participation',
        'Method',
        'Annex',
      ])
        assert.match(page.body, new RegExp(`<h2 id="heading-[a-z]+">${heading}</h2>`));
      assert.match(
        page.body,
        new RegExp(`href="/submissions/${f.submissionIds[0]}"`),
        'items link to their sources',
      );
      assert.match(page.body, /What should the coalition do\?/, 'the annex lists the questions');
      assert.match(page.body, /&lt; 5/, 'small cells are suppressed');
    });

    test('when the secretariat edits, previews, regenerates one section and publishes, then the other edits survive', async () => {
      assert.equal((await secretariat.get(`${base()}/edit`)).statusCode, 200);
      const preview = await secretariat.post(`${base()}/edit`, {
        action: 'preview',
        section_summary: 'Experts **noted** a preview.',
      });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Experts <strong>noted<\/strong> a preview\./);
      assert.equal(
        (await secretariat.post(`${base()}/edit`, { section_summary: 'x'.repeat(100_001) }))
          .statusCode,
        422,
      );
      assert.equal(
        (
          await secretariat.post(`${base()}/edit`, {
            section_summary: 'Experts noted the edited summary.',
            section_trends: 'Edited trends.',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (await secretariat.post(`${base()}/generate`, { section: 'trends' })).statusCode,
        303,
      );
      await t.worker.drain();
      const draft = await secretariat.get(`${base()}/draft`);
      assert.match(draft.body, /Experts noted the edited summary\./, 'the summary edit is kept');
      assert.doesNotMatch(draft.body, /Edited trends\./, 'the regenerated section is replaced');
      assert.equal((await secretariat.post(`${base()}/publish`)).statusCode, 303);
      const log = await t.client().get('/transparency');
      assert.match(log.body, /report_published|report/i);
    });

    test('when a second version is published, then visitors read it, list versions and compare them line by line', async () => {
      await secretariat.post(`${base()}/edit`, {
        section_summary: 'Experts noted a second summary.',
      });
      await secretariat.post(`${base()}/publish`);
      const page = await t.client().get(base());
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Version 2/);
      assert.match(page.body, /Experts noted a second summary\./);
      assert.equal((await t.client().get(`${base()}/versions/1`)).statusCode, 200);
      assert.equal((await t.client().get(`${base()}/versions/9`)).statusCode, 404);
      assert.equal((await t.client().get(`${base()}/versions/x`)).statusCode, 404);
      const compare = await t.client().get(`${base()}/compare?from=1&to=2`);
      assert.equal(compare.statusCode, 200);
      assert.match(compare.body, /<del>[\s\S]*Experts noted the edited summary\.[\s\S]*<\/del>/);
      assert.match(compare.body, /<ins>[\s\S]*Experts noted a second summary\.[\s\S]*<\/ins>/);
      assert.equal((await t.client().get(`${base()}/compare?from=1`)).statusCode, 404);
      const entries = await t
        .db()
        .selectFrom('transparency_log')
        .select(['action', 'details'])
        .where('action', '=', 'report_published')
        .execute();
      assert.deepEqual(
        entries.map((e) => JSON.parse(e.details).version),
        [1, 2],
      );
    });

    test('when the published report is downloaded, then each format comes with a neutral file name', async () => {
      for (const [format, type] of [
        ['md', /markdown/],
        ['html', /text\/html/],
        ['pdf', /application\/pdf/],
        ['docx', /wordprocessingml/],
      ] as const) {
        const response = await t.client().get(`${base()}/export/${format}`);
        assert.equal(response.statusCode, 200, format);
        assert.match(String(response.headers['content-type']), type);
        assert.match(
          String(response.headers['content-disposition']),
          new RegExp(`${f.slug}-report-v2\\.${format}`),
        );
      }
      const md = await t.client().get(`${base()}/export/md?version=1`);
      assert.match(md.body, /^# Regional consultation flow/);
      assert.match(md.body, /## Recommendations/);
      assert.match(
        md.body,
        /\(http:\/\/polylogue\.test\/submissions\//,
        'links are absolute in files',
      );
      assert.equal((await t.client().get(`${base()}/export/exe`)).statusCode, 404);
    });

    test('when the provider setting is turned on without a configured provider, then it is refused', async () => {
      assert.equal(
        (await secretariat.post(`${base()}/settings`, { provider: 'on' })).statusCode,
        422,
      );
      assert.equal((await secretariat.post(`${base()}/settings`, {})).statusCode, 303);
    });
  });
}
