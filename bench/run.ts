// `npm run bench`: runs every benchmark module and writes BENCHMARKS.md.
// Usage: npm run bench [-- name-filter ...]   (e.g. `npm run bench -- opinion-map`)
// Each module's sections are kept in bench/results/<module>.json, so a filtered run refreshes
// only its own figures and BENCHMARKS.md is always rebuilt from all of them.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Bench, BenchSection } from './bench.ts';

const filters = process.argv.slice(2);
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const resultsDir = new URL('results/', dir);
mkdirSync(resultsDir, { recursive: true });
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const mod = (await import(new URL(file, dir).href)) as { run: Bench };
  const result = { measuredAt: new Date().toISOString(), sections: await mod.run() };
  writeFileSync(
    new URL(file.replace(/\.bench\.ts$/, '.json'), resultsDir),
    JSON.stringify(result, null, 2),
  );
}

const sections: BenchSection[] = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json') && existsSync(new URL(f.replace(/\.json$/, '.bench.ts'), dir)))
  .sort()
  .flatMap(
    (f) =>
      (JSON.parse(readFileSync(new URL(f, resultsDir), 'utf8')) as { sections: BenchSection[] })
        .sections,
  );

const lines: string[] = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ` +
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}. ` +
    'This machine is shared and noisy: compare the ratios to the references measured in the same run rather than lone absolute times.',
  '',
];
for (const s of sections) {
  lines.push(
    `## ${s.title}`,
    '',
    '| what | measured | budget | reference (same run) |',
    '|---|---|---|---|',
  );
  for (const r of s.rows) {
    const verdict = r.ok === undefined ? '' : r.ok ? ' ✅' : ' ❌';
    lines.push(`| ${r.what} | ${r.value} | ${r.budget ?? '—'}${verdict} | ${r.reference ?? '—'} |`);
  }
  if (s.notes) lines.push('', s.notes);
  lines.push('');
}
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), lines.join('\n'));
process.stderr.write('bench: wrote BENCHMARKS.md\n');
