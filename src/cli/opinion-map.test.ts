// `polylogue opinion-map` run as an operator would: a child process on the real Pol.is export.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  computeOpinionMap,
  parsePolisComments,
  parsePolisVotes,
  polisToOpinionMapInput,
} from '../engines/opinion-map/index.ts';
import { polisDataDir, readPolisFile } from '../engines/opinion-map/testing/polis-data.ts';

// The command from its sources (through tsx, like every test); start-up.test.ts covers the
// compiled tree that bin/polylogue.js runs.
const main = new URL('./main.ts', import.meta.url).pathname;
const bin = ['--import', 'tsx', main];
const scratch = mkdtempSync(join(tmpdir(), 'polylogue-opinion-map-'));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [...bin, 'opinion-map', ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

interface Output {
  k: number;
  participants: Array<{ id: string; group: number | null }>;
  groups: Array<{
    id: number;
    size: number;
    representative: Array<{ statementId: string; direction: string }>;
  }>;
  statements: Array<{ id: string; groupInformedConsensus: number | null }>;
}

describe('polylogue opinion-map', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test("with --use-polis-groups, prints one JSON object whose consensus equals Pol.is's", () => {
    const { code, out, err } = run([
      '--polis-dir',
      join(polisDataDir(), 'bg2050-volunteers'),
      '--use-polis-groups',
      '--format',
      'json',
    ]);
    assert.equal(code, 0, err);
    const result = JSON.parse(out) as Output;
    assert.equal(result.k, 2);
    assert.equal(result.participants.length, 126);
    assert.ok(result.participants.some((p) => p.group === null));
    assert.ok(
      result.groups.every((g) =>
        g.representative.every((r) => ['agree', 'disagree'].includes(r.direction)),
      ),
    );
    const ours = new Map(result.statements.map((s) => [s.id, s.groupInformedConsensus]));
    const comments = parsePolisComments(readPolisFile('bg2050-volunteers', 'comments.csv'));
    for (const c of comments.filter((c) => c.moderated !== -1)) {
      assert.ok(Math.abs(ours.get(c.id)! - c.groupInformedConsensus!) <= 1e-9, `statement ${c.id}`);
    }
  });

  test('when only votes.csv is there (larger than a read), then the map is the one of the whole-file parser', () => {
    const dir = mkdtempSync(join(scratch, 'votes-only-'));
    const name = 'vtaiwan.uberx';
    copyFileSync(join(polisDataDir(), name, 'comments.csv'), join(dir, 'comments.csv'));
    copyFileSync(join(polisDataDir(), name, 'votes.csv'), join(dir, 'votes.csv'));
    assert.ok(statSync(join(dir, 'votes.csv')).size > 2 ** 20, 'spans several chunks');
    const { code, out, err } = run(['--polis-dir', dir]);
    assert.equal(code, 0, err);
    const votes = parsePolisVotes(readPolisFile(name, 'votes.csv'));
    const expected = computeOpinionMap(
      polisToOpinionMapInput({
        comments: parsePolisComments(readPolisFile(name, 'comments.csv')),
        participants: [...new Set(votes.map((v) => v.participantId))].map((id) => ({
          id,
          groupId: null,
        })),
        votes,
      }),
    );
    assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(expected)));
  });

  const failures: Array<[string, () => string[], RegExp]> = [
    [
      'the folder does not exist',
      () => ['--polis-dir', join(scratch, 'nowhere')],
      /no such directory/,
    ],
    ['comments.csv is missing', () => ['--polis-dir', scratch], /no comments\.csv/],
    [
      'the format is unknown',
      () => ['--polis-dir', scratch, '--format', 'xml'],
      /unknown --format "xml"/,
    ],
    ['--polis-dir is not given', () => [], /required option '--polis-dir/],
    [
      'a CSV is malformed',
      () => {
        const dir = mkdtempSync(join(scratch, 'bad-'));
        writeFileSync(
          join(dir, 'comments.csv'),
          'comment-id,author-id,moderated,comment-body\n1,0,1,"open\n',
        );
        writeFileSync(join(dir, 'votes.csv'), 'timestamp,comment-id,voter-id,vote\n1,1,0,1\n');
        return ['--polis-dir', dir];
      },
      /comments\.csv: Quote Not Closed/,
    ],
    [
      'votes.csv is malformed',
      () => {
        const dir = mkdtempSync(join(scratch, 'bad-votes-'));
        writeFileSync(
          join(dir, 'comments.csv'),
          'comment-id,author-id,moderated,comment-body\n1,0,1,a\n',
        );
        writeFileSync(join(dir, 'votes.csv'), 'timestamp,comment-id,voter-id,vote\n1,1,"0,1\n');
        return ['--polis-dir', dir];
      },
      /votes\.csv: Quote Not Closed/,
    ],
  ];
  for (const [what, args, message] of failures) {
    test(`when ${what}, then one line on stderr and exit code 2`, () => {
      const { code, out, err } = run(args());
      assert.equal(code, 2);
      assert.equal(out, '');
      assert.match(err, message);
      assert.equal(err.trim().split('\n').length, 1, err);
    });
  }
});
