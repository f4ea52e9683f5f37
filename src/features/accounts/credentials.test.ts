import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api } from '../../testing/api-fixtures.ts';
import {
  linkIn,
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';

const TOKEN_IN_PAGE = /value="(plg_[A-Za-z0-9_-]{43})"/;

for (const dialect of testDialects()) {
  describe(`password changes and reset links (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    async function askReset(email: string): Promise<string> {
      const c = t.client();
      await c.get('/account/forgot');
      assert.equal((await c.post('/account/forgot', { email })).statusCode, 200);
      await t.worker.drain();
      return linkIn((await t.lastMailTo(email))?.text);
    }

    async function newToken(c: TestClient, password: string): Promise<string> {
      await c.get('/account/tokens');
      const created = await c.post('/account/tokens', {
        name: 'script',
        scope: 'write',
        expiresInDays: '30',
        password,
      });
      const token = TOKEN_IN_PAGE.exec(created.body)?.[1];
      assert.ok(token, `token created: ${created.statusCode}`);
      return token;
    }

    async function secondSession(email: string, password: string): Promise<TestClient> {
      const c = t.client();
      await c.get('/account/sign-in');
      assert.equal((await c.post('/account/sign-in', { email, password })).statusCode, 303);
      return c;
    }

    test('when a newer reset link is issued, then the older unused one still works (anyone may ask for one), and using either voids both', async () => {
      await signedInClient(t, 'twolinks@example.org', 'first password 1');
      const older = await askReset('twolinks@example.org');
      const newer = await askReset('twolinks@example.org');
      assert.notEqual(older, newer);
      const c = t.client();
      assert.equal(
        (await c.get(older)).statusCode,
        200,
        'asking again did not void the older link',
      );
      assert.equal((await c.post(older, { password: 'second password 2' })).statusCode, 303);
      assert.equal((await t.client().get(newer)).statusCode, 400, 'using one voided the other');
      assert.equal(
        (await t.client().post(newer, { password: 'attacker password' })).statusCode,
        400,
      );
    });

    test('when a reset link is used, then every other link, every session and every API token of the account end', async () => {
      const owner = await signedInClient(t, 'resetall@example.org', 'first password 1');
      const token = await newToken(owner, 'first password 1');
      const other = await secondSession('resetall@example.org', 'first password 1');
      const link = await askReset('resetall@example.org');
      const c = t.client();
      await c.get(link);
      assert.equal((await c.post(link, { password: 'second password 2' })).statusCode, 303);
      assert.equal(
        (await owner.get('/account/profile')).statusCode,
        303,
        'the first session ended',
      );
      assert.equal(
        (await other.get('/account/profile')).statusCode,
        303,
        'the second session ended',
      );
      assert.equal(
        (await api(t, 'GET', '/api/v1/processes', { token })).status,
        401,
        'the API token is revoked',
      );
      assert.equal((await c.get(link)).statusCode, 400, 'the used link is void');
    });

    test('when a password is changed, then other sessions, API tokens and pending reset links end, and this session stays', async () => {
      const owner = await signedInClient(t, 'change-all@example.org', 'first password 1');
      const token = await newToken(owner, 'first password 1');
      const other = await secondSession('change-all@example.org', 'first password 1');
      const pending = await askReset('change-all@example.org');
      await owner.get('/account/profile');
      const changed = await owner.post('/account/password', {
        currentPassword: 'first password 1',
        newPassword: 'second password 2',
      });
      assert.equal(changed.statusCode, 303);
      assert.equal(
        (await owner.get('/account/profile')).statusCode,
        200,
        'the session that changed it stays',
      );
      assert.equal(
        (await other.get('/account/profile')).statusCode,
        303,
        'the other session ended',
      );
      assert.equal(
        (await api(t, 'GET', '/api/v1/processes', { token })).status,
        401,
        'the API token is revoked',
      );
      assert.equal(
        (await t.client().get(pending)).statusCode,
        400,
        'a reset link mailed before the change is void',
      );
    });
  });
}
