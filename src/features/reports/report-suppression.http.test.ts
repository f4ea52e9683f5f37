// The published report's figures as a visitor reads them, in every format: contributors counted
// once, complementary cells read "withheld", small themes show no breakdown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { docxText, pdfText } from './report-readback.ts';
import {
  person,
  reportFixture,
  SAMPLE_TEXTS,
  signIn,
  type ReportFixture,
} from './reports.fixtures.ts';

/** Civil society: 5 people and one organisation sending 25 texts; government 7; academia 3. */
const PEOPLE = [
  ...Array.from({ length: 5 }, () => ({ group: 'civil_society', country: 'KE' })),
  ...Array.from({ length: 7 }, () => ({ group: 'government', country: 'FR' })),
  ...Array.from({ length: 3 }, () => ({ group: 'academia', country: 'BR' })),
];

async function submitAll(t: TestApp, f: ReportFixture) {
  const questions = await t.services.consultations.questions(f.consultationId);
  let n = 0;
  const send = async (author: Awaited<ReturnType<typeof person>>, organisationSlug?: string) => {
    const sample = SAMPLE_TEXTS[n % SAMPLE_TEXTS.length]!;
    const s = await t.services.submissions.submit(author, f.slug, {
      idempotencyKey: `suppression-${n++}`,
      language: sample.language,
      freeText: `${sample.text} (${n})`,
      answers: [{ questionId: questions[0]?.id ?? '', text: sample.text }],
      ...(organisationSlug ? { organisationSlug } : {}),
    });
    await t.services.submissions.moderate(f.secretariat, s.id, { action: 'publish' });
  };
  for (const [i, profile] of PEOPLE.entries())
    await send(await person(t, `p${i}@example.org`, `Person ${i}`, profile));
  const owner = await person(t, 'org-owner@example.org', 'Org Owner', PEOPLE[0]);
  const org = await t.services.organisations.createOrganisation(owner, {
    name: 'Prolific Network',
    stakeholderGroup: 'civil_society',
    country: 'KE',
    website: null,
    description: '',
  });
  for (let i = 0; i < 25; i++) await send(owner, org.slug);
}

for (const dialect of testDialects()) {
  describe(`published report figures (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    const exported = async (format: string) =>
      (await t.client().get(`/consultations/${f.slug}/report/export/${format}`)).rawPayload;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'suppr', rule: 'chatham_house', count: 0 });
      await submitAll(t, f);
      const secretariat = await signIn(t, f.secretariatEmail);
      await secretariat.post(`/consultations/${f.slug}/report/generate`);
      await t.worker.drain();
      assert.equal(
        (await secretariat.post(`/consultations/${f.slug}/report/publish`)).statusCode,
        303,
      );
    });
    after(() => t.close());

    test('when one organisation sent 25 texts, then the participation table counts it once', async () => {
      const md = (await exported('md')).toString('utf8');
      const participation = md.slice(md.indexOf('## Participation'), md.indexOf('## Method'));
      // 5 people + 1 organisation + 7 + 3 = 16 contributors, though 40 texts were published.
      assert.match(participation, /\| \*\*Total\*\* \| \*\*16\*\* \|/);
      assert.doesNotMatch(participation, /\b(40|30|25)\b/);
      assert.match(participation, /\| Government \| 7 \|/);
    });

    test('when a cell is hidden only to protect a small one, then it reads withheld in HTML, Markdown, PDF and DOCX', async () => {
      const html = (await t.client().get(`/consultations/${f.slug}/report`)).body;
      const md = (await exported('md')).toString('utf8');
      // Academia 3 alone below 5: civil society (6) is withheld, not shown as "< 5".
      assert.match(md, /\| Academia \| < 5 \|/);
      assert.match(md, /\| Civil society \| withheld \|/);
      assert.match(md, /\| Africa \| withheld \|/);
      assert.match(html, /<td>Civil society<\/td>\s*<td[^>]*>withheld<\/td>/);
      assert.match(html, /<td>Academia<\/td>\s*<td[^>]*>&lt; 5<\/td>/);
      const pdf = await pdfText(await exported('pdf'));
      assert.match(pdf, /Civil\s+society\s+withheld/);
      const docx = await docxText(await exported('docx'));
      assert.match(docx, /Civil society\s*withheld/);
      assert.match(docx, /Academia\s*< 5/);
    });

    test('when a theme has fewer than 5 contributors, then it shows no share by group or region', async () => {
      const md = (await exported('md')).toString('utf8');
      const trends = md.slice(md.indexOf('## Trends'), md.indexOf('## Recommendations'));
      const themes = trends.split(/\n### /).slice(1);
      assert.ok(themes.length > 0);
      for (const theme of themes) {
        const sources = (theme.match(/\]\(/g) ?? []).length;
        if (sources >= 5) continue;
        assert.doesNotMatch(theme, /By stakeholder group|By region/);
        assert.match(theme, /Fewer than 5 contributors/);
      }
      // No share is printed for a group whose count is hidden: academia has only 3 contributors.
      assert.doesNotMatch(trends, /Academia \d+\s?%/);
    });
  });
}
