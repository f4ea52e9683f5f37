import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, grant, person, seedConsultation, seedProcess } from '../../testing/api-fixtures.ts';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

const TOKEN_IN_PAGE = /value="(plg_[A-Za-z0-9_-]{43})"/;

for (const dialect of testDialects()) {
  describe(`personal API tokens (${dialect})`, () => {
    let t: TestApp;
    let offsetMs = 0;
    let slug: string;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(Date.now() + offsetMs) } });
      const admin = await person(t, 'admin@example.org', 'Admin');
      await grant(t, admin, 'instance_admin');
      const secretariat = await person(t, 'sec@example.org', 'Secretariat');
      const process = await seedProcess(t, admin, secretariat, 'Token Process');
      slug = (await seedConsultation(t, secretariat, process.slug, 'Token consultation')).slug;
    });
    after(() => t.close());

    const draft = (key: string) => ({
      idempotencyKey: key,
      language: 'en',
      freeText: 'Draft text',
      answers: [],
      submit: false,
    });

    test('when a person creates a token, then it is shown once, acts for them on the API, and stops working once revoked', async () => {
      const browser = await signedInClient(t, 'writer@example.org', 'writer password 1', 'Writer');
      assert.match((await browser.get('/account/tokens')).body, /You have no API tokens/);
      const created = await browser.post('/account/tokens', {
        name: 'submission script',
        scope: 'write',
        expiresInDays: '30',
        password: 'writer password 1',
      });
      assert.equal(created.statusCode, 200);
      assert.equal(created.headers['cache-control'], 'no-store');
      const token = TOKEN_IN_PAGE.exec(created.body)?.[1] ?? '';
      assert.ok(token, 'the new token is on the page');
      const listed = await browser.get('/account/tokens');
      assert.doesNotMatch(listed.body, new RegExp(token), 'and never again');
      assert.match(listed.body, /submission script/);

      const used = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
        token,
        body: draft('tok-1'),
      });
      assert.equal(used.status, 201, used.body);
      const mine = await t.services.submissions.mine({
        user: {
          id: (await t.services.accounts.findUserByEmail('writer@example.org'))?.id ?? '',
          email: 'writer@example.org',
          displayName: 'Writer',
          emailConfirmed: true,
        },
        grants: [],
      });
      assert.deepEqual(
        mine.map((s) => s.id),
        [used.json.id],
        'the submission is the token owner’s',
      );

      const tokenId = /\/account\/tokens\/([a-z0-9]+)\/revoke/.exec(listed.body)?.[1] ?? '';
      const revoked = await browser.post(`/account/tokens/${tokenId}/revoke`);
      assert.equal(revoked.statusCode, 303);
      assert.match((await browser.get('/account/tokens')).body, /Revoked on/);
      const refused = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
        token,
        body: draft('tok-2'),
      });
      assert.equal(refused.status, 401);
      assert.equal(refused.json.code, 'token_invalid');
      assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    });

    test('when the name is missing, the form says so; visitors are sent to sign in; another person’s token cannot be revoked', async () => {
      const browser = await signedInClient(t, 'namer@example.org', 'namer password 1');
      await browser.get('/account/tokens');
      const missing = await browser.post('/account/tokens', { name: '  ' });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /id="error-name"/);
      assert.equal((await t.client().get('/account/tokens')).statusCode, 303);
      const other = await person(t, 'other@example.org');
      const [otherToken] = await t.services.apiTokens.listTokens(other.actor);
      assert.equal(
        (await browser.post(`/account/tokens/${otherToken?.id}/revoke`)).statusCode,
        404,
      );
      assert.equal(
        (await api(t, 'GET', '/api/v1/processes', { token: other.token })).status,
        200,
        'still valid',
      );
    });

    test('when a token is used, then its last use is recorded at most once a minute', async () => {
      const user = await person(t, 'clocked@example.org');
      const lastUsed = async () =>
        (await t.services.apiTokens.listTokens(user.actor))[0]?.lastUsedAt;
      await api(t, 'GET', '/api/v1/processes', { token: user.token });
      const first = await lastUsed();
      assert.ok(first);
      offsetMs += 30_000;
      await api(t, 'GET', '/api/v1/processes', { token: user.token });
      assert.equal(await lastUsed(), first);
      offsetMs += 31_000;
      await api(t, 'GET', '/api/v1/processes', { token: user.token });
      assert.ok(((await lastUsed()) ?? '') > (first ?? ''));
    });

    test('when the Authorization header is unknown, malformed or not Bearer, then the API answers 401 and pages ignore it', async () => {
      for (const authorization of [
        'Bearer plg_' + 'x'.repeat(43),
        'Bearer',
        'Basic dXNlcjpwYXNz',
        'Bearer a b',
      ]) {
        const response = await api(t, 'GET', '/api/v1/processes', { headers: { authorization } });
        assert.equal(response.status, 401, authorization);
        assert.match(String(response.headers['www-authenticate']), /^Bearer/);
      }
      const page = await t.client().get('/', { authorization: 'Bearer nonsense' });
      assert.equal(page.statusCode, 200);
    });

    test('when a browser session writes to the API, then it needs the CSRF header; a token does not', async () => {
      const writer = await person(t, 'cookie@example.org');
      const { token: sid } = await t.services.accounts.signIn({
        email: writer.email,
        password: 'long password 123',
        userAgent: null,
      });
      const page = await t.app.inject({
        method: 'GET',
        url: '/account/tokens',
        headers: { cookie: `sid=${sid}` },
      });
      const csrfCookie = page.cookies.find((c) => c.name === '_csrf')?.value ?? '';
      const csrfToken = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const cookie = `sid=${sid}; _csrf=${csrfCookie}`;
      const url = `/api/v1/consultations/${slug}/submissions`;
      const without = await api(t, 'POST', url, { headers: { cookie }, body: draft('cookie-1') });
      assert.equal(without.status, 403);
      assert.equal(without.json.code, 'csrf_invalid');
      const withHeader = await api(t, 'POST', url, {
        headers: { cookie, 'x-csrf-token': csrfToken },
        body: draft('cookie-1'),
      });
      assert.equal(withHeader.status, 201, withHeader.body);
      assert.equal(
        (await api(t, 'POST', url, { token: writer.token, body: draft('cookie-1') })).status,
        200,
        'same person, same key: same submission',
      );
    });
  });
}

for (const dialect of testDialects()) {
  describe(`API token scopes, expiry and re-authentication (${dialect})`, () => {
    let t: TestApp;
    let offsetMs = 0;
    let slug: string;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(Date.now() + offsetMs) } });
      const admin = await person(t, 'admin@example.org', 'Admin');
      await grant(t, admin, 'instance_admin');
      const secretariat = await person(t, 'sec@example.org', 'Secretariat');
      const process = await seedProcess(t, admin, secretariat, 'Scope Process');
      slug = (await seedConsultation(t, secretariat, process.slug, 'Scope consultation')).slug;
    });
    after(() => t.close());

    const draft = (key: string) => ({
      idempotencyKey: key,
      language: 'en',
      freeText: 'Draft',
      answers: [],
      submit: false,
    });
    const tokenIn = (body: string) => TOKEN_IN_PAGE.exec(body)?.[1] ?? '';

    test('when a token is created read-only, then it reads but every write answers 403 problem+json and changes nothing', async () => {
      const browser = await signedInClient(t, 'reader@example.org', 'reader password 1');
      await browser.get('/account/tokens');
      const token = tokenIn(
        (
          await browser.post('/account/tokens', {
            name: 'dashboard',
            scope: 'read',
            expiresInDays: '7',
            password: 'reader password 1',
          })
        ).body,
      );
      assert.ok(token);
      assert.equal((await api(t, 'GET', '/api/v1/processes', { token })).status, 200);
      const write = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
        token,
        body: draft('read-1'),
      });
      assert.equal(write.status, 403);
      assert.match(String(write.headers['content-type']), /application\/problem\+json/);
      assert.equal(write.json.code, 'insufficient_scope');
      assert.match(String(write.headers['www-authenticate']), /insufficient_scope/);
      const user = await t.services.accounts.findUserByEmail('reader@example.org');
      const mine = await t.services.submissions.mine({
        user: {
          id: user?.id ?? '',
          email: 'reader@example.org',
          displayName: 'Test Person',
          emailConfirmed: true,
        },
        grants: [],
      });
      assert.deepEqual(mine, [], 'nothing was written');
      const listed = (await browser.get('/account/tokens')).body;
      assert.match(listed, /Read only/);
      assert.match(listed, /<th scope="col">Expires<\/th>/);
      assert.match(listed, /<th scope="col">Last used<\/th>/);
    });

    test('when the password is wrong or missing, or the scope or lifetime is not offered, then no token is made', async () => {
      const browser = await signedInClient(t, 'careful@example.org', 'careful password 1');
      await browser.get('/account/tokens');
      const wrong = await browser.post('/account/tokens', {
        name: 'x',
        scope: 'write',
        expiresInDays: '30',
        password: 'not my password',
      });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /id="error-password"/);
      assert.equal(tokenIn(wrong.body), '');
      const missing = await browser.post('/account/tokens', {
        name: 'x',
        scope: 'write',
        expiresInDays: '30',
      });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /id="error-password"/);
      const unoffered = await browser.post('/account/tokens', {
        name: 'x',
        scope: 'admin',
        expiresInDays: '100000',
        password: 'careful password 1',
      });
      assert.equal(unoffered.statusCode, 422);
      assert.match(unoffered.body, /id="error-scope"/);
      assert.match(unoffered.body, /id="error-expiresInDays"/);
      assert.match((await browser.get('/account/tokens')).body, /You have no API tokens/);
    });

    test('when a token’s lifetime has passed, then the API refuses it with 401 and the list says it expired', async () => {
      const browser = await signedInClient(t, 'expiring@example.org', 'expiring password 1');
      await browser.get('/account/tokens');
      const token = tokenIn(
        (
          await browser.post('/account/tokens', {
            name: 'short',
            scope: 'write',
            expiresInDays: '7',
            password: 'expiring password 1',
          })
        ).body,
      );
      assert.equal((await api(t, 'GET', '/api/v1/processes', { token })).status, 200);
      offsetMs += 7 * 24 * 3600 * 1000 + 1000;
      const refused = await api(t, 'GET', '/api/v1/processes', { token });
      assert.equal(refused.status, 401);
      assert.equal(refused.json.code, 'token_invalid');
      assert.match((await browser.get('/account/tokens')).body, /Expired on/);
    });

    test('when tokens made before scopes existed are migrated, then they keep writing and expire 90 days after the upgrade', async () => {
      const owner = await person(t, 'legacy@example.org');
      // A row as the old code wrote it: no scope, no expiry.
      await t
        .db()
        .insertInto('api_tokens')
        .values({
          id: 'legacy1',
          user_id: owner.id,
          name: 'old',
          token_hash: 'h',
          created_at: new Date().toISOString(),
          last_used_at: null,
          revoked_at: null,
        } as never)
        .execute();
      const row = await t
        .db()
        .selectFrom('api_tokens')
        .select(['scope', 'expires_at'])
        .where('id', '=', 'legacy1')
        .executeTakeFirstOrThrow();
      assert.equal(row.scope, 'write');
      const days = (Date.parse(row.expires_at) - Date.now()) / (24 * 3600 * 1000);
      assert.ok(days > 89 && days <= 90, String(days));
    });
  });
}
