// Rate limits held in the shared database: two app instances on one database enforce one limit,
// windows close and are purged, only keyed hashes are stored, and a database that cannot count
// refuses the attempt (503) without leaving anyone locked out afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Clock } from '../shared/clock.ts';
import { startTestApp, testDialects, type TestApp, type TestClient } from '../testing/test-app.ts';

/** A clock the test moves; both instances read it, as servers synchronised by NTP would. */
function movableClock(): Clock & { advance(ms: number): void } {
  let now = Date.parse('2030-01-15T09:00:00.000Z');
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

const attempt = (c: TestClient, url = '/account/sign-in') =>
  c.post(url, { email: 'someone@example.org', password: 'not the password' });

for (const dialect of testDialects()) {
  describe(`rate limits shared by app instances (${dialect})`, () => {
    const clock = movableClock();
    let a: TestApp;
    let b: TestApp;
    // The per-account sign-in limit (sign-in-limit.test.ts) counts in the same table; set high here
    // so these tests see the per-client limit alone.
    const env = { AUTH_RATE_LIMIT: '3', SIGNIN_ACCOUNT_FAILURES: '1000' };
    before(async () => {
      a = await startTestApp(dialect, { env, clock });
      b = await startTestApp(dialect, { env, clock, sharing: a });
    });
    after(async () => {
      await b.close();
      await a.close();
    });

    test('when sign-in attempts alternate between two instances, then the total is limited, with a translated page', async () => {
      clock.advance(10 * 60_000);
      const [ca, cb] = [a.client(), b.client()];
      await ca.get('/account/sign-in');
      await cb.get('/account/sign-in');
      const codes: number[] = [];
      for (const c of [ca, cb, ca, cb, ca]) codes.push((await attempt(c)).statusCode);
      assert.deepEqual(codes, [422, 422, 422, 429, 429]);
      const limited = await attempt(cb, '/account/sign-in?lang=fr');
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /Trop de tentatives/);
      assert.equal(limited.headers['retry-after'], '60');
    });

    test('when attempts arrive at both instances at once, then exactly the limit gets through', async () => {
      clock.advance(10 * 60_000);
      const clients = [a.client(), b.client()];
      for (const c of clients) await c.get('/account/sign-in');
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => attempt(clients[i % 2] as TestClient)),
      );
      assert.equal(responses.filter((r) => r.statusCode === 429).length, 7);
    });

    test('when the window has passed, then attempts are allowed again, and the purge job removes closed windows', async () => {
      clock.advance(10 * 60_000);
      const c = b.client();
      await c.get('/account/sign-in');
      for (let i = 0; i < 3; i++) await attempt(c);
      assert.equal((await attempt(c)).statusCode, 429);
      clock.advance(59_000);
      assert.equal((await attempt(c)).statusCode, 429, 'still inside the window');
      clock.advance(1_000);
      assert.equal((await attempt(c)).statusCode, 422, 'a new window');

      assert.ok((await a.db().selectFrom('rate_limit_windows').select('key').execute()).length > 0);
      // The longest window here is the account's failure count: an hour.
      clock.advance(60 * 60_000);
      await a.worker.drain();
      assert.deepEqual(await a.db().selectFrom('rate_limit_windows').select('key').execute(), []);
    });

    test('when limited routes are used, then each counts on its own and only keyed hashes are stored', async () => {
      clock.advance(10 * 60_000);
      const c = a.client();
      await c.get('/account/sign-in');
      for (let i = 0; i < 4; i++) await attempt(c);
      assert.equal((await attempt(c)).statusCode, 429);
      assert.equal(
        (await c.post('/account/forgot', { email: 'someone@example.org' })).statusCode,
        200,
        'password reset has its own count',
      );

      const rows = await a
        .db()
        .selectFrom('rate_limit_windows')
        .select(['key', 'hits'])
        .orderBy('hits')
        .execute();
      // The reset request, the account's failed sign-ins (attempts beyond the client's limit of 3
      // were refused before the password check), the client's sign-in attempts.
      assert.deepEqual(
        rows.map((r) => Number(r.hits)),
        [1, 3, 5],
      );
      for (const { key } of rows) {
        assert.match(key, /^[\w-]{43}$/, 'an HMAC-SHA-256, base64url');
        assert.doesNotMatch(key, /127\.0\.0\.1|sign-in|forgot/);
      }
    });
  });

  describe(`when the rate-limit counters cannot be written (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { env: { AUTH_RATE_LIMIT: '3' } });
    });
    after(() => t.close());

    test('then sign-in is refused with a translated 503, and works again once the database does', async () => {
      const c = t.client();
      await c.get('/account/sign-in');
      assert.equal((await attempt(c)).statusCode, 422);
      await sql`alter table rate_limit_windows rename to rate_limit_windows_away`.execute(t.db());
      const refused = await attempt(c, '/account/sign-in?lang=fr');
      assert.equal(refused.statusCode, 503);
      assert.match(refused.body, /momentanément indisponible/);
      assert.equal(refused.headers['retry-after'], '5');
      await sql`alter table rate_limit_windows_away rename to rate_limit_windows`.execute(t.db());
      assert.deepEqual(
        [
          (await attempt(c)).statusCode,
          (await attempt(c)).statusCode,
          (await attempt(c)).statusCode,
        ],
        [422, 422, 429],
        'the refused attempt was not counted',
      );
    });
  });
}
