// Abuse limits through HTTP, on every database: past a limit a write is refused with 429,
// Retry-After and a translated page (problem+json on the API) before anything of it is written,
// the count holds across app instances, and a client's share of live streams leaves room for others.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  person,
  seedConsultation,
  seedProcess,
  grant,
  type Person,
} from '../testing/api-fixtures.ts';
import { signedInClient, startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';
import { openConversation } from '../features/deliberation/deliberation.fixtures.ts';
import { Browser, pdfWithAuthor } from '../features/attachments/attachments.fixtures.ts';
import { seedWorld, type World } from '../features/open-data/open-data.fixtures.ts';

const LIMITS = {
  TRUST_PROXY: 'true',
  LIMIT_STATEMENTS_PER_ACCOUNT: '3/10m',
  LIMIT_SUBMISSIONS_PER_ACCOUNT: '3/1h',
  LIMIT_COSIGNATURE_REQUESTS_PER_ACCOUNT: '2/1h',
  LIMIT_SEARCH_PER_CLIENT: '3/1m',
  LIMIT_UPLOADS_PER_ACCOUNT: '3/1h',
  // Room for one 1.5 kB test PDF per submission, not two.
  UPLOAD_BYTES_PER_SUBMISSION: '1KB',
  LIVE_RESULTS_STREAMS_PER_CLIENT: '2',
};

const retryAfter = (headers: Record<string, unknown>) => Number(headers['retry-after']);

for (const dialect of testDialects()) {
  describe(`abuse limits (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    before(async () => {
      t = await startTestApp(dialect, { env: LIMITS });
      world = await seedWorld(t);
    });
    after(() => t.close());

    test('when a participant writes statements past the limit, then the page is translated and no statement is added', async () => {
      const { slug, conversationId } = await openConversation(t, {
        title: 'Busy conversation',
        seeds: ['A first seed statement.'],
      });
      const writer = await signedInClient(t, 'writer@example.org');
      await writer.get(`/consultations/${slug}/conversation`);
      const count = async () =>
        Number(
          (
            await t
              .db()
              .selectFrom('statements')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('conversation_id', '=', conversationId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      for (let i = 1; i <= 3; i++)
        assert.equal(
          (
            await writer.post(`/consultations/${slug}/conversation/statements`, {
              body: `Statement number ${i} from one writer.`,
            })
          ).statusCode,
          303,
        );
      const before = await count();
      const refused = await writer.post(`/consultations/${slug}/conversation/statements?lang=fr`, {
        body: 'One statement too many.',
      });
      assert.equal(refused.statusCode, 429);
      assert.ok(retryAfter(refused.headers) > 0);
      assert.match(refused.body, /Trop de requêtes/);
      assert.match(refused.body, /Vous avez rédigé de nombreuses affirmations/);
      assert.match(refused.body, /rien n’en a été enregistré/);
      assert.equal(await count(), before);
      const ar = await writer.post(`/consultations/${slug}/conversation/statements?lang=ar`, {
        body: 'Still too many.',
      });
      assert.match(ar.body, /طلبات كثيرة جدًا/);
    });

    describe('through the API', () => {
      let author: Person;
      let slug: string;
      before(async () => {
        const admin = await person(t, 'api-admin@example.org');
        await grant(t, admin, 'instance_admin');
        const secretariat = await person(t, 'api-sec@example.org');
        const process = await seedProcess(t, admin, secretariat, 'Limits over the API');
        slug = (await seedConsultation(t, secretariat, process.slug, 'API call')).slug;
        author = await person(t, 'api-author@example.org');
      });

      test('when an account creates submissions past the limit, then 429 problem+json with Retry-After, and no fourth submission', async () => {
        for (let i = 1; i <= 3; i++) {
          const created = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
            token: author.token,
            body: {
              idempotencyKey: `limit-${i}`,
              language: 'en',
              submit: false,
              freeText: `Text ${i}`,
            },
          });
          assert.equal(created.status, 201, JSON.stringify(created.json));
        }
        const refused = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
          token: author.token,
          body: { idempotencyKey: 'limit-4', language: 'en', submit: false, freeText: 'Text 4' },
        });
        assert.equal(refused.status, 429);
        assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
        assert.equal(refused.json.code, 'rate_limited');
        assert.equal(refused.json.limit, 'submissions');
        assert.equal(refused.json.retryAfter, retryAfter(refused.headers));
        assert.ok(refused.json.retryAfter > 3500 && refused.json.retryAfter <= 3600);
        const rows = await t
          .db()
          .selectFrom('submissions')
          .select('id')
          .where('author_id', '=', author.id)
          .execute();
        assert.equal(rows.length, 3);
      });

      test('when an author asks organisations to co-sign past the limit, then the third request is refused and nobody is asked', async () => {
        const org = {
          stakeholderGroup: 'civil_society',
          country: null,
          website: null,
          description: '',
        };
        const writer = await person(t, 'cosign-writer@example.org');
        const own = await t.services.organisations.createOrganisation(writer.actor, {
          ...org,
          name: 'Writers Bloc',
        });
        const partners = [];
        for (const name of ['Partner One', 'Partner Two', 'Partner Three']) {
          const member = await person(t, `${name.replace(' ', '-').toLowerCase()}@example.org`);
          partners.push(
            await t.services.organisations.createOrganisation(member.actor, { ...org, name }),
          );
        }
        const s = await t.services.submissions.submit(writer.actor, slug, {
          idempotencyKey: 'cosign-limit',
          language: 'en',
          freeText: 'Co-sign me.',
          answers: [],
          organisationSlug: own.slug,
        });
        const ask = (organisation: string) =>
          api(t, 'POST', `/api/v1/submissions/${s.id}/cosignatories`, {
            token: writer.token,
            body: { organisation },
          });
        assert.equal((await ask(partners[0]?.slug ?? '')).status, 200);
        assert.equal((await ask(partners[1]?.slug ?? '')).status, 200);
        const refused = await ask(partners[2]?.slug ?? '');
        assert.equal(refused.status, 429);
        assert.equal(refused.json.limit, 'cosignature-requests');
        const asked = await t
          .db()
          .selectFrom('cosignatures')
          .select('organisation_id')
          .where('submission_id', '=', s.id)
          .execute();
        assert.equal(asked.length, 2);
        assert.equal(await t.lastMailTo('partner-three@example.org'), undefined);
      });
    });

    test('when one client searches past the limit, then it waits, while another client and the empty search page are not held back', async () => {
      const visitor = t.client();
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 1; i <= 3; i++)
        assert.equal(
          (await visitor.get(`/search?q=water${i}`, from('203.0.113.7'))).statusCode,
          200,
        );
      const refused = await visitor.get('/search?q=water4', from('203.0.113.7'));
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /You have made many searches in a short time/);
      assert.ok(retryAfter(refused.headers) > 0 && retryAfter(refused.headers) <= 60);
      assert.equal(
        (await visitor.get('/search', from('203.0.113.7'))).statusCode,
        200,
        'the empty search page',
      );
      assert.equal(
        (await visitor.get('/search?q=water', from('198.51.100.2'))).statusCode,
        200,
        'another client',
      );
    });

    describe('uploads', () => {
      let pdf: Uint8Array;
      before(async () => {
        pdf = await pdfWithAuthor('Zelda Quirinus');
      });
      async function uploader(email: string) {
        const actor = await world.actorFor(email, 'Uploading Person');
        const browser = new Browser(t.app);
        await browser.signIn(email, 'long password 123');
        const draft = async (n: number) => {
          const { slug } = await world.openConsultation('attributed', `Uploads ${email} ${n}`);
          return (
            await t.services.submissions.submit(actor, slug, {
              idempotencyKey: `${email}-${n}`,
              language: 'en',
              freeText: 'See the file.',
              answers: [],
            })
          ).id;
        };
        const upload = (id: string) =>
          browser.upload(`/my/submissions/${id}/attachments`, { name: 'notes.pdf', data: pdf });
        const files = async (id: string) =>
          (
            await t
              .db()
              .selectFrom('submission_attachments')
              .select('id')
              .where('submission_id', '=', id)
              .execute()
          ).length;
        return { draft, upload, files };
      }

      test('when a submission’s files would exceed its total size, then the file is refused with a translated message and not kept', async () => {
        const u = await uploader('bytes-per-submission@example.org');
        const id = await u.draft(1);
        assert.equal((await u.upload(id)).statusCode, 303);
        const refused = await u.upload(id);
        assert.equal(refused.statusCode, 422);
        assert.match(refused.body, /the files of one submission cannot be that large/);
        assert.equal(await u.files(id), 1);
      });

      test('when an account uploads more files than the limit allows, then the next upload gets 429 and nothing is stored', async () => {
        const u = await uploader('many-uploads@example.org');
        const ids = [await u.draft(1), await u.draft(2), await u.draft(3), await u.draft(4)];
        for (const id of ids.slice(0, 3)) assert.equal((await u.upload(id)).statusCode, 303);
        const refused = await u.upload(ids[3] ?? '');
        assert.equal(refused.statusCode, 429);
        assert.match(refused.body, /You have uploaded many files in a short time/);
        assert.equal(await u.files(ids[3] ?? ''), 0);
      });
    });

    test('when one client holds its share of live streams, then its next stream gets 429 and another client still gets one', async () => {
      const { slug } = await openConversation(t, {
        title: 'Live event',
        seeds: ['Seed statement for the live page.'],
      });
      const url = `/consultations/${slug}/conversation/results/events`;
      const held: AbortController[] = [];
      const open = async (ip: string) => {
        const controller = new AbortController();
        held.push(controller);
        const response = await t.app.inject({
          method: 'GET',
          url,
          headers: { 'x-forwarded-for': ip },
          payloadAsStream: true,
          signal: controller.signal,
        });
        response
          .stream()
          .on('error', () => undefined)
          .resume();
        return response;
      };
      try {
        assert.equal((await open('203.0.113.9')).statusCode, 200);
        assert.equal((await open('203.0.113.9')).statusCode, 200);
        const refused = await open('203.0.113.9');
        assert.equal(refused.statusCode, 429);
        assert.ok(retryAfter(refused.headers) > 0);
        assert.equal((await open('198.51.100.4')).statusCode, 200, 'another client');
      } finally {
        for (const c of held) c.abort();
      }
      // Released when the streams end: the first client may follow again.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const again = await open('203.0.113.9');
      assert.equal(again.statusCode, 200);
      held.at(-1)?.abort();
    });
  });

  describe(`an upload budget per account and day (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { env: { LIMIT_UPLOAD_BYTES_PER_ACCOUNT: '5KB/1d' } });
    });
    after(() => t.close());

    test('when an account has uploaded its daily bytes, then the next file gets 429 with a day-long Retry-After and is not kept', async () => {
      const world = await seedWorld(t);
      const actor = await world.actorFor('budget@example.org', 'Budget Person');
      const browser = new Browser(t.app);
      await browser.signIn('budget@example.org', 'long password 123');
      const pdf = await pdfWithAuthor('Budget Person');
      const { slug } = await world.openConsultation('attributed', 'Budget');
      const id = (
        await t.services.submissions.submit(actor, slug, {
          idempotencyKey: 'budget',
          language: 'en',
          freeText: 'Files.',
          answers: [],
        })
      ).id;
      const upload = () =>
        browser.upload(`/my/submissions/${id}/attachments`, { name: 'notes.pdf', data: pdf });
      assert.equal((await upload()).statusCode, 303);
      assert.equal((await upload()).statusCode, 303);
      const refused = await upload();
      assert.equal(refused.statusCode, 429);
      assert.ok(retryAfter(refused.headers) > 86_000 && retryAfter(refused.headers) <= 86_400);
      assert.match(refused.body, /as much data as one account may in a day/);
      const kept = await t
        .db()
        .selectFrom('submission_attachments')
        .select('id')
        .where('submission_id', '=', id)
        .execute();
      assert.equal(kept.length, 2);
    });
  });

  describe(`a limit shared by two app instances (${dialect})`, () => {
    let a: TestApp;
    let b: TestApp;
    before(async () => {
      a = await startTestApp(dialect, { env: LIMITS });
      b = await startTestApp(dialect, { env: LIMITS, sharing: a });
    });
    after(async () => {
      await b.close();
      await a.close();
    });

    test('when a client alternates its searches between instances, then the total is limited, and only keyed hashes are stored', async () => {
      const headers = { 'x-forwarded-for': '192.0.2.33' };
      const codes: number[] = [];
      for (const instance of [a, b, a, b, a])
        codes.push((await instance.client().get('/search?q=shared', headers)).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 429, 429]);
      for (const { key } of await a.db().selectFrom('rate_limit_windows').select('key').execute()) {
        assert.match(key, /^[\w-]{43}$/);
        assert.doesNotMatch(key, /192\.0\.2\.33|search/);
      }
    });
  });
}
