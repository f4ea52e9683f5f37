// `npm run bench`: runs every benchmark module and writes BENCHMARKS.md.
// Usage: npm run bench [-- name-filter ...]   (e.g. `npm run bench -- opinion-map`)
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Bench, BenchSection } from './bench.ts';

const filters = process.argv.slice(2);
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const sections: BenchSection[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const mod = (await import(new URL(file, dir).href)) as { run: Bench };
  sections.push(...(await mod.run()));
}

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
  lines.push(`## ${s.title}`, '', '| what | measured | budget | reference (same run) |', '|---|---|---|---|');
  for (const r of s.rows) {
    const verdict = r.ok === undefined ? '' : r.ok ? ' ✅' : ' ❌';
    lines.push(`| ${r.what} | ${r.value} | ${r.budget ?? '—'}${verdict} | ${r.reference ?? '—'} |`);
  }
  if (s.notes) lines.push('', s.notes);
  lines.push('');
}
const out = filters.length === 0 ? 'BENCHMARKS.md' : `BENCHMARKS.partial.md`;
writeFileSync(new URL(`../${out}`, import.meta.url), lines.join('\n'));
process.stderr.write(`bench: wrote ${out}\n`);
