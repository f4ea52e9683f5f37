import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyPointMeanAveragePrecision, tfidfBaselineScores } from '../engines/synthesis/index.ts';
import { UsageError } from '../shared/errors.ts';
import { loadArgKpSplit } from './keypoints.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const argkp = join(repo, 'test-data', 'argkp');
const bin = join(repo, 'bin', 'polylogue.js');

function polylogue(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'keypoints', ...args], { encoding: 'utf8', cwd: repo });
}

test('scores the real dev split better than the TF-IDF baseline', () => {
  assert.ok(
    existsSync(argkp),
    `ArgKP data not found at ${argkp}: it ships with the repository in test-data/argkp`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'kp-'));
  try {
    const out = join(dir, 'kp.json');
    const run = polylogue('--argkp-dir', argkp, '--split', 'dev', '--out', out);
    assert.equal(run.status, 0, run.stderr);
    const scores = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, number>>;
    const dev = loadArgKpSplit(argkp, 'dev');
    assert.equal(Object.keys(scores).length, dev.args.length);
    const kpById = new Map(dev.keyPoints.map((k) => [k.id, k]));
    for (const a of dev.args) {
      const expected = dev.keyPoints
        .filter((k) => k.topic === a.topic && k.stance === a.stance)
        .map((k) => k.id);
      assert.deepEqual(Object.keys(scores[a.id]!).sort(), expected.sort(), a.id);
      for (const [k, s] of Object.entries(scores[a.id]!))
        assert.ok(Number.isFinite(s) && kpById.has(k));
    }
    const ours = keyPointMeanAveragePrecision(dev.args, scores, dev.labels);
    const baseline = keyPointMeanAveragePrecision(
      dev.args,
      tfidfBaselineScores(dev.args, dev.keyPoints),
      dev.labels,
    );
    assert.ok(
      ours.strict > baseline.strict,
      `strict ${ours.strict} vs baseline ${baseline.strict}`,
    );
    assert.ok(
      ours.relaxed > baseline.relaxed,
      `relaxed ${ours.relaxed} vs baseline ${baseline.relaxed}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: one clear line and exit status 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-bad-'));
  try {
    const out = join(dir, 'x.json');
    const cases: Array<[string[], RegExp]> = [
      [
        ['--argkp-dir', join(dir, 'missing'), '--split', 'dev', '--out', out],
        /^polylogue: no such directory .*\n$/,
      ],
      [['--split', 'dev', '--out', out], /required option '--argkp-dir/],
      [
        ['--argkp-dir', argkp, '--split', 'train', '--out', out],
        /refusing to train on the split being scored/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = polylogue(...args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.ok(!existsSync(out));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reading a split rejects unknown splits, malformed CSV and missing files as usage errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-csv-'));
  try {
    writeFileSync(join(dir, 'arguments_x.csv'), 'arg_id,argument,topic,stance\n"a1,oops\n');
    writeFileSync(join(dir, 'arguments_y.csv'), 'arg_id,argument,topic,stance\na1,text,T,1\n');
    writeFileSync(join(dir, 'arguments_z.csv'), 'arg_id,text\na1,text\n');
    const cases: Array<[string, RegExp]> = [
      ['nope', /unknown split "nope"/],
      ['../x', /invalid split name/],
      ['x', /malformed CSV .*arguments_x\.csv/],
      ['y', /missing file .*key_points_y\.csv/],
      ['z', /missing column argument, topic, stance/],
    ];
    for (const [split, message] of cases) {
      assert.throws(
        () => loadArgKpSplit(dir, split),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
