// The optional provider against a local fake OpenAI-compatible server: never called unless the
// operator configured it AND the secretariat enabled it for the consultation; then its summary
// is used, it is named in the Method section, and it receives no contributor's name.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.ts';
import {
  FAKE_SUMMARY as SUMMARY,
  fakeProvider,
  reportFixture,
  signIn,
  type ReportFixture,
  type Received,
} from './reports.fixtures.ts';

describe('the optional synthesis provider', () => {
  const received: Received[] = [];
  const server = fakeProvider(received);
  let t: TestApp;
  let f: ReportFixture;
  let secretariat: TestClient;
  let host: string;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await startTestApp('sqlite', {
      env: {
        SYNTHESIS_PROVIDER_URL: `http://${host}/v1`,
        SYNTHESIS_PROVIDER_MODEL: 'fake-model',
        SYNTHESIS_PROVIDER_EMBEDDING_MODEL: 'fake-embed',
      },
    });
    f = await reportFixture(t, { key: 'provider', rule: 'chatham_house', count: 8 });
    secretariat = await signIn(t, f.secretariatEmail);
  });
  after(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const base = () => `/consultations/${f.slug}/report`;

  test('when configured but not enabled for the consultation, then nothing is sent to it', async () => {
    await secretariat.post(`${base()}/generate`);
    await t.worker.drain();
    assert.deepEqual(received, []);
    const draft = await secretariat.get(`${base()}/draft`);
    assert.match(draft.body, /No external model was used/);
    assert.match(
      draft.body,
      /Arabic, Russian or Chinese join themes in other languages only through/,
    );
  });

  test('when enabled, then its summary is used, it is named in the Method section, and no name reaches it', async () => {
    assert.equal(
      (await secretariat.post(`${base()}/settings`, { provider: 'on' })).statusCode,
      303,
    );
    await secretariat.post(`${base()}/generate`);
    await t.worker.drain();
    const chats = received.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(chats.length, 1);
    assert.equal(JSON.parse(chats[0]!.body).model, 'fake-model');
    for (const author of f.authors) {
      assert.ok(!chats[0]!.body.includes(author.user!.displayName));
      assert.ok(!chats[0]!.body.includes(author.user!.email));
    }
    const draft = await secretariat.get(`${base()}/draft`);
    assert.ok(draft.body.includes(SUMMARY), 'the summary is the provider’s');
    assert.match(draft.body, /embedding model fake-embed/);
    assert.match(draft.body, /fake-model/);
    assert.ok(draft.body.includes(host), 'the Method section names the endpoint');
  });

  test('when enabled with an embedding model, then every input is embedded once and themes join languages', async () => {
    const embeds = received.filter((r) => r.path === '/v1/embeddings');
    const sent = embeds.flatMap((r) => (JSON.parse(r.body) as { input: string[] }).input);
    assert.ok(embeds.every((r) => JSON.parse(r.body).model === 'fake-embed'));
    assert.equal(sent.length, new Set(sent).size);
    assert.equal(sent.length, 8);
    for (const author of f.authors) {
      for (const r of embeds) assert.ok(!r.body.includes(author.user!.displayName));
    }
    const { draft } = await t.services.reports.draftPage(f.secretariat, f.slug);
    const themes = draft!.items.filter((i) => i.section === 'trends');
    // The Spanish and Arabic inputs on encryption share no word: only the embeddings join them.
    const [es, ar] = [f.submissionIds[4]!, f.submissionIds[5]!];
    assert.ok(themes.some((th) => th.sourceIds.includes(es) && th.sourceIds.includes(ar)));
    const [zh, ru] = [f.submissionIds[6]!, f.submissionIds[7]!];
    assert.ok(themes.some((th) => th.sourceIds.includes(zh) && th.sourceIds.includes(ru)));
  });

  test('when turned off again, then the next draft is the local engine’s alone', async () => {
    await secretariat.post(`${base()}/settings`, {});
    const before = received.length;
    await secretariat.post(`${base()}/generate`);
    await t.worker.drain();
    assert.equal(received.length, before);
    assert.doesNotMatch((await secretariat.get(`${base()}/draft`)).body, /fake-model/);
  });
});
