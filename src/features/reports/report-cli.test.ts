// `polylogue report` as an operator runs it, in a child process, on the demo's consultations:
// every format is written and reads back with its sections; bad input gets one clear line and
// exit code 2.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { translator } from '../../i18n/i18n.ts';
import { docxHeadings, pdfText } from './report-readback.ts';

const bin = new URL('../../../bin/polylogue.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'polylogue-report-cli-'));
const exec = promisify(execFile);
const t = translator('en');
const HEADINGS = [
  t('reports.doc.heading.context'),
  t('reports.doc.heading.summary'),
  t('reports.doc.heading.trends'),
  t('reports.doc.heading.recommendations'),
  t('reports.doc.heading.quotes'),
  t('reports.doc.heading.participation'),
  t('reports.doc.heading.method'),
  t('reports.doc.heading.annex'),
];

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = {
    ...process.env,
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
  };
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { env });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

describe('polylogue report', () => {
  let slugs: string[] = [];
  before(async () => {
    const seeded = await run(['seed-demo', '--json']);
    assert.equal(seeded.code, 0, seeded.err);
    slugs = (
      JSON.parse(seeded.out) as { consultations: Array<{ slug: string }> }
    ).consultations.map((c) => c.slug);
    assert.equal(slugs.length, 2);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('when run on the demo consultations, then every format is written with the sections and progress on stderr', async () => {
    const [attributed, chatham] = slugs as [string, string];
    const jobs = [
      [attributed, 'md'],
      [chatham, 'md'],
      [chatham, 'pdf'],
      [attributed, 'docx'],
    ] as const;
    const results = await Promise.all(
      jobs.map(([slug, format]) =>
        run(['report', slug, '--format', format, '--out', join(dir, `${slug}.${format}`)]),
      ),
    );
    for (const r of results) {
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /analysing/);
      assert.match(r.out, /^Wrote /);
    }
    for (const slug of slugs) {
      const md = readFileSync(join(dir, `${slug}.md`), 'utf8');
      assert.deepEqual(
        [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]),
        HEADINGS,
      );
      assert.match(md, /\/submissions\/[a-z0-9]+\)/, 'items link to their sources');
    }
    const squash = (x: string) => x.replace(/\s+/g, '');
    const pdf = squash(await pdfText(readFileSync(join(dir, `${chatham}.pdf`))));
    for (const heading of HEADINGS)
      assert.ok(pdf.includes(squash(heading)), `${heading} in the PDF`);
    const docx = await docxHeadings(readFileSync(join(dir, `${attributed}.docx`)));
    assert.deepEqual(docx.slice(1), HEADINGS);
  });

  test('when the input is wrong, then one clear line and exit code 2', async () => {
    const [slug] = slugs as [string];
    const cases = await Promise.all([
      run(['report', 'no-such-consultation', '--format', 'md', '--out', join(dir, 'x.md')]),
      run(['report', slug, '--format', 'odt', '--out', join(dir, 'x.odt')]),
      run(['report', slug, '--format', 'md', '--out', join(dir, 'missing', 'folder', 'x.md')]),
      run(['report', slug, '--format', 'md', '--out', join(dir, 'p.md'), '--published']),
    ]);
    const expected = [
      /no-such-consultation: no such public consultation/,
      /--format: "odt" is not one of md, html, pdf, docx/,
      /--out: cannot write/,
      /no published report/,
    ];
    cases.forEach((r, i) => {
      assert.equal(r.code, 2, r.err);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, expected[i]!);
    });
    const help = await run(['report', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: polylogue report \[options\] <slug>/);
  });
});
