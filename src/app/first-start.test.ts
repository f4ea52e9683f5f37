// Two instances starting for the first time on one empty database (replicas of a new deploy):
// both come up, and the instance is initialised, and its demo loaded, exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { testDatabaseUrl } from '../config/config.ts';
import { openDatabase, type DialectName } from '../db/database.ts';
import { testDialects } from '../testing/test-app.ts';

async function emptyDatabase(
  dialect: DialectName,
): Promise<{ url?: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-first-start-'));
  if (dialect === 'sqlite')
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const base = testDatabaseUrl() ?? '';
  const name = `polylogue_first_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Each instance is its own process, as in production (and SQLite's driver blocks its whole
// process while it waits for another writer, so two instances in one process would stall).
const instanceScript = `
  const { loadConfig } = await import(${JSON.stringify(new URL('../config/config.ts', import.meta.url).href)});
  const { openDatabase } = await import(${JSON.stringify(new URL('../db/database.ts', import.meta.url).href)});
  const { argon2Hasher } = await import(${JSON.stringify(new URL('../features/accounts/passwords.ts', import.meta.url).href)});
  const { createServices } = await import(${JSON.stringify(new URL('./services.ts', import.meta.url).href)});
  const { prepareInstance } = await import(${JSON.stringify(new URL('./instance.ts', import.meta.url).href)});
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const report = await prepareInstance(createServices(config, database, { hasher: argon2Hasher({ memoryCost: 2048, timeCost: 2 }) }));
    process.stdout.write(JSON.stringify({ firstStart: report.firstStart, demo: report.demo !== null }));
  } finally {
    await database.close();
  }
`;

function startInstance(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', instanceScript],
      { env: { ...process.env, ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

for (const dialect of testDialects()) {
  describe(`a first start (${dialect})`, () => {
    test('when two instances start at once on an empty database, then both come up and the demo is loaded once', async () => {
      const empty = await emptyDatabase(dialect);
      const env = {
        DATA_DIR: empty.dataDir,
        SECRET: 'test-secret-test-secret-test-secret-0123456789',
        POLYLOGUE_DEMO: '1',
        LOG_LEVEL: 'silent',
        BASE_URL: 'http://polylogue.test',
        DATABASE_URL: empty.url ?? '',
      };
      const database = openDatabase({ databaseUrl: empty.url, dataDir: empty.dataDir });
      try {
        const runs = await Promise.all([startInstance(env), startInstance(env)]);
        for (const run of runs) assert.equal(run.code, 0, run.stderr);
        const reports = runs.map(
          (run) => JSON.parse(run.stdout) as { firstStart: boolean; demo: boolean },
        );
        assert.deepEqual(reports.map((r) => r.firstStart).sort(), [false, true]);
        assert.deepEqual(reports.map((r) => r.demo).sort(), [false, true]);
        const settings = await database.db
          .selectFrom('instance_settings')
          .select('key')
          .where('key', 'in', ['initialised_at', 'demo_loaded_at'])
          .execute();
        assert.equal(settings.length, 2);
        const secretariats = await database.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', 'secretariat@demo.polylogue.example')
          .execute();
        assert.equal(secretariats.length, 1);
      } finally {
        await database.close();
        await empty.drop();
      }
    });
  });
}
