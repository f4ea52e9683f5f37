// The edge every request crosses: control characters never reach a store (no 500 on PostgreSQL,
// no broken Atom on SQLite), names that could pass for other names are refused with a field
// error, file names are cleaned, and JSON nested beyond any need is refused before parsing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { Browser, pdfWithAuthor } from '../features/attachments/attachments.fixtures.ts';
import { openConversation } from '../features/deliberation/deliberation.fixtures.ts';
import { seedWorld, type World } from '../features/open-data/open-data.fixtures.ts';
import { jsonTooDeep } from '../http/input-hygiene.ts';
import { api, person } from '../testing/api-fixtures.ts';
import { signedInClient, startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';

const NUL = '\u0000';
const deeply = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

for (const dialect of testDialects()) {
  describe(`input at the edge (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    let slug: string;
    before(async () => {
      t = await startTestApp(dialect);
      world = await seedWorld(t);
      slug = (await world.openConsultation('attributed', 'Edge consultation')).slug;
    });
    after(() => t.close());

    test('when a path or query parameter holds a control character, then the answer is 400 or 404, never 500', async () => {
      for (const url of [
        '/consultations/abc%00def',
        '/consultations/abc%00def/submissions.csv',
        '/processes/x%C2%85y',
        '/submissions/%00',
        '/search?q=a%00b',
        '/api/v1/consultations/abc%00def',
        '/api/v1/consultations?cursor=%00',
      ]) {
        const response = await t.client().get(url);
        assert.ok([400, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
      }
      const problem = await t.client().get('/api/v1/consultations/abc%00def');
      assert.match(String(problem.headers['content-type']), /application\/problem\+json/);
    });

    test('when a submission or a statement holds NUL and other controls, then it is saved without them', async () => {
      const author = await person(t, 'edge.author@example.org');
      const viaApi = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
        token: author.token,
        body: {
          idempotencyKey: 'edge-1',
          language: 'en',
          freeText: `Access${NUL} for\u0007 all\u009b.\nSecond line.`,
          submit: true,
        },
      });
      assert.equal(viaApi.status, 201, viaApi.body);
      const stored = await t
        .db()
        .selectFrom('submissions')
        .select('free_text')
        .where('id', '=', viaApi.json.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.free_text, 'Access for all.\nSecond line.');

      const client = await signedInClient(
        t,
        'edge.form@example.org',
        'edge password 12',
        'Edge Form',
      );
      const form = await client.get(`/consultations/${slug}/submit`);
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const viaForm = await client.post(`/consultations/${slug}/submit`, {
        idempotencyKey: key,
        language: 'en',
        freeText: `Form${NUL} text\u001b.`,
        organisation: '',
        action: 'draft',
      });
      assert.equal(viaForm.statusCode, 303, viaForm.body.slice(0, 500));
      const draft = await t
        .db()
        .selectFrom('submissions')
        .select('free_text')
        .where('idempotency_key', '=', key)
        .executeTakeFirstOrThrow();
      assert.equal(draft.free_text, 'Form text.');

      const conversation = await openConversation(t, {
        title: 'Edge conversation',
        moderation: 'after',
        seeds: ['A seed.'],
      });
      const voter = await signedInClient(
        t,
        'edge.voter@example.org',
        'edge password 12',
        'Edge Voter',
      );
      await voter.get(`/consultations/${conversation.slug}/conversation`);
      const statement = await voter.post(
        `/consultations/${conversation.slug}/conversation/statements`,
        { body: `Stop${NUL} shutdowns\u0000 now.` },
      );
      assert.equal(statement.statusCode, 303);
      const bodies = (await t.db().selectFrom('statements').select('body').execute()).map(
        (s) => s.body,
      );
      assert.ok(bodies.includes('Stop shutdowns now.'), bodies.join(' | '));
    });

    test('when a required JSON field holds only control characters, then the schema refuses it as empty and nothing is stored', async () => {
      const author = await person(t, 'edge.schema@example.org');
      const draft = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
        token: author.token,
        body: {
          idempotencyKey: 'edge-schema',
          language: 'en',
          freeText: 'Needs a co-signatory.',
          submit: false,
        },
      });
      assert.equal(draft.status, 201, draft.body);
      const invite = await api(t, 'POST', `/api/v1/submissions/${draft.json.id}/cosignatories`, {
        token: author.token,
        body: { organisation: `${NUL}\u0007\u009b` },
      });
      assert.ok([400, 422].includes(invite.status), `${invite.status} ${invite.body}`);
      assert.match(invite.json.detail ?? invite.body, /organisation|fewer than 1|minLength/i);
      const rows = await t
        .db()
        .selectFrom('cosignatures')
        .selectAll()
        .where('submission_id', '=', draft.json.id)
        .execute();
      assert.equal(rows.length, 0);
    });

    test("when a display name or an organisation name hides bidi or zero-width characters, then the form says so, in the person's language", async () => {
      const c = t.client();
      await c.get('/account/register');
      const refused = await c.post('/account/register', {
        email: 'bidi@example.org',
        password: 'a long enough password',
        displayName: 'Ada\u202Egnol',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /invisible or text-direction characters/);
      assert.equal(await t.services.accounts.findUserByEmail('bidi@example.org'), undefined);
      const joined = await c.post('/account/register', {
        email: 'persian@example.org',
        password: 'a long enough password',
        displayName: 'می\u200cخواهم',
      });
      assert.equal(
        joined.statusCode,
        200,
        'a zero-width non-joiner inside a Persian word is how the word is written',
      );
      await t.worker.drain();
      assert.equal(
        (await t.services.accounts.findUserByEmail('persian@example.org'))?.displayName,
        'می\u200cخواهم',
      );

      const member = await signedInClient(
        t,
        'edge.org@example.org',
        'edge password 12',
        'Edge Org',
      );
      await member.get('/organisations/new');
      for (const name of ['Open\u200BNet', 'Open Net\u2066', 'Open\uFEFFNet', 'Open\u2060Net']) {
        const response = await member.post(
          '/organisations/new',
          { name, stakeholderGroup: 'civil_society', country: '', website: '', description: '' },
          {},
        );
        assert.equal(response.statusCode, 422, JSON.stringify(name));
        assert.match(response.body, /invisible or text-direction characters/);
      }
      await member.get('/account/profile?lang=fr');
      const profile = await member.post('/account/profile', {
        displayName: 'Edge\u202DOrg',
        locale: 'fr',
        languages: 'fr',
      });
      assert.equal(profile.statusCode, 422);
      assert.ok(profile.body.includes('caractères invisibles'), 'the message in French');
    });

    test('when a file name carries a right-to-left override or controls, then the file is kept under the cleaned name', async () => {
      const browser = new Browser(t.app);
      await t.services.accounts.createConfirmedUser({
        email: 'edge.files@example.org',
        password: 'edge password 12',
        displayName: 'Edge Files',
      });
      await browser.signIn('edge.files@example.org', 'edge password 12');
      const user = await t.services.accounts.findUserByEmail('edge.files@example.org');
      const actor = {
        user: { id: user!.id, email: user!.email, displayName: 'Edge Files', emailConfirmed: true },
        grants: [],
      };
      const s = await t.services.submissions.submit(actor, slug, {
        idempotencyKey: 'edge-files',
        language: 'en',
        freeText: 'Notes attached.',
        answers: [],
      });
      await browser.get(`/my/submissions/${s.id}`);
      const response = await browser.upload(`/my/submissions/${s.id}/attachments`, {
        name: 'notes\u202Efdp.exe\u200B.pdf',
        data: await pdfWithAuthor('X'),
      });
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      const [attachment] = (await t.services.attachments.ownView(actor, s.id)).attachments;
      assert.equal(attachment?.fileName, 'notesfdp.exe.pdf');
    });

    test('when a JSON body is nested 5,000 levels deep, then it is refused with 400 before anything reads it', async () => {
      const author = await person(t, 'edge.deep@example.org');
      for (const token of [author.token, undefined]) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/consultations/${slug}/submissions`,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          payload: deeply(5000),
        });
        assert.equal(response.statusCode, 400);
        assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        assert.equal(response.json().code, 'too_deep');
      }
      const fine = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
        token: author.token,
        body: {
          idempotencyKey: 'edge-deep',
          language: 'en',
          freeText: 'Not deep.',
          answers: [],
          submit: false,
        },
      });
      assert.equal(fine.status, 201);
    });

    if (dialect === 'sqlite')
      test('when text stored before these checks holds NUL, then the Atom feeds are still valid XML', async () => {
        const author = await world.actorFor('edge.feed@example.org', 'Feed Writer');
        const id = await world.publish(author, slug, {
          language: 'en',
          freeText: 'Clean at first.',
        });
        await t
          .db()
          .updateTable('submissions')
          .set({ free_text: `Stored${NUL} before\u0001 the fix.` })
          .where('id', '=', id)
          .execute();
        for (const url of [
          `/consultations/${slug}/feed.atom`,
          `/processes/${world.processSlug}/feed.atom`,
        ]) {
          const feed = await t.client().get(url);
          assert.equal(feed.statusCode, 200);
          assert.equal(XMLValidator.validate(feed.body), true, url);
        }
        assert.match(
          (await t.client().get(`/consultations/${slug}/feed.atom`)).body,
          /Stored before the fix\./,
        );
      });

    test('when a calendar entry stored before these checks holds controls, then the iCalendar carries none of them', async () => {
      const process = await t
        .db()
        .selectFrom('processes')
        .select('id')
        .where('slug', '=', world.processSlug)
        .executeTakeFirstOrThrow();
      await t
        .db()
        .updateTable('processes')
        .set({ title: `Review\u0001 process\u001b` })
        .where('id', '=', process.id)
        .execute();
      const calendar = await t.client().get(`/processes/${world.processSlug}/calendar.ics`);
      assert.equal(calendar.statusCode, 200);
      // eslint-disable-next-line no-control-regex -- the controls are what the test looks for
      assert.equal(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(calendar.body), false);
      assert.match(calendar.body, /Review process/);
    });
  });
}

test('the depth check counts only brackets outside strings, and stops at the limit', () => {
  assert.equal(jsonTooDeep(deeply(64)), false);
  assert.equal(jsonTooDeep(deeply(65)), true);
  assert.equal(jsonTooDeep(JSON.stringify({ text: '['.repeat(1000), quote: '\\"[[[' })), false);
  assert.equal(jsonTooDeep(`{"a":${deeply(70)}}`), true);
});
