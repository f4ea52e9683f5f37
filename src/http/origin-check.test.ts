import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, person } from '../testing/api-fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';

const register = (email: string) => ({
  email,
  password: 'long enough password',
  displayName: 'Someone',
});

for (const dialect of testDialects()) {
  describe(`cross-site requests (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    // Registration finishes in a job: run it before looking.
    const exists = async (email: string) => {
      await t.worker.drain();
      return (await t.services.accounts.findUserByEmail(email)) !== undefined;
    };

    test('when a form arrives with a valid CSRF token but another site’s Origin, then it is refused with a translated page and nothing happens', async () => {
      const c = t.client();
      await c.get('/account/register?lang=fr');
      const refused = await c.post('/account/register', register('cross@example.org'), {
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Cette requête provient d’un autre site/);
      assert.equal(await exists('cross@example.org'), false);
    });

    test('when a browser says Sec-Fetch-Site: cross-site, then it is refused even without Origin', async () => {
      const c = t.client();
      await c.get('/account/register');
      const refused = await c.post('/account/register', register('fetch-site@example.org'), {
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /This request came from another website/);
      assert.equal(await exists('fetch-site@example.org'), false);
      const sandboxed = await c.post('/account/register', register('null-origin@example.org'), {
        headers: { origin: 'null', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(
        sandboxed.statusCode,
        403,
        'a sandboxed frame of another site posts with Origin: null',
      );
      const sibling = await c.post('/account/register', register('sibling@example.org'), {
        headers: { origin: 'https://other.polylogue.test', 'sec-fetch-site': 'same-site' },
      });
      assert.equal(sibling.statusCode, 403, 'a sibling subdomain is another site');
      assert.equal(await exists('sibling@example.org'), false);
    });

    test('when our own page posts under no-referrer (Origin: null, Sec-Fetch-Site: same-origin), then the usual checks decide', async () => {
      // What Chromium sends for our forms, since every page says Referrer-Policy: no-referrer.
      const c = t.client();
      await c.get('/account/register');
      const own = await c.post('/account/register', register('own-null@example.org'), {
        headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(own.statusCode, 200);
      assert.equal(await exists('own-null@example.org'), true);
    });

    test('when the Origin is this site (BASE_URL) or the header is absent, then the usual checks decide', async () => {
      const c = t.client();
      await c.get('/account/register');
      const same = await c.post('/account/register', register('same@example.org'), {
        headers: { origin: 'http://polylogue.test', 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(same.statusCode, 200);
      assert.equal(await exists('same@example.org'), true);
      const plain = await c.post('/account/register', register('plain@example.org'));
      assert.equal(plain.statusCode, 200, 'old clients without either header still work');
      const noCsrf = await c.post('/account/register', register('nocsrf@example.org'), {
        csrf: null,
        headers: { origin: 'http://polylogue.test' },
      });
      assert.equal(noCsrf.statusCode, 403, 'a same-origin request still needs the CSRF token');
    });

    test('when an API write comes from another site, then it is refused with problem+json; a script without Origin still writes', async () => {
      const writer = await person(t, 'api-origin@example.org');
      const crossSite = await api(t, 'POST', '/api/v1/processes', {
        token: writer.token,
        body: {},
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(crossSite.status, 403);
      assert.match(String(crossSite.headers['content-type']), /application\/problem\+json/);
      assert.equal(crossSite.json.code, 'cross_site');
      const script = await api(t, 'POST', '/api/v1/processes', { token: writer.token, body: {} });
      assert.notEqual(script.status, 403, 'no Origin: the token decides');
      const read = await api(t, 'GET', '/api/v1/processes', {
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(read.status, 200, 'reads are not state-changing');
    });
  });
}

describe('cross-site requests behind a proxy', () => {
  let trusted: TestApp;
  let untrusted: TestApp;
  before(async () => {
    trusted = await startTestApp('sqlite', { env: { TRUST_PROXY: 'true' } });
    untrusted = await startTestApp('sqlite', { env: { TRUST_PROXY: 'false' } });
  });
  after(async () => {
    await trusted.close();
    await untrusted.close();
  });

  // The proxy serves the site at another address than BASE_URL names and says so in X-Forwarded-*.
  const proxied = {
    origin: 'https://consult.example.org',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'consult.example.org',
  };

  test('when TRUST_PROXY names the proxy, then the forwarded address counts as this site; otherwise it does not', async () => {
    const c = trusted.client();
    await c.get('/account/register');
    assert.equal(
      (await c.post('/account/register', register('proxied@example.org'), { headers: proxied }))
        .statusCode,
      200,
    );
    const d = untrusted.client();
    await d.get('/account/register');
    assert.equal(
      (await d.post('/account/register', register('proxied@example.org'), { headers: proxied }))
        .statusCode,
      403,
    );
  });
});
