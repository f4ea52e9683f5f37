// Foundation benchmarks: throughput and latency of pages against a bare Fastify route measured
// in the same run, server memory at rest, and public page weights.
import autocannon from 'autocannon';
import { gzipSync } from 'node:zlib';
import { fmt, type Bench, type BenchRow } from './bench.ts';
import { cli, rssBytes, signIn, startServer } from './support/server.ts';

const CONNECTIONS = 50;
const DURATION = 10;

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function compressedSize(url: string, cookie = ''): Promise<number> {
  const response = await fetch(url, { headers: { cookie } });
  const body = Buffer.from(await response.arrayBuffer());
  // fetch decompresses transparently; gzip here measures what a browser would download.
  return gzipSync(body).length;
}

async function pageWeight(base: string, path: string): Promise<number> {
  const html = await (await fetch(base + path)).text();
  const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  let total = gzipSync(Buffer.from(html)).length;
  for (const asset of assets) total += await compressedSize(base + asset);
  return total;
}

export const run: Bench = async () => {
  const hello = await startServer('bench/support/hello.ts');
  const reference = await load(hello.url);
  await hello.stop();

  const server = await startServer();
  try {
    cli(server, [
      'create-admin',
      '--email',
      'bench@example.org',
      '--password',
      'bench password 123',
    ]);
    const cookie = await signIn(server.url, 'bench@example.org', 'bench password 123');
    await new Promise((r) => setTimeout(r, 2000));
    const rssAtRest = rssBytes(server.pid);
    const home = await load(`${server.url}/`);
    const profile = await load(`${server.url}/account/profile`, { cookie });
    const ratio = (rps: number) =>
      `hello route ${fmt.n(reference.rps)} req/s (${fmt.ratio(rps / reference.rps)})`;
    const rows: BenchRow[] = [
      {
        what: `home page, ${CONNECTIONS} clients: throughput`,
        value: `${fmt.n(home.rps)} req/s`,
        reference: ratio(home.rps),
      },
      {
        what: `home page, ${CONNECTIONS} clients: p50 / p99 latency`,
        value: `${fmt.ms(home.p50)} / ${fmt.ms(home.p99)}`,
        reference: `hello route ${fmt.ms(reference.p50)} / ${fmt.ms(reference.p99)}`,
      },
      {
        what: `signed-in profile page, ${CONNECTIONS} clients: throughput`,
        value: `${fmt.n(profile.rps)} req/s`,
        reference: ratio(profile.rps),
      },
      {
        what: `signed-in profile page, ${CONNECTIONS} clients: p50 / p99 latency`,
        value: `${fmt.ms(profile.p50)} / ${fmt.ms(profile.p99)}`,
        reference: `hello route ${fmt.ms(reference.p50)} / ${fmt.ms(reference.p99)}`,
      },
      {
        what: 'server memory at rest (RSS, after start and one sign-in)',
        value: fmt.mb(rssAtRest),
        budget: '≤ 200 MB',
        ok: rssAtRest <= 200 * 1024 * 1024,
      },
    ];
    for (const path of ['/', '/account/register', '/account/sign-in', '/account/forgot']) {
      const weight = await pageWeight(server.url, path);
      rows.push({
        what: `page weight ${path} (HTML + CSS + JS, gzip, first visit)`,
        value: fmt.kb(weight),
        budget: '≤ 50 KB',
        ok: weight <= 50 * 1024,
      });
    }
    return [
      {
        title: 'Pages and server (foundation)',
        rows,
        notes: `autocannon, ${CONNECTIONS} connections for ${DURATION} s per figure, against the real server on SQLite (LOG_LEVEL=warn) and, as the reference, a bare Fastify route returning "hello" started the same way in the same run. Page weights count the gzip-compressed HTML and the assets it links, as on a first visit.`,
      },
    ];
  } finally {
    await server.stop();
  }
};
