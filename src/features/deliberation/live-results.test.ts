import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { RECOMPUTE_DEBOUNCE_MS } from './deliberation.service.ts';
import { movableClock, openConversation } from './deliberation.fixtures.ts';
import { mapEvents } from './map-events.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('map events (one poller per conversation per instance)', () => {
  test('subscribers share one poller, hear the current version then newer ones, and the last to leave stops it', async () => {
    const versions = new Map([['c1', 3]]);
    let reads = 0;
    const events = mapEvents({
      mapVersion: async (id) => {
        reads++;
        return versions.get(id);
      },
      pollMs: 20,
    });
    const heardA: number[] = [];
    const heardB: number[] = [];
    const leaveA = events.subscribe('c1', (v) => heardA.push(v));
    await sleep(30);
    const leaveB = events.subscribe('c1', (v) => heardB.push(v));
    assert.deepEqual(events.stats(), { conversations: 1, streams: 2 });
    versions.set('c1', 5);
    await sleep(60);
    assert.deepEqual(heardA, [3, 5], 'the current version, then the newer one, once each');
    assert.deepEqual(heardB, [3, 5], 'a later subscriber is told the current version at once');
    const readsWhileTwo = reads;
    assert.ok(readsWhileTwo <= 6, `one read per tick, not per subscriber (${readsWhileTwo})`);
    leaveA?.();
    leaveA?.();
    assert.deepEqual(events.stats(), { conversations: 1, streams: 1 }, 'leaving twice counts once');
    leaveB?.();
    assert.deepEqual(events.stats(), { conversations: 0, streams: 0 });
    const readsAtEnd = reads;
    await sleep(60);
    assert.equal(reads, readsAtEnd, 'no reads once nobody listens');
  });

  test('beyond the cap a subscription is refused until a stream ends', () => {
    const events = mapEvents({ mapVersion: async () => undefined, maxStreams: 2, pollMs: 1000 });
    const a = events.subscribe('c1', () => undefined);
    const b = events.subscribe('c2', () => undefined);
    assert.ok(a && b);
    assert.equal(events.full(), true);
    assert.equal(
      events.subscribe('c3', () => undefined),
      null,
    );
    a();
    assert.equal(events.full(), false);
    const c = events.subscribe('c3', () => undefined);
    assert.ok(c);
    b();
    c();
  });
});

/** Reads a server-sent events stream as text, a chunk at a time. */
class Stream {
  text = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    if (!response.body) throw new Error('no body');
    this.reader = response.body.getReader();
  }
  /** Reads until `pattern` matches the text so far, or fails after `ms`. */
  async until(pattern: RegExp, ms = 8_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const match = pattern.exec(this.text);
      if (match) return match;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${pattern} in ${JSON.stringify(this.text)}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left))),
      ]);
      clearTimeout(timer);
      if (chunk?.done) throw new Error(`the stream ended: ${JSON.stringify(this.text)}`);
      if (chunk) this.text += this.decoder.decode(chunk.value, { stream: true });
    }
  }
  close(): void {
    this.controller.abort();
  }
}

for (const dialect of testDialects()) {
  describe(`live results over HTTP (${dialect})`, () => {
    let t: TestApp;
    let origin = '';
    const clock = movableClock();
    before(async () => {
      t = await startTestApp(dialect, { clock, env: { LIVE_RESULTS_STREAMS: '1' } });
      origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    async function connect(path: string): Promise<Stream> {
      const controller = new AbortController();
      const response = await fetch(`${origin}${path}`, {
        headers: { accept: 'text/event-stream' },
        signal: controller.signal,
      });
      return new Stream(response, controller);
    }

    async function guestVotes(slug: string, group: string, votes: string[]): Promise<void> {
      const guest = t.client();
      await guest.get(`/consultations/${slug}/conversation`);
      await guest.post(`/consultations/${slug}/conversation/guest`, {
        stakeholderGroup: group,
        country: '',
      });
      for (const [statement, vote] of votes.entries())
        await guest.post(`/consultations/${slug}/conversation/votes`, {
          statement: String(statement),
          vote,
        });
    }

    test('when a newer map is cached, then the open stream says so with its version and nothing else', async () => {
      const { slug, conversationId } = await openConversation(t, {
        title: 'Live map',
        seeds: ['L1', 'L2', 'L3'],
        allowGuests: true,
      });
      const events = `/consultations/${slug}/conversation/results/events`;
      await guestVotes(slug, 'government', ['agree', 'disagree', 'agree']);
      clock.advance(RECOMPUTE_DEBOUNCE_MS + 1);
      assert.ok((await t.worker.drain()) >= 1, 'the first map is computed');

      const page = await t.client().get(`/consultations/${slug}/conversation/results`);
      const shown = Number(/id="results-content" data-version="(\d+)"/.exec(page.body)?.[1]);
      assert.ok(shown > 0, 'the page says which map version it shows');
      assert.match(page.body, /<script src="\/assets\/[0-9a-f]+\/results\.js" defer>/);
      assert.match(
        page.body,
        /data-events="\/consultations\/[^"]+\/conversation\/results\/events"/,
      );

      const stream = await connect(events);
      try {
        assert.equal(stream.response.status, 200);
        assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
        assert.match(stream.response.headers.get('cache-control') ?? '', /no-store/);
        assert.match(stream.response.headers.get('content-security-policy') ?? '', /default-src/);
        await stream.until(/^retry: \d+$/m);
        const first = await stream.until(/^data: \{"version":(\d+)\}$/m);
        assert.equal(Number(first[1]), shown, 'the current version first');

        // Another guest votes; the background job caches a newer map; the stream hears of it.
        await guestVotes(slug, 'civil_society', ['disagree', 'agree', 'agree']);
        await t.client().get(`/consultations/${slug}/conversation/results`);
        clock.advance(RECOMPUTE_DEBOUNCE_MS + 1);
        assert.ok((await t.worker.drain()) >= 1, 'the map is recomputed');
        await stream.until(/"version":\d+\}\n\n[\s\S]*"version":\d+\}\n\n/);
        const versions = [...stream.text.matchAll(/"version":(\d+)/g)].map((m) => Number(m[1]));
        assert.equal(versions.length, 2, 'one event per cached map');
        assert.ok((versions[1] ?? 0) > shown, 'the newer version');
        assert.equal(
          (await t.client().get(`/consultations/${slug}/conversation/results`)).body.includes(
            `data-version="${versions[1]}"`,
          ),
          true,
          'the page now shows that version',
        );

        // Nothing identifying: only the version, ids, event names, the retry hint and comments.
        for (const line of stream.text.split('\n'))
          assert.match(
            line,
            /^(|retry: \d+|id: \d+|event: map|data: \{"version":\d+\}|: heartbeat)$/,
          );
        const participants = await t
          .db()
          .selectFrom('conversation_participants')
          .select(['id', 'guest_key_hash'])
          .where('conversation_id', '=', conversationId)
          .execute();
        assert.equal(participants.length, 2);
        for (const p of participants) {
          assert.ok(!stream.text.includes(p.id));
          if (p.guest_key_hash) assert.ok(!stream.text.includes(p.guest_key_hash));
        }
      } finally {
        stream.close();
      }
    });

    test('beyond the streams an instance may hold, then 503; a closed stream frees its place', async () => {
      const { slug } = await openConversation(t, { title: 'Live cap', seeds: ['C1'] });
      const events = `/consultations/${slug}/conversation/results/events`;
      const first = await connect(events);
      assert.equal(first.response.status, 200);
      await first.until(/^retry: \d+$/m);

      const refused = await fetch(`${origin}${events}`);
      assert.equal(refused.status, 503);
      assert.ok(refused.headers.get('retry-after'));
      assert.match(await refused.text(), /Reload the page/);

      first.close();
      // The server sees the disconnection shortly after; then a stream is welcome again.
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        await sleep(20);
        const again = await connect(events);
        status = again.response.status;
        if (status === 200) again.close();
        else await again.response.text();
      }
      assert.equal(status, 200, 'the place of the closed stream was given back');
    });

    test('a conversation nobody may see has no stream', async () => {
      const response = await fetch(
        `${origin}/consultations/nothing-here/conversation/results/events`,
      );
      assert.equal(response.status, 404);
    });
  });
}

describe('live results at shutdown', () => {
  test('when the server closes, then the open streams end instead of holding it open', async () => {
    const t = await startTestApp('sqlite');
    const controller = new AbortController();
    try {
      const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { slug } = await openConversation(t, { title: 'Live shutdown', seeds: ['S1'] });
      const response = await fetch(`${origin}/consultations/${slug}/conversation/results/events`, {
        signal: controller.signal,
      });
      const stream = new Stream(response, controller);
      await stream.until(/^retry: \d+$/m);
      const closed = t.app.close().then(() => 'closed');
      assert.equal(await Promise.race([closed, sleep(3_000).then(() => 'still open')]), 'closed');
      await assert.rejects(stream.until(/never/, 1_000), /the stream ended/);
    } finally {
      // Should the server not end the stream, the client does, so that a failure cannot hang.
      controller.abort();
      await t.close();
    }
  });
});
