// Runs the test files of one suite with Node's own test runner.
// unit: every src/**/*.test.ts(x); e2e: every e2e/**/*.test.ts (real Chromium).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const suite = process.argv[2] ?? 'unit';
const root = suite === 'e2e' ? 'e2e' : 'src';
const only = process.argv.slice(3);

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return collect(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = collect(root)
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error(`No test files found under ${root}/`);
  process.exit(1);
}
const concurrency = suite === 'e2e' ? '1' : '2';
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
