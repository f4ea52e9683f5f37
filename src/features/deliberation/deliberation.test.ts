import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { RECOMPUTE_DEBOUNCE_MS } from './deliberation.service.ts';
import { movableClock, openConversation } from './deliberation.fixtures.ts';

const SEEDS = [
  'Public access points should be free.',
  'Community networks need spectrum.',
  'Platforms must publish transparency reports.',
];

function statementOnPage(body: string): number {
  const match = /name="statement" value="(\d+)"/.exec(body);
  if (!match) throw new Error('no statement on the page');
  return Number(match[1]);
}

async function jsonVote(
  client: TestClient,
  slug: string,
  csrf: string,
  statement: number,
  vote: string,
) {
  const cookie = (client as unknown as { cookieHeader(): string }).cookieHeader();
  return (client as unknown as { app: TestApp['app'] }).app.inject({
    method: 'POST',
    url: `/consultations/${slug}/conversation/votes`,
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie },
    payload: JSON.stringify({ statement, vote }),
  });
}

function csrfOf(body: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
}

for (const dialect of testDialects()) {
  describe(`deliberation over HTTP (${dialect})`, () => {
    let t: TestApp;
    const clock = movableClock();
    before(async () => {
      t = await startTestApp(dialect, { clock });
    });
    after(() => t.close());

    test('when a participant votes with the plain form, then the vote is kept and the next statement shows', async () => {
      const { slug } = await openConversation(t, { title: 'Form voting', seeds: SEEDS });
      const alice = await signedInClient(
        t,
        'alice.form@example.org',
        'alice password 1',
        'Alice Form',
      );
      const page = await alice.get(`/consultations/${slug}/conversation`);
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /<form method="post" action="\/consultations\/[^"]+\/conversation\/votes"/,
      );
      const first = statementOnPage(page.body);
      const voted = await alice.post(`/consultations/${slug}/conversation/votes`, {
        statement: String(first),
        vote: 'agree',
      });
      assert.equal(voted.statusCode, 303);
      const next = await alice.get(`/consultations/${slug}/conversation`);
      assert.match(next.body, /Vote recorded/);
      assert.notEqual(statementOnPage(next.body), first, 'a voted statement is not shown again');
      await alice.post(`/consultations/${slug}/conversation/votes`, {
        statement: String(first),
        vote: 'disagree',
      });
      const rows = await t.db().selectFrom('votes').select(['vote']).execute();
      assert.deepEqual(
        rows.map((r) => Number(r.vote)),
        [-1],
        'a changed vote replaces the earlier one',
      );
      for (let i = 0; i < SEEDS.length; i++) {
        const current = await alice.get(`/consultations/${slug}/conversation`);
        if (!/name="statement"/.test(current.body)) break;
        await alice.post(`/consultations/${slug}/conversation/votes`, {
          statement: String(statementOnPage(current.body)),
          vote: 'pass',
        });
      }
      assert.match(
        (await alice.get(`/consultations/${slug}/conversation`)).body,
        /You have voted on every statement/,
      );
    });

    test('when vote.js posts JSON with the CSRF header, then the next statement comes back without a page', async () => {
      const { slug } = await openConversation(t, { title: 'JSON voting', seeds: SEEDS });
      const bob = await signedInClient(t, 'bob.json@example.org', 'bob password 12', 'Bob Json');
      const page = await bob.get(`/consultations/${slug}/conversation`);
      const response = await jsonVote(
        bob,
        slug,
        csrfOf(page.body),
        statementOnPage(page.body),
        'agree',
      );
      assert.equal(response.statusCode, 200);
      const json = response.json() as {
        recorded: boolean;
        next: { number: number; body: string } | null;
      };
      assert.equal(json.recorded, true);
      assert.ok(json.next && SEEDS.includes(json.next.body));
      const invalid = await jsonVote(bob, slug, csrfOf(page.body), 999, 'agree');
      assert.equal(invalid.statusCode, 404);
      assert.match(String(invalid.headers['content-type']), /problem\+json/);
      assert.equal((await jsonVote(bob, slug, csrfOf(page.body), 1, 'maybe')).statusCode, 422);
      assert.equal(
        (await jsonVote(bob, slug, 'forged', 1, 'agree')).statusCode,
        403,
        'no vote without the CSRF token',
      );
    });

    test('when guests are allowed, then a visitor joins with a declared group and votes; otherwise they are asked to sign in', async () => {
      const { slug } = await openConversation(t, {
        title: 'Guests welcome',
        seeds: SEEDS,
        allowGuests: true,
      });
      const guest = t.client();
      const page = await guest.get(`/consultations/${slug}/conversation`);
      assert.match(page.body, /Take part as a guest/);
      assert.equal(
        (
          await guest.post(`/consultations/${slug}/conversation/votes`, {
            statement: '0',
            vote: 'agree',
          })
        ).statusCode,
        303,
        'a vote before joining goes back to the guest form',
      );
      assert.equal(
        (
          await guest.post(`/consultations/${slug}/conversation/guest`, {
            stakeholderGroup: 'astronauts',
            country: '',
          })
        ).statusCode,
        422,
      );
      assert.equal(
        (
          await guest.post(`/consultations/${slug}/conversation/guest`, {
            stakeholderGroup: 'civil_society',
            country: 'KE',
          })
        ).statusCode,
        303,
      );
      assert.ok(guest.hasCookie('guest'));
      const voting = await guest.get(`/consultations/${slug}/conversation`);
      assert.equal(
        (
          await guest.post(`/consultations/${slug}/conversation/votes`, {
            statement: String(statementOnPage(voting.body)),
            vote: 'agree',
          })
        ).statusCode,
        303,
      );
      const participant = await t
        .db()
        .selectFrom('conversation_participants')
        .select(['stakeholder_group', 'country', 'user_id', 'guest_key_hash'])
        .where('guest_key_hash', 'is not', null)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [participant.stakeholder_group, participant.country, participant.user_id],
        ['civil_society', 'KE', null],
      );

      const closed = await openConversation(t, { title: 'Members only', seeds: SEEDS });
      const visitor = t.client();
      assert.match(
        (await visitor.get(`/consultations/${closed.slug}/conversation`)).body,
        /Sign in to vote/,
      );
      const refused = await visitor.post(`/consultations/${closed.slug}/conversation/votes`, {
        statement: '0',
        vote: 'agree',
      });
      assert.equal(refused.statusCode, 303);
      assert.match(String(refused.headers.location), /^\/account\/sign-in/);
      assert.equal(
        (await visitor.post(`/consultations/${closed.slug}/conversation/guest`, {})).statusCode,
        403,
      );
    });

    test('when the consultation is by invitation, then guests cannot join and only invited people vote', async () => {
      const { slug } = await openConversation(t, {
        title: 'By invitation',
        seeds: SEEDS,
        allowGuests: true,
        eligibility: 'invited',
        invite: ['ivy.invited@example.org'],
      });
      const visitor = t.client();
      const page = await visitor.get(`/consultations/${slug}/conversation`);
      assert.doesNotMatch(page.body, /Take part as a guest/);
      assert.match(page.body, /Sign in to vote/);
      assert.equal(
        (await visitor.post(`/consultations/${slug}/conversation/guest`, {})).statusCode,
        403,
      );

      const outsider = await signedInClient(
        t,
        'oscar.outsider@example.org',
        'oscar password 1',
        'Oscar Outsider',
      );
      const outsiderPage = await outsider.get(`/consultations/${slug}/conversation`);
      assert.match(outsiderPage.body, /Only people who may take part/);
      assert.doesNotMatch(outsiderPage.body, /name="statement"/);
      const refused = await jsonVote(outsider, slug, csrfOf(outsiderPage.body), 0, 'agree');
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, 'not_eligible');
      assert.equal(
        (
          await outsider.post(`/consultations/${slug}/conversation/statements`, {
            body: 'Outsiders should not write here.',
          })
        ).statusCode,
        403,
      );

      const ivy = await signedInClient(t, 'ivy.invited@example.org', 'ivy password 12', 'Ivy');
      const ivyPage = await ivy.get(`/consultations/${slug}/conversation`);
      const voted = await jsonVote(
        ivy,
        slug,
        csrfOf(ivyPage.body),
        statementOnPage(ivyPage.body),
        'agree',
      );
      assert.equal(voted.statusCode, 200);
      const participants = await t
        .db()
        .selectFrom('conversation_participants')
        .innerJoin('conversations', 'conversations.id', 'conversation_participants.conversation_id')
        .innerJoin('consultations', 'consultations.id', 'conversations.consultation_id')
        .select('conversation_participants.user_id')
        .where('consultations.slug', '=', slug)
        .execute();
      assert.equal(participants.length, 1, 'only the invited person joined');
    });

    test('when the facilitator rejects a statement, then a vote on it is refused at once', async () => {
      const { slug, secretariat } = await openConversation(t, {
        title: 'Rejected at once',
        seeds: SEEDS,
      });
      const frank = await signedInClient(
        t,
        'frank.reject@example.org',
        'frank password 1',
        'Frank',
      );
      const page = await frank.get(`/consultations/${slug}/conversation`);
      const first = await jsonVote(frank, slug, csrfOf(page.body), 0, 'agree');
      assert.equal(first.statusCode, 200);
      await t.services.deliberation.facilitation.moderate(secretariat, slug, 1, 'reject');
      const refused = await jsonVote(frank, slug, csrfOf(page.body), 1, 'agree');
      assert.equal(refused.statusCode, 404);
      const next = first.json().next as { number: number } | null;
      assert.notEqual(next?.number, 0, 'the statement just voted on is not offered again');
    });

    test('when moderation is before, then a written statement waits for acceptance; when after, it shows until rejected', async () => {
      const before = await openConversation(t, { title: 'Moderated before', moderation: 'before' });
      const carol = await signedInClient(
        t,
        'carol.mod@example.org',
        'carol password 1',
        'Carol Mod',
      );
      await carol.get(`/consultations/${before.slug}/conversation`);
      assert.equal(
        (
          await carol.post(`/consultations/${before.slug}/conversation/statements`, {
            body: 'x'.repeat(281),
          })
        ).statusCode,
        422,
      );
      assert.equal(
        (
          await carol.post(`/consultations/${before.slug}/conversation/statements`, {
            body: 'Libraries should lend laptops.',
          })
        ).statusCode,
        303,
      );
      const dave = await signedInClient(t, 'dave.mod@example.org', 'dave password 12', 'Dave Mod');
      assert.doesNotMatch(
        (await dave.get(`/consultations/${before.slug}/conversation`)).body,
        /Libraries should lend laptops/,
      );
      await t.services.deliberation.facilitation.moderate(
        before.secretariat,
        before.slug,
        0,
        'accept',
      );
      assert.match(
        (await dave.get(`/consultations/${before.slug}/conversation`)).body,
        /Libraries should lend laptops/,
      );

      const afterwards = await openConversation(t, {
        title: 'Moderated after',
        moderation: 'after',
      });
      await carol.get(`/consultations/${afterwards.slug}/conversation`);
      await carol.post(`/consultations/${afterwards.slug}/conversation/statements`, {
        body: 'Schools need fibre.',
      });
      assert.match(
        (await dave.get(`/consultations/${afterwards.slug}/conversation`)).body,
        /Schools need fibre/,
      );
      await t.services.deliberation.facilitation.moderate(
        afterwards.secretariat,
        afterwards.slug,
        0,
        'reject',
      );
      assert.doesNotMatch(
        (await dave.get(`/consultations/${afterwards.slug}/conversation`)).body,
        /Schools need fibre/,
      );
    });

    test('when the consultation is not open, then votes are refused and the results stay readable', async () => {
      const { slug } = await openConversation(t, {
        title: 'Not yet open',
        seeds: SEEDS,
        open: false,
      });
      const erin = await signedInClient(
        t,
        'erin.closed@example.org',
        'erin password 1',
        'Erin Closed',
      );
      assert.match(
        (await erin.get(`/consultations/${slug}/conversation`)).body,
        /not open for votes/,
      );
      assert.equal(
        (
          await erin.post(`/consultations/${slug}/conversation/votes`, {
            statement: '0',
            vote: 'agree',
          })
        ).statusCode,
        409,
      );
      assert.equal((await erin.get(`/consultations/${slug}/conversation/results`)).statusCode, 200);
    });

    test('when a vote comes after the debounce window by the app clock, then another recomputation is queued', async () => {
      const { slug, conversationId } = await openConversation(t, {
        title: 'Debounce by the clock',
        seeds: SEEDS,
        allowGuests: true,
      });
      const guest = t.client();
      await guest.get(`/consultations/${slug}/conversation`);
      await guest.post(`/consultations/${slug}/conversation/guest`, {
        stakeholderGroup: 'government',
        country: '',
      });
      const queued = async () =>
        (
          await t
            .db()
            .selectFrom('jobs')
            .select(['id'])
            .where('unique_key', '=', `deliberation.opinion-map:${conversationId}`)
            .where('status', '=', 'queued')
            .execute()
        ).length;
      // A vote's commit (and the request for a map) may land just after the response.
      const settled = async (expected: number) => {
        for (let i = 0; i < 50 && (await queued()) !== expected; i++)
          await new Promise((resolve) => setTimeout(resolve, 20));
        return queued();
      };
      await guest.post(`/consultations/${slug}/conversation/votes`, {
        statement: '0',
        vote: 'agree',
      });
      assert.equal(await settled(1), 1, 'the first vote asks for a map');
      clock.advance(RECOMPUTE_DEBOUNCE_MS + 1);
      await t.worker.drain();
      assert.equal(await queued(), 0, 'the map is computed');
      await guest.post(`/consultations/${slug}/conversation/votes`, {
        statement: '1',
        vote: 'agree',
      });
      assert.equal(await settled(1), 1, 'the window is measured on the clock the app was given');
    });

    test('when votes arrive, then the map is recomputed in the background, debounced, and the cached map is shown', async () => {
      const { slug, conversationId } = await openConversation(t, {
        title: 'Map job',
        seeds: ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2'],
        allowGuests: true,
      });
      for (let p = 0; p < 12; p++) {
        const guest = t.client();
        await guest.get(`/consultations/${slug}/conversation`);
        await guest.post(`/consultations/${slug}/conversation/guest`, {
          stakeholderGroup: p % 2 ? 'government' : 'civil_society',
          country: '',
        });
        for (let s = 0; s < 8; s++)
          await guest.post(`/consultations/${slug}/conversation/votes`, {
            statement: String(s),
            vote: s < 3 === p < 6 ? 'agree' : 'disagree',
          });
      }
      const jobs = await t
        .db()
        .selectFrom('jobs')
        .select(['id'])
        .where('unique_key', '=', `deliberation.opinion-map:${conversationId}`)
        .execute();
      assert.equal(jobs.length, 1, '96 votes, one queued recomputation');
      await t.worker.drain();
      assert.equal(
        (await t.services.jobs.get(jobs[0]?.id ?? ''))?.status,
        'queued',
        'the job waits for the debounce window',
      );
      const pending = await t.client().get(`/consultations/${slug}/conversation/results`);
      assert.match(pending.body, /not been computed yet/);
      clock.advance(RECOMPUTE_DEBOUNCE_MS + 1);
      assert.ok((await t.worker.drain()) >= 1);
      const results = await t.client().get(`/consultations/${slug}/conversation/results`);
      assert.equal(results.statusCode, 200);
      assert.match(results.body, /<svg class="opinion-map"[^>]*role="img"/);
      assert.match(results.body, /<title id="map-title">/);
      assert.match(results.body, /Group A/);
      assert.match(results.body, /12 participants and 96 votes/);
      assert.match(results.body, /Agreement by stakeholder group/);
      const ids = await t.db().selectFrom('conversation_participants').select(['id']).execute();
      for (const { id } of ids)
        assert.ok(!results.body.includes(id), 'no participant id on the public page');
      assert.doesNotMatch(results.body, /style="/);
    });
  });
}
