import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { linkIn, signedInClient, startTestApp, type TestApp } from '../testing/test-app.ts';
import { loggerOptions, redactUrl } from './logging.ts';

describe('logs', () => {
  const lines: string[] = [];
  let t: TestApp;
  before(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const options = loggerOptions('trace');
    t = await startTestApp('sqlite', {
      logger: typeof options === 'object' ? { ...options, stream } : options,
    });
  });
  after(() => t.close());

  test('one-time links are cut out of logged URLs', () => {
    assert.equal(redactUrl('/account/reset/abc123?x=1'), '/account/reset/[redacted]');
    assert.equal(redactUrl('/invitations/tok'), '/invitations/[redacted]');
    assert.equal(redactUrl('/organisations/acme'), '/organisations/acme');
  });

  test('when people register, sign in and reset passwords, then no secret reaches the logs', async () => {
    const c = await signedInClient(t, 'secret.person@example.org', 'hunter2 hunter2 hunter2');
    await c.get('/account/profile');
    await c.post('/account/forgot', { email: 'secret.person@example.org' });
    await t.worker.drain();
    const link = linkIn((await t.lastMailTo('secret.person@example.org'))?.text);
    await c.get(link);
    const token = link.split('/').pop() ?? '';
    const all = lines.join('\n');
    assert.ok(lines.length > 10, 'requests were logged');
    for (const secret of ['secret.person@example.org', 'hunter2', token, 'sid=']) {
      assert.ok(!all.includes(secret), `the logs contain ${secret}`);
    }
  });
});
