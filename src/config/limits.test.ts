import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from './config.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-limits-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });

test('when no limit is set, then the documented defaults apply', () => {
  const { limits } = load({});
  assert.deepEqual(limits.rules.invitations, {
    account: [
      { max: 10, windowMs: 3_600_000 },
      { max: 30, windowMs: 86_400_000 },
    ],
    'new-account': [{ max: 10, windowMs: 86_400_000 }],
    client: [
      { max: 60, windowMs: 3_600_000 },
      { max: 200, windowMs: 86_400_000 },
    ],
    organisation: [{ max: 50, windowMs: 86_400_000 }],
  });
  assert.deepEqual(
    limits.rules['upload-bytes'].account,
    [{ max: 500 * 1024, windowMs: 86_400_000 }],
    'counted in KiB',
  );
  assert.deepEqual(limits.rules.statements.organisation, [], 'no organisation window unless given');
  assert.equal(
    limits.liveStreamsPerClient,
    8,
    'a fixed number, so a handful of clients cannot hold every slot',
  );
  assert.equal(load({ LIVE_RESULTS_STREAMS: '5000' }).limits.liveStreamsPerClient, 8);
  assert.equal(
    load({ LIVE_RESULTS_STREAMS: '5' }).limits.liveStreamsPerClient,
    5,
    'never more than the instance holds',
  );
  assert.equal(limits.uploadBytesPerSubmission, 25 * 1024 * 1024);
});

test('when limits are set, then each is read, and off removes a rule', () => {
  const { limits } = load({
    LIMIT_COSIGNATURE_REQUESTS_PER_ACCOUNT: '5/30s',
    LIMIT_SEARCH_PER_CLIENT: 'off',
    LIMIT_STATEMENTS_PER_NEW_ACCOUNT: '3/1h,5/1d',
    LIMIT_INVITATIONS_PER_ORGANISATION: 'off',
    LIMIT_UPLOAD_BYTES_PER_CLIENT: '2GB/2d',
    LIVE_RESULTS_STREAMS_PER_CLIENT: '7',
  });
  assert.deepEqual(limits.rules['cosignature-requests'].account, [{ max: 5, windowMs: 30_000 }]);
  assert.deepEqual(limits.rules.search.client, []);
  assert.deepEqual(limits.rules.statements['new-account'], [
    { max: 3, windowMs: 3_600_000 },
    { max: 5, windowMs: 86_400_000 },
  ]);
  assert.deepEqual(limits.rules.invitations.organisation, []);
  assert.deepEqual(limits.rules['upload-bytes'].client, [
    { max: 2 * 1024 * 1024, windowMs: 2 * 86_400_000 },
  ]);
  assert.equal(limits.liveStreamsPerClient, 7);
});

test('when a limit is malformed, then the boot stops with one line naming its variable', () => {
  const bad: Array<[string, string]> = [
    ['LIMIT_INVITATIONS_PER_ACCOUNT', '30'],
    ['LIMIT_INVITATIONS_PER_ACCOUNT', '0/1m'],
    ['LIMIT_INVITATIONS_PER_ORGANISATION', '10/1h,'],
    ['LIMIT_STATEMENTS_PER_CLIENT', '10/1w'],
    ['LIMIT_UPLOAD_BYTES_PER_ACCOUNT', '500/1d'],
    ['LIMIT_SEARCH_PER_ACCOUNT', '10/30d'],
    ['LIVE_RESULTS_STREAMS_PER_CLIENT', '-1'],
    ['UPLOAD_BYTES_PER_SUBMISSION', '25'],
  ];
  for (const [name, value] of bad)
    assert.throws(
      () => load({ [name]: value }),
      (error: Error) => error.message.startsWith(`configuration: ${name} `),
      `${name}=${value}`,
    );
});
