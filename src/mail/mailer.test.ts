import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { linkIn, startTestApp, type TestApp } from '../testing/test-app.ts';

describe('mail through SMTP', () => {
  const received: Array<{ to: string; data: string }> = [];
  let server: SMTPServer;
  let t: TestApp;

  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    t = await startTestApp('sqlite', { env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  after(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('when SMTP_URL is set, then a confirmation mail goes out through SMTP, not to the outbox', async () => {
    const c = t.client();
    await c.get('/account/register');
    assert.equal(
      (
        await c.post('/account/register', {
          email: 'smtp@example.org',
          password: 'long password 1',
          displayName: 'S',
        })
      ).statusCode,
      200,
    );
    await t.worker.drain();
    assert.equal(received.length, 1);
    assert.equal(received[0]?.to, 'smtp@example.org');
    const body = (received[0]?.data ?? '').replace(/=\r?\n/g, '');
    assert.match(body, /Subject: Confirm your e-mail address/);
    assert.ok(linkIn(body.replace(/=3D/g, '=')).startsWith('/account/confirm/'));
    assert.equal(await t.lastMailTo('smtp@example.org'), undefined, 'nothing in the outbox');
  });
});
