// Published versions read together: a version whose new figures would give away who came in
// between reprints the figures in force, dated; versions published before versions were audited
// are served without figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { person, publishReport, reportFixture, type ReportFixture } from './reports.fixtures.ts';

/**
 * Texts of one topic (the same sentences reordered), so every version forms the same theme of
 * everyone and its own suppression hides nothing: what a version prints depends on the rule
 * across versions alone.
 */
const SENTENCES = [
  'Internet shutdowns silence journalists.',
  'Governments must stop network shutdowns.',
  'Elections need open networks.',
];
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

let n = 0;
async function contribute(
  t: TestApp,
  f: ReportFixture,
  profile: { group: string; country: string },
) {
  const author = await person(t, `versions-${n}@example.org`, `Person ${n}`, profile);
  const text = ORDERS[n % ORDERS.length]!.map((i) => SENTENCES[i]).join(' ');
  const s = await t.services.submissions.submit(author, f.slug, {
    idempotencyKey: `versions-${n++}`,
    language: 'en',
    freeText: text,
    answers: [],
  });
  await t.services.submissions.moderate(f.secretariat, s.id, { action: 'publish' });
}

const GOVERNMENT = { group: 'government', country: 'FR' };
const CIVIL_SOCIETY = { group: 'civil_society', country: 'KE' };

const publish = (t: TestApp, f: ReportFixture) => publishReport(t, f);

const participation = (md: string) =>
  md.slice(md.indexOf('## Participation'), md.indexOf('## Method'));
const trends = (md: string) => md.slice(md.indexOf('## Trends'), md.indexOf('## Recommendations'));

for (const dialect of testDialects()) {
  describe(`figures across published versions (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    const md = async (version: number) =>
      (await t.client().get(`/consultations/${f.slug}/report/export/md?version=${version}`)).body;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'versions', rule: 'chatham_house', count: 0 });
      for (let i = 0; i < 7; i++) await contribute(t, f, GOVERNMENT);
      for (let i = 0; i < 9; i++) await contribute(t, f, CIVIL_SOCIETY);
      await publish(t, f);
    });
    after(() => t.close());

    test('when one government contributor is published between two versions, then the second reprints the first figures, dated, in the page, the comparison and the export', async () => {
      const first = await md(1);
      assert.match(participation(first), /\| Government \| 7 \|/);
      assert.match(participation(first), /\| \*\*Total\*\* \| \*\*16\*\* \|/);
      await contribute(t, f, GOVERNMENT);
      await publish(t, f);

      const second = await md(2);
      const versions = await t.services.reports.publishedReport(f.slug, 1);
      const asOf = `Figures as of ${versions.record.publishedOn}`;
      assert.ok(participation(second).includes(asOf));
      assert.match(participation(second), /\| Government \| 7 \|/);
      assert.match(participation(second), /\| \*\*Total\*\* \| \*\*16\*\* \|/);
      assert.doesNotMatch(participation(second), /\b17\b|\| Government \| 8 \|/);
      // No theme figure of the new themes beside the kept totals.
      assert.doesNotMatch(trends(second), /Contributors: |By stakeholder group|By region|%/);

      const page = (await t.client().get(`/consultations/${f.slug}/report/versions/2`)).body;
      assert.ok(page.includes(asOf));
      assert.match(page, /<td>Government<\/td>\s*<td[^>]*>7<\/td>/);
      assert.doesNotMatch(page, /<td>Government<\/td>\s*<td[^>]*>8<\/td>/);
      const latest = (await t.client().get(`/consultations/${f.slug}/report`)).body;
      assert.ok(latest.includes(asOf));

      const compare = (await t.client().get(`/consultations/${f.slug}/report/compare?from=1&to=2`))
        .body;
      assert.ok(compare.includes(asOf));
      assert.doesNotMatch(compare, /\| Government \| 8 \||\*\*17\*\*/);
    });

    test('when at least 5 contributors join every printed cell, then the next version prints new figures', async () => {
      for (let i = 0; i < 5; i++) await contribute(t, f, GOVERNMENT);
      for (let i = 0; i < 5; i++) await contribute(t, f, CIVIL_SOCIETY);
      await publish(t, f);
      const third = participation(await md(3));
      assert.doesNotMatch(third, /Figures as of/);
      assert.match(third, /\| Government \| 13 \|/);
      assert.match(third, /\| Civil society \| 14 \|/);
      assert.match(third, /\| \*\*Total\*\* \| \*\*27\*\* \|/);
      // Themes are recomputed for every version, so their figures could be compared across
      // versions unaudited: only the first version with figures prints them.
      assert.match(trends(await md(1)), /Contributors: /);
      assert.doesNotMatch(trends(await md(3)), /Contributors: |By stakeholder group|By region|%/);
    });
  });

  describe(`a version published before versions were audited (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'legacy', rule: 'chatham_house', count: 0 });
      for (let i = 0; i < 7; i++) await contribute(t, f, GOVERNMENT);
      for (let i = 0; i < 9; i++) await contribute(t, f, CIVIL_SOCIETY);
      await publish(t, f);
      // As the migration leaves a version published before it: no input, no figures in force.
      await t
        .db()
        .updateTable('report_versions')
        .set({ figure_input: null, figures_version: null })
        .where('consultation_id', '=', f.consultationId)
        .execute();
    });
    after(() => t.close());

    test('when an old version is served, then its figures are withheld with a note in the page, the comparison and the export', async () => {
      const withheld = 'The figures of this version are withheld';
      const md = (await t.client().get(`/consultations/${f.slug}/report/export/md?version=1`)).body;
      assert.ok(participation(md).includes(withheld));
      assert.doesNotMatch(participation(md), /Government|\*\*16\*\*/);
      assert.doesNotMatch(trends(md), /Contributors: |By stakeholder group|By region|%/);
      const page = (await t.client().get(`/consultations/${f.slug}/report`)).body;
      assert.ok(page.includes(withheld));
      assert.doesNotMatch(page, /<td>Government<\/td>/);

      await contribute(t, f, GOVERNMENT);
      await publish(t, f);
      const compare = (await t.client().get(`/consultations/${f.slug}/report/compare?from=1&to=2`))
        .body;
      assert.ok(compare.includes(withheld));
      // The first audited version prints figures of its own: no earlier set can be read with it.
      const second = (await t.client().get(`/consultations/${f.slug}/report/export/md?version=2`))
        .body;
      assert.match(participation(second), /\| Government \| 8 \|/);
    });
  });
}
