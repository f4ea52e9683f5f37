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
  adminClient,
  createConsultation,
  createProcess,
  secretariatClient,
} from '../consultations/secretariat.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`process pages (${dialect})`, () => {
    let t: TestApp;
    let admin: TestClient;
    let secretariat: TestClient;
    let plain: TestClient;
    let slug: string;
    before(async () => {
      t = await startTestApp(dialect);
      admin = await adminClient(t);
      plain = await signedInClient(t, 'plain@example.org', 'plain password 1');
      slug = await createProcess(admin, 'WSIS+20 review', {
        description:
          '# Review\n\nTwenty years **after** the summit. <script>alert(1)</script> [Read more](https://example.org/wsis)',
        frameworks: 'WSIS action line C1\n\nSDG 16\n',
      });
      secretariat = await secretariatClient(t, admin, slug, 'sec@example.org');
    });
    after(() => t.close());

    test('when a visitor opens the process list and page, then they see the process, its convener, frameworks and safe Markdown', async () => {
      const list = await t.client().get('/processes');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`href="/processes/${slug}"`));
      const page = await t.client().get(`/processes/${slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /IGF Secretariat/);
      assert.match(page.body, /WSIS action line C1 · SDG 16/);
      assert.match(page.body, /<h2>Review<\/h2>/, 'the h1 of the Markdown becomes an h2');
      assert.match(page.body, /<strong>after<\/strong>/);
      assert.match(page.body, /<a href="https:\/\/example.org\/wsis" rel="nofollow noopener ugc">/);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.doesNotMatch(
        page.body,
        /Manage the process|Identifier \(for granting roles\)/,
        'no management for visitors',
      );
    });

    test('when someone without the right opens the creation form, then a visitor is sent to sign in and a participant is refused', async () => {
      assert.equal((await t.client().get('/processes/new')).statusCode, 303);
      assert.equal((await plain.get('/processes/new')).statusCode, 403);
      assert.equal(
        (await plain.post('/processes/new', { title: 'Mine', convener: 'Me' })).statusCode,
        403,
      );
      assert.doesNotMatch((await plain.get('/processes')).body, /href="\/processes\/new"/);
    });

    test('when the administrator sends the creation form without a title, then it comes back with 422 and the error', async () => {
      await admin.get('/processes/new');
      const response = await admin.post('/processes/new', {
        title: '',
        convener: 'Someone',
        description: 'kept',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /class="error-summary"/);
      assert.match(response.body, /href="#field-title"/);
      assert.match(response.body, />kept<\/textarea>/);
    });

    test('when an administrator opens the page, then they see the process id and who is in its secretariat', async () => {
      const { process } = await t.services.processes.viewProcess(slug);
      const page = await admin.get(`/processes/${slug}`);
      assert.match(page.body, new RegExp(`<code>${process.id}</code>`));
      assert.match(page.body, /sec@example.org/);
      assert.doesNotMatch(
        (await secretariat.get(`/processes/${slug}`)).body,
        new RegExp(`<code>${process.id}</code>`),
      );
      await admin.get(`/processes/${slug}`);
      const unknown = await admin.post(`/processes/${slug}/secretariat`, {
        email: 'nobody@example.org',
      });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /No account uses this e-mail address/);
    });

    test('when the secretariat edits the process, then the page shows the change; a participant cannot', async () => {
      const form = await secretariat.get(`/processes/${slug}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /WSIS action line C1\nSDG 16<\/textarea>/);
      const saved = await secretariat.post(`/processes/${slug}/edit`, {
        title: 'WSIS+20 review',
        convener: 'UN DESA',
        description: 'New text',
        frameworks: 'SDG 9',
      });
      assert.equal(saved.statusCode, 303);
      assert.match((await t.client().get(`/processes/${slug}`)).body, /UN DESA/);
      assert.equal((await plain.get(`/processes/${slug}/edit`)).statusCode, 403);
      assert.equal(
        (await t.client().post(`/processes/${slug}/edit`, { title: 'x', convener: 'y' }))
          .statusCode,
        303,
      );
    });

    test('when the secretariat adds milestones, documents and a related process, then everyone sees them, dates in their language', async () => {
      const other = await createProcess(admin, 'IGF 2026');
      await secretariat.get(`/processes/${slug}`);
      assert.equal(
        (
          await secretariat.post(`/processes/${slug}/milestones`, {
            milestoneKind: 'deadline',
            milestoneDate: '2026-03-01',
            milestoneTitle: 'Written inputs due',
            milestoneDescription: '',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (
          await secretariat.post(`/processes/${slug}/documents`, {
            documentTitle: 'Zero draft',
            documentUrl: 'https://example.org/zero.pdf',
            documentLanguage: 'fr',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (
          await secretariat.post(`/processes/${slug}/links`, {
            linkKind: 'feeds_into',
            linkOtherSlug: other,
          })
        ).statusCode,
        303,
      );

      const french = await t.client().get(`/processes/${slug}?lang=fr`);
      assert.match(french.body, /<time datetime="2026-03-01">1 mars 2026<\/time>/);
      assert.match(french.body, /Written inputs due/);
      assert.match(french.body, /href="https:\/\/example.org\/zero.pdf"[^>]*hreflang="fr"/);
      const english = await t.client().get(`/processes/${slug}`);
      assert.match(english.body, /Feeds into: <a href="\/processes\/igf-2026">IGF 2026<\/a>/);
      assert.match(
        (await t.client().get(`/processes/${other}`)).body,
        /Receives input from: <a href="\/processes\/wsis-20-review">/,
      );
    });

    test('when a milestone has no valid date, then the form comes back with 422 and the date field marked', async () => {
      await secretariat.get(`/processes/${slug}`);
      const response = await secretariat.post(`/processes/${slug}/milestones`, {
        milestoneKind: 'meeting',
        milestoneDate: '1 March',
        milestoneTitle: 'Open consultation',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="field-milestoneDate"[^>]*aria-invalid="true"/);
      assert.match(response.body, /value="Open consultation"/);
      assert.equal(
        (
          await plain.post(`/processes/${slug}/milestones`, {
            milestoneKind: 'meeting',
            milestoneDate: '2026-01-01',
            milestoneTitle: 'x',
          })
        ).statusCode,
        403,
      );
    });

    test('when the secretariat removes a milestone, a document and a link, then they are gone', async () => {
      const { milestones, documents } = await t.services.processes.viewProcess(slug);
      await secretariat.get(`/processes/${slug}`);
      for (const m of milestones)
        assert.equal(
          (await secretariat.post(`/processes/${slug}/milestones/${m.id}/remove`)).statusCode,
          303,
        );
      for (const d of documents)
        assert.equal(
          (await secretariat.post(`/processes/${slug}/documents/${d.id}/remove`)).statusCode,
          303,
        );
      assert.equal(
        (await secretariat.post(`/processes/${slug}/links/remove`, { otherSlug: 'igf-2026' }))
          .statusCode,
        303,
      );
      const view = await t.services.processes.viewProcess(slug);
      assert.deepEqual(
        [view.milestones.length, view.documents.length, view.links.length],
        [0, 0, 0],
      );
    });

    test('when the process has a draft consultation, then its secretariat sees it marked as a draft and visitors do not see it', async () => {
      await createConsultation(secretariat, slug);
      const own = await secretariat.get(`/processes/${slug}`);
      assert.match(own.body, /Draft, not public:/);
      assert.match(own.body, /href="\/consultations\/regional-consultation\/edit"/);
      const visitor = await t.client().get(`/processes/${slug}`);
      assert.doesNotMatch(visitor.body, /Regional consultation/);
    });
  });
}
