// `polylogue import-polis` and `polylogue export-polis`, run as an operator would (SQLite).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parsePolisComments } from '../../engines/opinion-map/index.ts';
import { polisDataDir, readPolisFile } from '../../engines/opinion-map/testing/polis-data.ts';

const bin = new URL('../../../bin/polylogue.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-polis-cli-'));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('polylogue import-polis and export-polis', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('when a Pol.is folder is imported into a consultation and exported again, then the statements come back', () => {
    const seeded = JSON.parse(run(['seed-demo', '--json']).out) as {
      consultations: Array<{ slug: string }>;
    };
    const slug = seeded.consultations[0]?.slug ?? '';
    const source = join(polisDataDir(), 'bg2050-volunteers');
    const imported = run(['import-polis', source, '--consultation', slug]);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /Imported 371 statements, \d+ participants and \d+ votes/);
    const again = run(['import-polis', source, '--consultation', slug]);
    assert.equal(again.code, 2);
    assert.match(again.err, /already has a conversation/);

    const out = join(dataDir, 'export');
    const exported = run(['export-polis', '--consultation', slug, '--out', out]);
    assert.equal(exported.code, 0, exported.err);
    const bodies = (text: string) =>
      parsePolisComments(text)
        .map((c) => `${c.id}:${c.body}`)
        .sort();
    assert.deepEqual(
      bodies(readFileSync(join(out, 'comments.csv'), 'utf8')),
      bodies(readPolisFile('bg2050-volunteers', 'comments.csv')),
    );
    assert.match(
      readFileSync(join(out, 'summary.csv'), 'utf8'),
      /^groups,\d+$/m,
      'the map was computed on import',
    );
  });

  test('when the folder or the consultation is wrong, then one clear line and exit code 2', () => {
    assert.equal(run(['import-polis', join(dataDir, 'nowhere'), '--consultation', 'x']).code, 2);
    const unknown = run([
      'export-polis',
      '--consultation',
      'no-such-consultation',
      '--out',
      join(dataDir, 'x'),
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no-such-consultation: consultation not found/);
  });
});
