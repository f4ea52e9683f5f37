// Shared shape of benchmark results. Each bench/*.bench.ts exports `run()` returning sections;
// bench/run.ts runs them all and writes BENCHMARKS.md.

export interface BenchRow {
  /** What was measured, e.g. "home page, 50 clients: p99 latency". */
  what: string;
  /** The measured figure, formatted with its unit. */
  value: string;
  /** The budget from DESIGN.md, when there is one, e.g. "≤ 50 ms". */
  budget?: string;
  /** Whether the figure meets its budget (undefined when there is no budget). */
  ok?: boolean;
  /** A reference measured in the same run and the ratio to it, e.g. "hello route 21,000 req/s (0.42×)". */
  reference?: string;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  /** Free text shown under the table: method, data sizes, caveats. */
  notes?: string;
}

export type Bench = () => Promise<BenchSection[]>;

export const fmt = {
  ms: (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`,
  s: (v: number) => `${v.toFixed(2)} s`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`,
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`,
  n: (v: number) => Math.round(v).toLocaleString('en-US'),
  ratio: (v: number) => `${v.toFixed(2)}×`,
};
