// Whole commands, cold (a fresh process each run, files in the page cache): `polylogue
// opinion-map` beside the plain numpy/scikit-learn reference (bench/opinion_map_reference.py) on
// the same folder, `polylogue --help` beside `node -e 0`, each pair run in turn in the same
// run; and the streaming votes reader beside a plain byte scan of the same file.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, type BenchRow, type BenchSection } from './bench.ts';
import { polisFolder } from './support/polis-folder.ts';
import { PolisVotesReader, parsePolisComments } from '../src/engines/opinion-map/index.ts';
import {
  POLIS_CONVERSATIONS,
  polisDataDir,
} from '../src/engines/opinion-map/testing/polis-data.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const PYTHON = '/usr/bin/python3';
const REFERENCE = join(root, 'bench/opinion_map_reference.py');
const POLYLOGUE = join(root, 'bin/polylogue.js');

interface Run {
  seconds: number;
  maxRssBytes: number;
}

/** One whole process: wall clock from here, peak memory from /usr/bin/time. */
function timed(command: string[]): Run {
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', ...command], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed: ${run.stderr}`);
  const kb = Number(run.stderr.trim().split('\n').pop());
  return { seconds, maxRssBytes: kb * 1024 };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A and B in turn, `runs` times each: medians of both and of the ratio pair by pair. */
function pair(a: string[], b: string[], runs: number) {
  const as: Run[] = [];
  const bs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(timed(a));
    bs.push(timed(b));
  }
  return {
    a: median(as.map((r) => r.seconds)),
    b: median(bs.map((r) => r.seconds)),
    ratio: median(as.map((r, i) => r.seconds / bs[i]!.seconds)),
    aRss: median(as.map((r) => r.maxRssBytes)),
    bRss: median(bs.map((r) => r.maxRssBytes)),
  };
}

const CHUNK = 1 << 20;

function eachChunk(path: string, use: (chunk: Uint8Array) => void): void {
  const fd = openSync(path, 'r');
  const buffer = new Uint8Array(CHUNK);
  try {
    for (let n; (n = readSync(fd, buffer, 0, CHUNK, null)) > 0;) use(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** Reading the file and one pass over its bytes, numbers accumulated into a typed array. */
function byteScan(path: string, fields: number): number {
  const values = new Float64Array(fields + 16);
  let field = 0;
  let value = 0;
  eachChunk(path, (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 44 || b === 10) {
        values[field++ % values.length] = value;
        value = 0;
      } else value = value * 10 + (b - 48);
    }
  });
  return field;
}

function parseVersusScan(dir: string): { parse: number; scan: number } {
  const comments = parsePolisComments(readFileSync(join(dir, 'comments.csv'), 'utf8'));
  const path = join(dir, 'votes.csv');
  const parses: number[] = [];
  const scans: number[] = [];
  for (let i = 0; i < 3; i++) {
    let start = performance.now();
    const reader = new PolisVotesReader('votes.csv', comments);
    eachChunk(path, (chunk) => reader.push(chunk));
    const fields = reader.finish().votes.vote.length * 4;
    parses.push(performance.now() - start);
    start = performance.now();
    byteScan(path, fields);
    scans.push(performance.now() - start);
  }
  return { parse: median(parses) / 1000, scan: median(scans) / 1000 };
}

const GENERATED = [
  {
    label: '1M votes (20,000 × 1,000)',
    args: [20_000, 1_000, 1_000_000] as const,
    runs: 3,
    budget: { s: 1.5 },
  },
  {
    label: '10M votes (100,000 × 10,000)',
    args: [100_000, 10_000, 10_000_000] as const,
    runs: 1,
    budget: { s: 10, gb: 1.5 },
  },
];

export function commandSection(): BenchSection {
  const rows: BenchRow[] = [];
  const help = pair(['node', POLYLOGUE, '--help'], ['node', '-e', '0'], 9);
  rows.push({
    what: '`polylogue --help`: whole process',
    value: fmt.s(help.a),
    budget: '≤ 6× `node -e 0`',
    ok: help.ratio <= 6,
    reference: `node -e 0 ${fmt.s(help.b)} (${fmt.ratio(help.ratio)})`,
  });
  const command = (dir: string) => ['node', POLYLOGUE, 'opinion-map', '--polis-dir', dir];
  for (const name of POLIS_CONVERSATIONS) {
    const dir = join(polisDataDir(), name);
    const r = pair(command(dir), [PYTHON, REFERENCE, dir], 5);
    rows.push({
      what: `${name}: \`polylogue opinion-map\`, whole process`,
      value: fmt.s(r.a),
      budget: '≤ the reference',
      ok: r.ratio <= 1,
      reference: `numpy/scikit-learn ${fmt.s(r.b)} (${fmt.ratio(r.ratio)})`,
    });
  }
  const folders = join(tmpdir(), 'polylogue-bench');
  for (const size of GENERATED) {
    const dir = polisFolder(folders, size.args[0], size.args[1], size.args[2]);
    const r = pair(command(dir), [PYTHON, REFERENCE, dir], size.runs);
    const okTime = r.a <= size.budget.s && r.ratio <= 1;
    rows.push({
      what: `${size.label}, votes.csv: \`polylogue opinion-map\`, whole process`,
      value: `${fmt.s(r.a)}, peak ${fmt.mb(r.aRss)}`,
      budget: `≤ ${size.budget.s} s${size.budget.gb ? `, ≤ ${size.budget.gb} GB` : ''}, ≤ the reference`,
      ok: okTime && (!size.budget.gb || r.aRss <= size.budget.gb * 2 ** 30),
      reference: `numpy/scikit-learn ${fmt.s(r.b)}, peak ${fmt.mb(r.bRss)} (${fmt.ratio(r.ratio)})`,
    });
    const p = parseVersusScan(dir);
    rows.push({
      what: `${size.label}: reading votes.csv into columns, in process`,
      value: fmt.s(p.parse),
      budget: '≤ 2× a byte scan',
      ok: p.parse <= 2 * p.scan,
      reference: `read + byte scan ${fmt.s(p.scan)} (${fmt.ratio(p.parse / p.scan)})`,
    });
  }
  return {
    title: 'Opinion map: whole command, cold',
    rows,
    notes:
      'Each figure is the median wall time of fresh processes (files in the page cache), the two commands of a row ' +
      'run in turn; the ratio is the median of the pairwise ratios. Peak memory is maxRSS from `/usr/bin/time`. ' +
      "The reference is `bench/opinion_map_reference.py` run by Debian's python3 (python3-numpy, python3-sklearn): " +
      'participants-votes.csv when the folder has it (as the command), else votes.csv with the latest vote per pair; ' +
      'column-mean imputation, PCA to 2 components, k-means with the best silhouette over k = 2..5. Generated folders ' +
      '(seed 2024) have comments.csv and votes.csv only and are kept in the system temporary folder between runs. ' +
      '"Reading votes.csv" is the streaming reader alone on 1 MiB chunks; the byte scan reads the same chunks and ' +
      'accumulates every number into a typed array.',
  };
}
