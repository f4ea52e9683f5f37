import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

for (const dialect of testDialects()) {
  describe(`administration over HTTP (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when the one-time setup link is used, then its account administers the instance and the link is spent', async () => {
      const link = await t.services.admin.setupLinkIfNeeded();
      assert.ok(link);
      const path = new URL(link).pathname;
      const c = t.client();
      assert.equal((await c.get(path)).statusCode, 200);
      const bad = await c.post(path, {
        displayName: '',
        email: 'root@example.org',
        password: 'short',
      });
      assert.equal(bad.statusCode, 422);
      const done = await c.post(path, {
        displayName: 'Root',
        email: 'root@example.org',
        password: 'root password 123',
      });
      assert.equal(done.statusCode, 303);
      assert.equal((await c.get(path)).statusCode, 400, 'the link works once');
      assert.equal(
        await t.services.admin.setupLinkIfNeeded(),
        null,
        'no new link once an administrator exists',
      );

      await c.get('/account/sign-in');
      await c.post('/account/sign-in', {
        email: 'root@example.org',
        password: 'root password 123',
      });
      assert.equal((await c.get('/admin')).statusCode, 200);
    });

    test('when an administrator grants a role, then it is listed and can be revoked', async () => {
      await signedInClient(t, 'helper@example.org', 'helper password');
      const c = t.client();
      await c.get('/account/sign-in');
      await c.post('/account/sign-in', {
        email: 'root@example.org',
        password: 'root password 123',
      });
      await c.get('/admin/roles');
      const unknown = await c.post('/admin/roles', {
        email: 'ghost@example.org',
        role: 'secretariat',
        scopeType: 'process',
        scopeId: 'p1',
      });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /No account uses this e-mail address/);
      const granted = await c.post('/admin/roles', {
        email: 'helper@example.org',
        role: 'secretariat',
        scopeType: 'process',
        scopeId: 'wsis-20',
      });
      assert.equal(granted.statusCode, 303);
      const list = await c.get('/admin/roles');
      assert.match(list.body, /wsis-20/);
      const helper = await t.services.accounts.findUserByEmail('helper@example.org');
      const revoked = await c.post('/admin/roles/revoke', {
        userId: helper?.id ?? '',
        role: 'secretariat',
        scopeType: 'process',
        scopeId: 'wsis-20',
      });
      assert.equal(revoked.statusCode, 303);
      assert.deepEqual(await t.services.roles.grantsOf(helper?.id ?? ''), []);
      const root = await t.services.accounts.findUserByEmail('root@example.org');
      const last = await c.post('/admin/roles/revoke', {
        userId: root?.id ?? '',
        role: 'instance_admin',
        scopeType: 'instance',
        scopeId: '',
      });
      assert.equal(last.statusCode, 409, 'the last administrator stays');
    });

    test('when no SMTP server is configured, then administrators read mail in the outbox', async () => {
      const c = t.client();
      await c.get('/account/sign-in');
      await c.post('/account/sign-in', {
        email: 'root@example.org',
        password: 'root password 123',
      });
      await t.services.accounts.requestPasswordReset('helper@example.org');
      await t.worker.drain(); // the reset mail is written by a job, so every address costs the request the same
      const outbox = await c.get('/admin/outbox');
      assert.equal(outbox.statusCode, 200);
      assert.match(outbox.body, /Choose a new Polylogue password/);
    });
  });
}
