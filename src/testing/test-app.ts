// Test support: a real app on a real database (SQLite per test file; PostgreSQL too when
// TEST_DATABASE_URL is set), and a small browser-like client that keeps cookies and CSRF tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app/build-app.ts';
import { prepareInstance } from '../app/instance.ts';
import { createServices, type Services } from '../app/services.ts';
import { loadConfig, testDatabaseUrl } from '../config/config.ts';
import { openDatabase, type DialectName } from '../db/database.ts';
import { argon2Hasher } from '../features/accounts/index.ts';
import type { Clock } from '../shared/clock.ts';
import { jobRegistry } from '../app/job-registry.ts';
import { startWorker, type Worker } from '../jobs/worker.ts';

export function testDialects(): DialectName[] {
  return testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh PostgreSQL database for one test file, dropped afterwards. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = testDatabaseUrl();
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `polylogue_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp {
  dialect: DialectName;
  app: FastifyInstance;
  services: Services;
  /** The job worker, not polling: tests run due jobs with `worker.drain()`. */
  worker: Worker;
  /** A new cookie-keeping client. */
  client(): TestClient;
  /** The database, for tests that set up states no route offers. */
  db(): Services['db'];
  /** The most recent mail sent to an address (from the outbox). */
  lastMailTo(email: string): Promise<{ subject: string; text: string } | undefined>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /**
   * Another instance of the app on the database of `sharing` (its own connections, as a second
   * process behind a load balancer would have); closing it leaves that database in place.
   */
  sharing?: TestApp;
}

export async function startTestApp(
  dialect: DialectName,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const shared = options.sharing?.services.config;
  const dataDir = shared?.dataDir ?? mkdtempSync(join(tmpdir(), 'polylogue-test-'));
  const pgDb = dialect === 'postgres' && !shared ? await freshPostgres() : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    SECRET: 'test-secret-test-secret-test-secret-0123456789',
    POLYLOGUE_DEMO: '0',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '1000',
    BASE_URL: 'http://polylogue.test',
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...(shared?.databaseUrl ? { DATABASE_URL: shared.databaseUrl } : {}),
    ...options.env,
  });
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir });
  const services = createServices(config, database, {
    hasher: argon2Hasher({ memoryCost: 2048, timeCost: 2 }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await prepareInstance(services);
  const app = await buildApp(services, { logger: options.logger ?? false });
  await app.ready();
  const worker = startWorker({
    queue: services.jobs,
    registry: jobRegistry(services),
    log: { error: () => undefined },
    autostart: false,
  });
  return {
    dialect,
    app,
    services,
    worker,
    client: () => new TestClient(app),
    db: () => database.db,
    async lastMailTo(email) {
      const row = await database.db
        .selectFrom('mail_outbox')
        .select(['subject', 'body_text'])
        .where('to_address', '=', email)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row && { subject: row.subject, text: row.body_text };
    },
    async close() {
      await worker.stop();
      await app.close();
      await database.close();
      await pgDb?.drop();
      if (!shared) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Extracts the first link to this instance from a mail body. */
export function linkIn(text: string | undefined): string {
  const match = text?.match(/http:\/\/polylogue\.test(\/\S+)/);
  if (!match?.[1]) throw new Error(`no link in mail: ${text}`);
  return match[1];
}

export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const expired =
        c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /**
   * Opens a response that does not end by itself (server-sent events) and reads it for `ms`: its
   * status, headers and what it sent by then. The client then lets go of it.
   */
  async getStream(
    url: string,
    ms: number,
  ): Promise<{ statusCode: number; headers: LightMyRequestResponse['headers']; text: string }> {
    const controller = new AbortController();
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader() },
      payloadAsStream: true,
      signal: controller.signal,
    });
    let text = '';
    const stream = response.stream().setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, ms));
    controller.abort();
    return { statusCode: response.statusCode, headers: response.headers, text };
  }

  /** Posts a form as a browser would, with the CSRF token of the last page seen (unless given). */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    if (this.csrf === undefined && options.csrf === undefined) await this.get('/account/sign-in');
    const params = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token !== null && token !== undefined) params.append('_csrf', token);
    for (const [k, v] of Object.entries(fields))
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...options.headers,
      },
    });
    this.remember(response);
    return response;
  }
}

/** Registers, confirms and signs in a user; returns the signed-in client. */
export async function signedInClient(
  t: TestApp,
  email: string,
  password = 'correct horse battery',
  displayName = 'Test Person',
): Promise<TestClient> {
  const client = t.client();
  await client.get('/account/register');
  await client.post('/account/register', { email, password, displayName });
  await t.worker.drain();
  const confirm = linkIn((await t.lastMailTo(email))?.text);
  await client.get(confirm);
  await client.post(confirm);
  await client.get('/account/sign-in');
  const response = await client.post('/account/sign-in', { email, password });
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
  return client;
}

/** Makes an existing user an instance administrator. */
export async function makeAdmin(t: TestApp, email: string): Promise<void> {
  const user = await t.services.accounts.findUserByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  await t.services.roles.grant({
    userId: user.id,
    role: 'instance_admin',
    scopeType: 'instance',
    scopeId: '',
    grantedBy: null,
    now: new Date().toISOString(),
  });
}
