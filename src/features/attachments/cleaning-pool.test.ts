// Cleaning in worker threads, through HTTP: a long document no longer stalls the instance, a
// document past the time limit is refused and its thread replaced, and uploads beyond the queue
// are answered 503 with Retry-After before anything is stored.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { DialectName } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { seedWorld, type World } from '../open-data/open-data.fixtures.ts';
import { Browser, docxWithAuthor } from './attachments.fixtures.ts';
import { docxWithBody } from './office-corpus.fixtures.ts';

const PASSWORD = 'long password 123';
const PARAGRAPH =
  '<w:p><w:r><w:t>Paragraph about connectivity for rural schools.</w:t></w:r></w:p>';
/** A DOCX whose text unpacks to `megabytes` of XML: seconds of parsing, a few zipped kilobytes. */
const longDocx = (megabytes: number) =>
  docxWithBody(PARAGRAPH.repeat(Math.floor((megabytes * 1024 * 1024) / PARAGRAPH.length)));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 60_000) throw new Error(`still waiting for ${what}`);
    await sleep(5);
  }
}

/** An app whose cleaning pool has the given limits, with a signed-in author. */
function uploadsOn(dialect: DialectName, env: Record<string, string>) {
  const setup = {} as { t: TestApp; world: World; author: Actor; browser: Browser };
  let n = 0;
  before(async () => {
    setup.t = await startTestApp(dialect, { env });
    setup.world = await seedWorld(setup.t);
    setup.author = await setup.world.actorFor('ines@example.org', 'Ines Example');
    setup.browser = new Browser(setup.t.app);
    await setup.browser.signIn('ines@example.org', PASSWORD);
  });
  after(() => setup.t.close());
  /** Attaches a file to a fresh submission; resolves with the upload's response. */
  async function attach(name: string, data: Uint8Array) {
    const { slug } = await setup.world.openConsultation('chatham_house', `Pool ${++n}`);
    const { id } = await setup.t.services.submissions.submit(setup.author, slug, {
      idempotencyKey: `pool-${n}`,
      language: 'en',
      freeText: 'See the attached file.',
      answers: [],
    });
    const response = await setup.browser.upload(`/my/submissions/${id}/attachments`, {
      name,
      data,
    });
    const stored = (await setup.t.services.attachments.ownView(setup.author, id)).attachments;
    return { response, stored };
  }
  return { setup, attach };
}

for (const dialect of testDialects()) {
  describe(`cleaning uploads off the request thread (${dialect})`, () => {
    describe('one thread', () => {
      const { setup, attach } = uploadsOn(dialect, { CLEANING_THREADS: '1' });

      test('when a long document is being cleaned, then the instance still answers other requests meanwhile', async () => {
        assert.deepEqual(
          setup.t.services.cleaning.threadIds(),
          [],
          'no thread before the first upload',
        );
        const loop = monitorEventLoopDelay({ resolution: 10 });
        loop.enable();
        const started = performance.now();
        let done = false;
        const upload = attach('long.docx', longDocx(3)).finally(() => (done = true));
        await until(
          () => setup.t.services.cleaning.threadIds().length === 1,
          'the cleaning thread',
        );
        const health = await setup.t.app.inject({ method: 'GET', url: '/healthz' });
        assert.equal(health.statusCode, 200);
        assert.equal(done, false, 'the health check answered before the document was cleaned');
        const { response, stored } = await upload;
        const uploadMs = performance.now() - started;
        loop.disable();
        assert.equal(response.statusCode, 303, response.body);
        assert.equal(stored.length, 1);
        const stalledMs = loop.max / 1e6;
        assert.ok(
          stalledMs < uploadMs / 3,
          `the event loop stalled ${Math.round(stalledMs)} ms during a ${Math.round(uploadMs)} ms upload`,
        );
      });
    });

    describe('a tight time limit', () => {
      const { setup, attach } = uploadsOn(dialect, {
        CLEANING_THREADS: '1',
        CLEANING_TIMEOUT_MS: '1500',
      });

      test('when a document takes longer than the limit, then it is refused with a translated reason and its thread is replaced', async () => {
        const quick = await attach('short.docx', docxWithAuthor('Ines Example'));
        assert.equal(quick.response.statusCode, 303, 'a short document is well within the limit');
        const [first] = setup.t.services.cleaning.threadIds();
        assert.ok(first !== undefined);

        const slow = await attach('long.docx', longDocx(7));
        assert.equal(slow.response.statusCode, 422);
        assert.match(slow.response.body, /took too long, so it was not attached/);
        assert.deepEqual(slow.stored, [], 'nothing is stored');
        assert.ok(
          !setup.t.services.cleaning.threadIds().includes(first),
          'the busy thread was stopped',
        );

        await setup.browser.get('/search?lang=fr');
        const french = await attach('long.docx', longDocx(7));
        await setup.browser.get('/search?lang=en');
        assert.equal(french.response.statusCode, 422);
        assert.match(french.response.body, /a pris trop de temps/);

        const again = await attach('short.docx', docxWithAuthor('Ines Example'));
        assert.equal(again.response.statusCode, 303, 'a new thread cleans the next document');
        assert.equal(setup.t.services.cleaning.threadIds().length, 1);
      });
    });

    describe('a small heap per thread', () => {
      const { attach } = uploadsOn(dialect, {
        CLEANING_THREADS: '1',
        CLEANING_MEMORY_MB: '96',
        CLEANING_TIMEOUT_MS: '60000',
      });

      test('when a document needs more memory than a thread may use, then it is refused with a translated reason, the server stays up and a new thread cleans the next one', async () => {
        const quick = await attach('short.docx', docxWithAuthor('Ines Example'));
        assert.equal(quick.response.statusCode, 303, 'a short document fits in the heap');

        const heavy = await attach('long.docx', longDocx(7));
        assert.equal(heavy.response.statusCode, 422);
        assert.match(heavy.response.body, /needed more memory than this server allows/);
        assert.deepEqual(heavy.stored, [], 'nothing is stored');

        const again = await attach('short.docx', docxWithAuthor('Ines Example'));
        assert.equal(again.response.statusCode, 303, 'a new thread cleans the next document');
      });
    });

    describe('a queue of one', () => {
      const { setup, attach } = uploadsOn(dialect, { CLEANING_THREADS: '1', CLEANING_QUEUE: '1' });

      test('when every thread is busy and the queue is full, then an upload is answered 503 with Retry-After and nothing is stored', async () => {
        const cleaning = attach('long.docx', longDocx(3));
        await until(() => setup.t.services.cleaning.inFlight() === 1, 'the first document');
        const waiting = attach('long.docx', longDocx(3));
        await until(() => setup.t.services.cleaning.inFlight() === 2, 'the second document');

        const refused = await attach('short.docx', docxWithAuthor('Ines Example'));
        assert.equal(refused.response.statusCode, 503);
        assert.ok(Number(refused.response.headers['retry-after']) >= 5);
        assert.match(refused.response.body, /Many files are being checked right now/);
        assert.deepEqual(refused.stored, []);
        assert.equal(setup.t.services.cleaning.inFlight(), 2, 'the refused upload took no place');

        for (const { response } of await Promise.all([cleaning, waiting]))
          assert.equal(response.statusCode, 303, 'the accepted uploads are cleaned in turn');
        const later = await attach('short.docx', docxWithAuthor('Ines Example'));
        assert.equal(later.response.statusCode, 303);
      });
    });
  });
}
