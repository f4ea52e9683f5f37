// Names that could pass for other names: every character drawn as nothing is refused in a display
// name or an organisation name, and migration 0026 cleans the names stored before the check.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { up as cleanStoredNames } from '../db/migrations/0026-names-without-hidden-characters.ts';
import { signedInClient, startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';

const HIDDEN = [
  '\u3164',
  '\u115f',
  '\u1160',
  '\uffa0',
  '\u034f',
  '\u180e',
  '\u2028',
  '\u2029',
  '\ufe00',
];

for (const dialect of testDialects()) {
  describe(`names drawn with hidden characters (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when a display name or an organisation name holds a Hangul filler, a separator or another default-ignorable, then the form refuses it', async () => {
      const c = t.client();
      await c.get('/account/register');
      for (const [i, hidden] of HIDDEN.entries()) {
        const email = `hidden${i}@example.org`;
        const response = await c.post('/account/register', {
          email,
          password: 'a long enough password',
          displayName: `Ada${hidden}Lovelace`,
        });
        assert.equal(response.statusCode, 422, `U+${hidden.codePointAt(0)?.toString(16)}`);
        assert.match(response.body, /invisible or text-direction characters/);
        assert.equal(await t.services.accounts.findUserByEmail(email), undefined);
      }
      const member = await signedInClient(
        t,
        'hidden.org@example.org',
        'hidden password 12',
        'Hidden Org',
      );
      await member.get('/organisations/new');
      for (const hidden of HIDDEN) {
        const response = await member.post('/organisations/new', {
          name: `Open${hidden}Net`,
          stakeholderGroup: 'civil_society',
          country: '',
          website: '',
          description: '',
        });
        assert.equal(response.statusCode, 422, `U+${hidden.codePointAt(0)?.toString(16)}`);
      }
      const emoji = await member.post('/organisations/new', {
        name: 'I \u2764\ufe0f Open Net',
        stakeholderGroup: 'civil_society',
        country: '',
        website: '',
        description: '',
      });
      assert.equal(
        emoji.statusCode,
        303,
        'an emoji presentation selector after a pictograph is how the emoji is written',
      );
    });

    test('when names were stored with hidden characters before the check, then migration 0026 removes them and keeps joiners inside words', async () => {
      const owner = await signedInClient(
        t,
        'stored.owner@example.org',
        'stored password 12',
        'Stored Owner',
      );
      await owner.get('/organisations/new');
      assert.equal(
        (
          await owner.post('/organisations/new', {
            name: 'Stored Net',
            stakeholderGroup: 'civil_society',
            country: '',
            website: '',
            description: '',
          })
        ).statusCode,
        303,
      );
      const user = await t.services.accounts.findUserByEmail('stored.owner@example.org');
      const blank = await signedInClient(
        t,
        'stored.blank@example.org',
        'stored password 12',
        'Blank',
      );
      await blank.get('/');
      const db = t.db();
      await db
        .updateTable('users')
        .set({ display_name: 'Stored\u3164 Owner\u2028' })
        .where('id', '=', user!.id)
        .execute();
      await db
        .updateTable('users')
        .set({ display_name: '\u3164\u115f' })
        .where('email', '=', 'stored.blank@example.org')
        .execute();
      await db
        .updateTable('users')
        .set({ display_name: 'می\u200cخواهم' })
        .where('email', '=', 'hidden.org@example.org')
        .execute();
      await db
        .updateTable('organisations')
        .set({ name: 'Stored\u034f Net\u180e' })
        .where('slug', '=', 'stored-net')
        .execute();

      await cleanStoredNames(db as unknown as Kysely<unknown>);

      const names = new Map(
        (await db.selectFrom('users').select(['email', 'display_name']).execute()).map((u) => [
          u.email,
          u.display_name,
        ]),
      );
      assert.equal(names.get('stored.owner@example.org'), 'Stored Owner');
      assert.equal(
        names.get('stored.blank@example.org'),
        'Participant',
        'nobody is shown as a blank',
      );
      assert.equal(names.get('hidden.org@example.org'), 'می\u200cخواهم');
      const page = await owner.get('/organisations/stored-net');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Stored Net/);
      assert.match(page.body, /Stored Owner/);
      assert.doesNotMatch(page.body, /\u3164|\u034f|\u180e|\u2028/);
    });
  });
}
