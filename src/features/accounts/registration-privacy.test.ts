import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

/** A response without what legitimately differs between two requests: CSRF, cookies, date, rate-limit count. */
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
  describe(`registration does not tell who has an account (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await signedInClient(t, 'taken@example.org', 'the owner password');
    });
    after(() => t.close());

    const count = async (table: 'jobs' | 'mail_outbox' | 'users') =>
      Number(
        (
          await t
            .db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('when a taken and a free address register, then the answers are identical and both requests only queue one job', async () => {
      await t.worker.drain();
      const answers = [];
      for (const email of ['taken@example.org', 'free@example.org']) {
        const c = t.client();
        await c.get('/account/register');
        const before = {
          jobs: await count('jobs'),
          mails: await count('mail_outbox'),
          users: await count('users'),
        };
        answers.push(
          comparable(
            await c.post('/account/register', {
              email,
              password: 'a long enough password',
              displayName: 'Someone',
            }),
          ),
        );
        assert.deepEqual(
          {
            jobs: await count('jobs'),
            mails: await count('mail_outbox'),
            users: await count('users'),
          },
          { ...before, jobs: before.jobs + 1 },
          `only a job for ${email}`,
        );
      }
      assert.equal(answers[0]?.status, 200);
      assert.deepEqual(answers[0], answers[1]);

      await t.worker.drain();
      assert.match(
        (await t.lastMailTo('taken@example.org'))?.subject ?? '',
        /tried to create/,
        'the owner is told',
      );
      assert.match((await t.lastMailTo('free@example.org'))?.subject ?? '', /Confirm/);
      const queued = await t
        .db()
        .selectFrom('jobs')
        .select('payload')
        .where('name', '=', 'accounts.registration')
        .execute();
      assert.ok(queued.length >= 2);
      assert.ok(
        queued.every((j) => j.payload === 'null'),
        'addresses, names and hashes are not kept once done',
      );
    });
  });
}
