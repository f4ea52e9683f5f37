import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openConversation } from '../features/deliberation/deliberation.fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';

for (const dialect of testDialects()) {
  describe(`errors answer in the format the request accepts (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when a client that accepts JSON asks for a page that does not exist, then it gets problem+json', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/no/such/page',
        headers: { accept: 'application/json' },
      });
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().code, 'not_found');
    });

    test('when a browser asks for a page that does not exist, then it gets a page', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/no/such/page',
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^text\/html/);
    });

    test('when a JSON vote fails unexpectedly, then the answer is problem+json that names no cause', async () => {
      const { slug } = await openConversation(t, {
        title: 'Failing votes',
        seeds: ['One', 'Two'],
        allowGuests: true,
      });
      const guest = t.client();
      await guest.get(`/consultations/${slug}/conversation`);
      await guest.post(`/consultations/${slug}/conversation/guest`, {
        stakeholderGroup: 'government',
        country: '',
      });
      const page = await guest.get(`/consultations/${slug}/conversation`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const statement = Number(/name="statement" value="(\d+)"/.exec(page.body)?.[1]);
      await t.db().schema.alterTable('votes').renameTo('votes_elsewhere').execute();
      const cookie = (guest as unknown as { cookieHeader(): string }).cookieHeader();
      const res = await t.app.inject({
        method: 'POST',
        url: `/consultations/${slug}/conversation/votes`,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-csrf-token': csrf,
          cookie,
        },
        payload: JSON.stringify({ statement, vote: 'agree' }),
      });
      assert.ok(res.statusCode >= 500, `a server-side failure: ${res.statusCode}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.doesNotMatch(res.body, /votes|SQL|sqlite|relation/i, 'nothing of the cause');
    });
  });
}
