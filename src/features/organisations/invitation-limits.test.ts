// Invitations under the default limits: each one mails an address of the sender's choosing, so an
// account must be no use as a relay. The reported burst of 30 is refused after 10; an account
// sends at most 30 a day; a new or unconfirmed account 10 a day; an organisation 50 a day.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const dialect of testDialects()) {
  describe(`invitation limits at their defaults (${dialect})`, () => {
    let t: TestApp;
    let offsetMs = 0;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(Date.now() + offsetMs) } });
    });
    after(() => t.close());

    let orgs = 0;
    async function owner(email: string): Promise<{ client: TestClient; slug: string }> {
      const client = await signedInClient(t, email);
      const name = `Relay Test ${++orgs}`;
      await client.get('/organisations/new');
      await client.post('/organisations/new', {
        name,
        stakeholderGroup: 'civil_society',
        country: '',
        website: '',
        description: '',
      });
      return { client, slug: `relay-test-${orgs}` };
    }
    /** Sends `count` invitations; returns the status codes and the last response. */
    async function invite(o: { client: TestClient; slug: string }, prefix: string, count: number) {
      const codes: number[] = [];
      let last;
      for (let i = 1; i <= count; i++) {
        last = await o.client.post(`/organisations/${o.slug}/invitations`, {
          email: `${prefix}${i}@example.org`,
          role: 'member',
        });
        codes.push(last.statusCode);
      }
      return { codes, last: last! };
    }
    const sent = (codes: number[]) => codes.filter((c) => c === 303).length;
    const stored = async (prefix: string) =>
      (
        await t
          .db()
          .selectFrom('organisation_invitations')
          .select('email')
          .where('email', 'like', `${prefix}%`)
          .execute()
      ).length;

    test('when an established account sends a burst of 30, then the 11th and later get 429 with Retry-After, and are neither stored nor mailed', async () => {
      const o = await owner('burst@example.org');
      offsetMs += 2 * DAY; // the account is no longer new
      const { codes, last } = await invite(o, 'burst', 30);
      assert.equal(sent(codes), 10, codes.join(' '));
      assert.deepEqual(codes.slice(10), Array(20).fill(429));
      const seconds = Number(last.headers['retry-after']);
      assert.ok(seconds > 0 && seconds <= 3600, `Retry-After ${seconds}`);
      assert.match(last.body, /You have sent many invitations in a short time/);
      assert.equal(await stored('burst'), 10);
      assert.equal(await t.lastMailTo('burst11@example.org'), undefined);
      assert.ok(await t.lastMailTo('burst10@example.org'));
    });

    test('when an established account invites ten an hour all day, then it stops at 30 until the day has passed', async () => {
      const o = await owner('daily@example.org');
      offsetMs += 2 * DAY;
      const codes: number[] = [];
      for (let hour = 0; hour < 4; hour++) {
        codes.push(...(await invite(o, `daily${hour}x`, 10)).codes);
        offsetMs += HOUR + 1_000;
      }
      assert.equal(sent(codes), 30, codes.join(' '));
      const refused = await invite(o, 'dailylate', 1);
      assert.deepEqual(refused.codes, [429]);
      assert.ok(
        Number(refused.last.headers['retry-after']) > 3600,
        'the day window holds it, not the hour',
      );
    });

    test('when an account made today invites, then it gets 10 for the day, not 10 an hour', async () => {
      const o = await owner('fresh@example.org');
      const first = await invite(o, 'fresh', 11);
      assert.equal(sent(first.codes), 10, first.codes.join(' '));
      offsetMs += HOUR + 1_000;
      const later = await invite(o, 'freshlater', 1);
      assert.deepEqual(later.codes, [429], 'an hour later it is still held');
      assert.ok(Number(later.last.headers['retry-after']) > 3600);
    });

    test('when several owners of one organisation invite, then the organisation stops at 50 a day', async () => {
      const o = await owner('org-a@example.org');
      const org = await t
        .db()
        .selectFrom('organisations')
        .select('id')
        .where('slug', '=', o.slug)
        .executeTakeFirstOrThrow();
      const owners = [o.client];
      for (const email of ['org-b@example.org', 'org-c@example.org']) {
        const client = await signedInClient(t, email);
        const user = await t.services.accounts.findUserByEmail(email);
        await t
          .db()
          .insertInto('organisation_members')
          .values({
            organisation_id: org.id,
            user_id: user!.id,
            role: 'owner',
            created_at: new Date().toISOString(),
          })
          .execute();
        owners.push(client);
      }
      offsetMs += 2 * DAY;
      const codes: number[] = [];
      for (let hour = 0; hour < 2; hour++) {
        for (const [i, client] of owners.entries())
          codes.push(...(await invite({ client, slug: o.slug }, `org${hour}-${i}x`, 10)).codes);
        offsetMs += HOUR + 1_000;
      }
      assert.equal(sent(codes), 50, codes.join(' '));
      assert.deepEqual(
        codes.slice(50),
        Array(10).fill(429),
        'each owner has room left; the organisation has none',
      );
    });
  });
}
