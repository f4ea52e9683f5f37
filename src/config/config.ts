// The environment, parsed and validated once at boot. Nothing else reads process.env.
// A wrong value stops the boot with one readable line naming the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../shared/errors.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { parseLimits, type LimitsConfig } from './limits.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; undefined means the embedded SQLite database in dataDir. */
  databaseUrl: string | undefined;
  baseUrl: string;
  /** Signs cookies and CSRF tokens. Generated into the data directory on first start if unset. */
  secret: string;
  smtpUrl: string | undefined;
  defaultLocale: Locale;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo process on the first start of an empty database. */
  demo: boolean;
  /** Bearer token that may read /metrics besides an instance admin. */
  metricsToken: string | undefined;
  /** Attempts per minute per client on sign-in, sign-up and password reset. */
  authRateLimit: number;
  /**
   * Per-account sign-in limit: after `failures` failed attempts on one address its sign-in pauses
   * for lockMs, doubling with each further pause within a day, never beyond maxLockMs.
   */
  signInLimit: { failures: number; lockMs: number; maxLockMs: number };
  /** Live results streams (server-sent events) one instance holds open at most; beyond, 503. */
  liveResultsStreams: number;
  /** Abuse and fairness limits on writes, searches, uploads and live streams (limits.ts). */
  limits: LimitsConfig;
  /**
   * Uploads are checked and rebuilt in worker threads: this many at once, this many waiting
   * (beyond: 503), and a time limit per document (beyond: the file is refused).
   */
  cleaning: { threads: number; queue: number; timeoutMs: number; memoryMb: number };
  /** Secure cookies: on when BASE_URL is https. */
  secureCookies: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe (src/http/client-address.ts): the client address it
   * yields keys the rate limits and the logs. false: the TCP peer is the client; 'nearest-private':
   * the address the peer saw, when the peer is on loopback or a private network.
   */
  trustProxy: boolean | string[] | 'nearest-private';
  /**
   * An OpenAI-compatible endpoint: a chat model for report summaries and/or an embedding model
   * for themes, near-duplicates and coding across languages. Used only where a secretariat
   * enables it.
   */
  synthesisProvider:
    | {
        url: string;
        model: string | undefined;
        embeddingModel: string | undefined;
        key: string | undefined;
      }
    | undefined;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function fail(name: string, problem: string): never {
  throw new UsageError(`configuration: ${name} ${problem}`);
}

function parsePort(env: Env): number {
  const raw = env.PORT ?? '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535)
    fail('PORT', `must be a port number (0–65535), got "${raw}"`);
  return port;
}

function parseUrl(name: string, raw: string | undefined, protocols: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(name, 'must be a URL');
  }
  if (!protocols.includes(url.protocol))
    fail(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
}

function parseModel(name: string, raw: string | undefined): string | undefined {
  const model = raw?.trim();
  if (!model) return undefined;
  if (!/^[\w.:/@-]{1,200}$/.test(model))
    fail(name, 'must be a model name (letters, digits, . : / @ _ -)');
  return model;
}

function parseProvider(env: Env): Config['synthesisProvider'] {
  const url = parseUrl('SYNTHESIS_PROVIDER_URL', env.SYNTHESIS_PROVIDER_URL, ['http:', 'https:']);
  if (!url) return undefined;
  const model = parseModel('SYNTHESIS_PROVIDER_MODEL', env.SYNTHESIS_PROVIDER_MODEL);
  const embeddingModel = parseModel(
    'SYNTHESIS_PROVIDER_EMBEDDING_MODEL',
    env.SYNTHESIS_PROVIDER_EMBEDDING_MODEL,
  );
  if (!model && !embeddingModel)
    fail(
      'SYNTHESIS_PROVIDER_MODEL',
      'or SYNTHESIS_PROVIDER_EMBEDDING_MODEL must name a model when SYNTHESIS_PROVIDER_URL is set',
    );
  return { url, model, embeddingModel, key: env.SYNTHESIS_PROVIDER_KEY || undefined };
}

/**
 * TRUST_PROXY: "nearest-private" (the default behind an https BASE_URL: one TLS-terminating proxy
 * on loopback or a private network, whose X-Forwarded-For entry names the client), "true" (every
 * proxy: the left-most entry, which a client can write, so only when the app is reachable through
 * proxies that overwrite the header), "false", or a comma-separated list of proxy addresses or
 * CIDR ranges. Hop counts are not offered: Fastify cannot check the peer with them and ignores
 * the header.
 */
function parseTrustProxy(raw: string | undefined, https: boolean): Config['trustProxy'] {
  if (raw === undefined || raw === '') return https ? 'nearest-private' : false;
  if (raw === 'nearest-private') return raw;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const version = isIP(address);
    const maxBits = version === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!version || !bitsOk || extra !== undefined)
      fail(
        'TRUST_PROXY',
        `must be nearest-private, true, false, or proxy addresses/CIDR ranges separated by commas; "${entry}" is none of these`,
      );
  }
  return entries;
}

function positiveWhole(env: Env, name: string, fallback: string): number {
  const raw = env[name] ?? fallback;
  if (!/^[1-9]\d*$/.test(raw)) fail(name, 'must be a positive whole number');
  return Number(raw);
}

function wholeOrZero(env: Env, name: string, fallback: string): number {
  const raw = env[name] ?? fallback;
  if (!/^(0|[1-9]\d*)$/.test(raw)) fail(name, 'must be a whole number (0 or more)');
  return Number(raw);
}

/**
 * One cleaning thread per two cores, at most four: each thread may hold a document's parse
 * (tens of megabytes), and the request threads need a core too. A small server gets one.
 */
function parseCleaning(env: Env): Config['cleaning'] {
  const threadsDefault = String(Math.min(4, Math.max(1, Math.floor(availableParallelism() / 2))));
  return {
    threads: positiveWhole(env, 'CLEANING_THREADS', threadsDefault),
    queue: wholeOrZero(env, 'CLEANING_QUEUE', '8'),
    timeoutMs: positiveWhole(env, 'CLEANING_TIMEOUT_MS', '30000'),
    memoryMb: positiveWhole(env, 'CLEANING_MEMORY_MB', '768'),
  };
}

function parseSignInLimit(env: Env): Config['signInLimit'] {
  const failures = positiveWhole(env, 'SIGNIN_ACCOUNT_FAILURES', '5');
  const lockMinutes = positiveWhole(env, 'SIGNIN_LOCK_MINUTES', '1');
  const maxLockMinutes = positiveWhole(env, 'SIGNIN_LOCK_MAX_MINUTES', '60');
  if (maxLockMinutes < lockMinutes)
    fail('SIGNIN_LOCK_MAX_MINUTES', 'must not be less than SIGNIN_LOCK_MINUTES');
  return { failures, lockMs: lockMinutes * 60_000, maxLockMs: maxLockMinutes * 60_000 };
}

function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const port = parsePort(env);
  const host = env.HOST ?? '0.0.0.0';
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const databaseUrl = parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']);
  const baseUrl = (
    parseUrl('BASE_URL', env.BASE_URL, ['http:', 'https:']) ?? `http://localhost:${port}`
  ).replace(/\/$/, '');
  const smtpUrl = parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']);
  const defaultLocale = (env.DEFAULT_LOCALE ?? 'en') as Locale;
  if (!LOCALES.includes(defaultLocale))
    fail('DEFAULT_LOCALE', `must be one of ${LOCALES.join(', ')}`);
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) fail('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  if (env.SECRET !== undefined && env.SECRET.length < 32)
    fail('SECRET', 'must be at least 32 characters');
  const demoRaw = env.POLYLOGUE_DEMO ?? '1';
  if (!['0', '1'].includes(demoRaw)) fail('POLYLOGUE_DEMO', 'must be 0 or 1');

  const authRateLimitRaw = env.AUTH_RATE_LIMIT ?? '10';
  if (!/^[1-9]\d*$/.test(authRateLimitRaw))
    fail('AUTH_RATE_LIMIT', 'must be a positive whole number');
  const signInLimit = parseSignInLimit(env);
  const liveStreamsRaw = env.LIVE_RESULTS_STREAMS ?? '1000';
  if (!/^[1-9]\d*$/.test(liveStreamsRaw))
    fail('LIVE_RESULTS_STREAMS', 'must be a positive whole number');

  try {
    mkdirSync(dataDir, { recursive: true });
  } catch {
    fail('DATA_DIR', `cannot be created: ${dataDir}`);
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    baseUrl,
    secret: env.SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl,
    defaultLocale,
    logLevel,
    demo: demoRaw === '1',
    metricsToken: env.METRICS_TOKEN || undefined,
    authRateLimit: Number(authRateLimitRaw),
    signInLimit,
    liveResultsStreams: Number(liveStreamsRaw),
    limits: parseLimits(env, Number(liveStreamsRaw), fail),
    cleaning: parseCleaning(env),
    secureCookies: baseUrl.startsWith('https:'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY, baseUrl.startsWith('https:')),
    synthesisProvider: parseProvider(env),
  };
}

/** The test database URL, when PostgreSQL tests are enabled (read here so no other code reads env). */
export function testDatabaseUrl(env: Env = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}
