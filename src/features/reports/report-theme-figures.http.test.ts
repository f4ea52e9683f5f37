// Each theme of the published report gives its contributors through the suppression module, its
// share of all contributors only beside a printed total, and no share over time or count of
// contributions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { person, publishReport, reportFixture, type ReportFixture } from './reports.fixtures.ts';

/** Two large topics of distinct texts in English, and one of exactly two texts. */
const SHUTDOWNS = [
  'Internet shutdowns during elections cut people off',
  'Network shutdowns silence journalists and protesters',
  'Every shutdown order must be published by the government',
  'Mobile data shutdowns hurt small traders and hospitals',
  'Regional shutdowns of the internet violate human rights law',
];
const LITERACY = [
  'Digital literacy belongs in every school curriculum',
  'Teachers need training in media literacy and source checking',
  'Libraries can offer literacy workshops for older citizens',
  'Literacy programmes should teach how to spot misinformation',
  'Public broadcasters could fund digital literacy courses',
];
// In a language of their own, so clustering, which runs per language, keeps them apart.
// Spanish words without English cognates, so no theme of another language absorbs them.
const BEEKEEPING = [
  'Las abejas mueren en el campo; los apicultores piden ayuda para sus colmenas y su miel.',
  'Los apicultores piden ayuda: sin abejas no hay miel, y las colmenas del campo mueren.',
];
const pairs = (pool: string[]) =>
  pool.flatMap((a, i) => pool.slice(i + 1).map((b) => `${a}. ${b}.`)).slice(0, 9);

async function submitAll(t: TestApp, f: ReportFixture) {
  const texts = [...pairs(SHUTDOWNS), ...pairs(LITERACY), ...BEEKEEPING];
  for (const [i, text] of texts.entries()) {
    // Half civil society in Kenya, half government in France: every total is printed.
    const author = await person(t, `small-${i}@example.org`, `Small ${i}`, {
      group: i % 2 ? 'government' : 'civil_society',
      country: i % 2 ? 'FR' : 'KE',
    });
    const s = await t.services.submissions.submit(author, f.slug, {
      idempotencyKey: `small-${i}`,
      language: BEEKEEPING.includes(text) ? 'es' : 'en',
      freeText: text,
      answers: [],
    });
    await t.services.submissions.moderate(f.secretariat, s.id, { action: 'publish' });
  }
}

/** The Trends section cut into its themes. */
function themesOf(md: string): string[] {
  const trends = md.slice(md.indexOf('## Trends'), md.indexOf('## Recommendations'));
  return trends.split(/\n### /).slice(1);
}

for (const dialect of testDialects()) {
  describe(`theme figures in the published report (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    const exported = async (format: string) =>
      (await t.client().get(`/consultations/${f.slug}/report/export/${format}`)).rawPayload;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'small', rule: 'chatham_house', count: 0 });
      await submitAll(t, f);
      await publishReport(t, f);
    });
    after(() => t.close());

    test('when themes are printed, then each gives contributors through suppression and nothing over time or per contribution', async () => {
      const md = (await exported('md')).toString('utf8');
      const themes = themesOf(md);
      assert.ok(themes.some((th) => /Contributors: \d+ \(\d+\s?% of all contributors\)/.test(th)));
      for (const theme of themes) {
        assert.doesNotMatch(
          theme,
          /Over the consultation|Share of contributions|\d+ contributions?\b/,
        );
        assert.doesNotMatch(theme, /\d{4}-\d{2}-\d{2}/, 'no date bucket');
      }
      const summary = md.slice(md.indexOf('## Summary'), md.indexOf('## Trends'));
      for (const m of summary.matchAll(/\((\d+)\s?%\)/g)) assert.ok(Number(m[1]) >= 20);
    });
  });
}
