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
import {
  publishReport,
  reportFixture,
  signIn,
  type ReportFixture,
} from '../reports/reports.fixtures.ts';

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
      stranger = await signedInClient(t, 'resp-stranger@example.org', 'stranger password');
      secretariat = await publishReport(t, f);
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

    const FIRST = 'The call to end shutdowns became the first trend of the report.';
    const mailsTo = async (email: string) =>
      (
        await t
          .db()
          .selectFrom('mail_outbox')
          .select('id')
          .where('to_address', '=', email)
          .execute()
      ).length;
    const responseLog = async () =>
      (await t.services.transparency.list({ limit: 1000 }))
        .filter((e) => e.action.startsWith('response_'))
        .map((e) => ({
          action: e.action,
          subject: `${e.subjectType}:${e.subjectId}`,
          ...e.details,
        }));
    const flashAfter = async () =>
      /<p class="flash" role="status">\s*([^<]*?)\s*<\/p>/.exec(
        (await secretariat.get(manage())).body,
      )?.[1];
    const firstItem = async () =>
      /name="reportItems" value="(trends-\d+)"/.exec(
        (await secretariat.get(manage(f.submissionIds[0]))).body,
      )?.[1] ?? '';

    test('when responses are first recorded, then the log shows each submission by its public reference and outcome only', async () => {
      const subject = `consultation:${f.slug}`;
      assert.deepEqual(await responseLog(), [
        {
          action: 'response_recorded',
          subject,
          submission: f.submissionIds[0],
          outcome: 'taken_up',
        },
        {
          action: 'response_recorded',
          subject,
          submission: f.submissionIds[1],
          outcome: 'out_of_scope',
        },
      ]);
    });

    test('when the secretariat saves the same response again, then the author is not e-mailed and nothing is logged', async () => {
      const email = f.authors[0]!.user!.email;
      const [mails, log] = [await mailsTo(email), await responseLog()];
      const again = await secretariat.post(manage(f.submissionIds[0]), {
        outcome: 'taken_up',
        explanation: `  ${FIRST} \r\n`,
        reportItems: await firstItem(),
      });
      assert.equal(again.statusCode, 303);
      assert.equal(
        await flashAfter(),
        'Nothing changed, so the contributor was not e-mailed again.',
      );
      assert.equal(await mailsTo(email), mails);
      assert.deepEqual(await responseLog(), log);
    });

    test('when only the report items change, then the change is logged but the author is not e-mailed', async () => {
      const email = f.authors[0]!.user!.email;
      const mails = await mailsTo(email);
      const relinked = await secretariat.post(manage(f.submissionIds[0]), {
        outcome: 'taken_up',
        explanation: FIRST,
      });
      assert.equal(relinked.statusCode, 303);
      assert.match((await flashAfter()) ?? '', /The outcome and explanation did not change/);
      assert.equal(await mailsTo(email), mails);
      assert.deepEqual((await responseLog()).at(-1), {
        action: 'response_changed',
        subject: `consultation:${f.slug}`,
        submission: f.submissionIds[0],
        outcome: 'taken_up',
      });
      await secretariat.post(manage(f.submissionIds[0]), {
        outcome: 'taken_up',
        explanation: FIRST,
        reportItems: await firstItem(),
      });
    });

    test('when the explanation or the outcome changes, then the author is told of an update each time and the log says what changed', async () => {
      const email = f.authors[0]!.user!.email;
      const id = f.submissionIds[0]!;
      const mails = await mailsTo(email);
      const item = await firstItem();
      const explained = `${FIRST} It is also quoted in the summary.`;
      await secretariat.post(manage(id), {
        outcome: 'taken_up',
        explanation: explained,
        reportItems: item,
      });
      assert.equal(
        await flashAfter(),
        'The response was updated and the contributor told about the change.',
      );
      assert.equal(await mailsTo(email), mails + 1);
      const update = await t.lastMailTo(email);
      assert.match(update?.subject ?? '', /^Mise à jour : suite donnée à votre contribution/);
      assert.match(update?.text ?? '', /a mis à jour la suite donnée/);
      assert.match(update?.text ?? '', /also quoted in the summary/);
      assert.match(update?.text ?? '', /Retenue/);
      const base = {
        action: 'response_changed',
        subject: `consultation:${f.slug}`,
        submission: id,
      };
      assert.deepEqual((await responseLog()).at(-1), { ...base, outcome: 'taken_up' });

      await secretariat.post(manage(id), {
        outcome: 'partly',
        explanation: explained,
        reportItems: item,
      });
      assert.equal(await mailsTo(email), mails + 2);
      assert.match((await t.lastMailTo(email))?.text ?? '', /Partiellement retenue/);
      const last = (await responseLog()).at(-1);
      assert.deepEqual(last, { ...base, outcome: 'partly', previousOutcome: 'taken_up' });
    });

    test('when a visitor reads the log in any language, then each response says its outcome in that language, names no one and the chain holds', async () => {
      const expected = {
        en: [
          'Response to a submission recorded: Outside the scope',
          'Response to a submission changed: Partly taken up (before: Taken up)',
        ],
        fr: [
          'Réponse à une contribution enregistrée : Hors du champ de la consultation',
          'Réponse à une contribution modifiée : Partiellement retenue (auparavant : Retenue)',
        ],
        es: [
          'Respuesta a una contribución registrada: Fuera del alcance',
          'Respuesta a una contribución modificada: Incorporada en parte (antes: Incorporada)',
        ],
        ru: [
          'Записан ответ на письменный вклад: Вне рамок консультации',
          'Изменён ответ на письменный вклад: Учтено частично (ранее: Учтено)',
        ],
        zh: [
          '已记录对书面意见的答复：超出范围',
          '已修改对书面意见的答复：部分采纳（此前：已采纳）',
        ],
        ar: [
          'تسجيل رد على مساهمة مكتوبة: خارج النطاق',
          'تعديل رد على مساهمة مكتوبة: أُخذ بها جزئياً (سابقًا: أُخذ بها)',
        ],
      };
      const texts: string[] = [];
      for (const [locale, labels] of Object.entries(expected)) {
        const page = await t.client().get('/transparency', { 'accept-language': locale });
        assert.equal(page.statusCode, 200);
        for (const label of labels) assert.ok(page.body.includes(label), `${locale}: ${label}`);
        texts.push(page.body);
      }
      assert.ok(
        texts[0]!.includes(`href="/submissions/${f.submissionIds[0]}"`),
        'the submission is linked',
      );
      const api = await t.client().get('/api/v1/transparency?limit=100');
      assert.equal(api.statusCode, 200);
      texts.push(api.body);
      const found = identities.filter((value) =>
        texts.some((x) => x.toLowerCase().includes(value.toLowerCase())),
      );
      assert.deepEqual(found, []);
      assert.doesNotMatch(api.body, /quoted in the summary/, 'explanations stay out of the log');
      const verify = await t.client().get('/api/v1/transparency/verify');
      assert.equal(verify.json().ok, true);
    });
  });
}
