// `polylogue import-polis` is an edge like any request: the text of a Pol.is folder is cleaned as a
// request body is, so a NUL or another control in a comment never reaches the database (PostgreSQL
// refuses NUL outright), and control characters in the command's arguments are refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { seedWorld, type World } from '../open-data/open-data.fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';

const main = new URL('../../cli/main.ts', import.meta.url).pathname;
const csv = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
const BODIES = [
  'Stop\u0000 shutdowns\u0007 now.',
  'Access\u001b for all\u009b.\nSecond line.',
  'Names \u202eright\u202c to left.',
];

function writePolisFolder(dir: string): void {
  const comments = BODIES.map((body, i) => `1726860676783,${i},0,1,0,1,false,false,${csv(body)}`);
  writeFileSync(
    join(dir, 'comments.csv'),
    [
      'timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,comment-body',
      ...comments,
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'votes.csv'),
    [
      'timestamp,datetime,comment-id,voter-id,vote',
      '1726860583813,x,0,0,1',
      '1726860583814,x,1,1,-1',
      '1726860583815,x,2,1,1',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'summary.csv'),
    ['topic,Imported\u0000 topic\u0001', 'conversation-description,From\u0008 Pol.is'].join('\n'),
  );
}

for (const dialect of testDialects()) {
  describe(`import-polis cleans what it brings in (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    let folder: string;
    before(async () => {
      t = await startTestApp(dialect);
      world = await seedWorld(t);
      folder = mkdtempSync(join(tmpdir(), 'polylogue-polis-crafted-'));
      writePolisFolder(folder);
    });
    after(async () => {
      rmSync(folder, { recursive: true, force: true });
      await t.close();
    });

    // The command runs against the test app's own database, as an operator's would.
    function run(args: string[]) {
      const { config } = t.services;
      const result = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          DATA_DIR: config.dataDir,
          DATABASE_URL: config.databaseUrl ?? '',
          LOG_LEVEL: 'silent',
        },
      });
      return { code: result.status, out: result.stdout, err: result.stderr };
    }

    test('when a Pol.is folder holds NUL, C0 and C1 controls in comments and summary, then they are imported without them, bidi marks kept as in any body', async () => {
      const { slug, id } = await world.openConsultation('attributed', 'Crafted import');
      const imported = run(['import-polis', folder, '--consultation', slug]);
      assert.equal(imported.code, 0, imported.err);
      assert.match(imported.out, /Imported 3 statements/);
      const conversation = await t
        .db()
        .selectFrom('conversations')
        .select(['id', 'topic', 'description'])
        .where('consultation_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(conversation.topic, 'Imported topic');
      assert.equal(conversation.description, 'From Pol.is');
      const bodies = (
        await t
          .db()
          .selectFrom('statements')
          .select('body')
          .where('conversation_id', '=', conversation.id)
          .orderBy('number')
          .execute()
      ).map((s) => s.body);
      assert.deepEqual(bodies, [
        'Stop shutdowns now.',
        'Access for all.\nSecond line.',
        'Names \u202eright\u202c to left.',
      ]);
      const page = await t.client().get(`/consultations/${slug}/conversation`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 dir="auto">Imported topic<\/h1>/);
    });

    test('when an argument of a command holds a control character, then the command refuses it and writes nothing', async () => {
      const admin = run([
        'create-admin',
        '--email',
        'root\u0001@example.org',
        '--password',
        'a long enough password',
      ]);
      assert.equal(admin.code, 2, admin.out + admin.err);
      assert.match(admin.err, /control characters are not allowed/);
      const users = await t
        .db()
        .selectFrom('users')
        .select('email')
        .where('email', 'like', 'root%')
        .execute();
      assert.deepEqual(users, []);
    });
  });
}
