// CI check of DESIGN.md's start budget: `polylogue --help` from the compiled tree, whole process,
// at most 6× a bare `node -e 0` (medians of runs taken in turn), and no compile notice — the
// install must have built dist/.
import { spawnSync } from 'node:child_process';

const RUNS = 9;
const BUDGET = 6;

function wall(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  if (run.stderr !== '') throw new Error(`node ${args.join(' ')} wrote to stderr: ${run.stderr}`);
  return seconds;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cli = [];
const bare = [];
for (let i = 0; i < RUNS; i++) {
  cli.push(wall(['bin/polylogue.js', '--help']));
  bare.push(wall(['-e', '0']));
}
const ratio = median(cli) / median(bare);
console.log(
  `check-start: polylogue --help ${median(cli).toFixed(3)} s, node -e 0 ${median(bare).toFixed(3)} s: ${ratio.toFixed(1)}× (budget ${BUDGET}×)`,
);
if (ratio > BUDGET) process.exit(1);
