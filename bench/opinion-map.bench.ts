// Opinion map: time and peak memory on generated conversations up to 10M votes (each in its own
// process), time on the five public Pol.is conversations, and agreement with Pol.is's groups
// beside a plain PCA + k-means baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, type Bench, type BenchRow, type BenchSection } from './bench.ts';
import { commandSection } from './opinion-map-command.ts';
import {
  adjustedRandIndex,
  baselineGroups,
  computeOpinionMap,
  polisToOpinionMapInput,
} from '../src/engines/opinion-map/index.ts';
import {
  loadPolisConversation,
  POLIS_CONVERSATIONS,
} from '../src/engines/opinion-map/testing/polis-data.ts';

interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
  k: number;
  votes: number;
  ariPlanted: number;
}

const SIZES = [
  { label: '100k votes (2,000 × 500)', args: [2_000, 500, 100_000] },
  { label: '1M votes (20,000 × 1,000)', args: [20_000, 1_000, 1_000_000], budget: { s: 2, gb: 1 } },
  { label: '10M votes (100,000 × 10,000)', args: [100_000, 10_000, 10_000_000], budget: { gb: 4 } },
];

function measureInChild(args: number[]): ChildResult {
  const script = fileURLToPath(new URL('opinion-map.child.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args.map(String)], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`opinion-map child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildResult;
}

function generatedSection(): BenchSection {
  const rows: BenchRow[] = [];
  const planted: string[] = [];
  for (const size of SIZES) {
    const r = measureInChild(size.args);
    const gb = r.maxRssBytes / 2 ** 30;
    rows.push({
      what: `${size.label}: time`,
      value: `${fmt.s(r.ms / 1000)} (CPU ${fmt.s(r.cpuMs / 1000)})`,
      ...(size.budget?.s
        ? { budget: `≤ ${size.budget.s} s`, ok: r.ms / 1000 <= size.budget.s }
        : {}),
    });
    rows.push({
      what: `${size.label}: peak memory (maxRSS)`,
      value: fmt.mb(r.maxRssBytes),
      ...(size.budget?.gb ? { budget: `≤ ${size.budget.gb} GB`, ok: gb <= size.budget.gb } : {}),
    });
    planted.push(
      `${size.label}: k = ${r.k}, ARI against the planted groups ${r.ariPlanted.toFixed(3)}`,
    );
  }
  return {
    title: 'Opinion map: generated conversations',
    rows,
    notes:
      'Each size runs in its own `node --import tsx` process; time is computeOpinionMap alone (wall clock, with ' +
      'the process CPU time beside it because this machine is shared), peak memory is the whole process including ' +
      'the generated votes (columnar typed arrays). Conversations have 3 planted opinion groups, 5% removed ' +
      `statements, 4 stakeholder groups and 0.25×–1.75× the mean votes per participant (seed 2024). ${planted.join('; ')}.`,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function polisSection(): BenchSection {
  const rows: BenchRow[] = [];
  for (const name of POLIS_CONVERSATIONS) {
    const conversation = loadPolisConversation(name);
    const input = polisToOpinionMapInput(conversation);
    const times: number[] = [];
    let result = computeOpinionMap(input);
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      result = computeOpinionMap(input);
      times.push(performance.now() - start);
    }
    const polis = conversation.participants.map((p) => p.groupId);
    const ours = adjustedRandIndex(
      polis,
      result.participants.map((p) => p.group),
    );
    const baseline = adjustedRandIndex(polis, baselineGroups(input));
    rows.push({
      what: `${name} (${conversation.votes.length.toLocaleString('en-US')} votes): time`,
      value: fmt.ms(median(times)),
    });
    rows.push({
      what: `${name}: ARI with Pol.is's groups (k = ${result.k})`,
      value: ours.toFixed(3),
      reference: `plain PCA + k-means ${baseline.toFixed(3)}`,
    });
  }
  return {
    title: 'Opinion map: public Pol.is conversations',
    rows,
    notes:
      'Time is the median of 3 warm runs in the benchmark process. ARI (adjusted Rand index) compares our groups ' +
      "with Pol.is's `group-id` over participants both grouped; the reference is plain PCA (same imputation, no " +
      'sparsity-aware scaling) with k-means on the participants, k in 2..5 by silhouette. Pol.is computed its ' +
      'groups incrementally over the life of each conversation, so a one-shot recomputation cannot be expected to ' +
      'match exactly.',
  };
}

export const run: Bench = async () => {
  // The command rows time bin/polylogue.js as an operator runs it: from an up-to-date dist/.
  const { ensureBuilt } = (await import(new URL('../bin/launch.js', import.meta.url).href)) as {
    ensureBuilt(options?: { quiet?: boolean }): Promise<number>;
  };
  await ensureBuilt({ quiet: true });
  return [generatedSection(), polisSection(), commandSection()];
};
