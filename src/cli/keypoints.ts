// `polylogue keypoints`: ArgKP key-point matching. Reads a split's arguments and key points, scores
// every argument against every key point of the same topic and stance, writes the scores as JSON.
// The pair model is learned at start from a labelled split (the train split by default).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type * as CsvParseSync from 'csv-parse/sync';
import { UsageError } from '../shared/errors.ts';
import type { KeyPointScores, KeyPointText } from '../engines/synthesis/index.ts';

export interface ArgKpSplit {
  args: KeyPointText[];
  keyPoints: KeyPointText[];
  /** Empty when the split has no labels file. */
  labels: Map<string, 0 | 1>;
}

const SPLIT_NAME = /^[A-Za-z0-9_-]+$/;

// Required when a file is read, not imported: `polylogue --help` loads this module.
const require = createRequire(import.meta.url);

function readCsv(path: string, columns: readonly string[]): Record<string, string>[] {
  if (!existsSync(path)) throw new UsageError(`missing file ${path}`);
  const { parse } = require('csv-parse/sync') as typeof CsvParseSync;
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    throw new UsageError(
      `malformed CSV ${path}: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
    );
  }
  const missing = columns.filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (missing.length > 0)
    throw new UsageError(`malformed CSV ${path}: missing column ${missing.join(', ')}`);
  rows.forEach((r, i) => {
    for (const c of columns) {
      if (!r[c]) throw new UsageError(`malformed CSV ${path}: empty ${c} on data row ${i + 1}`);
    }
  });
  return rows;
}

/** Reads `arguments_NAME.csv`, `key_points_NAME.csv` and, when present, `labels_NAME.csv`. */
export function loadArgKpSplit(dir: string, split: string): ArgKpSplit {
  if (!SPLIT_NAME.test(split)) throw new UsageError(`invalid split name "${split}"`);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`no such directory ${dir}`);
  if (!existsSync(join(dir, `arguments_${split}.csv`)))
    throw new UsageError(`unknown split "${split}" in ${dir}`);
  const args = readCsv(join(dir, `arguments_${split}.csv`), [
    'arg_id',
    'argument',
    'topic',
    'stance',
  ]).map((r) => ({ id: r.arg_id!, text: r.argument!, topic: r.topic!, stance: r.stance! }));
  const keyPoints = readCsv(join(dir, `key_points_${split}.csv`), [
    'key_point_id',
    'key_point',
    'topic',
    'stance',
  ]).map((r) => ({ id: r.key_point_id!, text: r.key_point!, topic: r.topic!, stance: r.stance! }));
  const labels = new Map<string, 0 | 1>();
  const labelsPath = join(dir, `labels_${split}.csv`);
  if (existsSync(labelsPath)) {
    for (const r of readCsv(labelsPath, ['arg_id', 'key_point_id', 'label'])) {
      if (r.label !== '0' && r.label !== '1')
        throw new UsageError(`malformed CSV ${labelsPath}: label "${r.label}"`);
      labels.set(`${r.arg_id}\u0000${r.key_point_id}`, r.label === '1' ? 1 : 0);
    }
  }
  return { args, keyPoints, labels };
}

interface KeypointsOptions {
  argkpDir: string;
  split: string;
  out: string;
  trainDir?: string;
  trainSplit: string;
  baseline?: boolean;
}

async function progressBar(total: number, label: string) {
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { stream: process.stderr, format: `${label} {bar} {value}/{total}` },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

const groupCount = (data: ArgKpSplit) =>
  new Set(data.args.map((a) => `${a.topic}\u0000${a.stance}`)).size;

async function scoreSplit(options: KeypointsOptions, data: ArgKpSplit): Promise<KeyPointScores> {
  const engine = await import('../engines/synthesis/index.ts');
  if (options.baseline) return engine.tfidfBaselineScores(data.args, data.keyPoints);
  const trainDir = options.trainDir ?? options.argkpDir;
  if (resolve(trainDir) === resolve(options.argkpDir) && options.trainSplit === options.split) {
    throw new UsageError(
      `refusing to train on the split being scored ("${options.split}"): pass --train-split`,
    );
  }
  const train = loadArgKpSplit(trainDir, options.trainSplit);
  if (train.labels.size === 0)
    throw new UsageError(`no labels_${options.trainSplit}.csv in ${trainDir} to learn from`);
  const bar = await progressBar(groupCount(train) + groupCount(data), 'keypoints');
  try {
    const model = engine.trainKeyPointModel(train, () => bar.increment());
    return engine.scoreKeyPoints(data.args, data.keyPoints, model, () => bar.increment());
  } finally {
    bar.stop();
  }
}

async function runKeypoints(options: KeypointsOptions): Promise<void> {
  const data = loadArgKpSplit(options.argkpDir, options.split);
  const scores = await scoreSplit(options, data);
  try {
    writeFileSync(options.out, `${JSON.stringify(scores)}\n`);
  } catch (error) {
    throw new UsageError(
      `cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let summary = `keypoints: scored ${Object.keys(scores).length} arguments, wrote ${options.out}`;
  if (data.labels.size > 0) {
    const { keyPointMeanAveragePrecision } = await import('../engines/synthesis/index.ts');
    const map = keyPointMeanAveragePrecision(data.args, scores, data.labels, {
      keyPointIds: data.keyPoints.map((k) => k.id),
    });
    summary += ` (mAP strict ${map.strict.toFixed(3)}, relaxed ${map.relaxed.toFixed(3)})`;
  }
  process.stderr.write(`${summary}\n`);
}

export function keypointsCommand(): Command {
  return (
    new Command('keypoints')
      .description(
        'ArgKP key-point matching: score each argument against the key points of its topic and stance',
      )
      .requiredOption(
        '--argkp-dir <dir>',
        'folder holding arguments_<split>.csv and key_points_<split>.csv',
      )
      .requiredOption('--split <name>', 'split to score, e.g. dev')
      .requiredOption('--out <file>', 'JSON file to write: { arg_id: { key_point_id: score } }')
      .option(
        '--train-dir <dir>',
        'folder of the labelled split to learn from (default: --argkp-dir)',
      )
      .option('--train-split <name>', 'labelled split to learn from', 'train')
      .option('--baseline', 'plain TF-IDF cosine instead of the learned matcher')
      // addCommand does not pass the program's settings down: without these a missing option would
      // exit with commander's status 1 instead of the usage status 2 that main.ts gives.
      .exitOverride()
      .showHelpAfterError()
      .action(async (options: KeypointsOptions) => runKeypoints(options))
  );
}
