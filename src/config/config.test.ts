import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from './config.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-config-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });

test('when TRUST_PROXY is unset, then only the nearest private hop is trusted, and only behind an https BASE_URL', () => {
  assert.equal(load({}).trustProxy, false);
  assert.equal(load({ BASE_URL: 'https://consult.example.org' }).trustProxy, 'nearest-private');
  assert.equal(load({ TRUST_PROXY: 'nearest-private' }).trustProxy, 'nearest-private');
});

test('when TRUST_PROXY names addresses or ranges, then Fastify gets them as such', () => {
  assert.equal(load({ TRUST_PROXY: 'false', BASE_URL: 'https://x.example.org' }).trustProxy, false);
  assert.equal(load({ TRUST_PROXY: 'true' }).trustProxy, true);
  assert.deepEqual(load({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.4,fd00::/8' }).trustProxy, [
    '10.0.0.0/8',
    '192.168.1.4',
    'fd00::/8',
  ]);
});

test('when TRUST_PROXY is malformed, then the boot stops with one line naming it', () => {
  for (const bad of ['yes', '2', '10.0.0.0/33', 'proxy.example.org', '10.0.0.1/8/1'])
    assert.throws(
      () => load({ TRUST_PROXY: bad }),
      /^UsageError: configuration: TRUST_PROXY must be/,
      bad,
    );
});

test('when the per-account sign-in limit is unset, then 5 failures pause it for 1 minute, doubling up to an hour', () => {
  assert.deepEqual(load({}).signInLimit, { failures: 5, lockMs: 60_000, maxLockMs: 3_600_000 });
  assert.deepEqual(
    load({ SIGNIN_ACCOUNT_FAILURES: '8', SIGNIN_LOCK_MINUTES: '2', SIGNIN_LOCK_MAX_MINUTES: '30' })
      .signInLimit,
    { failures: 8, lockMs: 120_000, maxLockMs: 1_800_000 },
  );
});

test('when the per-account sign-in limit is malformed or unbounded, then the boot stops naming the variable', () => {
  assert.throws(
    () => load({ SIGNIN_ACCOUNT_FAILURES: '0' }),
    /^UsageError: configuration: SIGNIN_ACCOUNT_FAILURES must be/,
  );
  assert.throws(
    () => load({ SIGNIN_LOCK_MINUTES: 'soon' }),
    /^UsageError: configuration: SIGNIN_LOCK_MINUTES must be/,
  );
  assert.throws(
    () => load({ SIGNIN_LOCK_MINUTES: '10', SIGNIN_LOCK_MAX_MINUTES: '5' }),
    /^UsageError: configuration: SIGNIN_LOCK_MAX_MINUTES must not be less/,
  );
});

test('when the cleaning pool is unset, then it has one thread per two cores (1 to 4), a queue of 8, 30 s per document and 768 MB of heap per thread; malformed values stop the boot', () => {
  const { cleaning } = load({});
  assert.ok(cleaning.threads >= 1 && cleaning.threads <= 4);
  assert.deepEqual(
    { queue: cleaning.queue, timeoutMs: cleaning.timeoutMs, memoryMb: cleaning.memoryMb },
    { queue: 8, timeoutMs: 30_000, memoryMb: 768 },
  );
  assert.deepEqual(
    load({
      CLEANING_THREADS: '2',
      CLEANING_QUEUE: '0',
      CLEANING_TIMEOUT_MS: '500',
      CLEANING_MEMORY_MB: '256',
    }).cleaning,
    {
      threads: 2,
      queue: 0,
      timeoutMs: 500,
      memoryMb: 256,
    },
  );
  assert.throws(() => load({ CLEANING_THREADS: '0' }), /CLEANING_THREADS/);
  assert.throws(() => load({ CLEANING_QUEUE: '-1' }), /CLEANING_QUEUE/);
  assert.throws(() => load({ CLEANING_TIMEOUT_MS: '1.5' }), /CLEANING_TIMEOUT_MS/);
  assert.throws(() => load({ CLEANING_MEMORY_MB: '0' }), /CLEANING_MEMORY_MB/);
});
