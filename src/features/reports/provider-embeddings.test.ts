// The embeddings client against a local fake OpenAI-compatible server: batches, order, retries
// with backoff on 429 and 5xx, and a clear error when the provider keeps failing.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import { providerEmbeddings } from './provider-embeddings.ts';

/** Each reply is taken from the queue; past its end, a 200 with one embedding per input. */
type Reply = { status: number; headers?: Record<string, string> };

describe('provider embeddings', () => {
  const requests: Array<{ model: string; input: string[]; authorization?: string }> = [];
  let replies: Reply[] = [];
  let server: Server;
  let url: string;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };

  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const parsed = JSON.parse(body) as { model: string; input: string[] };
        requests.push({ ...parsed, authorization: request.headers.authorization });
        const reply = replies.shift();
        if (reply) {
          response.writeHead(reply.status, reply.headers ?? {});
          response.end('{}');
          return;
        }
        // Reversed on purpose: clients must order by `index`, not by position.
        const data = parsed.input
          .map((text, index) => ({ index, embedding: [text.length, 1] }))
          .reverse();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    requests.length = 0;
    waits.length = 0;
    replies = [];
  });
  const config = () => ({ url, model: undefined, embeddingModel: 'fake-embed', key: 'k1' });

  test('when texts exceed a batch, then they are sent in batches, once each, and come back in order', async () => {
    const texts = ['a', 'bb', 'ccc', 'bb', 'ddddd'];
    const fractions: number[] = [];
    const out = await providerEmbeddings(config(), texts, {
      batchSize: 2,
      sleep,
      onProgress: async (f) => void fractions.push(f),
    });
    assert.deepEqual(
      out,
      texts.map((t) => [t.length, 1]),
    );
    assert.deepEqual(
      requests.map((r) => r.input),
      [
        ['a', 'bb'],
        ['ccc', 'ddddd'],
      ],
    );
    assert.ok(requests.every((r) => r.model === 'fake-embed' && r.authorization === 'Bearer k1'));
    assert.deepEqual(fractions, [0.5, 1]);
  });

  test('when the provider answers 429 or 503, then the batch is retried after a growing wait', async () => {
    replies = [{ status: 429, headers: { 'retry-after': '2' } }, { status: 503 }];
    const out = await providerEmbeddings(config(), ['x'], { sleep, backoffMs: 100 });
    assert.deepEqual(out, [[1, 1]]);
    assert.equal(requests.length, 3);
    assert.deepEqual(waits, [2000, 200]);
  });

  test('when the provider keeps failing, then a clear error says so after the last attempt', async () => {
    replies = Array.from({ length: 3 }, () => ({ status: 500 }));
    await assert.rejects(
      providerEmbeddings(config(), ['x'], { sleep, attempts: 3 }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'provider_failed' &&
        /embeddings failed: it answered 500 \(3 attempts\)/.test(error.message),
    );
    assert.equal(requests.length, 3);
  });

  test('when the provider refuses the request, then it is not retried', async () => {
    replies = [{ status: 401 }];
    await assert.rejects(providerEmbeddings(config(), ['x'], { sleep }), /answered 401/);
    assert.equal(requests.length, 1);
  });

  test('when the provider is unreachable or slow, then the error says so', async () => {
    const down = { ...config(), url: 'http://127.0.0.1:1/v1' };
    await assert.rejects(
      providerEmbeddings(down, ['x'], { sleep, attempts: 2 }),
      /unreachable \(2 attempts\)/,
    );
    const slow: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      );
    await assert.rejects(
      providerEmbeddings(config(), ['x'], { sleep, attempts: 1, timeoutMs: 20, fetchImpl: slow }),
      /timed out \(1 attempt\)/,
    );
  });
});
