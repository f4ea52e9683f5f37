import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

// The command from its sources (through tsx, like every test); start-up.test.ts covers the
// compiled tree that bin/polylogue.js runs.
const main = new URL('./main.ts', import.meta.url).pathname;
const bin = ['--import', 'tsx', main];
const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-cli-'));

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [...bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the polylogue command', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('every command has --help', () => {
    for (const command of ['migrate', 'seed-demo', 'create-admin', 'backup', 'restore']) {
      const { code, out } = run([command, '--help']);
      assert.equal(code, 0, command);
      assert.match(out, new RegExp(`Usage: polylogue ${command}`));
    }
  });

  test('migrate, seed the demo once, create an administrator', () => {
    assert.match(run(['migrate']).out, /Applied \d+ migration/);
    assert.match(run(['migrate']).out, /up to date/);
    const seeded = JSON.parse(run(['seed-demo', '--json']).out) as {
      alreadyLoaded: boolean;
      accounts: Array<{ email: string; password: string }>;
    };
    assert.equal(seeded.alreadyLoaded, false);
    assert.ok(seeded.accounts.length >= 5);
    assert.ok(seeded.accounts.every((a) => a.password.length >= 10));
    assert.equal(
      JSON.parse(run(['seed-demo', '--json']).out).alreadyLoaded,
      true,
      'never seeded twice',
    );
    const admin = run(['create-admin', '--email', 'root@example.org']);
    assert.equal(admin.code, 0);
    assert.match(admin.out, /Password \(shown once\)/);
  });

  test('when three processes migrate one new database at once, then each succeeds and every migration runs once', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'polylogue-cli-race-'));
    try {
      const migrate = () =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(process.execPath, [...bin, 'migrate'], {
            env: { ...process.env, DATA_DIR: fresh, DATABASE_URL: '', LOG_LEVEL: 'silent' },
          });
          let out = '';
          let err = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          child.on('close', (code) => resolve({ code, out, err }));
        });
      const results = await Promise.all([migrate(), migrate(), migrate()]);
      for (const r of results) assert.equal(r.code, 0, r.err);
      const applied = results.map((r) => Number(/Applied (\d+) migration/.exec(r.out)?.[1] ?? 0));
      assert.equal(
        applied.filter((n) => n > 0).length,
        1,
        `one process applies them: ${results.map((r) => r.out).join(' | ')}`,
      );
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  test('bad input gives one clear line and a non-zero exit', () => {
    const badEmail = run(['create-admin', '--email', 'not-an-email']);
    assert.equal(badEmail.code, 2);
    assert.match(badEmail.err, /email: Enter an e-mail address/);
    const badPort = run(['migrate'], { PORT: 'eighty' });
    assert.equal(badPort.code, 2);
    assert.equal(
      badPort.err.trim(),
      'polylogue: configuration: PORT must be a port number (0–65535), got "eighty"',
    );
    assert.equal(run(['no-such-command']).code, 2);
    const pgBackup = run(['backup', join(dataDir, 'x.sqlite')], {
      DATABASE_URL: 'postgres://localhost/db',
    });
    assert.equal(pgBackup.code, 2);
    assert.match(pgBackup.err, /pg_dump/);
  });

  test('a backup restores the same data, and a non-database is refused', () => {
    const file = join(dataDir, 'backup.sqlite');
    assert.equal(run(['backup', file]).code, 0);
    assert.ok(existsSync(file));
    assert.equal(run(['backup', file]).code, 2, 'an existing file is never overwritten');
    run(['create-admin', '--email', 'after-backup@example.org']);
    assert.equal(run(['restore', file]).code, 0);
    assert.match(
      run(['create-admin', '--email', 'after-backup@example.org']).out,
      /Created administrator/,
      'the account made after the backup is gone',
    );
    const junk = join(dataDir, 'junk.sqlite');
    writeFileSync(junk, 'not a database');
    const refused = run(['restore', junk]);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /not a valid SQLite database|not a readable/);
  });
});
