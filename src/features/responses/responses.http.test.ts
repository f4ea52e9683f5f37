// Responses over HTTP, on a Chatham House consultation whose contributors' identities are
// seeded: the secretariat records responses, authors are told in their language, and no public
// surface of the outcome (table, report page, every export format, source links) names anyone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { docxText, pdfText } from '../reports/report-readback.ts';
import { reportFixture, signIn, type ReportFixture } from '../reports/reports.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`responses to submissions (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    let secretariat: TestClient;
    let stranger: TestClient;
    const identities: string[] = [];
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'resp', rule: 'chatham_house', count: 6 });
      const writer = f.authors[0]!;
      const org = await t.services.organisations.createOrganisation(writer, {
        name: 'Obscurantia Trust',
        stakeholderGroup: 'civil_society',
        country: 'KE',
        website: null,
        description: '',
      });
      await t
        .db()
        .updateTable('submissions')
        .set({ organisation_id: org.id })
        .where('id', '=', f.submissionIds[0]!)
        .execute();
      await t
        .db()
        .updateTable('users')
        .set({ locale: 'fr' })
        .where('id', '=', writer.user!.id)
        .execute();
      for (const a of f.authors) identities.push(a.user!.displayName, a.user!.email, a.user!.id);
      identities.push(org.name, org.slug, org.id);
      secretariat = await signIn(t, f.secretariatEmail);
      stranger = await signedInClient(t, 'resp-stranger@example.org', 'stranger password');
      await secretariat.post(`/consultations/${f.slug}/report/generate`);
      await t.worker.drain();
      assert.equal(
        (await secretariat.post(`/consultations/${f.slug}/report/publish`)).statusCode,
        303,
      );
    });
    after(() => t.close());
    const manage = (id = '') => `/consultations/${f.slug}/responses/manage${id ? `/${id}` : ''}`;

    test('when a visitor or a participant tries to respond, then they are sent to sign in or refused', async () => {
      assert.equal((await t.client().get(manage())).statusCode, 303);
      assert.equal((await stranger.get(manage())).statusCode, 403);
      assert.equal((await stranger.get(manage(f.submissionIds[0]))).statusCode, 403);
      const post = await stranger.post(manage(f.submissionIds[0]), {
        outcome: 'partly',
        explanation: 'x',
      });
      assert.equal(post.statusCode, 403);
    });

    test('when the secretariat records a response, then invalid input is refused and the author is told in French', async () => {
      const id = f.submissionIds[0]!;
      const form = await secretariat.get(manage(id));
      assert.equal(form.statusCode, 200);
      const item = /name="reportItems" value="(trends-\d+)"/.exec(form.body)?.[1];
      assert.ok(item, 'the report items are offered');
      assert.equal(
        (await secretariat.post(manage(id), { explanation: 'No outcome.' })).statusCode,
        422,
      );
      const badItem = await secretariat.post(manage(id), {
        outcome: 'partly',
        explanation: 'x',
        reportItems: 'nope-1',
      });
      assert.equal(badItem.statusCode, 422);
      assert.equal(
        (await secretariat.post(manage('nothing'), { outcome: 'partly', explanation: 'x' }))
          .statusCode,
        404,
      );
      const saved = await secretariat.post(manage(id), {
        outcome: 'taken_up',
        explanation: 'The call to end shutdowns became the first trend of the report.',
        reportItems: item,
      });
      assert.equal(saved.statusCode, 303);
      const mail = await t.lastMailTo(f.authors[0]!.user!.email);
      assert.match(mail?.subject ?? '', /Suite donnée à votre contribution/);
      assert.match(mail?.text ?? '', /Retenue/);
      assert.match(mail?.text ?? '', new RegExp(`/my/submissions/${id}`));
      await secretariat.post(manage(f.submissionIds[1]), {
        outcome: 'out_of_scope',
        explanation: 'Outside the mandate.',
      });
    });

    test('when the author opens their submission, then they see the response; another person does not', async () => {
      const author = await signIn(t, f.authors[0]!.user!.email);
      const own = await author.get(`/my/submissions/${f.submissionIds[0]}`);
      assert.match(own.body, /Suite donnée à votre contribution/, "in the author's language");
      assert.match(own.body, /became the first trend/);
      assert.match(own.body, new RegExp(`/consultations/${f.slug}/report#trends`));
      const other = await signIn(t, f.authors[2]!.user!.email);
      const theirs = await other.get(`/my/submissions/${f.submissionIds[2]}`);
      assert.doesNotMatch(theirs.body, /response-title/);
    });

    test('when a visitor reads the table, the report and the downloads, then no one is identified', async () => {
      const table = await t.client().get(`/consultations/${f.slug}/responses`);
      assert.equal(table.statusCode, 200);
      assert.match(table.body, /became the first trend/);
      assert.match(table.body, /Outside the scope/);
      assert.ok(table.body.includes(`href="/submissions/${f.submissionIds[0]}"`));
      const consultation = await t.client().get(`/consultations/${f.slug}`);
      assert.ok(consultation.body.includes(`href="/consultations/${f.slug}/responses"`));
      assert.ok(consultation.body.includes(`href="/consultations/${f.slug}/report"`));
      const texts = [table.body, (await t.client().get(`/consultations/${f.slug}/report`)).body];
      for (const format of ['md', 'html', 'pdf', 'docx']) {
        const file = (await t.client().get(`/consultations/${f.slug}/report/export/${format}`))
          .rawPayload;
        texts.push(
          format === 'pdf'
            ? await pdfText(file)
            : format === 'docx'
              ? await docxText(file)
              : file.toString('utf8'),
        );
      }
      for (const id of f.submissionIds)
        texts.push((await t.client().get(`/submissions/${id}`)).body);
      const found = identities.filter((value) =>
        texts.some((x) => x.toLowerCase().includes(value.toLowerCase())),
      );
      assert.deepEqual(found, []);
    });
  });
}
