import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { testDatabaseUrl } from '../../config/config.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// A PostgreSQL restart or failover, played on the test database: its connections are terminated
// (pg_terminate_backend) or refused (allow_connections off) while the app serves requests.
describe(
  'when PostgreSQL drops or refuses connections',
  { skip: testDatabaseUrl() ? false : 'TEST_DATABASE_URL is not set' },
  () => {
    let t: TestApp;
    let admin: pg.Client;
    let name: string;
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);

    before(async () => {
      process.on('uncaughtException', onCrash);
      process.on('unhandledRejection', onCrash);
      t = await startTestApp('postgres');
      name = new URL(t.services.config.databaseUrl ?? '').pathname.slice(1);
      admin = new pg.Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
    });
    after(async () => {
      await admin.query(`alter database ${name} with allow_connections true`);
      await admin.end();
      await t.close();
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    });

    const terminate = () =>
      admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
    const urls = ['/', '/processes', '/transparency', '/api/v1/consultations', '/readyz'];

    test('then under load the process stays up, every answer is 2xx/3xx/503, and service resumes by itself', async (context) => {
      const statuses = new Map<number, number>();
      for (let round = 0; round < 8; round++) {
        const load = Array.from({ length: 40 }, (_, i) =>
          t.app.inject({ method: 'GET', url: urls[i % urls.length] ?? '/' }),
        );
        await new Promise((resolve) => setTimeout(resolve, 5 * round));
        await terminate();
        for (const response of await Promise.all(load)) {
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (
            response.statusCode === 503 &&
            response.headers['content-type']?.toString().startsWith('application/problem+json')
          )
            assert.equal(response.json<{ code: string }>().code, 'unavailable');
        }
      }
      const unexpected = [...statuses.keys()].filter((status) => !(status < 400 || status === 503));
      assert.deepEqual(unexpected, [], `statuses seen: ${JSON.stringify([...statuses])}`);
      assert.deepEqual(crashes, []);
      context.diagnostic(`statuses under load: ${JSON.stringify([...statuses])}`);
      // A connection cut as it went back to the pool may fail its next query; readiness says when
      // the outage is over, and from then on everything answers.
      for (
        let tries = 0;
        (await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode !== 200;
        tries++
      ) {
        assert.ok(tries < 50, 'ready again within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const url of urls)
        assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 200, url);
    });

    test('then while it refuses connections, readiness, pages and the API answer 503 with Retry-After, and 200 again after', async () => {
      await admin.query(`alter database ${name} with allow_connections false`);
      await terminate();
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json<{ status: string }>().status, 'unavailable');

      const page = await t.app.inject({
        method: 'GET',
        url: '/processes',
        headers: { 'accept-language': 'fr' },
      });
      assert.equal(page.statusCode, 503);
      assert.equal(page.headers['retry-after'], '5');
      assert.match(page.headers['content-type']?.toString() ?? '', /text\/html/);
      assert.match(page.body, /<html lang="fr"/);
      assert.match(page.body, /Service momentanément indisponible/);

      const api = await t.app.inject({ method: 'GET', url: '/api/v1/consultations' });
      assert.equal(api.statusCode, 503);
      assert.equal(api.headers['retry-after'], '5');
      assert.match(api.headers['content-type']?.toString() ?? '', /application\/problem\+json/);
      assert.equal(api.json<{ code: string }>().code, 'unavailable');

      await admin.query(`alter database ${name} with allow_connections true`);
      assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: '/processes' })).statusCode, 200);
      assert.deepEqual(crashes, []);
    });
  },
);
