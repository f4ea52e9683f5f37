// Consultations at realistic size: the consultation page and search with 10,000 published
// submissions in the database, on SQLite and on PostgreSQL, and submissions accepted per second.
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { fmt, type Bench, type BenchRow } from './bench.ts';
import {
  cli,
  fetchRetry,
  signIn,
  startServer,
  type RunningServer,
  freshPostgresUrl,
} from './support/server.ts';

// BENCH_SUBMISSIONS lets a quick run check the benchmark itself on fewer rows.
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 10_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const root = new URL('../', import.meta.url).pathname;

async function load(url: string, connections: number, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections, duration: DURATION, headers, timeout: 30 });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
  // Timeouts are reported with the figure rather than hidden: they mean the server fell behind.
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
  };
}

function seed(server: RunningServer): string {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/support/seed-consultation.ts', String(SUBMISSIONS)],
    { cwd: root, env: server.env, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr}`);
  return (JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { slug: string }).slug;
}

/**
 * Searches nobody asked before: ordered selections of two to four words of one generated text
 * (see bench/support/seed-consultation.ts), so each matches the ~2,500 documents carrying that
 * text, like the repeated query, but neither the kept results nor the shared pages answer it.
 * Deterministically shuffled; the same stream on both databases.
 */
function firstTimeQueries(): string[] {
  const texts = [
    'Internet shutdowns during elections must end, and governments should commit never to order one.',
    'Strong encryption protects journalists and human rights defenders; backdoors weaken everyone.',
    'Community networks bring affordable connectivity to rural areas and deserve public funding.',
    "Les coupures d'Internet pendant les élections doivent cesser.",
    'Los gobiernos deberían financiar redes comunitarias en zonas rurales.',
  ];
  const queries: string[] = [];
  for (const text of texts) {
    const words = [...new Set(text.toLowerCase().match(/\p{L}{5,}/gu) ?? [])];
    const grow = (chosen: string[]) => {
      if (chosen.length >= 2) queries.push(chosen.join(' '));
      if (chosen.length === 4) return;
      for (const w of words) if (!chosen.includes(w)) grow([...chosen, w]);
    };
    grow([]);
  }
  let seed = 1;
  for (let i = queries.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [queries[i], queries[j]] = [queries[j] ?? '', queries[i] ?? ''];
  }
  return queries;
}

/** Each request a query not asked before; fails rather than repeat one. */
async function firstTimeSearches(server: RunningServer, connections: number) {
  const queries = firstTimeQueries();
  let n = 0;
  const r = await autocannon({
    url: server.url,
    connections,
    duration: DURATION,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const q = queries[n++];
          if (q === undefined) throw new Error(`first-time search: only ${queries.length} queries`);
          return { ...req, path: `/search?q=${encodeURIComponent(q)}` };
        },
      },
    ],
  });
  if (r.non2xx > 0) throw new Error(`first-time search: ${r.non2xx} non-2xx answers`);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
  };
}

/** Submits through the real form: one session, a fresh idempotency key per request. */
async function submissionsPerSecond(server: RunningServer, slug: string): Promise<number> {
  cli(server, ['create-admin', '--email', 'writer@example.org', '--password', 'writer password 1']);
  const session = await signIn(server.url, 'writer@example.org', 'writer password 1');
  const page = await fetchRetry(`${server.url}/consultations/${slug}/submit`, {
    headers: { cookie: session },
  });
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  let n = 0;
  const r = await autocannon({
    url: `${server.url}/consultations/${slug}/submit`,
    connections: 10,
    duration: DURATION,
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `${session}; ${csrfCookie}`,
    },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: new URLSearchParams({
            _csrf: token,
            idempotencyKey: `bench-${n++}-${Math.random()}`,
            language: 'en',
            freeText: 'A benchmark submission about connectivity.',
            action: 'submit',
          }).toString(),
        }),
      },
    ],
  });
  if (r.errors > 0 || r['2xx'] + r['3xx'] === 0)
    throw new Error(`submit: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return (r['2xx'] + r['3xx']) / DURATION;
}

/** The same-run reference: a bare Fastify route, so a loaded machine shows in the ratios. */
async function helloRps(): Promise<number> {
  const hello = await startServer('bench/support/hello.ts');
  try {
    return (await load(hello.url, 50)).rps;
  } finally {
    await hello.stop();
  }
}

async function measure(
  label: string,
  extraEnv: Record<string, string>,
  hello: number,
): Promise<BenchRow[]> {
  const server = await startServer('src/app/server.ts', extraEnv);
  try {
    const slug = seed(server);
    const rows: BenchRow[] = [];
    for (const [what, path] of [
      ['consultation page', `/consultations/${slug}`],
      ['search', '/search?q=encryption'],
    ] as const) {
      for (const connections of [50, 100]) {
        const r = await load(server.url + path, connections);
        rows.push({
          what: `${label}: ${what}, ${fmt.n(SUBMISSIONS)} submissions, ${connections} clients (p50 / p99)`,
          value: `${fmt.ms(r.p50)} / ${fmt.ms(r.p99)} · ${fmt.n(r.rps)} req/s${r.errors ? ` · ${r.errors} errors or timeouts` : ''}`,
          reference: `hello route ${fmt.n(hello)} req/s (${fmt.ratio(r.rps / hello)})`,
          ...(connections === 100 && what === 'consultation page'
            ? { budget: 'p99 ≤ 50 ms', ok: r.p99 <= 50 }
            : {}),
        });
      }
    }
    const first = await firstTimeSearches(server, 50);
    rows.push({
      what: `${label}: search, a different query each request (nobody asked it before), ${fmt.n(SUBMISSIONS)} submissions, 50 clients (p50 / p99)`,
      value: `${fmt.ms(first.p50)} / ${fmt.ms(first.p99)} · ${fmt.n(first.rps)} req/s${first.errors ? ` · ${first.errors} errors or timeouts` : ''}`,
      reference: `hello route ${fmt.n(hello)} req/s (${fmt.ratio(first.rps / hello)})`,
    });
    // Browsers ask for compressed pages; the figure above is for clients that do not.
    const browser = await load(`${server.url}/consultations/${slug}`, 100, {
      'accept-encoding': 'gzip, deflate, br',
    });
    rows.push({
      what: `${label}: consultation page, 100 clients sending a browser's Accept-Encoding (p50 / p99)`,
      value: `${fmt.ms(browser.p50)} / ${fmt.ms(browser.p99)} · ${fmt.n(browser.rps)} req/s${browser.errors ? ` · ${browser.errors} errors or timeouts` : ''}`,
      reference: `hello route ${fmt.n(hello)} req/s (${fmt.ratio(browser.rps / hello)})`,
    });
    const accepted = await submissionsPerSecond(server, slug);
    rows.push({
      what: `${label}: submissions accepted through the form, 10 clients`,
      value: `${fmt.n(accepted)} /s`,
    });
    return rows;
  } finally {
    await server.stop();
  }
}

export const run: Bench = async () => {
  const hello = await helloRps();
  const rows = await measure('SQLite', {}, hello);
  const pgUrl = await freshPostgresUrl('pages');
  if (pgUrl) rows.push(...(await measure('PostgreSQL', { DATABASE_URL: pgUrl }, hello)));
  return [
    {
      title: 'Consultations at size',
      rows,
      notes: `autocannon for ${DURATION} s per figure against the real server (LOG_LEVEL=warn), after seeding ${fmt.n(SUBMISSIONS)} published submissions in eight languages into one Chatham House consultation and indexing them for search. The consultation page shows the first page of published submissions; visitors (no session) share a rendered copy kept per instance until the consultation's content version changes. Search repeats one query, so after the first request visitors get the page kept under the database's search content version (src/db/search-version.ts); a search nobody asked since the last change still ranks, builds excerpts and renders as before: the row with a different query each request measures that, with two to four words of one generated text in every order (each matches about 2,500 documents), never repeating one. ${pgUrl ? '' : 'PostgreSQL was not reachable in this run, so only SQLite is shown.'}`,
    },
  ];
};
