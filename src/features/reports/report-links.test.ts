// Links in every report format pass the one link policy: http(s), mailto and this site's pages
// stay links; smb:, ms-msdt:, file:, javascript:, data:, UNC paths and //host become text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import MarkdownIt from 'markdown-it';
import {
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { exportReport, type ExportFormat } from './report-export.ts';
import { emptySections, type ReportDocument } from './report-model.ts';
import { docxText, pdfText } from './report-readback.ts';
import { reportFixture, signIn, type ReportFixture } from './reports.fixtures.ts';

const BASE = 'http://polylogue.test';

/** Markdown a participant or a secretariat could write: one link per way of hiding a target. */
const CRAFTED = [
  'Read [the share](smb://attacker.example/share) and [diagnose](ms-msdt:/id%20PCWDiagnostic).',
  'Also [unc](\\\\attacker.example\\share), [a file](file:///etc/passwd), [js](javascript:alert(1)),',
  '[data](data:text/html,hi), [elsewhere](//attacker.example/x), <smb://attacker.example/auto>',
  'and [by reference][r] and [a title](SMB://attacker.example/upper "t").',
  '',
  '[r]: ms-msdt:reference',
  '',
  'Kept: [site](https://example.org/ok), [source](/submissions/abc) and [mail](mailto:sec@example.org).',
].join('\n');

const ALLOWED = ['https://example.org/ok', `${BASE}/submissions/abc`, 'mailto:sec@example.org'];

// Every link a lenient reader would make from the Markdown file (readers that autolink bare text,
// as GFM does, do it only for http(s), www. and e-mail addresses, which the policy allows).
const lenient = new MarkdownIt({ html: false, linkify: false });
lenient.validateLink = () => true;
function markdownLinks(markdown: string): string[] {
  const links: string[] = [];
  for (const token of lenient.parse(markdown, {}))
    for (const child of token.children ?? [])
      if (child.type === 'link_open') links.push(String(child.attrGet('href') ?? ''));
  return links;
}

const htmlLinks = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

/** The URI of every link annotation in the PDF (pdfkit writes them as literal strings). */
const pdfLinks = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/URI \(((?:\\.|[^\\)])*)\)/g)].map((m) =>
    m[1]!.replace(/\\(.)/g, '$1'),
  );

/** The target of every external relationship (hyperlinks) in the DOCX package. */
function docxLinks(docx: Buffer): string[] {
  const files = unzipSync(new Uint8Array(docx));
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.rels'))
    .flatMap(([, data]) => [...strFromU8(data).matchAll(/<Relationship [^>]*>/g)].map((m) => m[0]))
    .filter((rel) => rel.includes('TargetMode="External"'))
    .map((rel) => /Target="([^"]*)"/.exec(rel)?.[1]?.replaceAll('&amp;', '&') ?? '');
}

async function linksIn(
  body: Buffer,
  format: ExportFormat,
): Promise<{ links: string[]; text: string }> {
  if (format === 'md')
    return { links: markdownLinks(body.toString('utf8')), text: body.toString('utf8') };
  if (format === 'html')
    return { links: htmlLinks(body.toString('utf8')), text: body.toString('utf8') };
  if (format === 'pdf') return { links: pdfLinks(body), text: await pdfText(body) };
  return { links: docxLinks(body), text: await docxText(body) };
}

const FORMATS: ExportFormat[] = ['md', 'html', 'pdf', 'docx'];

function assertInert(format: ExportFormat, found: { links: string[]; text: string }): void {
  assert.deepEqual(
    [...found.links].sort(),
    [...ALLOWED].sort(),
    `${format}: only allowed links remain`,
  );
  const text = found.text.replace(/\s+/g, '');
  assert.ok(
    text.includes('smb://attacker.example/share'),
    `${format}: the refused target is still readable as text`,
  );
}

describe('report links, every format', () => {
  const doc: ReportDocument = {
    consultationSlug: 'links',
    title: 'Links',
    language: 'en',
    version: null,
    publishedOn: null,
    sections: {
      ...emptySections(),
      // A participant's words, quoted as the draft quotes them.
      quotes: CRAFTED.split('\n')
        .filter(Boolean)
        .map((line) => `> ${line}`)
        .join('\n'),
    },
  };
  for (const format of FORMATS)
    test(`when a quoted contribution holds links of every scheme, then the ${format} file keeps only http(s), mailto and site links`, async () => {
      assertInert(format, await linksIn((await exportReport(doc, format, BASE)).body, format));
    });
});

for (const dialect of testDialects()) {
  describe(`published report downloads carry only allowed links (${dialect})`, () => {
    let t: TestApp;
    let f: ReportFixture;
    let secretariat: TestClient;
    before(async () => {
      t = await startTestApp(dialect);
      f = await reportFixture(t, { key: 'links', count: 2 });
      secretariat = await signIn(t, f.secretariatEmail);
    });
    after(() => t.close());

    test('when the secretariat publishes a summary with links of every scheme, then each download keeps only the allowed ones', async () => {
      const base = `/consultations/${f.slug}/report`;
      assert.equal((await secretariat.post(`${base}/generate`)).statusCode, 303);
      await t.worker.drain();
      assert.equal(
        (await secretariat.post(`${base}/edit`, { section_summary: CRAFTED })).statusCode,
        303,
      );
      assert.equal((await secretariat.post(`${base}/publish`)).statusCode, 303);
      const page = await t.client().get(base);
      assert.doesNotMatch(
        page.body,
        /href="(?!\/|https?:|mailto:|#)/,
        'the report page links nowhere else',
      );
      for (const format of FORMATS) {
        const response = await t.client().get(`${base}/export/${format}`);
        assert.equal(response.statusCode, 200);
        const found = await linksIn(response.rawPayload, format);
        const foreign = found.links.filter((link) =>
          /attacker|ms-msdt|file:|javascript:|data:/i.test(link),
        );
        assert.deepEqual(foreign, [], `${format}: no refused link survives`);
        for (const link of ALLOWED)
          assert.ok(found.links.includes(link), `${format}: ${link} stays a link`);
      }
    });
  });
}
