import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { systemClock } from '../../shared/clock.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { participationFixture } from '../submissions/participation.fixtures.ts';
import { transparencyService } from './transparency.service.ts';

for (const dialect of testDialects()) {
  describe(`the transparency log pages (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when public actions happened, then the log lists each with its day, action, subject and hash, page by page', async () => {
      const f = await participationFixture(t);
      const c = await f.openConsultation({ title: 'Logged Consultation', rule: 'chatham_house' });
      for (let i = 0; i < 55; i++)
        await t.services.transparency.append('report_published', 'consultation', c.slug, {
          version: i,
        });
      const page = await t.client().get('/transparency');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Consultation opened/);
      assert.match(page.body, new RegExp(`href="/consultations/${c.slug}"`));
      const [first] = await t.services.transparency.list({ limit: 1 });
      assert.match(page.body, new RegExp(first?.hash.slice(0, 16) ?? 'x'));
      assert.equal((page.body.match(/<tr id="entry-/g) ?? []).length, 50);
      assert.match(page.body, /href="\/transparency\?after=50"/);
      const next = await t.client().get('/transparency?after=50');
      assert.equal((next.body.match(/<tr id="entry-/g) ?? []).length, 6);
      assert.doesNotMatch(next.body, /Next entries/);
      assert.equal((await t.client().get('/transparency?after=nonsense')).statusCode, 200);
      assert.doesNotMatch(page.body, /T\d{2}:\d{2}/, 'days only, never times');
    });

    test('when the chain holds, then verify says so; when a row is altered, then it reports the first broken entry', async () => {
      const ok = await t.client().get('/transparency/verify');
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /The chain holds: all \d+ entries are intact\./);

      await t.services.db
        .updateTable('transparency_log')
        .set({ details: JSON.stringify({ version: 999 }) })
        .where('seq', '=', 3)
        .execute();
      const content = await t.client().get('/transparency/verify');
      assert.match(content.body, /The chain is broken at entry 3\./);
      assert.match(content.body, /content no longer matches its hash/);

      await t.services.db
        .updateTable('transparency_log')
        .set({ prev_hash: 'f'.repeat(64) })
        .where('seq', '=', 2)
        .execute();
      const link = await t.client().get('/transparency/verify');
      assert.match(link.body, /The chain is broken at entry 2\./);
      assert.match(link.body, /does not point to the hash of the entry before it/);
    });
  });
}

describe('polylogue verify-log', () => {
  const bin = new URL('../../../bin/polylogue.js', import.meta.url).pathname;
  const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-verify-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = () =>
    spawnSync(process.execPath, [bin, 'verify-log'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });

  test('when the chain holds, then it prints OK with the count; when broken, the first broken entry and exit code 1', async () => {
    const database = openDatabase({ dataDir });
    try {
      await migrateToLatest(database);
      const log = transparencyService(database, systemClock);
      for (const id of ['a', 'b', 'c']) await log.append('consultation_opened', 'consultation', id);
    } finally {
      await database.close();
    }
    const ok = run();
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^OK: 3 entries/);

    const tampered = openDatabase({ dataDir });
    try {
      await tampered.db
        .updateTable('transparency_log')
        .set({ subject_id: 'forged' })
        .where('seq', '=', 2)
        .execute();
    } finally {
      await tampered.close();
    }
    const broken = run();
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /BROKEN at entry 2: entry hash does not match its content/);
  });
});
