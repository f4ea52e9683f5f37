import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  linkIn,
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

/**
 * A response with what legitimately differs between two requests taken out: the CSRF token and
 * cookie, the date, and the client's own remaining rate-limit count (one less on the second).
 */
function comparable(response: LightMyRequestResponse) {
  const {
    'set-cookie': _cookie,
    date: _date,
    'x-ratelimit-remaining': _remaining,
    ...headers
  } = response.headers;
  return {
    status: response.statusCode,
    headers,
    body: response.body.replace(/name="_csrf" value="[^"]+"/g, ''),
  };
}

for (const dialect of testDialects()) {
  describe(`forgotten passwords (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await signedInClient(t, 'registered@example.org', 'registered password');
    });
    after(() => t.close());

    const count = async (table: 'jobs' | 'mail_outbox') =>
      Number(
        (
          await t
            .db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const resetJobs = async () =>
      (
        await t
          .db()
          .selectFrom('jobs')
          .select(['payload'])
          .where('name', '=', 'accounts.password-reset')
          .execute()
      ).map((j) => j.payload);

    test('when a registered and an unknown address ask for a reset, then the answers are identical and both only queue the same job', async () => {
      await t.worker.drain();
      const mailsBefore = await count('mail_outbox');
      const answers = [];
      for (const email of ['registered@example.org', 'unknown@example.org']) {
        const c = t.client();
        await c.get('/account/forgot');
        const jobsBefore = await count('jobs');
        answers.push(comparable(await c.post('/account/forgot', { email })));
        assert.equal(await count('jobs'), jobsBefore + 1, `one job queued for ${email}`);
        assert.equal(await count('mail_outbox'), mailsBefore, 'no mail is sent during the request');
      }
      assert.equal(answers[0]?.status, 200);
      assert.deepEqual(answers[0], answers[1]);
      assert.deepEqual(
        (await resetJobs()).slice(-2).map((p) => JSON.parse(p) as unknown),
        [{ email: 'registered@example.org' }, { email: 'unknown@example.org' }],
      );

      await t.worker.drain();
      assert.equal(
        await count('mail_outbox'),
        mailsBefore + 1,
        'the job mails only the registered address',
      );
      const link = linkIn((await t.lastMailTo('registered@example.org'))?.text);
      assert.match(link, /^\/account\/reset\//);
      assert.equal(await t.lastMailTo('unknown@example.org'), undefined);
      assert.deepEqual(
        (await resetJobs()).slice(-2),
        ['null', 'null'],
        'the addresses typed are not kept once the jobs ran',
      );
    });

    test('when the address is malformed, then the form says so and nothing is queued', async () => {
      const c = t.client();
      await c.get('/account/forgot');
      const jobsBefore = await count('jobs');
      assert.equal((await c.post('/account/forgot', { email: 'not an address' })).statusCode, 422);
      assert.equal(await count('jobs'), jobsBefore);
    });
  });
}
