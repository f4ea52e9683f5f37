// Browser-test harness: the real server as a child process on a free port with a fresh data
// directory, one headless Chromium per test file, and axe-core. Page flows are in flows.ts.
import { AxeBuilder } from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS_DIR = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Server {
  baseUrl: string;
  /** The one-time link the server printed to create the first administrator. */
  setupLink: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  log: () => string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; server output:\n${log()}`);
}

export async function startServer(): Promise<Server> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'polylogue-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BASE_URL: baseUrl,
    POLYLOGUE_DEMO: '0',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '1000',
  };
  // SQLite only, and mail always to the development outbox.
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.SECRET;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const log = () => output;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([
        exited(child).then(() => true),
        sleep(5_000).then(() => false),
      ]);
      if (!done) {
        child.kill('SIGKILL');
        await exited(child);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntil(
      '/readyz',
      async () => {
        if (child.exitCode !== null)
          throw new Error(`server exited with ${child.exitCode}:\n${output}`);
        const response = await fetch(`${baseUrl}/readyz`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      log,
    );
    const setupLink = await waitUntil(
      'the setup link',
      () => output.match(/https?:\/\/\S+\/setup\/[\w-]+/)?.[0],
      log,
    );
    return { baseUrl, setupLink, output: log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Starts the server and the browser side by side. If one fails the other is stopped, so a failed
 * start leaves no Chromium behind to keep the test process alive.
 */
export async function startServerAndBrowser(): Promise<{ server: Server; browser: Browser }> {
  const [server, browser] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') {
    return { server: server.value, browser: browser.value };
  }
  if (server.status === 'fulfilled') await server.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
}

/** A fresh browser profile (cookies, language) on the test server. */
export async function newSession(
  browser: Browser,
  server: Server,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'en-GB',
    ...options,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

// The newest axe-core installed for the project, rather than the copy @axe-core/playwright bundles.
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Runs axe-core (WCAG 2.0–2.2, A and AA) on the page as it is and fails on any violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Legacy mode runs axe once in the page: our pages have no frames, and it takes half the time
  // of the frame-by-frame mode, which opens a blank page for every run.
  const results = await new AxeBuilder({ page, axeSource: await axeSource })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .analyze();
  if (results.violations.length === 0) return;
  const report = results.violations.map((v) => {
    const nodes = v.nodes.map((n) => {
      const why = (n.failureSummary ?? '').replace(/\n/g, '\n      ');
      return `    ${n.target.join(' ')}\n      ${why}`;
    });
    return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${nodes.join('\n')}`;
  });
  throw new Error(
    `axe-core found ${results.violations.length} violation(s) on ${label} (${page.url()}):\n${report.join('\n')}`,
  );
}
