// Every export format read back with maintained readers, for an English, an Arabic and a Chinese
// consultation: the section headings in the consultation's language and the text under them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { translator } from '../../i18n/i18n.ts';
import type { Locale } from '../../i18n/locales.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { exportReport } from './report-export.ts';
import { reportPdf } from './report-pdf.ts';
import { sectionHeading } from './report-markdown.ts';
import { SECTIONS, type ReportDocument } from './report-model.ts';
import { docxHeadings, docxText, pdfText } from './report-readback.ts';
import { reportFixture } from './reports.fixtures.ts';

const BASE = 'http://polylogue.test';
const squash = (s: string) => s.replace(/\s+/g, '');

/** Text each language's report must contain, beyond the headings (from the fixture's samples). */
const BODY: Record<'en' | 'ar' | 'zh', string> = {
  en: 'Governments must stop network shutdowns',
  ar: 'التشفير',
  zh: '农村地区',
};

describe('report exports read back', () => {
  let t: TestApp;
  const docs = new Map<string, ReportDocument>();
  before(async () => {
    t = await startTestApp('sqlite');
    for (const language of ['en', 'ar', 'zh'] as const) {
      const f = await reportFixture(t, { key: `fmt-${language}`, languages: [language], count: 8 });
      docs.set(language, await t.services.reports.freshDocument(f.slug));
    }
  });
  after(() => t.close());

  for (const language of ['en', 'ar', 'zh'] as const) {
    const headings = SECTIONS.map((s) => sectionHeading(language as Locale, s));
    const draftLine = translator(language)('reports.doc.draftLine');

    test(`${language}: the Markdown has every section, in order, headed in the consultation's language`, async () => {
      const md = (await exportReport(docs.get(language)!, 'md', BASE)).body.toString('utf8');
      const found = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      assert.deepEqual(found, headings);
      assert.ok(md.includes(BODY[language]), 'the contributions are in the text');
    });

    test(`${language}: a PDF reader finds the headings and the text, in the script they were written in`, async () => {
      const text = squash(
        await pdfText((await exportReport(docs.get(language)!, 'pdf', BASE)).body),
      );
      for (const heading of headings)
        for (const word of heading.split(' '))
          assert.ok(text.includes(squash(word)), `heading word "${word}" in the PDF`);
      for (const word of draftLine.split(' '))
        assert.ok(text.includes(squash(word)), `"${word}" in the PDF`);
      assert.ok(text.includes(squash(BODY[language])), `${BODY[language]} in the PDF`);
    });

    test(`${language}: a DOCX reader finds the headings as headings, and the text`, async () => {
      const file = (await exportReport(docs.get(language)!, 'docx', BASE)).body;
      assert.deepEqual((await docxHeadings(file)).slice(1), headings);
      const text = await docxText(file);
      assert.ok(text.includes(draftLine));
      assert.ok(text.includes(BODY[language]));
    });
  }

  test('the HTML export declares the language and direction', async () => {
    const html = (await exportReport(docs.get('ar')!, 'html', BASE)).body.toString('utf8');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.ok(html.includes(`<h2>${sectionHeading('ar', 'trends')}</h2>`));
  });
});

describe('Arabic in the PDF text layer', () => {
  // Each lam-alef ligature (لا لأ لإ لآ) is one glyph for two letters; a reader must copy the
  // letters in logical order, inside right-to-left and left-to-right documents alike.
  const WORDS = ['الإنترنت', 'السلام', 'لا', 'للأطفال', 'الآن', 'نحتاج'];
  const words = (text: string) => new Set(text.split(/[\s.,،:;!?()«»—-]+/u).filter(Boolean));

  for (const language of ['ar', 'en'] as const) {
    test(`${language} page: a PDF reader finds words with lam-alef ligatures intact`, async () => {
      const markdown = [
        '# السلام عليكم',
        `نحتاج إلى الإنترنت الآن، لا للرقابة. للأطفال حق في **السلام**.`,
        'Access to الإنترنت matters, لا exceptions.',
      ].join('\n\n');
      const pdf = await reportPdf(markdown, {
        title: 'السلام',
        language,
        baseUrl: BASE,
        date: new Date(0),
      });
      const found = words(await pdfText(pdf));
      for (const word of WORDS) assert.ok(found.has(word), `"${word}" in ${[...found].join(' ')}`);
    });
  }
});
