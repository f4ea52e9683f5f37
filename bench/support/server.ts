// Starts the real server (or another script) as a child process for benchmarks, on a free port
// with a fresh data directory, and stops it afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  dataDir: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer at ${url}`);
}

/** What `npm start` runs: the compiled server in dist/, through the launcher. */
export const SERVER = 'bin/server.js';

/**
 * The Node flags the server runs with: those of `npm start` for the server itself (so memory and
 * throughput are measured as people run it), tsx alone for other scripts.
 */
function nodeFlags(script: string): string[] {
  if (script !== SERVER) return ['--import', 'tsx'];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== script)
    throw new Error(`npm start no longer runs "node … ${script}": update bench/support/server.ts`);
  return words.slice(1, -1);
}

export async function startServer(
  script = SERVER,
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-bench-'));
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    POLYLOGUE_DEMO: '0',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    BASE_URL: `http://127.0.0.1:${port}`,
    ...extraEnv,
  } as Record<string, string>;
  const child = spawn(process.execPath, [...nodeFlags(script), script], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/readyz`, child).catch(async () => waitFor(`${url}/`, child));
  return {
    url,
    pid: child.pid ?? 0,
    dataDir,
    env,
    async stop() {
      // A server that already exited (it crashed under load) fires no more 'exit': waiting for one
      // would leave nothing on the event loop, and the bench would end silently with code 13.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      } else {
        process.stderr.write(
          `bench: the server had already exited (code ${child.exitCode}, signal ${child.signalCode})\n`,
        );
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the polylogue CLI against a server's data directory. */
export function cli(server: RunningServer, args: string[]): string {
  const result = spawnSync(process.execPath, [join(root, 'bin/polylogue.js'), ...args], {
    cwd: root,
    env: server.env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`polylogue ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/**
 * fetch, retried once: after a load run the server may close an idle keep-alive connection just
 * as fetch reuses it ("other side closed"), which says nothing about the server.
 */
export async function fetchRetry(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    await new Promise((r) => setTimeout(r, 200));
    return fetch(url, init);
  }
}

/** Signs in through the real form and returns the cookie header of the session. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const page = await fetchRetry(`${url}/account/sign-in`);
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetchRetry(`${url}/account/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('sid='));
  if (!session) throw new Error(`sign-in failed with ${response.status}`);
  return session.split(';')[0] ?? '';
}

/**
 * A fresh PostgreSQL database for one benchmark (TEST_DATABASE_URL, else the local server), or
 * undefined when no PostgreSQL is reachable, so the benchmark reports SQLite alone.
 */
export async function freshPostgresUrl(label: string): Promise<string | undefined> {
  const { default: pg } = await import('pg');
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `polylogue_bench_${label}_${process.pid}`;
  try {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
    await client.end();
  } catch {
    return undefined;
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
