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
  type ReportFixture,
  publishReport,
} from './reports.fixtures.ts';

/**
 * Texts that cluster the same way whatever their random ids: within a topic every text has the
 * same words (its sentences reordered), and the topics share none. Spherical k-means with a
 * k-means++ start then separates them for certain: 8 inputs give 2 themes, and once one centre
 * is drawn, every text of its topic lies at distance 0 from it, so the second is drawn from the
 * other topic.
 */
const SENTENCES = [
  'Internet shutdowns silence journalists.',
  'Governments must stop network shutdowns.',
  'Elections need open networks.',
];
const WIDE_TOPIC = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
].map((order) => order.map((i) => SENTENCES[i]).join(' '));
const PAIR_TOPIC = [
  'Satellitenfrequenzen gerecht vergeben. Satellitenbetreiber brauchen Frequenzregeln.',
  'Satellitenbetreiber brauchen Frequenzregeln. Satellitenfrequenzen gerecht vergeben.',
];
const WIDE_PROFILES = [
  { group: 'government', country: 'FR' },
  { group: 'academia', country: 'KE' },
  { group: 'civil_society', country: 'BR' },
  { group: 'private_sector', country: 'US' },
  { group: 'technical_community', country: 'JO' },
  { group: 'government', country: 'SN' },
];

async function submitPairAndWide(t: TestApp, f: ReportFixture) {
  const texts = [
    ...WIDE_TOPIC.map((text, i) => ({ text, language: 'en', profile: WIDE_PROFILES[i]! })),
    ...PAIR_TOPIC.map((text, i) => ({
      text,
      language: 'de',
      profile: { group: 'academia', country: i === 0 ? 'DE' : 'FR' },
    })),
  ];
  for (const [i, x] of texts.entries()) {
    const author = await person(t, `pair-${i}@example.org`, `Pair ${i}`, x.profile);
    const s = await t.services.submissions.submit(author, f.slug, {
      idempotencyKey: `pair-${i}`,
      language: x.language,
      freeText: x.text,
      answers: [],
    });
    await t.services.submissions.moderate(f.secretariat, s.id, { action: 'publish' });
  }
}

/** The part of a report's text from the pair's theme heading to the next section. */
function pairTheme(text: string, next: RegExp): string {
  // Numbered as the second theme: the summary names the theme too, unnumbered.
  const start = text.search(/\b2\.\s+satellit/i);
  assert.ok(start >= 0, 'the pair forms a theme of its own');
  const rest = text.slice(start);
  return rest.slice(0, rest.search(next));
}

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
      await publishReport(t, f);
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

  describe(`a theme of exactly 2 contributions (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    const exported = async (format: string) =>
      (await t.client().get(`/consultations/${f.slug}/report/export/${format}`)).rawPayload;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'pair', rule: 'chatham_house', count: 0 });
      await submitPairAndWide(t, f);
      await publishReport(t, f);
    });
    after(() => t.close());

    test('when 2 contributors form a theme, then it shows no share by group or region in HTML, Markdown, PDF and DOCX', async () => {
      const md = (await exported('md')).toString('utf8');
      const trends = md.slice(md.indexOf('## Trends'), md.indexOf('## Recommendations'));
      const themes = trends.split(/\n### /).slice(1);
      assert.equal(themes.length, 2, 'the wide topic and the pair');
      const [wide, pair] = themes;
      assert.equal((pair!.match(/\]\(/g) ?? []).length, 2, 'the pair’s theme cites its 2 sources');
      assert.match(pair!, /satellit/i);
      // Which breakdowns of 6 contributors survive depends on how they spread (a "< 5" must keep
      // a range of values); that some breakdown is printed keeps the check below from passing idly.
      assert.match(
        wide!,
        /By (stakeholder group|region)/,
        'a theme of 6 contributors does show a breakdown',
      );

      const sections = [
        ['Markdown', pairTheme(md, /\n## /)],
        ['HTML', pairTheme((await t.client().get(`/consultations/${f.slug}/report`)).body, /<h2/)],
        ['PDF', pairTheme(await pdfText(await exported('pdf')), /Recommendations/)],
        ['DOCX', pairTheme(await docxText(await exported('docx')), /Recommendations/)],
      ] as const;
      for (const [format, section] of sections) {
        assert.match(section, /Fewer\s+than\s+5\s+contributors/, format);
        assert.doesNotMatch(section, /By\s+stakeholder\s+group|By\s+region|%/, format);
        assert.doesNotMatch(
          section,
          /Academia|Europe|Africa/,
          `${format}: no group or region is named`,
        );
      }
    });
  });
}
